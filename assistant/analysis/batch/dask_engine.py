"""``--engine dask``: the same per-script function on a Dask cluster (a scheduler address, or a
LocalCluster of worker processes started here). Dask distributed is BSD-3 and pure Python."""

from __future__ import annotations

import os
from concurrent.futures import Future
from typing import Any

from assistant.analysis.batch.worker import WorkerResult, init_worker, process_file
from assistant.errors import ConfigError


class DaskSubmitter:
    """Submits ``process_file`` to Dask workers; each worker process loads the models once."""

    def __init__(self, jobs: int, settings_json: str, address: str | None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise ConfigError(
                "--engine dask needs Dask distributed: pip install 'slate[cluster]'"
            ) from exc
        self.settings_json = settings_json
        self.cluster: Any = None
        if address is None:
            self.cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=max(1, jobs),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=40,
            )
            self.client: Any = Client(self.cluster)  # type: ignore[no-untyped-call]
        else:
            try:
                self.client = Client(address, timeout=20)  # type: ignore[no-untyped-call]
            except OSError as exc:
                raise ConfigError(f"Cannot reach the Dask scheduler at {address}: {exc}") from exc
        # Warm every worker now (the first script then runs at speed); signals are the
        # coordinator's, and a Dask worker runs tasks off its main thread.
        threads = max(1, (os.cpu_count() or 1) // max(1, jobs)) if address is None else 0
        self.client.run(init_worker, settings_json, ignore_sigint=False, threads=threads)

    def submit(self, path: str) -> Future[WorkerResult]:
        local: Future[WorkerResult] = Future()
        remote = self.client.submit(process_file, path, self.settings_json, pure=False)

        def done(fut: Any) -> None:
            try:
                local.set_result(fut.result())
            except BaseException as exc:  # cancelled or the worker died
                local.set_exception(exc if isinstance(exc, Exception) else RuntimeError(exc))

        remote.add_done_callback(done)
        return local

    def close(self, cancel: bool) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
