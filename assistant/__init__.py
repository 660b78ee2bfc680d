"""Slate: a local-first screenwriting and pre-production assistant.

Importing this package loads no model and no UI; it only carries the version.
"""

__version__ = "0.1.0"
