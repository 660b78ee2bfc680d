"""A generous alarm around code that must finish: hostile inputs are checked to end, never timed
(speed is measured by the benchmarks). SIGALRM, so POSIX only, as CI is."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager


class Hung(Exception):
    """The guarded code did not finish before the alarm."""


@contextmanager
def alarm(seconds: int) -> Iterator[None]:
    """Raise ``Hung`` if the body runs longer than ``seconds``."""

    def ring(signum: int, frame: object) -> None:
        raise Hung(f"did not finish in {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
