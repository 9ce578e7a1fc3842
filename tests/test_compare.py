"""compare: interval logic, rounding, tolerance, dates and roles; levels of disagreement."""
import pytest

import factdiff
from factdiff.compare import clash, compatible, judge, rounding
from factdiff.model import Mention


def one(text, kind=None, source=""):
    ms = [m for m in factdiff.extract(text) if kind is None or m.kind == kind]
    assert len(ms) == 1, [(m.kind, m.text) for m in ms]
    m = ms[0]
    object.__setattr__(m, "source", source)
    return m


@pytest.mark.parametrize("a, b, ok", [
    ("more than 25 attacks", "25 attacks", False),        # the qualifier excludes 25
    ("at least 25 attacks", "25 attacks", True),
    ("hundreds of civilians", "200 civilians", True),
    ("hundreds of civilians", "at least 200 civilians", True),
    ("dozens of civilians", "200 civilians", False),
    ("about 200 people", "210 people", True),              # approximation tolerance
    ("about 200 people", "260 people", False),
    ("fewer than 10 people", "10 people", False),
    ("up to 10 people", "10 people", True),
    ("nearly 40 people", "40 people", True),
    ("more than 250,000 people", "more than a quarter of a million people", True),
    ("$43 million in taxes", "$43.4 million in taxes", True),  # half a unit of its last digit
    ("$43 million in taxes", "$43,885,310 in taxes", False),   # only as a soft rounding (below)
    ("$43 million in taxes", "$45,100,000 in taxes", False),
    ("$30 million in taxes", "$32 million in taxes", False),
    ("$30 million in taxes", "$30,400,000 in taxes", True),
    ("$1 million in taxes", "$10,000 in taxes", False),
    ("2 million people", "4 million people", False),
    ("5.7 billion dollars", "$5,740,000,000", True),
    ("$5.7 billion", "$5.6 billion", False),
    ("$43 million in taxes", "$43,000,000 in taxes", True),   # itself written another way
    ("800,000 workers", "more than 800,000 workers", False),  # a bound excludes its end
    ("as many as 300,000 people", "more than 300,000 people", False),  # two bounds
])
def test_numeric_compatibility(a, b, ok):
    assert compatible(one(a), one(b)) is ok


@pytest.mark.parametrize("a, b, level", [
    ("$43 million in taxes", "$43,885,310 in taxes", "soft"),   # rounded down: an editor asks
    ("$43 million in taxes", "$45 million in taxes", "hard"),
    ("$43 million in taxes", "$45,100,000 in taxes", "hard"),
    ("$43,000 for a watch", "$43,350 for a watch", "soft"),     # trailing zeros may be rounding
    ("$1 million in taxes", "$10,000 in taxes", "hard"),
    ("$30 million in taxes", "$32 million in taxes", "hard"),
    ("2 million people", "4 million people", "hard"),
    ("$5.7 billion", "$5.6 billion", "hard"),                   # same precision, different values
    ("the 48-page indictment", "the 47-page indictment", "hard"),
    ("20 people died", "25 people died", "hard"),                # "20" is no rounding of 25
    ("1,000 people died", "1,400 people died", "soft"),           # a round thousand: rounded
    ("1,000 people died", "1,600 people died", "hard"),           # ... but not cut
    ("$250,000 in funds", "more than $250,000 in funds", "soft"),  # at the end of a bound
    ("800,000 workers", "more than 800,000 workers", "soft"),
    ("25 attacks", "more than 25 attacks", "soft"),
    ("24 attacks", "more than 25 attacks", "hard"),
    ("at least 40 people", "at least 130 people", "soft"),       # compatible only as bounds
    ("as many as 300,000 people", "more than 300,000 people", "hard"),
    ("about 200 people", "400 people", "hard"),
    ("about 200 people", "210 people", None),
    ("at least 25 attacks", "more than 25 attacks", None),       # the same bound
    ("$43 million in taxes", "$43,000,000 in taxes", None),
])
def test_levels(a, b, level):
    c = clash(one(a, source="x"), one(b, source="y"))
    assert (c.level if c else None) == level, c


def test_rounding_is_half_a_unit_of_the_last_stated_digit():
    assert rounding(one("$30 million in taxes")) == (500_000, 1_000_000)
    half, unit = rounding(one("5.7 billion dollars"))
    assert half == pytest.approx(50_000_000) and unit == pytest.approx(100_000_000)
    assert rounding(one("the 48-page indictment")) == (0, 0)
    assert rounding(one("$43,000 for a watch")) == (0, 1000)     # exact, but a soft band
    assert rounding(one("about 200 people")) == (0, 0)           # its word's tolerance instead
    assert rounding(one("more than 25 attacks")) == (0, 0)       # a bound is exact


def test_units_are_converted_before_comparing():
    assert compatible(one("a trip of 5 km"), one("a trip of 5,000 metres"))
    assert not compatible(one("a trip of 5 km"), one("a trip of 5 miles"))


def test_partial_dates_agree_on_what_both_state():
    a = one("It began on 30 September.", "date")
    b = one("It began on September 30, 2015.", "date")
    c = one("It began on 29 September 2015.", "date")
    assert compatible(a, b) and not compatible(b, c)


def test_verdicts_name_the_pair():
    r = factdiff.check_texts({"x": "The fire killed 12 people in Leeds.",
                              "y": "The fire killed 15 people in Leeds."})
    [f] = r.conflicts
    assert "12" in f.reason and "15" in f.reason and "x" in f.reason and "y" in f.reason
    assert f.level == "hard" and f.reason.startswith("hard conflict")


def test_agreements_and_singles_have_no_level():
    r = factdiff.check_texts({"x": "The fire killed 12 people in Leeds.",
                              "y": "The fire killed 12 people in Leeds."})
    assert r.facts and all(f.status != "conflict" and f.level is None for f in r.facts)
    assert any(f.status == "agree" for f in r.facts)


def test_a_conflict_of_several_values_names_every_value_and_its_sources():
    r = factdiff.check_texts({"a": "The fire killed 29 people in Leeds.",
                              "b": "The fire killed 33 people in Leeds.",
                              "c": "The fire killed 31 people in Leeds.",
                              "d": "The fire killed 29 people in Leeds."})
    [f] = r.conflicts
    assert f.level == "hard"
    assert "29 (a, d)" in f.reason and "31 (c)" in f.reason and "33 (b)" in f.reason


def test_a_rising_toll_in_a_later_article_is_a_soft_update():
    texts = {"mon": "The flood has killed 42 people in the province, officials said.",
             "wed": "The flood has killed 67 people in the province, officials said."}
    r = factdiff.check_texts(texts, published={"mon": "2024-03-04", "wed": "2024-03-06"})
    [f] = r.conflicts
    assert f.level == "soft" and "two days apart" in f.reason
    # without dates, or with the higher toll published first, the two cannot both be right
    assert [f.level for f in factdiff.check_texts(texts).conflicts] == ["hard"]
    backwards = factdiff.check_texts(texts, published={"mon": "2024-03-06", "wed": "2024-03-04"})
    assert [f.level for f in backwards.conflicts] == ["hard"]


def test_judge_works_without_publication_dates():
    a, b = one("The flood has killed 42 people.", source="mon"), one("The flood has killed 67 people.", source="wed")
    assert judge([a, b]).level == "hard"
    assert judge([a, b], {"mon": "2024-03-04", "wed": "2024-03-06"}).level == "soft"
    assert judge([a, b], {"mon": "2024-03-04"}).level == "hard"  # one date is not enough


def test_one_source_giving_two_incompatible_values_contradicts_itself():
    a = one("The fire killed 29 people.", source="x")
    b = one("The fire killed 33 people.", source="x")
    f = judge([a, b])
    assert f.status == "conflict" and f.level == "hard"
    assert "x contradicts itself" in f.reason and "29" in f.reason and "33" in f.reason
    # beside another source that agrees with one of them
    c = one("The fire killed 33 people.", source="y")
    f = judge([a, b, c])
    assert f.status == "conflict" and "33 (x, y)" in f.reason and "29 (x)" in f.reason
    # a source's own rounding is not reported; nor are two compatible values
    r = judge([one("It paid $43 million in taxes.", source="x"), one("It paid $43,885,310 in taxes.", source="x")])
    assert r.status == "single" and r.level is None


def test_judge_returns_a_fact_for_any_group():
    date = one("It began on 30 September.", "date", source="x")
    role = Mention(0, 5, "mayor", "role", role="mayor", person="Tom Lind", subject="role:mayor", source="y")
    for group in ([date], [role], [date, one("It began on 29 September 2015.", "date", source="x")]):
        assert judge(group).status in ("agree", "conflict", "single")


def test_a_rounding_joins_its_figure_and_is_judged_soft():
    # the article that rounds its figure to "$43 million" is not left to be matched with another sum
    r = factdiff.check_texts({
        "a": "The couple paid $43 million in federal taxes and $13.6 million in state taxes.",
        "b": "The couple paid $43,885,310 in federal taxes over the eight years."})
    conflicts = r.conflicts
    assert [(f.level, sorted(m.text for m in f.mentions)) for f in conflicts] == \
        [("soft", ["$43 million", "$43,885,310"])]


def test_a_decade_holds_its_years():
    """Extraction writes "the 1990s" as 199X: it agrees with 1995 and 1990-06, not with 2001."""
    from factdiff.compare import _dates_compatible

    assert _dates_compatible("199X", "1995") and _dates_compatible("1995-06", "199X")
    assert _dates_compatible("199X", "199X") and not _dates_compatible("199X", "2001")
    assert not _dates_compatible("199X", "198X")
