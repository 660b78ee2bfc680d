"""Saving what a front-end action made: the one overwrite-safe write every ``save_*`` of
``assistant.api`` and the TUI's session export share (the pieces are in ``assistant.files``).

A shared module, beside ``config`` and ``errors``, because both the api and the TUI call it: the
TUI may not import the api's modules, and the api's public names stay those it always had.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.files import WRITTEN_FILES_NAME, WrittenFiles, check_replaceable, write_atomic

if TYPE_CHECKING:
    from assistant.config import Settings


def written_files(settings: Settings) -> WrittenFiles:
    """The record of the files Slate wrote, in the settings' cache folder."""
    return WrittenFiles(settings.cache_dir / WRITTEN_FILES_NAME)


def save_output(
    out: Path,
    data: bytes,
    *,
    inputs: Iterable[Path],
    settings: Settings | None = None,
    force: bool = False,
    also_refuse: Callable[[], None] | None = None,
) -> None:
    """Write ``data`` to ``out`` atomically and record it as Slate's own output.

    Unless ``force``, refuse (and write nothing) when ``out`` is one of ``inputs`` or a file
    Slate did not write (``check_replaceable``), then when ``also_refuse`` raises (a caller's own
    refusal, such as ``save_export``'s suffix check). ``settings`` (loaded when None) names the
    cache folder that holds the record. A record that cannot be saved does not fail the write.

    Raises:
        OverwriteRefusedError: one of the refusals above.
        OutputWriteError: the file cannot be written (full disk, read-only folder); ``out`` is
            left as it was and no temporary file stays behind.
        ConfigError: ``settings`` is None and the settings cannot be loaded.
    """
    if settings is None:
        from assistant.config import load_settings

        settings = load_settings()
    written = written_files(settings)
    if not force:
        check_replaceable(out, data, inputs=inputs, written=written)
        if also_refuse is not None:
            also_refuse()
    write_atomic(out, data)
    written.remember(out, data)
