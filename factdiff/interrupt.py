"""What a run does when it is interrupted: SIGINT and SIGTERM become ``Interrupted`` in the main
process (worker processes leave them to it), and a file of lines is cut back to its whole lines.
Saying so and the exit code are the command line's (``cli``).
"""
from __future__ import annotations

import os
import signal
import threading
from types import FrameType
from typing import BinaryIO, Optional


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived. Not an Exception, so nothing on the way catches it; temporary
    files are removed as it passes (see ``atomic.write_atomic``)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


INTERRUPTIONS = (KeyboardInterrupt, Interrupted)  # Ctrl-C before ``install``: a KeyboardInterrupt


def signum_of(exc: BaseException) -> int:
    """The signal an interruption (one of ``INTERRUPTIONS``) came from."""
    return exc.signum if isinstance(exc, Interrupted) else signal.SIGINT


def signal_name(signum: int) -> str:
    return signal.Signals(signum).name


_MAIN_PID = [os.getpid()]


def install() -> None:
    """From now on SIGINT and SIGTERM raise ``Interrupted`` in this process, the run's main
    one; in a process forked from it they are left to the main process."""
    _MAIN_PID[0] = os.getpid()
    for sig in (signal.SIGINT, getattr(signal, "SIGTERM", None)):
        if sig is not None:
            signal.signal(sig, _on_signal)


def leave_to_parent() -> None:
    """In a worker process: Ctrl-C, which reaches the whole process group, is the parent's to
    handle; SIGTERM (the parent ending a worker early) ends it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _on_signal(signum: int, frame: Optional[FrameType]) -> None:
    if os.getpid() != _MAIN_PID[0]:  # a worker process forked from this one
        if signum == signal.SIGINT:
            return  # Ctrl-C reaches the whole process group: the main process decides
        signal.signal(signum, signal.SIG_DFL)  # SIGTERM from the main process ends it
        os.kill(os.getpid(), signum)
        return
    threading.excepthook = lambda args: None  # helper threads dying with the run say nothing
    raise Interrupted(signum)


class WholeLines:
    """Lines written to ``fh`` as they come; an interruption on the way cuts a file (``cut``)
    back to the lines written whole."""

    def __init__(self, fh: BinaryIO, cut: bool) -> None:
        self.fh, self.cut = fh, cut
        self._good = 0  # bytes of whole lines written

    def write(self, line: bytes) -> None:
        self.fh.write(line)
        if not self.cut:
            self.fh.flush()  # a pipe or a terminal: each line as it comes
        self._good += len(line)

    def __enter__(self) -> WholeLines:
        return self

    def __exit__(self, kind, exc, tb) -> None:
        if self.cut and kind is not None and issubclass(kind, INTERRUPTIONS):
            try:
                self.fh.truncate(self._good)  # whole lines only, whatever the signal cut
            except OSError:
                pass
