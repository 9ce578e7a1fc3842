"""Judgement that does not depend on file order or on how many copies a folder holds (issue 11):
the sample with the 40-page line appended to each article in turn, and one story repeated many
times over."""
import pytest

import factdiff
from conftest import SAMPLE

FORTY = "The 40-page report was published on Wednesday."
FILES = sorted(p for p in SAMPLE.iterdir() if p.suffix == ".txt")


@pytest.mark.parametrize("target", [p.name for p in FILES])
def test_a_40_page_report_appended_to_any_sample_article_conflicts_with_the_28_page_one(target):
    texts = {p.stem: p.read_text(encoding="utf-8") + ("\n\n" + FORTY if p.name == target else "")
             for p in FILES}
    r = factdiff.check_texts(texts)
    pages = [f for f in r.conflicts
             if {"40-page"} <= {m.text for m in f.mentions} and "28-page" in {m.text for m in f.mentions}]
    assert len(pages) == 1, [f.reason for f in r.conflicts]
    # and the sample's own conflict stays
    assert any({">25", "25"} == {m.value_text() for m in f.mentions} for f in r.conflicts)


ARTICLES = {
    "a": "Rescuers pulled 12 people from the river after the ferry capsized on Sunday. The "
         "operator said the ferry carried 48 passengers.",
    "b": "Firefighters pulled 15 people from the river after the ferry capsized on Sunday. The "
         "ferry carried 48 passengers, its operator said.",
    "c": "The ferry that capsized on Sunday carried 48 passengers, the operator said.",
    "d": "Twelve people were pulled from the water on Sunday, officials said.",
}


def _copies(n: int) -> dict:
    return {f"{k}{i:03d}": v for i in range(n) for k, v in ARTICLES.items()}


def _summary(report):
    """(status, kind, values) of each fact that two or more sources state."""
    out = []
    for f in report.facts:
        if len({m.source for m in f.mentions}) < 2:
            continue
        out.append((f.status, f.kind, tuple(sorted({m.value_text() for m in f.mentions}))))
    return sorted(out)


def test_many_copies_of_one_story_make_one_entry_per_fact():
    few = _summary(factdiff.check_texts(_copies(1)))
    many_report = factdiff.check_texts(_copies(120))
    many = _summary(many_report)
    assert ("conflict", "count", ("12", "15")) in few
    assert many == few  # the same facts, each once: a copy of an article adds sources, not facts
    passengers = [f for f in many_report.facts if any(m.text == "48 passengers" for m in f.mentions)]
    assert len(passengers) == 1 and passengers[0].status == "agree"
    assert len({m.source for m in passengers[0].mentions}) == 360


def test_file_order_and_one_more_article_change_no_verdict():
    texts = _copies(30)
    reversed_order = dict(reversed(list(texts.items())))
    assert _summary(factdiff.check_texts(texts)) == _summary(factdiff.check_texts(reversed_order))
    one_more = dict(texts, extra="The ferry carried 48 passengers when it capsized on Sunday.")
    assert _summary(factdiff.check_texts(one_more)) == _summary(factdiff.check_texts(texts))
