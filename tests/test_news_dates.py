"""Dates as news writes them: what the judgement stage relies on."""
import factdiff


def _dates(text, published=None):
    return [(m.text, m.date) for m in factdiff.extract(text, published) if m.kind == "date"]


def test_month_day_wins_over_day_month_when_a_day_follows():
    # "the 19 Sept. 11 hijackers": 19 hijackers of September 11, not 19 September
    ms = factdiff.extract("Fifteen of the 19 Sept. 11 hijackers were Saudi nationals.")
    assert [m.date for m in ms if m.kind == "date"] == ["--09-11"]
    assert any(m.kind == "count" and m.low == 19 and m.subject == "hijacker" for m in ms)


def test_year_at_sentence_start_and_since():
    assert _dates("In 2014 the firm added 300 jobs.") == [("2014", "2014")]
    assert _dates("Pelosi has led House Democrats since 2002.") == [("2002", "2002")]


def test_day_month_forms_and_publication_year():
    assert _dates("Bombing began on 30 September.", "2015-12-23") == [("30 September", "2015-09-30")]
    assert _dates("Bombing began on September 30, 2015.") == [("September 30, 2015", "2015-09-30")]
