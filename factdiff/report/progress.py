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
def progress(enabled: bool) -> Iterator[Callable[[str], None]]:
    """Yields ``step(description)``: call it as each stage starts."""
    if not enabled:
        yield lambda description: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                   console=Console(stderr=True), transient=True)
    task = bar.add_task("starting", total=None)
    timer = threading.Timer(DELAY, bar.start)
    timer.daemon = True
    timer.start()
    try:
        yield lambda description: bar.update(task, description=description)
    finally:
        timer.cancel()
        timer.join()  # the bar has started fully, or will not start
        bar.stop()
