"""Converting a GGUF file once into a safetensors folder in the cache, so later loads are fast.

transformers reads a GGUF by dequantizing every tensor and rebuilding the tokenizer from the file's
metadata: about 14 s for SmolLM2-135M on 2 idle cores (the tokenizer alone ~9 s). Loading the same
weights from a float32 safetensors folder takes ~0.3 s. So the first load converts, writes the
folder atomically, and every later load reads the folder.

The folder is keyed by the GGUF's path, size and modification time (no hashing on the fast path);
its ``slate-source.json`` records the file's SHA-256, checked once, when converting.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import json
import os
import shutil
import struct
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assistant.errors import ModelUnavailableError
from assistant.models.known import FETCH_COMMAND

SOURCE_RECORD = "slate-source.json"
"""Written last into a converted folder: its presence means the conversion finished."""
GGUF_MAGIC = b"GGUF"
_CHUNK = 1 << 20

GGUF_FILE_ERRORS: tuple[type[Exception], ...] = (
    OSError, ValueError, KeyError, EOFError, struct.error
)  # fmt: skip
"""What reading a bad GGUF raises: a truncated file fails in ``struct.unpack`` (header) or as a
``ValueError`` (a tensor that cannot be reshaped), a file lacking a metadata field the
architecture needs as a ``KeyError``, an unsupported architecture as a ``ValueError``. Anything
else is a bug or a library change, not a bad file, and is not turned into "cannot read"."""


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def converted_dir(gguf: Path, cache_dir: Path) -> Path:
    """The cache folder a GGUF converts into (it may not exist yet)."""
    stat = gguf.stat()
    stamp = f"{gguf.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
    key = hashlib.sha256(stamp.encode()).hexdigest()[:16]
    return cache_dir / "converted" / f"{gguf.stem}-{key}"


def check_gguf(gguf: Path, expected_sha256: str | None = None) -> str:
    """Check a GGUF file before the slow conversion; return its SHA-256.

    Raises:
        ModelUnavailableError: missing, not a GGUF, or not the expected file; the message says
            how to get the right one.
    """
    fix = f"run `{FETCH_COMMAND}`" if expected_sha256 else "point models.generator.path at a GGUF"
    if not gguf.is_file():
        raise ModelUnavailableError(f"Model file {gguf} does not exist: {fix}")
    with gguf.open("rb") as handle:
        magic = handle.read(4)
    if magic != GGUF_MAGIC:
        raise ModelUnavailableError(f"{gguf} is not a GGUF file (it does not start with 'GGUF')")
    digest = file_sha256(gguf)
    if expected_sha256 is not None and digest != expected_sha256:
        raise ModelUnavailableError(
            f"{gguf} is damaged or not the expected model (sha256 {digest[:12]}..., expected "
            f"{expected_sha256[:12]}...): delete it and {fix}"
        )
    return digest


def ensure_converted(gguf: Path, cache_dir: Path, expected_sha256: str | None = None) -> Path:
    """The safetensors folder for ``gguf``, converting it first if needed.

    Args:
        gguf: the GGUF file.
        cache_dir: Slate's cache folder (the result is under ``converted/``).
        expected_sha256: when given (the default model), the file must have this hash.

    Returns:
        A folder ``from_pretrained`` loads (config, weights, tokenizer, chat template).

    Raises:
        ModelUnavailableError: the file is missing, truncated, corrupt or of an unsupported
            architecture, or the cache folder cannot be written.
    """
    if not gguf.is_file():
        check_gguf(gguf, expected_sha256)  # raises with the right advice
    target = converted_dir(gguf, cache_dir)
    if (target / SOURCE_RECORD).is_file():
        return target
    digest = check_gguf(gguf, expected_sha256)
    model, tokenizer = _load_gguf(gguf)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as exc:
        raise ModelUnavailableError(
            f"Cannot write the converted model under {target.parent}: {exc.strerror or exc}; "
            f"set SLATE_CACHE_DIR to a writable folder"
        ) from exc
    try:
        _save(model, tokenizer, tmp)
        record = {"gguf": str(gguf.resolve()), "size": gguf.stat().st_size, "sha256": digest}
        (tmp / SOURCE_RECORD).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        _replace_dir(tmp, target)
    except OSError as exc:
        raise ModelUnavailableError(
            f"Cannot write the converted model to {target}: {exc.strerror or exc}"
        ) from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    _remove_stale(target, gguf)
    return target


def _load_gguf(gguf: Path) -> tuple[Any, Any]:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    from assistant.models.quiet import quiet_transformers

    quiet_transformers()
    from transformers import AutoModelForCausalLM, AutoTokenizer

    folder, name = str(gguf.parent), gguf.name
    try:
        with _no_tqdm():
            tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=name, local_files_only=True)
            model = AutoModelForCausalLM.from_pretrained(
                folder, gguf_file=name, dtype=torch.float32, local_files_only=True
            )
    except GGUF_FILE_ERRORS as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise ModelUnavailableError(
            f"Cannot read GGUF {gguf} (truncated, corrupt or an unsupported architecture): {first}"
        ) from exc
    return model, tokenizer


@contextlib.contextmanager
def _no_tqdm() -> Iterator[None]:
    """Hide the "Converting and de-quantizing GGUF tensors" bar, which transformers draws with
    tqdm directly (not through its logging switches); callers report progress themselves."""
    from functools import partial

    gguf_utils: Any = importlib.import_module("transformers.modeling_gguf_pytorch_utils")
    original = getattr(gguf_utils, "tqdm", None)
    if original is None:
        yield
        return
    gguf_utils.tqdm = partial(original, disable=True)
    try:
        yield
    finally:
        gguf_utils.tqdm = original


def _save(model: Any, tokenizer: Any, folder: Path) -> None:
    # transformers 5 keeps a GGUF quantizer on the model, whose save_pretrained then refuses
    # ("not serializable"); the weights are plain float32 by now (no `kernels` package, so it
    # dequantized them all), so drop the quantizer and save them as they are.
    model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)


def _replace_dir(tmp: Path, target: Path) -> None:
    try:
        os.replace(tmp, target)
    except OSError:
        # Another process converted the same file meanwhile (rename onto a non-empty folder
        # fails): keep theirs if it is complete.
        if not (target / SOURCE_RECORD).is_file():
            shutil.rmtree(target, ignore_errors=True)
            os.replace(tmp, target)


def _remove_stale(target: Path, gguf: Path) -> None:
    """Drop older conversions of the same GGUF path (~540 MB each) once a new one is in place."""
    source = str(gguf.resolve())
    for sibling in target.parent.iterdir():
        record = sibling / SOURCE_RECORD
        if sibling == target or not record.is_file():
            continue
        try:
            if json.loads(record.read_text(encoding="utf-8")).get("gguf") == source:
                shutil.rmtree(sibling, ignore_errors=True)
        except (OSError, ValueError):
            continue
