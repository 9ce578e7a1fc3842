"""The pipeline end to end: sources -> extract -> align -> compare -> Report.

Pure functions over data; the CLI and the library both call these.

Extraction is a pure function of (text, publication date, options) that returns plain data, so
it may run in worker processes (``jobs``) and its result may be kept in a cache keyed by the
text and the extractor's version (``cache``): neither changes the report. ``observer(stage,
done, total)`` is told how far the run has got: ``"extract"`` after each article, then
``"align"`` and ``"compare"`` as those stages start.
"""
from __future__ import annotations

import collections
import concurrent.futures as cf
import datetime as _dt
import gc
import itertools
import os
import sqlite3
from typing import Callable, Iterable, Iterator, Mapping, Optional, Union

from . import interrupt, lexicon
from .align import align, align_block, block_key
from .cache import MentionCache, extractor_version, pack, text_key, unpack
from .compare import joinable, judge
from .extract import extract
from .model import Mention, Problem, Source, fact_sort_key
from .report.document import Report
from .sources import (DEFAULT_MAX_BYTES, InputError, discover, display_path, read_source,
                      source_from_text, unique_ids)
from .spill import Spill, spill_error


Observer = Callable[[str, int, int], None]
CacheArg = Union[None, bool, str, os.PathLike, MentionCache]

# Below this much text to extract, worker processes cost more than they save.
PARALLEL_MIN_CHARS = 256 * 1024


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def extraction_options() -> dict:
    """What extraction depends on besides its input (synonyms added by the configuration)."""
    return {"synonyms": {k: list(v) for k, v in sorted(lexicon.extra_synonyms().items())}}


# Fields whose values repeat from mention to mention (the same sentence, the same bag of
# context words, the same names): one object per distinct value in a run, not one per mention.
_SHARED_FIELDS = ("context", "entities", "frame", "signature", "sentence", "subject", "subject_text",
                  "predicate", "qualifier", "unit", "dimension")


def _own(mentions: list[Mention], source_id: str, shared: Optional[dict] = None) -> list[Mention]:
    """Name the source of freshly made mentions (no one else holds them: set in place rather
    than copying thirty fields per mention). With ``shared`` (a table kept for one run), equal
    values of the fields above become one object: the same values, less memory."""
    setattr_ = object.__setattr__
    for m in mentions:
        setattr_(m, "source", source_id)
        if shared is not None:
            for name in _SHARED_FIELDS:
                v = getattr(m, name)
                if v is not None:
                    key = (name, v)
                    s = shared.get(key)
                    if s is None:
                        shared[key] = v
                    elif s is not v:
                        setattr_(m, name, s)
    return mentions


# --- worker processes ------------------------------------------------------------------------

def worker_init(options: dict) -> None:
    """A worker process's start: signals left to the parent, the run's extraction options."""
    interrupt.leave_to_parent()
    if options.get("synonyms") and not lexicon.extra_synonyms():
        lexicon.add_synonyms(options["synonyms"])


def stop_pool(pool) -> None:
    """Cancel what a process pool has queued and end its workers now (an interrupted run must
    not wait for every article to be read)."""
    workers = list((getattr(pool, "_processes", None) or {}).values())  # shutdown() forgets them
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in workers:
        try:
            proc.terminate()
        except Exception:  # noqa: BLE001 - already gone
            pass


def _extract_packed(item: tuple[str, Optional[str]]) -> bytes:
    """In a worker: one article's mentions as plain data (compressed JSON of their fields)."""
    text, published = item
    return pack(extract(text, published), text)


def _open_cache(cache: CacheArg):
    if cache is None or cache is False:
        return None, False
    if isinstance(cache, MentionCache):
        return cache, False
    return MentionCache(None if cache is True else cache), True


class ExtractError(Exception):
    """Extraction failed on one article (a bug in factdiff): the run reports it as a problem
    of that article and checks the others."""


def failure_reason(exc: BaseException) -> str:
    """What a problem says of an article the extractor failed on."""
    text = " ".join(str(exc).split())
    return f"could not be checked (internal error: {type(exc).__name__}{': ' + text[:160] if text else ''})"


def _extract_many(items: list[tuple[str, Optional[str]]]) -> list:
    """In a worker: each article's packed mentions, or the reason the extractor failed on it
    (the others of the chunk are still read)."""
    out: list[Union[bytes, str]] = []
    for item in items:
        try:
            out.append(_extract_packed(item))
        except Exception as exc:  # noqa: BLE001 - reported per article by the parent
            out.append(failure_reason(exc))
    return out


class _Extraction:
    """One run's extraction state: the cache, the shared values, progress."""

    def __init__(self, store, observer: Optional[Observer], total: int, shared: Optional[dict]) -> None:
        self.store, self.observer, self.total, self.shared = store, observer, total, shared
        self.version = extractor_version(extraction_options()) if store is not None else None
        self.done = 0

    def lookup(self, src: Source):
        """(cache key, cached mentions or None)."""
        if self.store is None or self.version is None:
            return None, None
        key = text_key(src.text, src.published, self.version)
        hit = self.store.get(key, src.text, share=self.shared is not None)  # shared: kept for the run
        return key, (None if hit is None else _own(hit, src.id, self.shared))

    def here(self, src: Source, key):
        """Extract one article in this process: its mentions, or an ExtractError."""
        try:
            hit = _own(extract(src.text, src.published), src.id, self.shared)
        except Exception as exc:  # noqa: BLE001 - the one failure policy: a problem of that article
            return ExtractError(failure_reason(exc))
        if self.store is not None:
            self.store.put(key, hit, src.text)
        return hit

    def unpacked(self, src: Source, key, blob):
        """A worker's answer for one article: its mentions, or an ExtractError."""
        if isinstance(blob, str):
            return ExtractError(blob)
        hit = _own(unpack(blob, src.text, self.shared is not None), src.id, self.shared)
        if self.store is not None:
            self.store.put_packed(key, blob)
        return hit

    def step(self) -> None:
        self.done += 1
        if self.observer:
            self.observer("extract", self.done, self.total)


def _look_ahead(it, jobs: int):
    """(the sources again, whether they hold enough text for worker processes)."""
    ahead: list[Source] = []
    size = 0
    if jobs <= 1:
        return it, False
    for src in it:
        ahead.append(src)
        size += len(src.text)
        if size >= PARALLEL_MIN_CHARS and len(ahead) > 1:
            break
    worth = size >= PARALLEL_MIN_CHARS and len(ahead) > 1
    return (itertools.chain(ahead, it) if ahead else it), worth


def _next_batch(it, run: _Extraction, chunk: int) -> tuple[list, bool]:
    """([(src, key, cached)], whether ``it`` is exhausted): up to ``chunk`` articles to extract."""
    batch: list = []
    for src in it:
        key, hit = run.lookup(src)
        batch.append((src, key, hit))
        if len(batch) >= 8 * chunk or sum(1 for _, _, h in batch if h is None) >= chunk:
            return batch, False
    return batch, True


def _extract_pooled(it, run: _Extraction, pool, jobs: int):
    """``(source, mentions)`` in order, the articles not cached extracted by ``pool``."""
    chunk = 8 if run.total <= 0 else max(1, min(16, run.total // (jobs * 8)))
    window = jobs * 4  # chunks in flight
    pending: collections.deque = collections.deque()  # (future or None, [(src, key, hit)])
    exhausted = False
    while True:
        while not exhausted and len(pending) < window:
            batch, exhausted = _next_batch(it, run, chunk)
            if not batch:
                break
            todo = [(s.text, s.published) for s, _, h in batch if h is None]
            pending.append((pool.submit(_extract_many, todo) if todo else None, batch))
        if not pending:
            return
        future, batch = pending.popleft()
        blobs = iter(future.result() if future is not None else ())
        for src, key, hit in batch:
            if hit is None:
                hit = run.unpacked(src, key, next(blobs))
            run.step()
            yield src, hit


def _extract_iter(sources: Iterable[Source], jobs: int, store, observer: Optional[Observer],
                  total: int, shared: Optional[dict]):
    """``(source, mentions)`` for each source, in order; ``mentions`` is an ExtractError when
    the extractor failed on that article. Sources are read as the workers need them, and
    workers start only when the articles ahead hold enough text."""
    run = _Extraction(store, observer, total, shared)
    it, worth = _look_ahead(iter(sources), jobs)
    if not worth:
        for src in it:
            key, hit = run.lookup(src)
            if hit is None:
                hit = run.here(src, key)
            run.step()
            yield src, hit
        return
    # Forked workers share the parent's pages until one is written, and a worker's garbage
    # collector would write to every object it tracks; frozen objects it leaves alone, so a
    # worker costs its own work, not a copy of what was read.
    freeze = gc.get_freeze_count() == 0  # never thaw what the embedding program froze
    if freeze:
        gc.freeze()
    pool = cf.ProcessPoolExecutor(max_workers=jobs, initializer=worker_init, initargs=(extraction_options(),))
    try:
        yield from _extract_pooled(it, run, pool, jobs)
    except BaseException:
        stop_pool(pool)  # interrupted or failed: do not wait for the articles still queued
        raise
    finally:
        if freeze:
            gc.unfreeze()
    pool.shutdown(wait=True)


def _extract_kept(sources: Iterable[Source], problems: list[Problem], jobs: Optional[int], cache: CacheArg,
                  observer: Optional[Observer], total: int, shared: Optional[dict]):
    """``(source, mentions)`` of each source the extractor does not fail on; each one it fails
    on is added to ``problems`` instead (the one place an extractor failure is handled)."""
    jobs = default_jobs() if jobs is None else max(1, int(jobs))
    store, opened = _open_cache(cache)
    try:
        for src, mentions in _extract_iter(sources, jobs, store, observer, total, shared):
            if isinstance(mentions, ExtractError):
                problems.append(Problem(src.path, str(mentions)))
            else:
                yield src, mentions
    finally:
        if store is not None:
            store.close() if opened else store.flush()


def check_sources(sources: list[Source], problems: Optional[list[Problem]] = None, *,
                  jobs: Optional[int] = 1, cache: CacheArg = None,
                  observer: Optional[Observer] = None, share: bool = True) -> Report:
    """Extract, align and judge ``sources`` (in memory) -> :class:`Report`; ``problems`` pass
    through, and an article the extractor fails on is one more problem, left out. ``share``:
    equal field values become one object (``_own``), which saves memory in a big run and only
    costs time in a small one (one story of a corpus); the report is the same."""
    return check_sources_mentions(sources, problems, jobs=jobs, cache=cache, observer=observer, share=share)[0]


def check_sources_mentions(sources: list[Source], problems: Optional[list[Problem]] = None, *,
                           jobs: Optional[int] = 1, cache: CacheArg = None,
                           observer: Optional[Observer] = None,
                           share: bool = True) -> tuple[Report, list[Mention]]:
    """:func:`check_sources`, and every mention the run extracted (what ``factdiff explain``
    asks the aligner about)."""
    problems = problems if problems is not None else []
    shared: Optional[dict] = {} if share else None  # see _own; dropped when the run's mentions are all read
    kept, mentions = [], []
    for src, ms in _extract_kept(sources, problems, jobs, cache, observer, len(sources), shared):
        kept.append(src)
        mentions.extend(ms)
    if observer:
        observer("align", 0, len(mentions))
    groups = align(mentions, joinable)
    if observer:
        observer("compare", 0, len(groups))
    published = {s.id: s.published for s in kept if s.published}
    facts = [judge(g, published) for g in groups]
    facts.sort(key=fact_sort_key)
    return Report(sources=kept, facts=facts, problems=list(problems)), mentions


def check_stream(sources: Iterable[Source], problems: Optional[list[Problem]] = None, *,
                 total: int = 0, jobs: Optional[int] = 1, cache: CacheArg = None,
                 observer: Optional[Observer] = None, workdir: Optional[str] = None) -> Report:
    """The same report as :func:`check_sources` for corpora too big for memory: articles are let
    go once read, mentions and facts wait in a temporary file (``factdiff.spill``) until
    ``report.facts.close()``; the sources keep no text."""
    problems = problems if problems is not None else []  # a generator of sources may add to it as it reads
    kept: list[Source] = []
    published: dict = {}  # source id -> publication date, for the judge
    spill = Spill(workdir)
    try:
        for src, mentions in _extract_kept(sources, problems, jobs, cache, observer, total, None):
            spill.add_mentions(len(kept), mentions, block_key)
            kept.append(src.without_text())
            if src.published:
                published[src.id] = src.published
        if observer:
            observer("align", 0, 0)
        for block in spill.blocks():
            for group in align_block(block, joinable):
                spill.add_fact(judge(group, published))
        facts = spill.finish()
    except sqlite3.Error as exc:  # the temporary file: a full disk, most likely
        spill.close()
        raise spill_error(os.path.dirname(spill.dir), exc) from None
    except BaseException:
        spill.close()
        raise
    return Report(sources=kept, facts=facts, problems=problems)


def check_texts(texts: Mapping[str, str],
                published: Union[None, str, _dt.date, Mapping[str, Union[str, _dt.date]]] = None,
                **options) -> Report:
    """Check articles given as text: ``{"source id": text}`` -> :class:`Report`.

    ``published`` is optional: one date for every article (an ISO string ``"2025-06-16"`` or a
    ``datetime.date``), or a mapping from source ids to dates (articles it does not name read
    their date from their text, as without it). A publication date resolves relative dates
    ("on Wednesday", "three months ago") and lets a higher figure in a later article be an update.
    ``options``: ``jobs``, ``cache``, ``observer`` as for :func:`check_sources`.

    TypeError when ``texts`` is not a mapping of strings to strings (a list of texts has no
    ids: give ``dict(enumerate(texts))`` or name them) or ``published`` is of another type."""
    if not isinstance(texts, Mapping):
        raise TypeError(f"check_texts() takes a mapping {{source id: text}}, not {type(texts).__name__}"
                        + (" (a list of texts has no ids: pass {str(i): t for i, t in enumerate(texts)})"
                           if isinstance(texts, (list, tuple)) else ""))
    for sid, text in texts.items():
        if not isinstance(text, str):
            raise TypeError(f"check_texts(): the text of {sid!r} is a {type(text).__name__}, not a str")
    if published is None:
        dates: dict = {}
    elif isinstance(published, (str, _dt.date)):
        dates = {sid: published for sid in texts}
    elif isinstance(published, Mapping):
        dates = dict(published)
    else:
        raise TypeError(f"check_texts(): published is a date (ISO string or datetime.date) or a mapping "
                        f"{{source id: date}}, not {type(published).__name__}")
    dates = {sid: (d.date() if isinstance(d, _dt.datetime) else d) for sid, d in dates.items()}
    dates = {sid: (d.isoformat() if isinstance(d, _dt.date) else d) for sid, d in dates.items()}
    sources = [source_from_text(str(sid), text, dates.get(sid)) for sid, text in texts.items()]
    return check_sources(sources, **options)


def read_sources(files: list, max_bytes: int, problems: list[Problem],
                 warn: Optional[Callable[[str], None]] = None, told: Optional[set] = None) -> Iterator[Source]:
    """Each readable file as a Source with a unique id, read when asked for; one that cannot be
    read is added to ``problems``; ``warn(line)`` hears of it at once (its id added to ``told``)."""
    for f, sid in zip(files, unique_ids(files)):
        notes: list = []
        try:
            src = read_source(f, sid, max_bytes=max_bytes, notes=notes)
        except InputError as exc:
            problem = Problem(display_path(f), str(exc))
        except (OSError, MemoryError, RecursionError, UnicodeError, ValueError, LookupError) as exc:
            problem = Problem(display_path(f), f"could not be read ({_short(exc)})")
        else:
            if notes and warn:  # one line per file, whatever had to be repaired
                warn(f"{display_path(f)}: warning: {'; '.join(notes)}")
            yield src
            continue
        problems.append(problem)
        if warn:
            warn(f"{problem.path}: skipped: {problem.reason}")
            if told is not None:
                told.add(id(problem))


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:160]}" if text else type(exc).__name__


def load_sources(paths: Iterable, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[Source], list[Problem]]:
    """Files and folders -> (the readable ones as :class:`Source`, a :class:`Problem` for each
    one that could not be read)."""
    files, problems = discover(paths)
    return list(read_sources(files, max_bytes, problems)), problems


def check_paths(paths: Iterable, max_bytes: int = DEFAULT_MAX_BYTES, *, stream: bool = False,
                skip: Optional[Callable] = None, warn: Optional[Callable[[str], None]] = None,
                jobs: Optional[int] = 1, cache: CacheArg = None, observer: Optional[Observer] = None) -> Report:
    """Files and folders (recursive) -> Report, as ``factdiff check`` makes it. Unreadable files
    and articles the extractor fails on are ``Report.problems``. ``stream``: the report keeps no
    text (:func:`check_stream`, for every format but HTML); ``skip`` as for ``discover``;
    ``warn(line)`` hears of each problem and repair as it happens."""
    if isinstance(paths, (str, bytes)) or hasattr(paths, "__fspath__"):
        paths = [paths]
    files, problems = discover(paths, skip=skip)
    if warn:
        for p in problems:
            warn(f"{p.path}: skipped: {p.reason}")
    if observer:
        observer("read", 0, len(files))
    told = {id(p) for p in problems}
    reader = read_sources(files, max_bytes, problems, warn, told)
    if stream:
        report = check_stream(reader, problems, total=len(files), jobs=jobs, cache=cache, observer=observer)
    else:
        report = check_sources(list(reader), problems, jobs=jobs, cache=cache, observer=observer)
    if warn:
        for p in report.problems:
            if id(p) not in told:  # an article the extractor failed on
                warn(f"{p.path}: skipped: {p.reason}")
    return report
