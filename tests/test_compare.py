"""compare: interval logic, tolerance, dates and roles."""
import pytest

import factdiff
from factdiff.compare import compatible


def one(text, kind=None):
    ms = [m for m in factdiff.extract(text) if kind is None or m.kind == kind]
    assert len(ms) == 1, [(m.kind, m.text) for m in ms]
    return ms[0]


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
    ("$43 million in taxes", "$43,885,310 in taxes", True),  # a rounded figure
    ("$43 million in taxes", "$45,100,000 in taxes", False),
    ("800,000 workers", "more than 800,000 workers", True),  # a round figure
    ("as many as 300,000 people", "more than 300,000 people", False),  # two bounds
])
def test_numeric_compatibility(a, b, ok):
    assert compatible(one(a), one(b)) is ok


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
