"""Signals while indexing: Ctrl-C that never lands in the middle of a write, and a time limit.

While indexing, SIGINT raises :class:`KeyboardInterrupt` at once, except
inside a :meth:`Interrupts.held` section (adding documents to the writer,
committing): there it is remembered and raised when the section ends, so
the writer only ever holds whole documents and the caller can commit them
before it stops.

:func:`time_limit` bounds one article's processing with a timer of processor
time (SIGPROF), so that an article on which some stage is slow (superlinear in
its length) is skipped instead of stalling the run.
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any


RETRY_SECONDS = 0.1  # processor time between a time limit's expiry and its next


class TooSlow(Exception):
    """Raised inside a :func:`time_limit` block whose time ran out."""


class Interrupts:
    """Installs the SIGINT handler for its ``with`` block (main thread only)."""

    def __init__(self) -> None:
        self.depth = 0
        self.pending = False
        self.previous: Any = None

    def __enter__(self) -> Interrupts:
        if threading.current_thread() is threading.main_thread():
            previous = signal.getsignal(signal.SIGINT)
            if previous is not signal.SIG_IGN:  # run with nohup or in the background: keep it so
                self.previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)
            self.previous = None

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.depth:
            self.pending = True
            return
        raise KeyboardInterrupt

    @contextmanager
    def held(self) -> Iterator[None]:
        """A section a Ctrl-C waits for; it is raised after the section completes."""
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1
        if self.pending and not self.depth:
            self.pending = False
            raise KeyboardInterrupt


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`TooSlow` in the block after ``seconds`` of the process's processor time
    (main thread only; elsewhere no limit). Processor time, not wall time: a machine busy with
    other work, or a virtual machine paused by its host, makes no article too slow."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TooSlow

    previous = signal.signal(signal.SIGPROF, expire)
    # and again every RETRY_SECONDS after: a TooSlow raised where Python ignores exceptions
    # (a garbage collector callback, a __del__) is lost, and the article would run on unbounded
    signal.setitimer(signal.ITIMER_PROF, seconds, RETRY_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
