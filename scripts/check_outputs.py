"""Fingerprints of everything the importers and exporters produce, to prove a change leaves output
byte-identical.

For every file under ``tests/fixtures`` and ``assistant/samples`` (read as ``slate`` reads it, and
text files also forced as Fountain and as plain text) and every family of
``bench_adversarial.py`` at 3 KB and 20 KB, it records a SHA-256 of: the parsed model's JSON,
``compute_stats`` as JSON, ``to_fountain``, ``to_fdx``, and the model's JSON after reading the
Fountain export back; a case that is refused records its message instead.

    python scripts/check_outputs.py --write /tmp/before.json     # on the old code
    python scripts/check_outputs.py --compare /tmp/before.json   # on the new: lists differences
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

SIZES = (3 * 1024, 20 * 1024)
TEXT_SUFFIXES = (".fountain", ".txt")


def _digest(text: str) -> str:
    text = text.replace(str(ROOT), "<root>")  # a path in a message or the model's source
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def _cases(also: list[Path]) -> Iterator[tuple[str, Callable[[], object]]]:
    from bench_adversarial import FAMILIES

    from assistant.script.reading import parse_bytes, read_script

    folders = [ROOT / "tests" / "fixtures", ROOT / "assistant" / "samples", *also]
    paths = sorted(
        path
        for folder in folders
        for path in folder.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".json", ".md", ".toml")
    )
    for path in paths:
        name = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
        yield name, lambda path=path: read_script(path)
        if path.suffix in TEXT_SUFFIXES:
            for fmt in ("fountain", "plain"):
                yield f"{name}@{fmt}", lambda path=path, fmt=fmt: read_script(path, format=fmt)
    for family, (fmt, build) in FAMILIES.items():
        for size in SIZES:
            data = build(size).encode("utf-8")
            yield f"{family}@{size}", lambda data=data, fmt=fmt: parse_bytes(data, format=fmt)


def fingerprints(also: list[Path]) -> dict[str, dict[str, str]]:
    """Every case's outputs, each as a short digest (or the error that refused it)."""
    from assistant.script.fdx_export import to_fdx
    from assistant.script.fountain_export import to_fountain
    from assistant.script.model import Screenplay
    from assistant.script.reading import parse_bytes
    from assistant.script.stats import compute_stats

    result: dict[str, dict[str, str]] = {}
    for name, read in _cases(also):
        outputs: dict[str, str] = {}
        try:
            screenplay = read()
        except Exception as exc:
            result[name] = {"error": _digest(f"{type(exc).__name__}: {exc}")}
            continue
        assert isinstance(screenplay, Screenplay)
        outputs["model"] = _digest(screenplay.model_dump_json())
        outputs["stats"] = _digest(compute_stats(screenplay).model_dump_json())
        fountain = to_fountain(screenplay)
        outputs["fountain"] = _digest(fountain)
        outputs["fdx"] = _digest(to_fdx(screenplay))
        try:
            again = parse_bytes(fountain.encode("utf-8", "surrogatepass"), format="fountain")
            outputs["reparse"] = _digest(again.model_dump_json(exclude={"source"}))
        except Exception as exc:
            outputs["reparse"] = _digest(f"{type(exc).__name__}: {exc}")
        result[name] = outputs
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, help="write the fingerprints to this JSON file")
    group.add_argument("--compare", type=Path, help="compare with fingerprints written before")
    parser.add_argument(
        "--also", type=Path, action="append", default=[], help="a folder of more scripts to read"
    )
    args = parser.parse_args()
    now = fingerprints(args.also)
    if args.write:
        args.write.write_text(json.dumps(now, indent=1, sort_keys=True))
        print(f"{len(now)} cases written to {args.write}")
        return
    before: dict[str, dict[str, str]] = json.loads(args.compare.read_text())
    differ = sorted(
        name for name in before.keys() | now.keys() if before.get(name) != now.get(name)
    )
    for name in differ:
        print(f"DIFFERS {name}: {before.get(name)} -> {now.get(name)}")
    print(f"{len(now)} cases, {len(differ)} differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
