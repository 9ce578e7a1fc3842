"""Issue 12, items 7, 8, 10 and 11: extraction of long texts, relative future dates, datelines
and bare years, the words a subject is shown with. Speed itself is measured by ``make bench``;
these tests guard the causes with counts of the work done, never with a clock."""
from __future__ import annotations

import gc
import importlib

import pytest

from factdiff.extract import extract
from factdiff.extract import text as text_module

extract_module = importlib.import_module("factdiff.extract")  # the package (``factdiff.extract`` is also the function)


# --- item 7: a long article is extracted in time linear in its length -------------------------

def _article(paragraphs: int, link_every: int = 1) -> str:
    """Prose of ``paragraphs`` paragraphs, a link or a handle in every ``link_every``-th one."""
    out = []
    for k in range(paragraphs):
        line = (f"The council said {k + 3} homes were flooded on the east side. "
                "Residents waited for news of the repairs.")
        if k % link_every == 0:
            line += f" Updates at https://example.org/p/{k} and @desk{k}."
        out.append(line)
    return "\n\n".join(out)


def test_noise_is_looked_up_per_sentence_not_per_text(monkeypatch):
    """The links blocked in a sentence were found by testing every link of the text against
    every sentence: quadratic in a text with a link per paragraph. Now a sentence looks at the
    links it overlaps and at most one more."""
    made = []

    class Counting(extract_module._Noise):
        def __init__(self, spans):
            super().__init__(spans)
            made.append(self)

    monkeypatch.setattr(extract_module, "_Noise", Counting)
    text = _article(600)
    mentions = extract(text)
    (noise,) = made
    assert len(noise.spans) == 1200  # a link and a handle per paragraph
    sentences = 3 * 600
    assert noise.looked <= 2 * (sentences + len(noise.spans))
    assert any(m.kind == "count" and m.low == 3 for m in mentions)


def test_noise_pattern_reads_only_the_runs_around_its_anchors(monkeypatch):
    """The noise pattern (whose e-mail branch is tried at every word) ran over the whole text
    after the first "@", "#" or link: now only over the runs of non-space characters that hold
    one, with the same spans."""
    text = "Contact @desk for details. " + "The council said the river rose overnight. " * 20000
    monkeypatch.setattr(text_module, "NOISE_SCANNED", [0])
    spans = text_module.noise_spans(text)
    assert spans == [m.span() for m in text_module._NOISE_RE.finditer(text)] == [(8, 13)]
    assert text_module.NOISE_SCANNED[0] == len("@desk")


def test_name_at_sentence_start_is_read_backwards_from_the_name():
    """Whether a name opens its sentence was decided from a copy of the whole sentence before
    it, once per name; now from the characters just before it (same answers)."""
    from factdiff.extract.names import _at_start

    text = "x. “(Mayor Smith said"
    assert _at_start(text, 3, 5)
    assert not _at_start("He met Smith", 0, 7)
    assert _at_start("He said: Smith", 0, 9)
    assert _at_start("  \r Smith", 0, 4)


def test_extraction_pauses_the_garbage_collector_and_restores_it(monkeypatch):
    """Extraction makes no reference cycles, so it runs with the cycle collector paused (its
    full passes over every mention made so far grew faster than the text: 15% of a 9 MB
    article); it is restored as it was."""
    seen = []
    real = extract_module.find_names

    def spy(text, s, e):
        seen.append(gc.isenabled())
        return real(text, s, e)

    monkeypatch.setattr(extract_module, "find_names", spy)
    assert gc.isenabled()
    extract("The council said 12 homes were flooded. Officials agreed.")
    assert seen == [False, False]
    monkeypatch.undo()
    extract("The council said 12 homes were flooded.")
    assert gc.isenabled()
    gc.disable()
    try:
        extract("The council said 12 homes were flooded.")
        assert not gc.isenabled()
    finally:
        gc.enable()
    gc.collect()
    gc.disable()
    try:
        extract(_article(50) + " The company lost $5 million on Monday, 3 March 2025.")
        assert gc.collect() == 0  # nothing was left for the collector
    finally:
        gc.enable()


# --- item 8: the tense of the clause decides which way a relative date goes -------------------

THURSDAY = "2025-04-10"  # Thursday 10 April 2025


def _dates(text: str, published: str = THURSDAY, prefer: str = "past") -> list[tuple[str, str]]:
    return [(m.text, m.date) for m in extract(text, published=published, prefer=prefer) if m.kind == "date"]


@pytest.mark.parametrize("text, expected", [
    ("The museum will reopen on Monday.", [("Monday", "2025-04-14")]),
    ("Officials said the museum will reopen Monday.", [("Monday", "2025-04-14")]),
    ("The museum is set to reopen on Monday, officials said.", [("Monday", "2025-04-14")]),
    ("On Monday, the museum will reopen.", [("Monday", "2025-04-14")]),
    ("The vote is scheduled for Friday.", [("Friday", "2025-04-11")]),
    ("The project will be completed on the 15th.", [("the 15th", "2025-04-15")]),
    ("The festival will take place on 30 September.", [("30 September", "2025-09-30")]),
    # the past, and a clause that says nothing, keep the news convention
    ("The museum reopened on Monday.", [("Monday", "2025-04-07")]),
    ("The museum, which closed on Monday, will reopen soon.", [("Monday", "2025-04-07")]),
    ("The museum was expected to reopen on Monday.", [("Monday", "2025-04-07")]),
    ("The festival took place on 30 September.", [("30 September", "2024-09-30")]),
    ("Museum reopens Monday", [("Monday", "2025-04-07")]),
    # each date in its own clause
    ("He said on Monday that the museum will reopen on Friday.",
     [("Monday", "2025-04-07"), ("Friday", "2025-04-11")]),
    ("He was arrested on Monday and will appear in court on Friday.",
     [("Monday", "2025-04-07"), ("Friday", "2025-04-11")]),
])
def test_future_clause_resolves_forward_in_news(text, expected):
    assert _dates(text) == expected


def test_past_clause_resolves_backward_in_a_schedule():
    assert _dates("The museum will reopen on Monday.", prefer="future") == [("Monday", "2025-04-14")]
    assert _dates("The museum closed on Monday.", prefer="future") == [("Monday", "2025-04-07")]
    assert _dates("Thanksgiving 1 year ago", published="2013-02-12", prefer="future") == \
        [("Thanksgiving 1 year ago", "2012-11-22")]  # "ago" belongs to the date, not to the clause


def test_clause_tense():
    from factdiff.extract.dates import clause_tense
    from factdiff.extract.text import tokenize

    def tense(sentence, word):
        toks = tokenize(sentence)
        return clause_tense(toks, next(k for k, t in enumerate(toks) if t.text == word))

    assert tense("We'll meet on Friday", "Friday") == "future"
    assert tense("The sale will last until Friday", "Friday") == "future"
    assert tense("The hall is to reopen on Friday", "Friday") == "future"
    assert tense("The trip is to the coast on Friday", "Friday") is None
    assert tense("Talks ended on Friday", "Friday") == "past"
    assert tense("It will be finished by Friday", "Friday") == "future"
    assert tense("Friday", "Friday") is None


# --- item 10: a dateline is the article's date, not a fact -----------------------------------

@pytest.mark.parametrize("text, kept", [
    ("PARIS, March 3 (Reuters) - France said 12 people died on March 2.", ["March 2"]),
    ("NEW YORK, Jan. 5, 2019 /PRNewswire/ -- The company said it hired 40 people.", []),
    ("WASHINGTON, March 3 — The Senate voted on Tuesday.", ["Tuesday"]),
    ("**LONDON, 3 March 2025 (Reuters)** - Prices rose 3% in 2024.", ["2024"]),
    ("Kyiv, Ukraine, March 3 (AP) — Ukraine said 4 drones fell.", []),
    ("Storm hits coast\n\n  MIAMI, Sept. 4 (AP) — The storm hit on Sept. 3.", ["Sept. 3"]),
    # a line holding nothing but the article's date, before its text
    ("By Jane Doe\nMarch 3, 2025\n\nThe council said 12 homes flooded on March 1.", ["March 1"]),
    ("Published 3 March 2025\nUpdated: Tue 4 Mar 2025 10:02 GMT\nThe fire began on March 1.", ["March 1"]),
    # not datelines: a sentence that opens with a date, a text that is only a date
    ("On March 3, 2019: the fire started.", ["March 3, 2019"]),
    ("March 3, 2025", ["March 3, 2025"]),
    ("The fire started on March 3.\n\nIt burned for a week.", ["March 3"]),
])
def test_dateline_dates_are_no_mentions(text, kept):
    assert [m.text for m in extract(text, published="2025-03-04") if m.kind == "date"] == kept


def test_dateline_year_is_no_time_frame():
    (m,) = [m for m in extract("LONDON, 3 March 2025 (Reuters) - Prices rose 3%.") if m.kind == "percent"]
    assert m.frame == ()


@pytest.mark.parametrize("text", ["© 2025 The Associated Press. All rights reserved.", "(c) 2018 CNN",
                                  "Copyright © 2011-2019 Example Media Inc.", "Copyright 2019 Reuters."])
def test_copyright_years_are_neither_dates_nor_counts(text):
    assert [m for m in extract(text) if m.kind != "name"] == []


def test_one_dateline_in_many_articles_makes_no_fact():
    from factdiff import check_texts

    bodies = ["homes were flooded", "roads were closed", "schools shut", "trees fell"]
    texts = {f"a{k:02d}": f"PARIS, March 3 (Reuters) - The council said {k + 2} {bodies[k % 4]}.\n"
             for k in range(28)}
    report = check_texts(texts)
    assert not [f for f in report.facts if f.kind == "date"]


# --- item 11: a subject is words from the text -------------------------------------------------

def _subjects(texts: dict, published: str = "2019-01-10") -> dict:
    from factdiff import check_texts

    return {f.subject: f for f in check_texts(texts, published=published).facts}


def test_no_placeholder_subjects():
    """No `start of 'start'`, `duration of 'end'`, `date of figure`, `figure`, `next (rise)`,
    `january (spend)`: where no word names the measured thing, the sentence's own words."""
    texts = {"a": "The shutdown began on Dec. 22. Payrolls were expected to increase by 671,000 next month. "
                  "The firm will spend $5 million in January. He moved to divert billions toward a wall. "
                  "The talks ended after three days.",
             "b": "The shutdown began on Dec. 21. Payrolls were expected to increase by 600,000 next month. "
                  "The firm will spend $6 million in January. He moved to divert billions toward a wall. "
                  "The talks ended after four days."}
    subjects = _subjects(texts)
    for s in subjects:
        assert "‘" not in s and "'" not in s, s
        assert s != "figure" and "of figure" not in s, s
        assert not s.startswith(("next", "january")), s
    assert "“The shutdown began on …”" in subjects
    assert subjects["“The shutdown began on …”"].status == "conflict"
    assert "“expected to increase by … next month”" in subjects
    assert "“The firm will spend … in January”" in subjects
    assert "“He moved to divert … toward a wall”" in subjects
    assert "“The talks ended after …”" in subjects


def test_own_words_come_from_the_sentence():
    from factdiff.compare import _subject_words
    from factdiff.model import Mention

    sentence = "In a narrow victory, 98 to 96, she won the seat."
    m = Mention(start=21, end=23, text="98", kind="count", low=98, high=98, sentence=sentence, sentence_start=0)
    assert _subject_words(m) == "“In a narrow victory, … to 96”"
    for word in _subject_words(m).strip("“”").replace("…", "").split():
        assert word in sentence
    named = Mention(start=21, end=23, text="98", kind="count", low=98, high=98, subject="seat",
                    predicate="win", sentence=sentence, sentence_start=0)
    assert _subject_words(named) == "seat (win)"  # a measured thing that is a word stays as it was


def test_a_verb_or_a_month_is_no_measured_thing():
    from factdiff.compare import _sameness, _subject_words
    from factdiff.model import Mention

    sentence = "But dozens in her caucus voted against her."
    m = Mention(start=4, end=10, text="dozens", kind="count", low=24, high=99, subject="voted",
                sentence=sentence, sentence_start=0)
    assert _subject_words(m) == "“But … in her caucus”"
    assert _sameness(m) == "same surrounding words"
    killed = Mention(start=0, end=2, text="12", kind="count", low=12, high=12, subject="person", predicate="kill",
                     sentence="12 people were killed.", sentence_start=0)
    assert _sameness(killed) == "same measured thing (person), same event (killed)"


def test_sample_subjects_are_words():
    from pathlib import Path

    from factdiff import check_paths

    report = check_paths([Path(__file__).resolve().parent.parent / "samples" / "amnesty-syria-2015"])
    for f in report.facts:
        assert "‘" not in f.subject and f.subject != "figure" and "of figure" not in f.subject, f.subject


def test_a_fact_of_one_source_says_1_source_in_the_table():
    """Item 11: "(count, 1 sources)" read as jargon; the count agrees with its noun."""
    import subprocess
    import sys

    from conftest import SAMPLE

    out = subprocess.run([sys.executable, "-m", "factdiff.cli", "check", str(SAMPLE), "--all"],
                         capture_output=True, text=True).stdout
    assert "1 source)" in out and "1 sources" not in out


def test_line_and_column_are_found_by_bisection_not_by_counting_from_the_start():
    """Item 7: a report asks the line of every mention; counting newlines from the start of a
    9 MB text for each made writing the report quadratic (124 CPU-s)."""
    from factdiff.model import Source

    text = "".join(f"line {n} has some words\n" * (n % 3) + "x" for n in range(200))
    src = Source("a", "a", text)
    assert src.line_starts is None
    for offset in range(0, len(text) + 1, 7):
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        assert src.line_col(offset) == (line, col)
    assert src.line_starts is not None  # worked out once, then looked up
