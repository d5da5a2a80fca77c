"""statusgen: a static status-page generator for OneUptime."""

__version__ = "0.1.0"

from generator import dataclass_code

dataclass_code.install()  # before any module of the package makes a dataclass
