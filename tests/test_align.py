"""align: what is compared with what, and what never is."""
import factdiff


def _compared(report, a, b):
    return any({a, b} <= {m.text for m in f.mentions} for f in report.facts)


def test_same_thing_different_words_is_one_fact():
    r = factdiff.check_texts({"a": "Air strikes killed 200 civilians in Aleppo.",
                              "b": "The raids killed at least 200 civilians in Aleppo, officials said."})
    assert _compared(r, "200 civilians", "at least 200 civilians")
    assert not r.conflicts


def test_part_is_not_compared_with_whole():
    r = factdiff.check_texts({
        "a": "The strikes killed 200 civilians in Idlib province. In one of the deadliest incidents, a missile hit a market in Idlib, killing 49 civilians.",
        "b": "The strikes killed 200 civilians in Idlib province, the report said."})
    assert not _compared(r, "49 civilians", "200 civilians")
    assert not r.conflicts


def test_ratio_is_not_compared_with_total():
    r = factdiff.check_texts({"a": "Russia killed 16 civilians in Syria for every fighter.",
                              "b": "Russia killed 200 civilians in Syria."})
    kinds = {m.text: m.kind for f in r.facts for m in f.mentions}
    assert kinds["16 civilians in Syria for every fighter"] == "ratio"
    assert not _compared(r, "16 civilians in Syria for every fighter", "200 civilians")


def test_different_events_are_different_facts():
    r = factdiff.check_texts({"a": "The report gives more details about six attacks in Homs.",
                              "b": "Amnesty researched 25 attacks in Homs."})
    assert not _compared(r, "six attacks", "25 attacks") and not r.conflicts


def test_different_years_are_different_facts():
    r = factdiff.check_texts({"a": "In 2014 the firm added 300 jobs in Ohio.",
                              "b": "In 2015 the firm added 450 jobs in Ohio."})
    assert not r.conflicts


def test_different_places_do_not_conflict():
    r = factdiff.check_texts({"a": "The bombing in Beirut killed 258 Americans.",
                              "b": "The attack in Benghazi killed four Americans."})
    assert not r.conflicts


def test_same_slot_conflicts_even_with_several_figures_per_source():
    r = factdiff.check_texts({
        "a": "Last year 26 members traveled to England, 26 members traveled to France and 32 members traveled to Italy.",
        "b": "Last year 76 members traveled to England, 26 members traveled to France and 32 members traveled to Italy."})
    [f] = r.conflicts
    assert {m.text for m in f.mentions} == {"26 members", "76 members"}


def test_a_source_giving_two_figures_describes_two_things():
    r = factdiff.check_texts({
        "a": "Police arrested 40 protesters on Friday and 12 protesters were charged.",
        "b": "Police arrested 40 protesters in the city on Friday."})
    assert not r.conflicts


def test_vague_amounts_do_not_contradict_each_other():
    r = factdiff.check_texts({"a": "They spent thousands of dollars on travel.",
                              "b": "They spent tens of thousands of dollars on travel."})
    assert not r.conflicts


def test_a_source_stating_the_other_figure_too_is_not_contradicted():
    # a states 420 and 4.4 million people; b's 4.4 million agrees with a's own second figure
    r = factdiff.check_texts({
        "a": "Some 420 people have been hanged in Singapore since 1991. That gives the country of 4.4 million people the highest rate.",
        "b": "4.4 million people were executed in Singapore."})
    assert not r.conflicts


def test_a_relative_time_frame_is_not_an_explicit_one():
    r = factdiff.check_texts({
        "a": "Last year, the Clintons paid an effective federal tax rate of 35.7 percent.",
        "b": "From 2007 through 2014 the couple paid an effective tax rate of 31.55 percent."})
    assert not r.conflicts


def test_different_compounds_are_different_things():
    r = factdiff.check_texts({
        "a": "The plan lowers the highest income tax rate from 39.6 percent to 25 percent.",
        "b": "The plan will lower the business tax rate from 35 percent to 15 percent."})
    assert not r.conflicts


def test_a_bare_year_only_one_source_gives_is_no_fact():
    """Issue 12, item 10: bare years made single facts of nothing ("in 1989"); a year two
    sources give is still compared."""
    r = factdiff.check_texts({"a": "The plant opened in 1989 and employs 300 people.",
                              "b": "The plant employs 300 people."})
    assert not [f for f in r.facts if f.kind == "date"]
    assert [f for f in r.facts if f.kind == "count" and f.status == "agree"]
    r = factdiff.check_texts({"a": "The plant opened in 1989.", "b": "It has run since it opened in 1989."})
    assert [f for f in r.facts if f.kind == "date" and f.status == "agree"]


def test_the_spelled_out_comparisons_weigh_as_the_table():
    """``_standard_evidence`` and ``_cheap_total`` (COMPARISONS spelled out, for speed) give the
    table's evidence and cheap sum on every pair of the sample's blocks."""
    import importlib
    from collections import defaultdict
    from pathlib import Path

    import pytest

    E = importlib.import_module("factdiff.align.evidence")  # (the package exports a function of that name)
    from factdiff.extract import extract
    ms = []
    for f in sorted(Path("samples/amnesty-syria-2015").glob("*.txt")):
        ms += extract(f.read_text(encoding="utf-8"))
    blocks = defaultdict(list)
    for m in ms:
        blocks[m.kind].append(m)
    bounds = E._current_bounds()
    assert bounds.standard
    pairs = 0
    for kind, block in blocks.items():
        if kind not in bounds.cheap:
            continue  # (no fact kind: never aligned)
        run = E.Run.of(block)
        for i, a in enumerate(block):
            for b in block[i + 1:i + 40]:
                assert E._standard_evidence(a, b, run, bounds) == E._table_evidence(a, b, run)
                table = sum(w.get(f(a, b, run), 0.0) for f, w in bounds.cheap[a.kind])
                assert E._cheap_total(a, b, run, bounds) == pytest.approx(table, abs=1e-9)
                pairs += 1
    assert pairs > 1000
