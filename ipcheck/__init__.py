"""ipcheck: check a city's IP work summary against its plan, item by item, with evidence."""

__version__ = "0.1.0"
