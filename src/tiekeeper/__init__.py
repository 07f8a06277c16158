"""tiekeeper: a local-first relationship manager and networking coach."""

__version__ = "0.1.0"
