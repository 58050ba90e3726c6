"""kg: knowledge graphs of attributed diplomatic statements from news articles."""

__version__ = "0.1.0"
