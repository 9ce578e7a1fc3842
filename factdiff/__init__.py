"""factdiff: where news outlets agree and contradict each other on figures, dates and titles.

Library use::

    import factdiff
    report = factdiff.check_paths(["samples/amnesty-syria-2015"])
    report = factdiff.check_texts({"a": "Fire killed 20 people.", "b": "Fire killed 25 people."})
    mentions = factdiff.extract("More than 25 Russian attacks")
"""
from .extract import extract
from .model import Fact, Mention, Problem, Source
from .pipeline import check_paths, check_texts
from .report.document import Report
from .version import __version__ as __version__

__all__ = ["extract", "check_paths", "check_texts", "Report", "Fact", "Mention", "Source", "Problem"]

