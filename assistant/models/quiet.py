"""Keeping transformers' progress bars and advice off the user's terminal."""

from __future__ import annotations

from typing import Any

_done = False


def quiet_transformers() -> None:
    """Silence transformers' and huggingface_hub's progress bars and warnings (once per process).

    Loading a model prints a "Loading weights" bar and advice meant for library authors; Slate
    reports errors itself, as one line.
    """
    global _done
    if _done:
        return
    _done = True
    import os

    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import importlib

    hf_logging: Any = importlib.import_module("transformers.utils.logging")
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    hub_utils: Any = importlib.import_module("huggingface_hub.utils")
    if hasattr(hub_utils, "disable_progress_bars"):
        hub_utils.disable_progress_bars()
