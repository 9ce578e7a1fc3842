"""A progress bar on standard error while the articles are read and compared: shown only when
standard error is a terminal, outside CI, and once the run has taken more than a moment."""
from __future__ import annotations

import contextlib
import os
import sys
import threading
from typing import Callable, Iterator

DELAY = 0.4  # seconds before the bar appears: quick runs print nothing


def wanted(stream=None, environ=None) -> bool:
    stream = stream if stream is not None else sys.stderr
    environ = environ if environ is not None else os.environ
    return bool(getattr(stream, "isatty", lambda: False)()) and not environ.get("CI")


@contextlib.contextmanager
def progress(enabled: bool) -> Iterator[Callable[..., None]]:
    """Yields ``step(description, done=None, total=None)``: call it as each stage starts, and
    with ``done`` of ``total`` as a stage advances (the bar then shows real progress)."""
    if not enabled:
        yield lambda description, done=None, total=None: None
        return
    # lazy: rich.progress is ~24 ms of import, for a bar that only a terminal shows
    from rich.console import Console  # noqa: PLC0415
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn  # noqa: PLC0415

    bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                   console=Console(stderr=True), transient=True)
    task = bar.add_task("starting", total=None)
    timer = threading.Timer(DELAY, bar.start)
    timer.daemon = True
    timer.start()
    try:
        def step(description: str, done=None, total=None) -> None:
            if total:
                bar.update(task, description=description, completed=done or 0, total=total)
            else:
                bar.update(task, description=description, completed=0, total=None)

        yield step
    finally:
        timer.cancel()
        timer.join()  # the bar has started fully, or will not start
        bar.stop()
