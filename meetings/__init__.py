"""meetings: record and query diplomatic and ministerial meetings."""

__version__ = "0.1.0"
