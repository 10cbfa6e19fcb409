"""The email channel: SMTP over SSL or STARTTLS (or plain, for a local relay), one connection per pass."""

from __future__ import annotations

import email.policy
import logging
import re
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate
from typing import Any

from monitor.config import EmailConfig
from monitor.notify.base import DeliveryError, env_secret, one_line, os_error_text
from monitor.notify.render import render_html, render_subject, render_text

log = logging.getLogger(__name__)

# Headers are not folded at 78 columns: Python folds "Subject: [protocol-monitor] ..." before the "[", and
# some clients then show a leading space. 998 is RFC 5322's hard limit; the subject is cut at 200.
POLICY = email.policy.SMTP.clone(max_line_length=998)


def message_id(alert_id: str, sender: str) -> str:
    """A Message-ID made from the alert id, so a message sent twice carries the same id both times."""
    local = re.sub(r"[^A-Za-z0-9_-]+", "-", str(alert_id)).strip("-") or "alert"
    domain = sender.rpartition("@")[2] if "@" in sender else ""
    domain = re.sub(r"[^A-Za-z0-9.-]+", "", domain).strip(".") or "protocol-monitor.invalid"
    return f"<{local}.alert@{domain}>"


def chart_cid(alert_id: str, sender: str) -> str:
    """The Content-ID of an alert's timeline image, stable like its Message-ID."""
    return "<timeline." + message_id(alert_id, sender)[1:]


def build_message(cfg: EmailConfig, alert: dict[str, Any], chart: bytes | None = None) -> EmailMessage:
    """The message for one alert: plain text with an HTML alternative, both holding evidence, precedent and links.

    `chart`: a PNG of the counterpart's timeline, shown inline in the HTML part (multipart/related)."""
    msg = EmailMessage(policy=POLICY)
    msg["Subject"] = render_subject(alert)
    msg["From"] = cfg.sender
    msg["To"] = ", ".join(cfg.to)
    msg["Date"] = formatdate(usegmt=True)
    msg["Message-ID"] = message_id(str(alert["id"]), cfg.sender)
    msg["Auto-Submitted"] = "auto-generated"
    msg["X-Monitor-Alert-Id"] = str(alert["id"])
    msg["X-Monitor-Severity"] = str(alert.get("severity") or "")
    msg.set_content(render_text(alert))
    if chart is None:
        msg.add_alternative(render_html(alert), subtype="html")
        return msg
    cid = chart_cid(str(alert["id"]), cfg.sender)
    msg.add_alternative(render_html(alert, chart_cid=cid[1:-1]), subtype="html")
    html_part = msg.get_body(("html",))
    if html_part is not None:
        html_part.add_related(chart, maintype="image", subtype="png", cid=cid, disposition="inline",
                              filename="timeline.png")
    return msg


def alert_chart(store: Any, alert: dict[str, Any]) -> bytes | None:
    """The counterpart's timeline for an alert email, or None: a chart that cannot be drawn never stops the email."""
    if store is None:
        return None
    try:
        from monitor.report import alert_chart as draw

        return draw(store, alert)
    except Exception as e:  # noqa: BLE001 (the alert matters more than its picture)
        log.warning("email: no timeline chart for alert %s: %s: %s", alert.get("id"), type(e).__name__, e)
        return None


def _reply(e: smtplib.SMTPResponseException) -> str:
    text = e.smtp_error.decode("utf-8", "replace") if isinstance(e.smtp_error, bytes) else str(e.smtp_error)
    return one_line(f"{e.smtp_code} {text}")


class EmailChannel:
    """Sends alerts by SMTP. Opens the connection on the first alert and keeps it for the pass."""

    name = "email"

    def __init__(self, cfg: EmailConfig, store: Any = None):
        self.cfg = cfg
        self.store = store  # a monitor.store.Store: each email then shows the counterpart's timeline
        self.min_severity = cfg.min_severity
        self.hostport = f"{cfg.host}:{cfg.port}"
        self.mode = "SSL" if cfg.ssl else "STARTTLS" if cfg.starttls else "no TLS"
        self._smtp: smtplib.SMTP | None = None

    # --- connection -----------------------------------------------------------------------

    def _tls_context(self) -> ssl.SSLContext:
        cfg = self.cfg
        try:
            ctx = ssl.create_default_context(cafile=cfg.ca_file)
        except FileNotFoundError:
            raise DeliveryError(f"notify.email.ca_file {cfg.ca_file}: no such file", retry=False,
                                channel_down=True) from None
        except (ssl.SSLError, OSError) as e:
            raise DeliveryError(f"notify.email.ca_file {cfg.ca_file}: cannot load it as PEM certificates: "
                                f"{os_error_text(e)}", retry=False, channel_down=True) from None
        if not cfg.tls_verify:
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
        return ctx

    def _connect(self) -> smtplib.SMTP:
        cfg = self.cfg
        password = None
        if cfg.password_env:
            password = env_secret(cfg.password_env, "notify.email.password_env")
        elif cfg.username:
            raise DeliveryError("notify.email.username is set but password_env is not: name the environment "
                                "variable that holds the password", retry=False, channel_down=True)
        ctx = self._tls_context() if (cfg.ssl or cfg.starttls) else None
        smtp: smtplib.SMTP
        try:
            if cfg.ssl:
                smtp = smtplib.SMTP_SSL(cfg.host, cfg.port, timeout=cfg.timeout_seconds, context=ctx)
            else:
                smtp = smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout_seconds)
        except OSError as e:  # smtplib's and ssl's errors are OSErrors too
            raise self._error(e, "connect") from None
        phase = "connect"
        try:
            if cfg.starttls:
                phase = "starttls"
                smtp.ehlo()
                smtp.starttls(context=ctx)
                smtp.ehlo()
            if password is not None:
                phase = "login"
                smtp.login(cfg.username or cfg.sender, password)
        except OSError as e:
            _close(smtp)
            raise self._error(e, phase) from None
        log.debug("email: connected to %s (%s)", self.hostport, self.mode)
        return smtp

    def _error(self, e: BaseException, phase: str) -> DeliveryError:
        """Say what failed in words a user can act on, and whether trying again may help."""
        hp = self.hostport
        if isinstance(e, DeliveryError):
            return e
        if isinstance(e, smtplib.SMTPAuthenticationError):
            return DeliveryError(f"{hp} refused the login as {self.cfg.username or self.cfg.sender}: {_reply(e)}",
                                 retry=False, channel_down=True)
        if isinstance(e, smtplib.SMTPNotSupportedError):
            hint = ("; use ssl = true, or starttls = false for a relay on this machine" if phase == "starttls"
                    else "; remove username and password_env if the server needs no login")
            return DeliveryError(f"{hp}: {str(e).rstrip('.')}{hint}", retry=False, channel_down=True)
        if isinstance(e, smtplib.SMTPRecipientsRefused):
            refused = e.recipients
            detail = "; ".join(f"{addr}: {code} {msg.decode('utf-8', 'replace') if isinstance(msg, bytes) else msg}"
                               for addr, (code, msg) in refused.items())
            retry = all(code < 500 for code, _ in refused.values())
            return DeliveryError(f"{hp} refused every recipient: {one_line(detail)}", retry=retry)
        if isinstance(e, smtplib.SMTPSenderRefused):
            return DeliveryError(f"{hp} refused the sender {self.cfg.sender}: {_reply(e)}",
                                 retry=e.smtp_code < 500, channel_down=True)
        if isinstance(e, smtplib.SMTPResponseException):
            what = "cannot connect to" if phase == "connect" else "error from"
            return DeliveryError(f"{what} {hp}: {_reply(e)}", retry=e.smtp_code < 500,
                                 channel_down=phase != "send" or e.smtp_code == 421)
        if isinstance(e, smtplib.SMTPServerDisconnected):
            return DeliveryError(f"{hp} closed the connection" + (f": {e}" if str(e) else ""), channel_down=True)
        if isinstance(e, OSError):
            what = {"connect": "cannot connect to", "starttls": "STARTTLS with", "login": "login at"}.get(
                phase, "lost the connection to")
            sep = " failed" if phase in ("starttls", "login") else ""
            return DeliveryError(f"{what} {hp}{sep}: {os_error_text(e)}", channel_down=True)
        return DeliveryError(f"{phase} with {hp}: {type(e).__name__}: {e}", channel_down=True)

    # --- sending --------------------------------------------------------------------------

    def send(self, alert: dict[str, Any]) -> str:
        cfg = self.cfg
        if not cfg.to:
            raise DeliveryError("notify.email.to is empty: name at least one recipient", retry=False, channel_down=True)
        msg = build_message(cfg, alert, chart=alert_chart(self.store, alert))
        for again in (False, True):
            reused = self._smtp is not None
            if self._smtp is None:
                self._smtp = self._connect()
            try:
                refused = self._smtp.send_message(msg, from_addr=cfg.sender, to_addrs=list(cfg.to))
            except smtplib.SMTPServerDisconnected as e:
                self._drop()
                if reused and not again:
                    continue  # the server closed an idle connection: open a new one, once
                raise self._error(e, "send") from None
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as e:
                raise self._error(e, "send") from None  # smtplib has reset the transaction: the connection stays
            except OSError as e:
                self._drop()
                raise self._error(e, "send") from None
            note = ""
            if refused:
                note = "; refused: " + ", ".join(f"{a} ({c})" for a, (c, _) in refused.items())
                log.warning("email: %s refused some recipients of alert %s%s", self.hostport, alert["id"], note)
            delivered = [a for a in cfg.to if a not in refused]
            return f"sent to {', '.join(delivered)} via {self.hostport} ({self.mode}){note}"
        raise AssertionError("unreachable")

    def _drop(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.close()
            finally:
                self._smtp = None

    def close(self) -> None:
        if self._smtp is not None:
            _close(self._smtp)
            self._smtp = None


def _close(smtp: smtplib.SMTP) -> None:
    try:
        smtp.quit()
    except OSError:  # the server went away first: nothing to say goodbye to
        smtp.close()
