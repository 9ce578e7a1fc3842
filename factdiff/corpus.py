"""Many stories at once: each story checked on its own, as ``factdiff check`` checks its folder.

A corpus is a folder of story folders or a table of articles, one a row (JSON Lines, CSV,
Parquet). Reading it (``stories``) yields :class:`Story` values holding the story's articles as
plain data (a file's bytes or a row's fields), so the per-story check (``check_stories``) is a
pure function of them: it runs the same in this process, in local worker processes
(``--jobs``) or on Dask workers that share no file system with this machine. ``run`` hands the
stories out in chunks and yields one :class:`StoryResult` per story, in input order; it never
prints.
"""
from __future__ import annotations

import collections
import concurrent.futures as cf
import csv
import datetime as _dt
import gc
import json
import logging
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

from . import lexicon
from . import baseline as baselines
from .model import Problem
from .pipeline import check_sources, extraction_options, stop_pool, worker_init
from .report.document import Report
from .report.json import comparison_to_dict, dumps_line, finite_numbers, report_to_dict
from .sources import (DEFAULT_MAX_BYTES, InputError, iso_date, over_limit, discover, display_path, read_bytes,
                      source_from_bytes, unique_ids)

FIELDS = ("story", "source", "text", "title", "published")  # a row's fields; the first three required
TABLE_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv",
                 ".parquet": "parquet", ".pq": "parquet"}


class CorpusError(Exception):
    """The corpus cannot be read at all (no such input, an unknown format, a missing extra);
    the message says why and what to do."""


@dataclass(frozen=True)
class Article:
    """One article of a story as plain data: a file's ``data`` (bytes), or a row's ``text``
    (a str, or bytes from a binary column) with its optional ``title`` and ``published``."""

    source: str  # the source id in the report
    path: str  # where it comes from: a file's path, or "corpus.jsonl:17"
    data: Optional[bytes] = None
    text: Union[str, bytes, None] = None
    title: Optional[str] = None
    published: Optional[str] = None
    html: bool = False


@dataclass(frozen=True)
class Story:
    """A story's articles, and what could not be read before it was handed out."""

    id: str
    articles: tuple = ()
    problems: tuple = ()


@dataclass(frozen=True)
class StoryResult:
    """One story checked: its JSON line (``check``'s JSON report plus ``"story"``), its counts,
    and the warning lines ``check`` would print on standard error."""

    story: str
    line: str
    articles: int
    facts: int
    conflicts: int
    problems: int
    warnings: tuple = ()


# --- reading a corpus --------------------------------------------------------------------

def stories(path: Union[str, os.PathLike], columns: Optional[dict] = None, max_bytes: int = DEFAULT_MAX_BYTES,
            skip=None, notes: Optional[list] = None) -> tuple[int, Iterator[Story]]:
    """(number of stories, the stories one at a time) of a folder of story folders or a
    table of articles. ``columns`` maps a field of ``FIELDS`` to its column name; ``skip`` is
    :func:`discover`'s; lines about the input as a whole (rows that name no story, loose files)
    are appended to ``notes``. CorpusError when the input cannot be read at all."""
    path = Path(path)
    notes = notes if notes is not None else []
    if path.is_dir():
        return _folder_stories(path, max_bytes, skip, notes)
    if not path.exists():
        raise CorpusError(f"{display_path(path)}: no such file or folder")
    fmt = TABLE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise CorpusError(f"{display_path(path)}: not a folder of story folders nor a table of articles "
                          f"(.jsonl, .csv or .parquet)")
    names = {**{f: f for f in FIELDS}, **(columns or {})}
    rows = {"jsonl": _jsonl_rows, "csv": _csv_rows, "parquet": _parquet_rows}[fmt]
    return _table_stories(path, lambda: rows(path, names), max_bytes, notes)


def _folder_stories(root: Path, max_bytes: int, skip, notes: list) -> tuple[int, Iterator[Story]]:
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        raise CorpusError(f"{display_path(root)}: folder not read: {exc.strerror or exc}") from None
    folders, loose = [], 0
    for e in entries:
        if e.name.startswith("."):
            continue
        if e.is_dir(follow_symlinks=False):
            if not (skip and skip(Path(e.path), True)):
                folders.append(root / e.name)
        elif e.is_file():
            loose += 1
    if loose:
        notes.append(f"{display_path(root)}: {loose:,} file(s) outside a story folder, not read "
                     f"(each subfolder is one story)")

    def each() -> Iterator[Story]:
        for folder in folders:
            files, problems = discover([folder], skip=skip)
            articles = []
            for f, sid in zip(files, unique_ids(files)):
                try:
                    data = read_bytes(f, max_bytes)
                except InputError as exc:
                    problems.append(Problem(display_path(f), str(exc)))
                    continue
                articles.append(Article(sid, display_path(f), data=data,
                                        html=f.suffix.lower() in (".html", ".htm", ".xhtml")))
            yield Story(display_path(folder.name), tuple(articles), tuple(problems))

    return len(folders), each()


def _value(v) -> Optional[str]:
    if v is None:
        return None
    if isinstance(v, (_dt.date, _dt.datetime)):
        return v.isoformat()
    return v if isinstance(v, str) else str(v)


def _story_id(row: dict) -> str:
    """A row's story id (``_pick`` has set aside the rows without one)."""
    return str(_value(row["story"]))


def _table_stories(path: Path, rows: Callable[[], Iterator], max_bytes: int,
                   notes: list) -> tuple[int, Iterator[Story]]:
    """Two passes over the table: the first finds each story's last row, the second hands a
    story out as soon as its last row is read (a file grouped by story holds one story in
    memory at a time; any order is read right)."""
    last: dict[str, int] = {}
    for n, (where, row) in enumerate(rows()):
        if isinstance(row, str):
            notes.append(f"{where}: skipped: {row}")
        else:
            last[_story_id(row)] = n

    def each() -> Iterator[Story]:
        open_: dict[str, list] = {}
        for n, (where, row) in enumerate(rows()):
            if isinstance(row, str):
                continue
            sid = _story_id(row)
            open_.setdefault(sid, []).append((where, row))
            if last.get(sid) == n:
                yield _story_of_rows(sid, open_.pop(sid), max_bytes)

    return len(last), each()


def _story_of_rows(sid: str, rows: list, max_bytes: int) -> Story:
    articles, problems = [], []
    taken: collections.Counter[str] = collections.Counter()
    for where, row in rows:
        source, text = _value(row.get("source")), row.get("text")
        if not source:
            problems.append(Problem(where, "no source (the row names no outlet)"))
            continue
        if not isinstance(text, (str, bytes)) or not text:
            problems.append(Problem(where, "no text" if text in (None, "", b"") else
                                    f"the text is a {type(text).__name__}, not a string"))
            continue
        size = len(text) if isinstance(text, bytes) else len(text.encode("utf-8", "surrogatepass"))
        if size > max_bytes:
            problems.append(Problem(where, over_limit(size, max_bytes)))
            continue
        taken[source] += 1
        if taken[source] > 1:  # two rows of one outlet in one story: both are read, under two ids
            source = f"{source}#{taken[source]}"
        articles.append(Article(source, where, text=text, title=_value(row.get("title")),
                                published=_value(row.get("published"))))
    return Story(sid, tuple(articles), tuple(problems))


def _pick(record: dict, names: dict):
    """A record's fields under their column names, or the reason it is no article row."""
    if not isinstance(record, dict):
        return f"not an object but {type(record).__name__}"
    row = {f: record.get(names[f]) for f in FIELDS}
    if row["story"] in (None, ""):
        return f"no story (no {names['story']!r} field)"
    return row


def _jsonl_rows(path: Path, names: dict) -> Iterator[tuple[str, Union[dict, str]]]:
    where = display_path(path)
    with open(path, "rb") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except UnicodeDecodeError:
                yield f"{where}:{n}", "not UTF-8"
                continue
            except ValueError as exc:
                yield f"{where}:{n}", f"not JSON ({exc})"
                continue
            yield f"{where}:{n}", _pick(record, names)


def _csv_rows(path: Path, names: dict) -> Iterator[tuple[str, Union[dict, str]]]:
    where = display_path(path)
    csv.field_size_limit(1 << 30)  # an article is one field: far above the standard 128 KB
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
        reader = csv.DictReader(fh)
        start = 2
        for record in reader:
            yield f"{where}:{start}", _pick(record, names)
            start = reader.line_num + 1


def _parquet_rows(path: Path, names: dict) -> Iterator[tuple[str, Union[dict, str]]]:
    try:
        import pyarrow.parquet as pq  # noqa: PLC0415 - the optional parquet extra
    except ImportError:
        raise CorpusError("reading Parquet needs pyarrow: pip install 'factdiff[parquet]'") from None
    where = display_path(path)
    try:
        pf = pq.ParquetFile(path)
        present = [names[f] for f in FIELDS if names[f] in pf.schema_arrow.names]
        batches = pf.iter_batches(batch_size=256, columns=present)
        n = 0
        for batch in batches:
            for record in batch.to_pylist():
                n += 1
                yield f"{where}, row {n}", _pick(record, names)
    except (OSError, ValueError) as exc:  # pyarrow's errors derive from these
        raise CorpusError(f"{where}: not a Parquet file pyarrow can read ({exc})") from None


# --- checking one story ------------------------------------------------------------------

def check_stories(chunk: list[Story], options: Optional[dict] = None) -> list[StoryResult]:
    """Each story of ``chunk`` checked on its own (:func:`check_story`); ``options``: what
    extraction depends on besides its input (``pipeline.extraction_options()``)."""
    if options and options.get("synonyms") and not lexicon.extra_synonyms():
        lexicon.add_synonyms(options["synonyms"])
    return [_uncollected(check_story, s) for s in chunk]


def _uncollected(f, *args):
    """``f(*args)`` with the cyclic garbage collector off (restored as it was): one story makes
    few cycles, which the collector finds after it, between stories; its passes over every
    object the story holds, while the story is read, cost time and free nothing sooner."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return f(*args)
    finally:
        if collecting:
            gc.enable()


def check_story(story: Story) -> StoryResult:
    """A story's JSON line: ``factdiff check -f json`` of its articles plus ``"story"``. An
    article that cannot be read or checked is one of its problems; the others are checked."""
    problems = list(story.problems)
    warnings = []
    sources = []
    for a in story.articles:
        notes: list = []
        try:
            sources.append(_source(a, notes))
        except InputError as exc:
            problems.append(Problem(a.path, str(exc)))
        except (MemoryError, RecursionError, UnicodeError, ValueError, LookupError) as exc:
            problems.append(Problem(a.path, f"could not be read ({_short(exc)})"))
        else:
            if notes:
                warnings.append(f"{a.path}: warning: {'; '.join(notes)}")
    try:  # an article the extractor fails on is a problem of its own (check_sources)
        report = check_sources(sources, problems, jobs=1, share=False) if sources else _empty(problems)
    except Exception as exc:  # noqa: BLE001 - a story that fails elsewhere is one problem and no facts
        where = os.path.commonpath([s.path for s in sources]) if sources else ""
        report = _empty(problems + [Problem(where, f"could not be checked (internal error: {_short(exc)})")])
    return _result(story.id, report, warnings)


def _source(a: Article, notes: list):
    if a.data is not None:
        return source_from_bytes(a.data, a.path, a.source, html=a.html, notes=notes)
    text = a.text.encode("utf-8", "surrogatepass") if isinstance(a.text, str) else a.text
    assert text is not None  # an article has its data or its text
    src = source_from_bytes(text, a.path, a.source, notes=notes)  # the same decoding as a file's
    published = iso_date(a.published) if a.published else None
    if a.published and not published:
        notes.append(f"published {a.published[:40]!r} is no date (the date is read from the text)")
    return replace(src, title=a.title or src.title, published=published or src.published)


def _empty(problems: list) -> Report:
    return Report(sources=[], facts=[], problems=list(problems))


def _result(story_id: str, report, warnings: list) -> StoryResult:
    doc = {"story": story_id, **report_to_dict(report),
           "gate": comparison_to_dict(baselines.compare(report, None), report)}
    summary = doc["summary"]
    return StoryResult(story_id, dumps_line(doc, finite_numbers(report)),
                       articles=len(report.sources), facts=summary["facts"], conflicts=summary["conflict"],
                       problems=len(report.problems), warnings=tuple(warnings))


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:160]}" if text else type(exc).__name__


# --- running many ------------------------------------------------------------------------

@dataclass
class Executor:
    """Where the stories are checked: ``jobs`` local processes (1: this process), or a Dask
    scheduler (``dask``: an address, or "local" for a LocalCluster of ``jobs`` workers)."""

    jobs: int = 1
    dask: Optional[str] = None
    chunk: int = 0  # stories per task (0: chosen from the corpus size)


def chunk_size(total: int, workers: int) -> int:
    """Stories per task: enough tasks for each worker to get about 16, at most 16 stories each."""
    return max(1, min(16, total // max(1, workers * 16)))


def _chunks(items: Iterable[Story], size: int) -> Iterator[list[Story]]:
    chunk: list = []
    for s in items:
        chunk.append(s)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run(items: Iterable[Story], total: int, executor: Executor) -> Iterator[StoryResult]:
    """Each story's result, in input order, as the stories finish (a few chunks per worker
    are in flight, never the whole corpus)."""
    options = extraction_options()
    if executor.dask:
        yield from _run_dask(items, total, executor, options)
    elif executor.jobs <= 1:
        for chunk in _chunks(items, 1):
            yield from check_stories(chunk, options)
    else:
        yield from _run_local(items, total, executor, options)


def _in_order(submit, chunks: Iterator[list], window: int, result, cancel) -> Iterator[StoryResult]:
    """Results of each chunk in order, keeping ``window`` chunks submitted ahead."""
    pending: collections.deque = collections.deque()
    try:
        for chunk in chunks:
            pending.append(submit(chunk))
            if len(pending) >= window:
                yield from result(pending.popleft())
        while pending:
            yield from result(pending.popleft())
    except BaseException:
        cancel(list(pending))
        raise


def _run_local(items, total, executor: Executor, options: dict) -> Iterator[StoryResult]:
    size = executor.chunk or chunk_size(total, executor.jobs)
    freeze = gc.get_freeze_count() == 0  # forked workers then leave the parent's objects shared
    if freeze:
        gc.freeze()
    pool = cf.ProcessPoolExecutor(max_workers=executor.jobs, initializer=worker_init, initargs=(options,))
    try:
        yield from _in_order(lambda c: pool.submit(check_stories, c, options), _chunks(items, size),
                             executor.jobs * 4, lambda f: f.result(), lambda pending: stop_pool(pool))
    finally:
        if freeze:
            gc.unfreeze()
    pool.shutdown(wait=True)


DASK_MISSING = ("--dask needs Dask's distributed scheduler: pip install 'factdiff[dask]' here, and on every "
                "machine of the cluster (the workers import factdiff)")


def dask_client(address: str, workers: int):
    """A Dask client: of a new LocalCluster of ``workers`` processes for "local", else of the
    scheduler at ``address``. CorpusError when Dask is not installed or the scheduler cannot
    be reached."""
    try:
        from dask.distributed import Client, LocalCluster  # noqa: PLC0415 - the optional dask extra
    except ImportError:
        raise CorpusError(DASK_MISSING) from None
    try:
        if address == "local":
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
            return Client(cluster), cluster
        return Client(address, timeout="20s"), None
    except (OSError, TimeoutError) as exc:
        raise CorpusError(f"--dask {address}: cannot reach the scheduler ({_short(exc)})") from None


def _run_dask(items, total, executor: Executor, options: dict) -> Iterator[StoryResult]:
    assert executor.dask is not None  # the caller chose Dask
    client, cluster = dask_client(executor.dask, executor.jobs)
    try:
        workers = max(1, sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()))
        size = executor.chunk or chunk_size(total, workers)
        yield from _in_order(lambda c: client.submit(check_stories, c, options, pure=False),
                             _chunks(items, size), workers * 4, lambda f: f.result(),
                             lambda pending: client.cancel(pending))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
