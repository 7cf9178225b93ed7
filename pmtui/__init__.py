"""pmtui: a terminal editor for incident postmortems."""

__version__ = "0.1.0"
