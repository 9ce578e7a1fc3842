"""Where findings are printed: one module per output format, behind one small interface.

Every format is a module here with ``render(report, **options) -> str``; ``FORMATS`` maps the
name a user types to that module, imported only when used. Adding a format is one new module
and one line below. Options a format's ``render`` does not declare are not passed to it, so a
format may take only the report (``html``). A format that shows the articles' texts sets
``NEEDS_TEXT = True``: only its runs keep them in memory (the others are streamed).

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
from pathlib import Path
from typing import Optional, Union

from ..atomic import WriteError as WriteError  # re-exported: the CLI writes reports through these
from ..atomic import write_atomic as write_atomic
from ..atomic import write_atomic_all as write_atomic_all
from .. import baseline as baselines
from ..sources import HTML_SUFFIXES

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


def needs_text(names) -> bool:
    """Whether a format of ``names`` shows the articles' texts (its module sets ``NEEDS_TEXT``):
    only such a run keeps them (``pipeline.check_paths(stream=False)``)."""
    return any(getattr(get(name), "NEEDS_TEXT", False) for name in names)


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
    return baselines.compare(report, None)


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
