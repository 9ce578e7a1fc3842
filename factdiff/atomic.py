"""Files written whole or not at all: a report, a baseline."""
from __future__ import annotations

import os
import signal
import tempfile
import threading
from pathlib import Path
from typing import Optional, Union


class WriteError(OSError):
    """A report or baseline file that could not be written; nothing was replaced."""

    def __init__(self, path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason


def write_atomic(path: Union[str, os.PathLike], text: str) -> None:
    """Write ``text`` (UTF-8, no BOM) to ``path`` through a temporary file in the same folder
    and ``os.replace``: a reader never sees half a file, and a failed or interrupted write
    leaves the old one."""
    write_atomic_all([(path, text)])


def write_atomic_all(items, written: Optional[list] = None, make_folders: bool = False) -> None:
    """Write each ``(path, text)`` as :func:`write_atomic` does, all or nothing (``text`` may
    also be a function that writes to the open file it is given): every text goes
    to a temporary file beside its target first, and only when all are on disk are they renamed
    over the old files, one after the other with SIGINT and SIGTERM held back (delivered right
    after). A failure or an interruption before that removes the temporary files and leaves
    every old file as it was. Raises WriteError (an OSError) naming the file. Each file
    replaced is added to ``written`` as it is (signals still held back). With ``make_folders``,
    a file's missing folders are created first (and left in place should the write fail)."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, text in items:
            if make_folders:
                try:
                    Path(path).parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise WriteError(Path(path), exc.strerror or str(exc)) from None
            _stage(Path(path), text, staged)
        with _signals_held():
            for tmp, path in staged:
                try:
                    os.replace(tmp, path)
                except OSError as exc:
                    raise WriteError(path, exc.strerror or str(exc)) from None
                if written is not None:
                    written.append(path)
    except BaseException:
        for tmp, _ in staged:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        raise


def _stage(path: Path, text, staged: list) -> str:
    """A temporary file beside ``path`` holding ``text``, with the mode ``path`` has (or would
    get); ``(temporary file, path)`` is added to ``staged`` as soon as the file exists."""
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as exc:
        raise WriteError(path, exc.strerror or str(exc)) from None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise WriteError(path, exc.strerror or str(exc)) from None
    staged.append((tmp, path))  # from here on, a failure or an interruption removes it
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape", newline="") as fh:
            if callable(text):
                text(fh)
            else:
                fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
    except OSError as exc:
        raise WriteError(path, exc.strerror or str(exc)) from None
    return tmp


class _signals_held:
    """Hold SIGINT and SIGTERM back (they are delivered on leaving), where the platform can."""

    def __enter__(self):
        self.held = None
        if hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread():
            self.held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        return self

    def __exit__(self, *exc):
        if self.held is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, self.held)
        return False
