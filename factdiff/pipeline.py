"""The pipeline end to end: sources -> extract -> align -> compare -> Report.

Pure functions over data; the CLI and the library both call these.
"""
from __future__ import annotations

import dataclasses
from typing import Iterable, Mapping, Optional

from .align import align
from .compare import compatible, judge
from .extract import extract
from .model import Problem, Report, Source
from .sources import (DEFAULT_MAX_BYTES, InputError, discover, display_path, read_source,
                      source_from_text, unique_ids)

_STATUS_ORDER = {"conflict": 0, "agree": 1, "single": 2}


def check_sources(sources: list[Source], problems: Optional[list[Problem]] = None) -> Report:
    mentions = []
    for src in sources:
        for m in extract(src.text, src.published):
            mentions.append(dataclasses.replace(m, source=src.id))
    facts = [judge(g) for g in align(mentions, compatible)]
    facts.sort(key=lambda f: (_STATUS_ORDER[f.status], -len({m.source for m in f.mentions}),
                              f.mentions[0].source, f.mentions[0].start))
    return Report(sources=list(sources), facts=facts, problems=list(problems or []))


def check_texts(texts: Mapping[str, str], published: Optional[Mapping[str, str]] = None) -> Report:
    """``{"source id": text}`` -> Report. ``published`` maps ids to ISO dates, optionally."""
    published = published or {}
    sources = [source_from_text(sid, text, published.get(sid)) for sid, text in texts.items()]
    return check_sources(sources)


def load_sources(paths: Iterable, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[Source], list[Problem]]:
    files, problems = discover(paths)
    sources = []
    for f, sid in zip(files, unique_ids(files)):
        try:
            sources.append(read_source(f, sid, max_bytes=max_bytes))
        except InputError as exc:
            problems.append(Problem(display_path(f), str(exc)))
    return sources, problems


def check_paths(paths: Iterable, max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    """Files and folders (recursive) -> Report. Unreadable files are listed in
    ``Report.problems`` and the rest are still checked."""
    if isinstance(paths, (str, bytes)) or hasattr(paths, "__fspath__"):
        paths = [paths]
    sources, problems = load_sources(paths, max_bytes=max_bytes)
    return check_sources(sources, problems)
