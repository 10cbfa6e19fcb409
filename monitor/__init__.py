"""protocol-monitor: watch state media for how leader-to-leader messages are treated."""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
