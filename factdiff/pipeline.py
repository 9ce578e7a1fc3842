"""The pipeline end to end: sources -> extract -> align -> compare -> Report.

Pure functions over data; the CLI and the library both call these.

Extraction is a pure function of (text, publication date, options) that returns plain data, so
it may run in worker processes (``jobs``) and its result may be kept in a cache keyed by the
text and the extractor's version (``cache``): neither changes the report. ``observer(stage,
done, total)`` is told how far the run has got: ``"extract"`` after each article, then
``"align"`` and ``"compare"`` as those stages start.
"""
from __future__ import annotations

import gc
import os
from typing import Callable, Iterable, Mapping, Optional, Union

from .align import align
from .compare import compatible, judge
from .extract import extract
from .model import Mention, Problem, Report, Source
from .sources import (DEFAULT_MAX_BYTES, InputError, discover, display_path, read_source,
                      source_from_text, unique_ids)

_STATUS_ORDER = {"conflict": 0, "agree": 1, "single": 2}

Observer = Callable[[str, int, int], None]
CacheArg = Union[None, bool, str, os.PathLike, "MentionCache"]  # noqa: F821 - factdiff.cache

# Below this much text to extract, worker processes cost more than they save.
PARALLEL_MIN_CHARS = 256 * 1024


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _options() -> dict:
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

def _worker_init(options: dict) -> None:
    import signal

    from . import lexicon

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent handles it
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # and may end a worker early

    if options.get("synonyms") and not lexicon.extra_synonyms():
        lexicon.add_synonyms(options["synonyms"])


def _stop(pool) -> None:
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
    from .cache import pack

    text, published = item
    return pack(extract(text, published), text)


def _open_cache(cache: CacheArg):
    if cache is None or cache is False:
        return None, False
    from .cache import MentionCache

    if isinstance(cache, MentionCache):
        return cache, False
    return MentionCache(None if cache is True else cache), True


def extract_sources(sources: list[Source], jobs: Optional[int] = 1, cache: CacheArg = None,
                    observer: Optional[Observer] = None) -> list[list[Mention]]:
    """The mentions of each source, in order, each naming its source. ``jobs``: worker
    processes (None: one per core); ``cache``: a :class:`factdiff.cache.MentionCache`, a
    folder, True for the default folder, or None."""
    jobs = default_jobs() if jobs is None else max(1, int(jobs))
    total = len(sources)
    store, opened = _open_cache(cache)
    results: list[Optional[list[Mention]]] = [None] * total
    todo: list[int] = []
    keys: list[Optional[str]] = [None] * total
    done = 0
    shared: dict = {}  # see _own; dropped when the run's mentions are all read
    try:
        if store is not None:
            from .cache import extractor_version, text_key

            version = extractor_version(_options())
            for n, src in enumerate(sources):
                keys[n] = key = text_key(src.text, src.published, version)
                hit = store.get(key, src.text)
                if hit is None:
                    todo.append(n)
                else:
                    results[n] = _own(hit, src.id, shared)
                    done += 1
                    if observer:
                        observer("extract", done, total)
        else:
            todo = list(range(total))
        size = sum(len(sources[n].text) for n in todo)
        if jobs > 1 and len(todo) > 1 and size >= PARALLEL_MIN_CHARS:
            import concurrent.futures as cf

            from .cache import unpack

            items = [(sources[n].text, sources[n].published) for n in todo]
            # Forked workers share the parent's pages until one is written, and a worker's
            # garbage collector would write to every object it tracks; frozen objects it leaves
            # alone, so a worker costs its own work, not a copy of every article already read.
            freeze = gc.get_freeze_count() == 0  # never thaw what the embedding program froze
            if freeze:
                gc.freeze()
            try:
                with cf.ProcessPoolExecutor(max_workers=min(jobs, len(todo)), initializer=_worker_init,
                                            initargs=(_options(),)) as pool:
                    try:
                        chunk = max(1, min(16, len(todo) // (jobs * 8)))
                        for n, blob in zip(todo, pool.map(_extract_packed, items, chunksize=chunk)):
                            src = sources[n]
                            results[n] = _own(unpack(blob, src.text), src.id, shared)
                            if store is not None:
                                store.put_packed(keys[n], blob)
                            done += 1
                            if observer:
                                observer("extract", done, total)
                    except BaseException:
                        _stop(pool)  # interrupted or failed: do not wait for the articles still queued
                        raise
            finally:
                if freeze:
                    gc.unfreeze()
        else:
            for n in todo:
                src = sources[n]
                results[n] = _own(extract(src.text, src.published), src.id, shared)
                if store is not None:
                    store.put(keys[n], results[n], src.text)
                done += 1
                if observer:
                    observer("extract", done, total)
    finally:
        if store is not None:
            store.close() if opened else store.flush()
    return results  # type: ignore[return-value]


def check_sources(sources: list[Source], problems: Optional[list[Problem]] = None, *,
                  jobs: Optional[int] = 1, cache: CacheArg = None,
                  observer: Optional[Observer] = None) -> Report:
    mentions = [m for ms in extract_sources(sources, jobs=jobs, cache=cache, observer=observer) for m in ms]
    if observer:
        observer("align", 0, len(mentions))
    groups = align(mentions, compatible)
    if observer:
        observer("compare", 0, len(groups))
    facts = [judge(g) for g in groups]
    facts.sort(key=lambda f: (_STATUS_ORDER[f.status], -len({m.source for m in f.mentions}),
                              f.mentions[0].source, f.mentions[0].start))
    return Report(sources=list(sources), facts=facts, problems=list(problems or []))


def check_texts(texts: Mapping[str, str], published: Optional[Mapping[str, str]] = None, **options) -> Report:
    """``{"source id": text}`` -> Report. ``published`` maps ids to ISO dates, optionally.
    ``options``: ``jobs``, ``cache``, ``observer`` as for :func:`check_sources`."""
    published = published or {}
    sources = [source_from_text(sid, text, published.get(sid)) for sid, text in texts.items()]
    return check_sources(sources, **options)


def load_sources(paths: Iterable, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[Source], list[Problem]]:
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
