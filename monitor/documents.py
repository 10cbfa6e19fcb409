"""Read input documents: plain text or HTML files, with a header block or a manifest.toml beside them."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path
from typing import Iterable

from monitor.errors import InputError
from monitor.models import Document, Source

HEADER_KEYS = ("url", "outlet", "published", "title")
_HEADER_LINE = re.compile(r"^(url|outlet|published|title)\s*:\s*(.*)$", re.I)
_HTML = re.compile(r"<(?:!doctype html|html|body|p|div|article|h1|h2|br)\b", re.I)
SUFFIXES = {".txt", ".html", ".htm", ".md", ""}


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return None if not value or value.lower() in ("unknown", "none", "null", "-") else value


def _iso(value: str | None, where: str) -> str | None:
    value = _clean(value)
    if value is None:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        raise InputError(f"{where}: published must be an ISO date (YYYY-MM-DD) or 'unknown', got {value!r}") from None


def split_header(raw: str) -> tuple[dict[str, str], str]:
    """Split a leading `key: value` block ended by `---` from the body. No block: ({}, raw)."""
    lines = raw.lstrip("\ufeff").split("\n")
    header: dict[str, str] = {}
    for i, line in enumerate(lines[:12]):
        if line.strip() == "---" and header:
            return header, "\n".join(lines[i + 1:])
        m = _HEADER_LINE.match(line.strip())
        if not m:
            break
        header[m.group(1).lower()] = m.group(2)
    return {}, raw


def _manifest(folder: Path) -> dict[str, dict[str, str]]:
    path = folder / "manifest.toml"
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: is not valid TOML: {e}") from None
    return {k: v for k, v in data.items() if isinstance(v, dict)}


def is_html(text: str) -> bool:
    return bool(_HTML.search(text[:4000]))


def read_document(path: Path, manifest: dict[str, dict[str, str]] | None = None) -> Document:
    """One file into a Document. Metadata: header block, else manifest entry, else the text."""
    try:
        raw = path.read_bytes().decode("utf-8", errors="replace")
    except OSError as e:
        raise InputError(f"{path}: cannot read it: {e.strerror}") from None
    header, body = split_header(raw)
    meta = header or (manifest or {}).get(path.name, {})
    title = _clean(meta.get("title"))
    if is_html(body):
        from monitor.fetch import html_to_text
        html_title, body = html_to_text(body)
        title = title or html_title
    source = Source(path=str(path), url=_clean(meta.get("url")), outlet=_clean(meta.get("outlet")),
                    published=_iso(meta.get("published"), str(path)))
    return Document(source=source, title=title, text=body)


def iter_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the documents inside folders named (sorted; manifests and expectations skipped)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                              and not f.name.startswith(".") and f.name != "README.md"))
        elif p.is_file():
            out.append(p)
        else:
            raise InputError(f"{p}: no such file or folder")
    return out


def read_documents(paths: Iterable[str | Path]) -> list[Document]:
    manifests: dict[Path, dict[str, dict[str, str]]] = {}
    docs = []
    for path in iter_paths(paths):
        folder = path.parent
        if folder not in manifests:
            manifests[folder] = _manifest(folder)
        docs.append(read_document(path, manifests[folder]))
    return docs
