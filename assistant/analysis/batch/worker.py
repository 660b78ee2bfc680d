"""What runs in a worker process (or in-process with one job, or on a Dask worker): the models
are loaded once per process, then each call analyses and renders one script."""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from assistant.analysis.batch.models import BatchSettings, ScriptReport
from assistant.errors import SlateError

if TYPE_CHECKING:
    from assistant.models.base import Embedder

_state: dict[str, Callable[[], Embedder]] = {}
"""settings JSON -> the process's embedder builder (one per process and settings)."""


class WorkerResult(BaseModel):
    """One script's result, sent back to the coordinating process."""

    file: str
    report: ScriptReport | None = None
    error: str | None = None
    rendered: dict[str, bytes] = {}
    """Format (``md``, ``html``) -> bytes; the JSON is written from ``report``."""
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    """CPU time of this process on the script (every thread)."""
    peak_rss_mb: float = 0.0
    """The worker process's peak resident memory so far."""


def init_worker(
    settings_json: str, *, ignore_sigint: bool = True, warm: bool = True, threads: int = 0
) -> None:
    """Process initializer: build the embedder and load the shipped model once.

    Ctrl-C is the coordinator's to handle: workers ignore it and are shut down by it.
    ``threads`` (when > 0) caps the math libraries' threads, set before torch is imported: N
    workers each starting one thread per core would fight over the cores.
    """
    if threads > 0:
        for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
            os.environ[name] = str(threads)
    if ignore_sigint:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    builder = _builder(settings_json)
    if warm:
        settings = BatchSettings.model_validate_json(settings_json)
        if "strength" in settings.parts or "beats" in settings.parts:
            from assistant.analysis.strength.scene_strength import shipped_model

            shipped_model()
            # Load the weights now (one short text), not inside the first script's timings. A
            # model that cannot load is left for the scripts to report, one line each.
            with contextlib.suppress(SlateError):
                builder().embed_batch(["Slate"])


def _builder(settings_json: str) -> Callable[[], Embedder]:
    builder = _state.get(settings_json)
    if builder is None:
        from assistant.analysis.batch.parts import load_embedder_factory

        settings = BatchSettings.model_validate_json(settings_json)
        builder = _state[settings_json] = load_embedder_factory(
            settings.embedder, settings.config_file, precision=settings.precision
        )
    return builder


def process_file(path: str, settings_json: str) -> WorkerResult:
    """Analyse and render one script; a failure is returned as a one-line reason, never raised."""
    from assistant.analysis.batch.parts import analyse_script
    from assistant.analysis.batch.render import render_markdown, render_page

    started = time.perf_counter()
    cpu_started = time.process_time()
    settings = BatchSettings.model_validate_json(settings_json)
    result = WorkerResult(file=path)
    try:
        report = analyse_script(Path(path), settings, _builder(settings_json))
        if "md" in settings.formats:
            result.rendered["md"] = render_markdown(report).encode()
        if "html" in settings.formats:
            result.rendered["html"] = render_page(report).encode()
        result.report = report
    except SlateError as exc:
        result.error = exc.message
    except MemoryError:
        result.error = "out of memory"
    except Exception as exc:  # a bug on one script must not stop the library
        result.error = f"unexpected {type(exc).__name__}: {exc}".splitlines()[0]
    result.seconds = time.perf_counter() - started
    result.cpu_seconds = time.process_time() - cpu_started
    result.peak_rss_mb = peak_rss_mb()
    return result


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB: Linux's VmHWM (reset at exec, so a spawned
    worker does not report its parent's peak, as ``ru_maxrss`` does), else ``ru_maxrss``."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
