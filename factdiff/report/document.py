"""The report a check returns: plain data, with its JSON and HTML forms."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Facts
from .html import render as render_html
from .json import report_to_dict


@dataclass
class Report:
    """What a check found: the sources read, the facts, the files that could not be read."""

    sources: list = field(default_factory=list)  # list[Source]
    facts: Facts = field(default_factory=list)
    problems: list = field(default_factory=list)  # list[Problem]

    def summary(self) -> dict:
        counts = getattr(self.facts, "counts", None)  # a streamed run's store knows them
        if counts is None:
            counts = {"agree": 0, "conflict": 0, "single": 0}
            for f in self.facts:
                counts[f.status] += 1
        return {"sources": len(self.sources), "facts": len(self.facts), **counts}

    def iter_conflicts(self):
        """The conflicts one at a time (a streamed run's store reads each from disk)."""
        if hasattr(self.facts, "select"):
            return self.facts.select("conflict")
        return (f for f in self.facts if f.status == "conflict")

    @property
    def conflicts(self) -> list:
        if hasattr(self.facts, "conflicts"):  # a streamed run's store: read only those
            return self.facts.conflicts()
        return [f for f in self.facts if f.status == "conflict"]

    def to_dict(self) -> dict:
        """The JSON report as a dict (``factdiff check -f json`` less its ``gate``)."""
        return report_to_dict(self)

    def to_html(self, **options) -> str:
        """The report as one self-contained HTML page (see ``factdiff.report.html.render``)."""
        return render_html(self, **options)
