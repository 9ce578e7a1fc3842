"""Where findings are printed: one module per output format, behind one small interface.

Every format is a module here with ``render(report, **options) -> str``; ``FORMATS`` maps the
name a user types to that module, imported only when used. Adding a format is one new module
and one line below. Options a format's ``render`` does not declare are not passed to it, so a
format may take only the report (``html``).

Options the formats understand:

- ``comparison``: a :class:`factdiff.baseline.Comparison` (conflicts as new / known, baseline
  entries fixed); when absent every conflict is new;
- ``show_all``: also list facts stated by one source only (table, markdown);
- ``explain``: under each agreement and conflict, the evidence that joined its mentions (table);
- ``root``: the folder paths are made relative to (SARIF, GitHub, GitLab, JUnit), the current
  one by default.
"""
from __future__ import annotations

import importlib
import importlib.util
import inspect
import os
import tempfile
from pathlib import Path
from typing import Optional, Union

FORMATS = {
    "table": "table",
    "json": "json",
    "markdown": "markdown",
    "sarif": "sarif",
    "junit": "junit",
    "github": "github",
    "gitlab": "gitlab",
    "html": "html",  # written separately; listed only when its module is there
}


def available() -> list[str]:
    """Names of the formats this installation can write."""
    return [name for name, mod in FORMATS.items()
            if importlib.util.find_spec(f"{__name__}.{mod}") is not None]


def get(name: str):
    """The module of format ``name``; ValueError names the formats there are."""
    if name not in FORMATS or name not in available():
        raise ValueError(f"unknown format {name!r} (choose from {', '.join(available())})")
    return importlib.import_module(f"{__name__}.{FORMATS[name]}")


def _accepted(fn, options: dict) -> dict:
    params = inspect.signature(fn).parameters
    if not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        options = {k: v for k, v in options.items() if k in params}
    return options


def render(name: str, report, **options) -> str:
    """``report`` in format ``name``, passing the options that format's ``render`` accepts."""
    fn = get(name).render
    return fn(report, **_accepted(fn, options))


def render_to(name: str, report, fh, **options) -> None:
    """``report`` in format ``name`` written to the text stream ``fh``: piece by piece for a
    format that can (a module with ``write(report, fh, ...)``: json), whole for the others."""
    module = get(name)
    fn = getattr(module, "write", None)
    if fn is not None:
        fn(report, fh, **_accepted(fn, options))
    else:
        fh.write(module.render(report, **_accepted(module.render, options)))


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
        import signal
        import threading

        self.held = None
        if hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread():
            self.held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        return self

    def __exit__(self, *exc):
        import signal

        if self.held is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, self.held)
        return False


# --- what several formats share ----------------------------------------------------------------

def relative_path(path: str, root: Optional[Union[str, os.PathLike]] = None) -> str:
    """``path`` relative to ``root`` (the current folder by default) with forward slashes, or
    absolute when it lies outside."""
    root = Path(root or os.getcwd()).resolve()
    p = Path(path).resolve()
    try:
        return p.relative_to(root).as_posix()
    except ValueError:
        return p.as_posix()


def position(source, mention) -> Optional[tuple[int, int]]:
    """1-based (line, column) of a mention in its file, or None when the text read is not the
    file as written (an HTML page, whose text is what remains without its tags)."""
    from ..sources import HTML_SUFFIXES

    if source is None or Path(source.path).suffix.lower() in HTML_SUFFIXES:
        return None
    return source.line_col(mention.start)


def sources_by_id(report) -> dict:
    """The report's sources by id."""
    return {s.id: s for s in report.sources}


def comparison_of(report, comparison=None):
    """The comparison given, or one without a baseline (every conflict new)."""
    if comparison is not None:
        return comparison
    from ..baseline import compare

    return compare(report, None)


# The checks a CI system lists: one per kind of contradiction.
RULES = (
    {
        "id": "contradictory-figure",
        "name": "ContradictoryFigure",
        "kinds": ("count", "quantity", "money", "percent", "ratio", "duration"),
        "short": "Two sources give incompatible figures for the same thing",
        "full": "Two texts state a number, amount, share or duration of the same measured thing and "
                "event, and the intervals they state cannot both be true (\"more than 25\" and "
                "\"25\"; \"200\" and \"about 300\").",
        "help": "Check which source is right and correct the other, or record the finding in the "
                "baseline (factdiff check --write-baseline) with a note saying why both stand.",
    },
    {
        "id": "contradictory-date",
        "name": "ContradictoryDate",
        "kinds": ("date",),
        "short": "Two sources give different dates for the same event",
        "full": "Two texts date the start, end or occurrence of the same event differently.",
        "help": "Check which date is right and correct the other, or record the finding in the "
                "baseline with a note.",
    },
    {
        "id": "contradictory-title",
        "name": "ContradictoryTitle",
        "kinds": ("role",),
        "short": "Two sources give one person titles in different organisations",
        "full": "Two texts name the same person with titles that belong to different organisations.",
        "help": "Titles change over time: check which was right at the time of writing, or record "
                "the finding in the baseline with a note.",
    },
)


def rule_of(kind: str) -> dict:
    """The rule (id, name, description) the CI formats give a conflict of ``kind``."""
    return next((r for r in RULES if kind in r["kinds"]), RULES[0])


def plural(n: int, word: str) -> str:
    """``"1 source"``, ``"2 sources"``."""
    return f"{n} {word}" + ("" if n == 1 else "s")


def unread(problems) -> str:
    """What a run did not read, counted: "2 files not read", "12 files not read" when a folder
    note stands for 12 files, "1 folder with nothing to read"; "" when nothing."""
    files = sum(getattr(p, "files", 1) for p in problems)
    bare = sum(1 for p in problems if getattr(p, "files", 1) == 0)
    parts = ([f"{plural(files, 'file')} not read"] if files else []) \
        + ([f"{plural(bare, 'folder')} with nothing to read"] if bare else [])
    return ", ".join(parts)


def headline(report, comparison) -> str:
    """One line for a log or a summary: what was read, what was found, what fails."""
    s = report.summary()
    text = (f"factdiff: {plural(s['sources'], 'source')}, {plural(s['conflict'], 'contradiction')}, "
            f"{s['agree']} agreed")
    if report.problems:
        text += f", {unread(report.problems)}"
    if comparison.baseline:
        text += (f"; against the baseline: {len(comparison.new)} new, {len(comparison.known)} known, "
                 f"{len(comparison.fixed)} fixed")
    return text
