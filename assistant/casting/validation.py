"""Reading a generation's header and checking it against its files and the embedder, so that a
missing, truncated, corrupt or mismatched index is one clear line with the rebuild command."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from assistant.casting.layout import live_generation, rebuild_hint
from assistant.casting.metadata import FORMAT_VERSION, IndexMeta, sha256
from assistant.errors import CastingError


def read_meta(root: Path, *, verify: bool = True, model_id: str | None = None) -> IndexMeta:
    """The live generation's header, checked against its files (sizes always, SHA-256 when
    ``verify``) and against ``model_id`` when given.

    Raises:
        CastingError: no index, or a missing, truncated, corrupt or mismatched one (one line that
            says which and gives the rebuild command).
    """
    return read_live(root, verify=verify, model_id=model_id)[1]


def read_live(
    root: Path, *, verify: bool = True, model_id: str | None = None
) -> tuple[Path, IndexMeta]:
    """The live generation's folder and its header checked as ``read_meta`` does, from one read
    of ``CURRENT``: reading it again to find the folder could name the next generation, if a
    change landed in between, whose files this header (count, rows, checksums) does not describe.

    Raises:
        CastingError: as ``read_meta``.
    """
    gen = live_generation(root)
    return gen, check_generation(root, gen, verify=verify, model_id=model_id)


def check_generation(
    root: Path, gen: Path, *, verify: bool = True, model_id: str | None = None
) -> IndexMeta:
    """The header of generation ``gen``, checked as ``read_meta`` does (its errors)."""
    try:
        meta = IndexMeta.model_validate_json((gen / "meta.json").read_bytes())
    except (OSError, ValidationError) as exc:
        raise CastingError(
            f"The casting index in {root} has no readable header "
            f"({gen.name}/meta.json); {rebuild_hint(root)}"
        ) from exc
    if meta.format != FORMAT_VERSION:
        raise CastingError(
            f"The casting index in {root} is format {meta.format}, this Slate "
            f"reads {FORMAT_VERSION}; {rebuild_hint(root)}"
        )
    for name, (size, digest) in meta.files.items():
        path = gen / name
        actual = path.stat().st_size if path.is_file() else -1
        if actual != size:
            what = "is missing" if actual < 0 else f"has {actual} bytes, header says {size}"
            raise CastingError(
                f"The casting index in {root} is damaged: {name} {what} "
                f"(truncated?); {rebuild_hint(root)}"
            )
        if verify and sha256(path) != digest:
            raise CastingError(
                f"The casting index in {root} is damaged: {name} fails its "
                f"checksum; {rebuild_hint(root)}"
            )
    if model_id is not None and meta.model_id != model_id:
        raise CastingError(
            f"The casting index in {root} was built with embedder "
            f"{meta.model_id!r}, the configured one is {model_id!r}; "
            f"{rebuild_hint(root)}"
        )
    return meta
