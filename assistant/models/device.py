"""Choosing the torch device and thread count (``auto`` picks cuda, then mps, then cpu)."""

from __future__ import annotations

from assistant.errors import ConfigError


def resolve_device(name: str) -> str:
    """The torch device to load a model on.

    Args:
        name: ``auto``, ``cpu``, ``cuda`` (or ``cuda:N``) or ``mps``.

    Returns:
        A device string torch accepts.

    Raises:
        ConfigError: the device was asked for by name but this machine does not have it.
    """
    import torch

    if name == "auto":
        if torch.cuda.is_available():
            return "cuda"
        mps = getattr(torch.backends, "mps", None)
        if mps is not None and mps.is_available():
            return "mps"
        return "cpu"
    if name.startswith("cuda") and not torch.cuda.is_available():
        raise ConfigError(f"Device {name!r} is configured but CUDA is not available; use 'auto'")
    if name == "mps":
        mps = getattr(torch.backends, "mps", None)
        if mps is None or not mps.is_available():
            raise ConfigError("Device 'mps' is configured but MPS is not available; use 'auto'")
    return name


def apply_threads(threads: int | None) -> None:
    """Set torch's intra-op thread count (process-wide); ``None`` keeps torch's default."""
    if threads is None:
        return
    import torch

    if torch.get_num_threads() != threads:
        torch.set_num_threads(threads)
