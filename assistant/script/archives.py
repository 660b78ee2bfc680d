"""One member of a zip archive, read defensively (Fade In and Highland files are zip archives).

Nothing is extracted to disk; the member is read into memory with its size capped while reading,
so an archive whose headers lie about sizes cannot make Slate read more than the cap. Each way an
archive can be wrong (not a zip, password-protected, an unsafe member name, a bomb, a huge or
missing member, a damaged stream) is one ``ScriptReadError`` worded for the user.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Callable

from assistant.errors import ScriptReadError

MAX_MEMBERS = 10_000
"""A script archive holds a handful of files (a text, an info file, a few images)."""
MAX_MEMBER_BYTES = 25 * 1024 * 1024
"""The largest member read: the same cap as a screenplay file (``reading.MAX_SCRIPT_BYTES``)."""
BOMB_RATIO = 200
"""Uncompressed-to-compressed ratio above which a large member is taken for a zip bomb: text
compresses 3-10x; 25 MB of one repeated byte compresses about 1000x."""
BOMB_MIN_BYTES = 1024 * 1024
"""Members below 1 MB are never called bombs: a tiny file of blanks compresses very well too."""

_DRIVE = re.compile(r"^[A-Za-z]:")


def read_member(data: bytes, wanted: Callable[[str], bool], *, what: str, name: str) -> bytes:
    """The bytes of the first member whose name ``wanted`` accepts (shallowest path first).

    Args:
        data: the archive's bytes.
        wanted: picks the member from its name inside the archive (``/``-separated).
        what: what the member is, for messages (``"document.xml"``).
        name: what to call the archive in messages (``"input"`` or a format name).

    Returns:
        The member's uncompressed bytes, at most ``MAX_MEMBER_BYTES``.

    Raises:
        ScriptReadError: not a zip archive; too many members; a member name that is absolute or
            climbs out with ``..``; no member ``wanted`` accepts; the member is encrypted, too
            large, compressed suspiciously well, damaged, or uses an unknown compression.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise ScriptReadError(f"{name} is not a readable zip archive ({exc})") from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise ScriptReadError(
                f"{name} is a zip archive of {len(infos)} files; a script archive holds a few"
            )
        for info in infos:
            if not is_safe_member_name(info.filename):
                raise ScriptReadError(
                    f"{name} holds a file with an unsafe path name ({info.filename!r}); "
                    "Slate does not read such archives"
                )
        found = sorted(
            (i for i in infos if not i.is_dir() and wanted(i.filename)),
            key=lambda i: (i.filename.count("/"), i.filename),
        )
        if not found:
            raise ScriptReadError(f"{name} is a zip archive with no {what} in it")
        return _read_capped(archive, found[0], name)


def is_safe_member_name(member: str) -> bool:
    """Whether a member name stays inside the archive: relative, no ``..``, no NUL, no drive."""
    if not member or "\x00" in member or member.startswith(("/", "\\")) or _DRIVE.match(member):
        return False
    return ".." not in re.split(r"[/\\]", member)


def _read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    shown = info.filename
    if info.flag_bits & 0x1:
        raise ScriptReadError(f"{name} is password-protected ({shown} is encrypted)")
    if info.file_size > MAX_MEMBER_BYTES:
        raise ScriptReadError(_too_big(name, shown, info.file_size))
    ratio = info.file_size // max(1, info.compress_size)
    if info.file_size > BOMB_MIN_BYTES and ratio > BOMB_RATIO:
        raise ScriptReadError(f"{name} looks like a zip bomb ({shown} expands {ratio}x)")
    try:
        with archive.open(info) as member:
            body = member.read(MAX_MEMBER_BYTES + 1)  # the header may understate the size
    except NotImplementedError as exc:
        raise ScriptReadError(f"{name}: {shown} uses a compression Slate cannot read") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise ScriptReadError(f"{name} is a damaged zip archive ({shown}: {exc})") from exc
    if len(body) > MAX_MEMBER_BYTES:
        raise ScriptReadError(_too_big(name, shown, len(body)))
    return body


def _too_big(name: str, member: str, size: int) -> str:
    return (
        f"{name}: {member} is {size / 1_048_576:.1f} MB uncompressed; Slate reads scripts up to "
        f"{MAX_MEMBER_BYTES // 1_048_576} MB"
    )


def member_names(data: bytes) -> list[str]:
    """Names inside a zip archive, or an empty list when the bytes are not a readable zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.namelist()[:MAX_MEMBERS]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        return []
