"""The pipeline end to end: sources -> extract -> align -> compare -> Report.

Pure functions over data; the CLI and the library both call these.

Extraction is a pure function of (text, publication date, options) that returns plain data, so
it may run in worker processes (``jobs``) and its result may be kept in a cache keyed by the
text and the extractor's version (``cache``): neither changes the report. ``observer(stage,
done, total)`` is told how far the run has got: ``"extract"`` after each article, then
``"align"`` and ``"compare"`` as those stages start.
"""
from __future__ import annotations

import datetime as _dt
import gc
import os
from typing import Callable, Iterable, Mapping, Optional, Union

from .align import align
from .cache import MentionCache, extractor_version, pack, text_key, unpack
from .compare import joinable, judge
from .extract import extract
from .model import Mention, Problem, Source, fact_sort_key
from .report.document import Report
from .sources import (DEFAULT_MAX_BYTES, InputError, discover, display_path, read_source,
                      source_from_text, unique_ids)


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
    from . import lexicon

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
    import signal

    from . import lexicon

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent handles it
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # and may end a worker early

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
    """Extraction failed on one article (a bug in factdiff); ``check_stream`` reports it as a
    problem of that file and goes on."""


def _extract_many(items: list[tuple[str, Optional[str]]]) -> list:
    """In a worker: each article's packed mentions, or an ExtractError's message for an article
    the extractor fails on (the others of the chunk are still read)."""
    out: list[Union[bytes, str]] = []
    for item in items:
        try:
            out.append(_extract_packed(item))
        except Exception as exc:  # noqa: BLE001 - reported per article by the parent
            out.append(f"{type(exc).__name__}: {exc}")
    return out


def _extract_iter(sources: Iterable[Source], jobs: int, store, observer: Optional[Observer],  # noqa: C901
                  total: int, shared: Optional[dict], isolate: bool = False):
    """``(source, mentions)`` for each source, in order; ``mentions`` is an ExtractError when
    the extractor failed on that article in a worker (or, with ``isolate``, in this process).
    Articles are read from ``sources`` as the workers need them (at most a few chunks per
    worker are in flight), so a generator of sources is never held whole in memory. Workers
    start only when the articles ahead hold enough text; none is forked while every article
    comes from the cache (nothing is submitted)."""
    import collections
    import concurrent.futures as cf
    import itertools

    version = extractor_version(extraction_options()) if store is not None else None
    done = 0

    def lookup(src: Source):
        if store is None or version is None:
            return None, None
        key = text_key(src.text, src.published, version)
        hit = store.get(key, src.text, share=shared is not None)  # shared: mentions kept for the run
        return key, (None if hit is None else _own(hit, src.id, shared))

    it = iter(sources)
    pool = None
    freeze = False
    if jobs > 1:
        # Worth starting workers only for enough text: look ahead that far before deciding.
        ahead: list[Source] = []
        size = 0
        for src in it:
            ahead.append(src)
            size += len(src.text)
            if size >= PARALLEL_MIN_CHARS and len(ahead) > 1:
                break
        if size >= PARALLEL_MIN_CHARS and len(ahead) > 1:
            # Forked workers share the parent's pages until one is written, and a worker's
            # garbage collector would write to every object it tracks; frozen objects it
            # leaves alone, so a worker costs its own work, not a copy of what was read.
            freeze = gc.get_freeze_count() == 0  # never thaw what the embedding program froze
            if freeze:
                gc.freeze()
            pool = cf.ProcessPoolExecutor(max_workers=jobs, initializer=worker_init, initargs=(extraction_options(),))
        it = itertools.chain(ahead, it) if ahead else it
    if pool is None:
        for src in it:
            key, hit = lookup(src)
            if hit is None:
                try:
                    hit = _own(extract(src.text, src.published), src.id, shared)
                except Exception as exc:  # noqa: BLE001 - reported per article by the caller
                    if not isolate:
                        raise
                    hit = ExtractError(f"{type(exc).__name__}: {exc}")
                else:
                    if store is not None:
                        store.put(key, hit, src.text)
            done += 1
            if observer:
                observer("extract", done, total)
            yield src, hit
        return

    chunk = 8 if total <= 0 else max(1, min(16, total // (jobs * 8)))
    window = jobs * 4  # chunks in flight
    pending: collections.deque = collections.deque()  # (future or None, [(src, key, hit)])
    try:
        batch: list = []
        exhausted = False
        while True:
            while not exhausted and len(pending) < window:
                batch = []
                for src in it:
                    key, hit = lookup(src)
                    batch.append((src, key, hit))
                    if len(batch) >= 8 * chunk or sum(1 for _, _, h in batch if h is None) >= chunk:
                        break
                else:
                    exhausted = True
                if not batch:
                    break
                todo = [(s.text, s.published) for s, _, h in batch if h is None]
                pending.append((pool.submit(_extract_many, todo) if todo else None, batch))
            if not pending:
                break
            future, batch = pending.popleft()
            blobs = iter(future.result() if future is not None else ())
            for src, key, hit in batch:
                if hit is None:
                    blob = next(blobs)
                    if isinstance(blob, str):
                        hit = ExtractError(blob)
                    else:
                        hit = _own(unpack(blob, src.text, shared is not None), src.id, shared)
                        if store is not None:
                            store.put_packed(key, blob)
                done += 1
                if observer:
                    observer("extract", done, total)
                yield src, hit
    except BaseException:
        stop_pool(pool)  # interrupted or failed: do not wait for the articles still queued
        raise
    finally:
        if freeze:
            gc.unfreeze()
    pool.shutdown(wait=True)


def extract_sources(sources: list[Source], jobs: Optional[int] = 1, cache: CacheArg = None,
                    observer: Optional[Observer] = None) -> list[list[Mention]]:
    """The mentions of each source, in order, each naming its source. ``jobs``: worker
    processes (None: one per core); ``cache``: a :class:`factdiff.cache.MentionCache`, a
    folder, True for the default folder, or None."""
    jobs = default_jobs() if jobs is None else max(1, int(jobs))
    store, opened = _open_cache(cache)
    shared: dict = {}  # see _own; dropped when the run's mentions are all read
    results = []
    try:
        for src, mentions in _extract_iter(sources, jobs, store, observer, len(sources), shared):
            if isinstance(mentions, ExtractError):
                raise mentions
            results.append(mentions)
    finally:
        if store is not None:
            store.close() if opened else store.flush()
    return results


def check_sources(sources: list[Source], problems: Optional[list[Problem]] = None, *,
                  jobs: Optional[int] = 1, cache: CacheArg = None,
                  observer: Optional[Observer] = None) -> Report:
    """Extract, align and judge ``sources`` (in memory) -> :class:`Report`. ``problems`` (files
    that could not be read) are passed through to the report. ``jobs``: worker processes for
    extraction (None: one per core); ``cache``: the cache of extracted mentions (None or
    False: none, True: the default folder, or a folder or a MentionCache); ``observer(stage, done,
    total)`` hears of progress."""
    return check_sources_mentions(sources, problems, jobs=jobs, cache=cache, observer=observer)[0]


def check_sources_mentions(sources: list[Source], problems: Optional[list[Problem]] = None, *,
                           jobs: Optional[int] = 1, cache: CacheArg = None,
                           observer: Optional[Observer] = None) -> tuple[Report, list[Mention]]:
    """:func:`check_sources`, and every mention the run extracted (the facts hold these same
    objects): what ``factdiff explain`` needs to ask the aligner about any two of them."""
    mentions = [m for ms in extract_sources(sources, jobs=jobs, cache=cache, observer=observer) for m in ms]
    if observer:
        observer("align", 0, len(mentions))
    groups = align(mentions, joinable)
    if observer:
        observer("compare", 0, len(groups))
    published = {s.id: s.published for s in sources if s.published}
    facts = [judge(g, published) for g in groups]
    facts.sort(key=fact_sort_key)
    return Report(sources=list(sources), facts=facts, problems=list(problems or [])), mentions


def check_stream(sources: Iterable[Source], problems: Optional[list[Problem]] = None, *,
                 total: int = 0, jobs: Optional[int] = 1, cache: CacheArg = None,
                 observer: Optional[Observer] = None, workdir: Optional[str] = None) -> Report:
    """The same report as :func:`check_sources`, for corpora too big for memory: ``sources``
    may be a generator (each article is read, extracted and let go), mentions wait in a
    temporary file (``factdiff.spill``) until their block is aligned, and the report's
    ``facts`` is a store read back in order (``len``, counts per status, iterable again and
    again) that lives until ``report.facts.close()`` or the end of the process. The report's
    sources keep no text (``Source.without_text``). An article the extractor fails on is
    added to ``problems`` (the list given, which becomes the report's) and the others are
    checked. ``total``: the number of sources,
    for the observer. ``workdir``: where the temporary folder goes (default: the system's)."""
    import sqlite3

    from .align import align_block, block_key
    from .spill import Spill, spill_error

    jobs = default_jobs() if jobs is None else max(1, int(jobs))
    problems = problems if problems is not None else []  # a generator of sources may add to it as it reads
    kept: list[Source] = []
    published: dict = {}  # source id -> publication date, for the judge
    store, opened = _open_cache(cache)
    spill = Spill(workdir)
    try:
        try:
            for src, mentions in _extract_iter(sources, jobs, store, observer, total, None, isolate=True):
                if isinstance(mentions, ExtractError):
                    problems.append(Problem(src.path, f"could not be checked (internal error: {mentions})"))
                    continue
                spill.add_mentions(len(kept), mentions, block_key)
                kept.append(src.without_text())
                if src.published:
                    published[src.id] = src.published
        finally:
            if store is not None:
                store.close() if opened else store.flush()
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


def load_sources(paths: Iterable, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[Source], list[Problem]]:
    """Files and folders -> (the readable ones as :class:`Source`, a :class:`Problem` for each
    one that could not be read), with unique ids (:func:`factdiff.sources.unique_ids`)."""
    files, problems = discover(paths)
    sources = []
    for f, sid in zip(files, unique_ids(files)):
        try:
            sources.append(read_source(f, sid, max_bytes=max_bytes))
        except InputError as exc:
            problems.append(Problem(display_path(f), str(exc)))
    return sources, problems


def check_paths(paths: Iterable, max_bytes: int = DEFAULT_MAX_BYTES, **options) -> Report:
    """Files and folders (recursive) -> Report. Unreadable files are listed in
    ``Report.problems`` and the rest are still checked. ``options``: ``jobs``, ``cache``,
    ``observer`` as for :func:`check_sources`."""
    if isinstance(paths, (str, bytes)) or hasattr(paths, "__fspath__"):
        paths = [paths]
    sources, problems = load_sources(paths, max_bytes=max_bytes)
    return check_sources(sources, problems, **options)
