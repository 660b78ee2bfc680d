"""Running a batch: discovery, the resumable manifest, the engines, and writing the outputs.

The coordinator (this process) walks the paths, skips unchanged scripts, hands the rest to the
engine a few at a time (so a 10,000-file folder is never queued whole), and writes each result
atomically as it arrives. Ctrl-C stops submitting, cancels what is queued, keeps what is written,
and returns the summary marked ``interrupted``.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from assistant.analysis.batch.discover import discover
from assistant.analysis.batch.manifest import ManifestEntry, ManifestFile, settings_key
from assistant.analysis.batch.models import BatchSettings, BatchSummary, Engine, FileOutcome
from assistant.analysis.batch.parts import file_digest
from assistant.analysis.batch.worker import WorkerResult, init_worker, process_file
from assistant.errors import OutputWriteError, SlateError
from assistant.files import WrittenFiles, check_replaceable, write_atomic

Progress = Callable[[FileOutcome, int], None]
"""Called after each file with its outcome and the number of scripts found so far."""


class _Submitter(Protocol):
    def submit(self, path: str) -> Future[WorkerResult]: ...
    def close(self, cancel: bool) -> None: ...


def check_writable(out: Path) -> None:
    """Create ``out`` if needed and prove a file can be written there, before any work.

    Raises:
        OutputWriteError: one line naming the folder and why.
    """
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputWriteError(
            f"Cannot write to {out}: {exc.strerror or exc}; nothing was analysed"
        ) from exc
    probe = out / ".slate-write-test"
    try:
        write_atomic(probe, b"")
        probe.unlink()
    except (OutputWriteError, OSError) as exc:
        why = exc.message if isinstance(exc, SlateError) else str(exc)
        raise OutputWriteError(f"{why} (output folder {out}); nothing was analysed") from exc


def run_batch(
    paths: Iterable[Path],
    out: Path,
    settings: BatchSettings,
    *,
    suffixes: set[str],
    jobs: int = 1,
    engine: Engine = "local",
    cluster: str | None = None,
    on_progress: Progress | None = None,
    written: WrittenFiles | None = None,
    force: bool = False,
) -> BatchSummary:
    """Analyse every script under ``paths`` into ``out``; see the module docstring.

    Args:
        suffixes: the suffixes Slate reads (``api.script_formats``).
        jobs: worker processes (local) or LocalCluster workers (dask).
        cluster: a Dask scheduler address; None starts a LocalCluster of ``jobs`` workers.
        written: the record of Slate's own files; outputs not in it are not replaced unless
            ``force``.

    Raises:
        OutputWriteError: ``out`` cannot be written (checked before any work).
    """
    from assistant.analysis.batch.aggregate import write_aggregate

    check_writable(out)
    started = time.perf_counter()
    manifest = ManifestFile(out)
    settings_json = settings.model_dump_json()
    key = settings_key(settings)
    summary = BatchSummary(out=str(out), engine=engine, jobs=jobs)
    reports: dict[str, Any] = {}
    found = 0
    taken: set[str] = set()
    pending: dict[Future[WorkerResult], tuple[str, str, str]] = {}

    def finish(outcome: FileOutcome) -> None:
        summary.outcomes.append(outcome)
        if on_progress is not None:
            on_progress(outcome, found)

    submitter: _Submitter | None = None
    try:
        for item in discover(paths, suffixes, exclude=out):
            if item.reason is not None:
                finish(FileOutcome(file=str(item.path), status="skipped", reason=item.reason))
                continue
            found += 1
            resolved = str(item.path.resolve())
            try:
                sha = file_digest(item.path)
            except OSError as exc:
                finish(
                    FileOutcome(
                        file=str(item.path),
                        status="failed",
                        reason=f"cannot read: {exc.strerror or exc}",
                    )
                )
                continue
            name = manifest.name_for(resolved, item.path.stem, taken)
            taken.add(name)
            entry = manifest.unchanged(resolved, sha, key, out)
            if entry is not None:
                reports[resolved] = entry.report
                finish(FileOutcome(file=str(item.path), status="unchanged", report=entry.report))
                continue
            if submitter is None:
                submitter = _start(engine, jobs, settings_json, cluster)
            future = submitter.submit(str(item.path))
            pending[future] = (resolved, name, sha)
            while len(pending) >= max(2, 2 * jobs):
                _drain(
                    pending,
                    FIRST_COMPLETED,
                    lambda r, k: _store(
                        r, k, out, manifest, key, settings, written, force, reports, finish
                    ),
                )
        while pending:
            _drain(
                pending,
                FIRST_COMPLETED,
                lambda r, k: _store(
                    r, k, out, manifest, key, settings, written, force, reports, finish
                ),
            )
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        if submitter is not None:
            submitter.close(cancel=True)
    write_aggregate(out, list(reports.values()), written=written, force=force)
    summary.seconds = time.perf_counter() - started
    return summary


def _drain(
    pending: dict[Future[WorkerResult], tuple[str, str, str]],
    when: str,
    store: Callable[[WorkerResult, tuple[str, str, str]], None],
) -> None:
    done, _ = wait(list(pending), return_when=when)
    # ``done`` is a set: take its futures in submission order (``pending`` keeps it), so that
    # files finished together are reported, stored and counted in the walk's order every run.
    for future in [f for f in pending if f in done]:
        keys = pending.pop(future)
        try:
            result = future.result()
        except Exception as exc:  # the worker process died (killed, out of memory)
            result = WorkerResult(file=keys[0], error=f"worker failed: {type(exc).__name__}: {exc}")
        store(result, keys)


def _store(
    result: WorkerResult,
    keys: tuple[str, str, str],
    out: Path,
    manifest: ManifestFile,
    key: str,
    settings: BatchSettings,
    written: WrittenFiles | None,
    force: bool,
    reports: dict[str, Any],
    finish: Callable[[FileOutcome], None],
) -> None:
    resolved, name, sha = keys
    report = result.report
    if report is None:
        finish(
            FileOutcome(
                file=result.file, status="failed", reason=result.error, seconds=result.seconds
            )
        )
        return
    report.name = name
    files: dict[str, bytes] = {}
    if "json" in settings.formats:
        files[f"{name}.json"] = report.model_dump_json(indent=2).encode()
    for fmt, data in result.rendered.items():
        files[f"{name}.{fmt}"] = data
    try:
        for filename, data in files.items():
            target = out / filename
            if written is not None and not force:
                check_replaceable(target, data, inputs=[Path(resolved)], written=written)
            write_atomic(target, data)
            if written is not None:
                written.remember(target, data)
        manifest.record(
            resolved,
            ManifestEntry(
                name=name, sha256=sha, settings_key=key, outputs=list(files), report=report
            ),
        )
    except SlateError as exc:
        finish(
            FileOutcome(
                file=result.file, status="failed", reason=exc.message, seconds=result.seconds
            )
        )
        return
    reports[resolved] = report
    finish(
        FileOutcome(
            file=result.file,
            status="done",
            report=report,
            seconds=result.seconds,
            cpu_seconds=result.cpu_seconds,
            peak_rss_mb=result.peak_rss_mb,
        )
    )


class _InProcess:
    """One job: run in this process (the models load once, on the first script)."""

    def __init__(self, settings_json: str) -> None:
        self.settings_json = settings_json
        init_worker(settings_json, ignore_sigint=False, warm=False)

    def submit(self, path: str) -> Future[WorkerResult]:
        future: Future[WorkerResult] = Future()
        future.set_result(process_file(path, self.settings_json))
        return future

    def close(self, cancel: bool) -> None:
        return None


class _Processes:
    """Worker processes (spawn: no forked model state); each loads the models once."""

    def __init__(self, jobs: int, settings_json: str) -> None:
        self.settings_json = settings_json
        self.pool = ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=partial(init_worker, threads=_threads(jobs)),
            initargs=(settings_json,),
        )

    def submit(self, path: str) -> Future[WorkerResult]:
        return self.pool.submit(process_file, path, self.settings_json)

    def close(self, cancel: bool) -> None:
        self.pool.shutdown(wait=True, cancel_futures=cancel)


def _threads(jobs: int) -> int:
    """Math-library threads per worker: the cores shared out, at least one."""
    return max(1, (os.cpu_count() or 1) // jobs)


def _start(engine: Engine, jobs: int, settings_json: str, cluster: str | None) -> _Submitter:
    if engine == "dask":
        from assistant.analysis.batch.dask_engine import DaskSubmitter

        return DaskSubmitter(jobs, settings_json, cluster)
    if jobs <= 1:
        return _InProcess(settings_json)
    return _Processes(jobs, settings_json)


def iter_outcomes(summary: BatchSummary, status: str) -> Iterator[FileOutcome]:
    return (o for o in summary.outcomes if o.status == status)
