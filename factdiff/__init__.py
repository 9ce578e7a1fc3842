"""factdiff: where news outlets agree and contradict each other on figures, dates and titles.

Library use::

    import factdiff
    report = factdiff.check_paths(["samples/amnesty-syria-2015"])
    report = factdiff.check_texts({"a": "Fire killed 20 people.", "b": "Fire killed 25 people."})
    mentions = factdiff.extract("More than 25 Russian attacks")
"""
from .extract import extract
from .model import Fact, Mention, Problem, Source
from .report.document import Report
from .version import __version__ as __version__

__all__ = ["extract", "check_paths", "check_texts", "Report", "Fact", "Mention", "Source", "Problem"]


def check_texts(texts, published=None, **options):
    """Check articles given as text, ``{"source id": text}`` -> :class:`Report`; ``published``
    is one date for all (``"2025-06-16"`` or a ``datetime.date``) or a mapping per source id.
    See :func:`factdiff.pipeline.check_texts`."""
    from .pipeline import check_texts as _check_texts

    return _check_texts(texts, published=published, **options)


def check_paths(paths, **options):
    """Check files and folders (read recursively) -> :class:`Report`; unreadable files are in
    ``Report.problems``. See :func:`factdiff.pipeline.check_paths`."""
    from .pipeline import check_paths as _check_paths

    return _check_paths(paths, **options)
