"""Holiday rules and the calendars behind them, checked on well-known dates."""
import datetime as dt

import pytest

from factdiff.extract import holidays, lunisolar

KNOWN = [
    ("easter", 2024, "2024-03-31"), ("orthodox_easter", 2024, "2024-05-05"), ("good_friday", 2019, "2019-04-19"),
    ("thanksgiving", 2024, "2024-11-28"), ("mlk_day", 2025, "2025-01-20"), ("memorial_day", 2023, "2023-05-29"),
    ("chinese_new_year", 2024, "2024-02-10"), ("chinese_new_year", 2025, "2025-01-29"),
    ("diwali", 2023, "2023-11-12"), ("holi", 2024, "2024-03-25"), ("makar_sankranti", 2024, "2024-01-15"),
    ("eid_al_fitr", 2024, "2024-04-10"), ("ramadan", 2024, "2024-03-11"), ("kings_day", 2025, "2025-04-26"),
]


@pytest.mark.parametrize("key, year, iso", KNOWN)
def test_holiday_dates(key, year, iso):
    assert holidays.date_of(key, year).isoformat() == iso


def test_every_holiday_rule_computes():
    for key in holidays.table().values():
        assert holidays.date_of(key, 2021) is not None or key in ("guru_gobind_singh_jayanti",), key


def test_new_moon_within_minutes():
    # the new moon of 28 October 2019 fell at 03:38 UT
    jd = lunisolar.new_moon_before(lunisolar._jd(dt.date(2019, 10, 29)))
    assert abs(jd - lunisolar._jd(dt.date(2019, 10, 28), 3 + 38 / 60)) < 10 / 1440


@pytest.mark.parametrize("published", ["0001-01-02", "9999-12-30"])
def test_reference_dates_at_the_edge_of_the_calendar(published):
    from factdiff import extract

    text = "On Saturday, next week Friday, the 31st, Easter and 3 days ago, in 2 weeks we will meet on Feb 29."
    for prefer in ("past", "future"):
        extract(text, published=published, prefer=prefer)


def test_chains_of_date_words_stay_linear():
    import time

    from factdiff import extract

    text = " ".join(["third tuesday after next"] * 40)
    t0 = time.perf_counter()
    extract(text, published="2016-11-07")
    assert time.perf_counter() - t0 < 1.0
