"""The ``slate`` command line. Every command is a few lines over ``assistant.api``."""

from assistant.cli.main import app

__all__ = ["app"]
