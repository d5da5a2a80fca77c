"""statusgen: a static status-page generator for OneUptime."""

__version__ = "0.1.0"
