"""One error hierarchy; every message says what to do about it."""


class MonitorError(Exception):
    """Base of every error the CLI turns into a one-line message."""


class ConfigError(MonitorError):
    """The configuration file is missing, unreadable or holds a bad value."""


class InputError(MonitorError):
    """A document given on the command line cannot be read."""


class FetchError(MonitorError):
    """A source could not be fetched or parsed; `reason` is a short word for `monitor sources`."""

    def __init__(self, message: str, reason: str = "error"):
        super().__init__(message)
        self.reason = reason


class NotifyError(MonitorError):
    """A channel could not deliver; `retry` says whether trying again may help."""

    def __init__(self, message: str, retry: bool = True):
        super().__init__(message)
        self.retry = retry


class LockError(MonitorError):
    """Another daemon holds the state directory."""
