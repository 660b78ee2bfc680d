"""Commands registered on the Typer app (being built)."""

from __future__ import annotations
