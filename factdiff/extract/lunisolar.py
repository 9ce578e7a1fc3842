"""Holidays of lunisolar calendars, computed from the positions of the Sun and the Moon.

The Hindu calendar (amanta months, named by the sidereal sign the Sun is in at the new moon
that starts them; an adhika month, one in which the Sun changes no sign, is skipped) counts
tithis, twelfths of the Moon's elongation: a festival falls on the civil day (at New Delhi)
whose sunrise (or sunset, or midnight, as its rule says) lies in its tithi. Solar festivals
(Makar Sankranti, Vaisakhi) fall on the day the Sun enters a sidereal sign (the next day if
it enters after sunset). The Chinese New Year is the day (at Beijing) of the second new moon
after the winter solstice.

Positions are those of Meeus, *Astronomical Algorithms* (the Sun to about 0.01 degree, the
Moon's longitude from the main terms of chapter 47, about 0.01 degree): near the edge of a
tithi the day can differ from almanacs that use other places or other rules.

Kept (issue 15): 50 cases of the Duckling time suite name these festivals; without them
``make eval`` day-grain date recall falls from 0.877 to 0.794, and the ``holidays`` package's
tables (years 2001-2035 for most festivals) in their place give 0.857. The commit that added
this note has the figures.
"""
from __future__ import annotations

import datetime as dt
import functools
import math
from typing import Optional

_J2000 = 2451545.0
_DELHI = (28.6139, 77.2090, 5.5)  # latitude, longitude (east), hours ahead of UT
_BEIJING = 8.0

# Meeus table 47.A: multiples of D, M, M', F and the coefficient of the sine (1e-6 degree).
_MOON_TERMS = (
    (0, 0, 1, 0, 6288774), (2, 0, -1, 0, 1274027), (2, 0, 0, 0, 658314), (0, 0, 2, 0, 213618),
    (0, 1, 0, 0, -185116), (0, 0, 0, 2, -114332), (2, 0, -2, 0, 58793), (2, -1, -1, 0, 57066),
    (2, 0, 1, 0, 53322), (2, -1, 0, 0, 45758), (0, 1, -1, 0, -40923), (1, 0, 0, 0, -34720),
    (0, 1, 1, 0, -30383), (2, 0, 0, -2, 15327), (0, 0, 1, 2, -12528), (0, 0, 1, -2, 10980),
    (4, 0, -1, 0, 10675), (0, 0, 3, 0, 10034), (4, 0, -2, 0, 8548), (2, 1, -1, 0, -7888),
    (2, 1, 0, 0, -6766), (1, 0, -1, 0, -5163), (1, 1, 0, 0, 4987), (2, -1, 1, 0, 4036),
    (2, 0, 2, 0, 3994), (4, 0, 0, 0, 3861), (2, 0, -3, 0, 3665), (0, 1, -2, 0, -2689),
    (2, 0, -1, 2, -2602), (2, -1, -2, 0, 2390), (1, 0, 1, 0, -2348), (2, -2, 0, 0, 2236),
    (0, 1, 2, 0, -2120), (0, 2, 0, 0, -2069), (2, -2, -1, 0, 2048), (2, 0, 1, -2, -1773),
    (2, 0, 0, 2, -1595), (4, -1, -1, 0, 1215), (0, 0, 2, 2, -1110), (3, 0, -1, 0, -892),
    (2, 1, 1, 0, -810), (4, -1, -2, 0, 759), (0, 2, -1, 0, -713), (2, 2, -1, 0, -700),
    (2, 1, -2, 0, 691), (2, -1, 0, -2, 596), (4, 0, 1, 0, 549), (0, 0, 4, 0, 537),
    (4, -1, 0, 0, 520), (1, 0, -2, 0, -487), (2, 1, 0, -2, -399), (0, 0, 2, -2, -381),
    (1, 1, 1, 0, 351), (3, 0, -2, 0, -340), (4, 0, -3, 0, 330), (2, -1, 2, 0, 327),
    (0, 2, 1, 0, -323), (1, 1, -1, 0, 299), (2, 0, 3, 0, 294),
)


def _jd(day: dt.date, hours_ut: float = 0.0) -> float:
    return day.toordinal() + 1721424.5 + hours_ut / 24.0


def _day_of(jd: float, offset_hours: float) -> dt.date:
    """The civil date at a place ``offset_hours`` ahead of UT."""
    return dt.date.fromordinal(int(math.floor(jd - 1721424.5 + offset_hours / 24.0)))


def sun_longitude(jd: float) -> float:
    """Apparent tropical longitude of the Sun, degrees."""
    t = (jd - _J2000) / 36525.0
    l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t
    m = math.radians(357.52911 + 35999.05029 * t - 0.0001537 * t * t)
    c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * math.sin(m) + (0.019993 - 0.000101 * t) * math.sin(2 * m) \
        + 0.000289 * math.sin(3 * m)
    omega = math.radians(125.04 - 1934.136 * t)
    return (l0 + c - 0.00569 - 0.00478 * math.sin(omega)) % 360.0


def moon_longitude(jd: float) -> float:
    """Apparent longitude of the Moon, degrees (main periodic terms)."""
    t = (jd - _J2000) / 36525.0
    lp = 218.3164477 + 481267.88123421 * t - 0.0015786 * t * t
    d = math.radians(297.8501921 + 445267.1114034 * t - 0.0018819 * t * t)
    m = math.radians(357.5291092 + 35999.0502909 * t - 0.0001536 * t * t)
    mp = math.radians(134.9633964 + 477198.8675055 * t + 0.0087414 * t * t)
    f = math.radians(93.2720950 + 483202.0175233 * t - 0.0036539 * t * t)
    e = 1.0 - 0.002516 * t - 0.0000074 * t * t
    total = 0.0
    for kd, km, kmp, kf, coeff in _MOON_TERMS:
        term = coeff * math.sin(kd * d + km * m + kmp * mp + kf * f)
        if km:
            term *= e if abs(km) == 1 else e * e
        total += term
    a1 = math.radians(119.75 + 131.849 * t)
    a2 = math.radians(53.09 + 479264.290 * t)
    total += 3958 * math.sin(a1) + 1962 * math.sin(math.radians(lp) - f) + 318 * math.sin(a2)
    omega = math.radians(125.04 - 1934.136 * t)
    return (lp + total / 1e6 - 0.00478 * math.sin(omega)) % 360.0


def _elongation(jd: float) -> float:
    return (moon_longitude(jd) - sun_longitude(jd)) % 360.0


def _ayanamsa(jd: float) -> float:
    """Lahiri's ayanamsa: 23.853 degrees at J2000, growing 50.29 arc seconds a year."""
    return 23.853 + (jd - _J2000) / 365.25 * 50.29 / 3600.0


def _sidereal_sun(jd: float) -> float:
    return (sun_longitude(jd) - _ayanamsa(jd)) % 360.0


def _solve(func, target: float, jd: float, rate: float) -> float:
    """The time near ``jd`` when an angle ``func`` (degrees, growing ``rate`` a day) reaches
    ``target``."""
    for _ in range(30):
        diff = (target - func(jd) + 180.0) % 360.0 - 180.0
        if abs(diff) < 1e-5:
            break
        jd += diff / rate
    return jd


def new_moon_before(jd: float) -> float:
    """The last new moon at or before ``jd``."""
    guess = jd - _elongation(jd) / 12.19
    nm = _solve(_elongation, 0.0, guess, 12.19)
    if nm > jd + 1e-6:
        nm = _solve(_elongation, 0.0, nm - 29.53, 12.19)
    return nm


def _sunrise_sunset(day: dt.date, lat: float, lon: float) -> tuple[float, float]:
    """Sunrise and sunset, hours UT (NOAA's approximation)."""
    n = day.timetuple().tm_yday
    g = 2 * math.pi / 365.0 * (n - 1 + (6 - 12) / 24.0)
    eqtime = 229.18 * (0.000075 + 0.001868 * math.cos(g) - 0.032077 * math.sin(g)
                       - 0.014615 * math.cos(2 * g) - 0.040849 * math.sin(2 * g))
    decl = (0.006918 - 0.399912 * math.cos(g) + 0.070257 * math.sin(g) - 0.006758 * math.cos(2 * g)
            + 0.000907 * math.sin(2 * g) - 0.002697 * math.cos(3 * g) + 0.00148 * math.sin(3 * g))
    la = math.radians(lat)
    cos_ha = math.cos(math.radians(90.833)) / (math.cos(la) * math.cos(decl)) - math.tan(la) * math.tan(decl)
    ha = math.degrees(math.acos(max(-1.0, min(1.0, cos_ha))))
    rise = (720 - 4 * (lon + ha) - eqtime) / 60.0
    sett = (720 - 4 * (lon - ha) - eqtime) / 60.0
    return rise, sett


def _moment(day: dt.date, when: str) -> float:
    """The moment of a civil day at New Delhi a festival is judged at, as a Julian day."""
    lat, lon, tz = _DELHI
    rise, sett = _sunrise_sunset(day, lat, lon)
    if when == "sunset":
        return _jd(day, sett)
    if when == "midnight":
        return _jd(day, 24.0 - tz)
    return _jd(day, rise)


@functools.lru_cache(maxsize=512)
def lunar_months(year: int) -> tuple:
    """(start new moon, month number 1-12 from Chaitra, adhika) for the lunar months that
    overlap a Gregorian year."""
    out = []
    jd = new_moon_before(_jd(dt.date(year, 1, 1)) - 35)
    end = _jd(dt.date(year + 1, 1, 1)) + 35
    while jd < end:
        nxt = _solve(_elongation, 0.0, jd + 29.53, 12.19)
        s1 = int(_sidereal_sun(jd) // 30)
        s2 = int(_sidereal_sun(nxt) // 30)
        out.append((jd, nxt, (s1 + 1) % 12 + 1, s1 == s2))
        jd = nxt
    return tuple(out)


def hindu_days(year: int, month: int, tithi: int, when: str = "sunrise") -> list[dt.date]:
    """The days of ``year`` on which tithi ``tithi`` of the (amanta) month ``month`` is kept:
    the civil day whose sunrise (sunset, midnight) falls inside the tithi; a tithi that holds
    no sunrise at all is kept on the day it begins."""
    tz = _DELHI[2]
    out = []
    for start, end, number, adhika in lunar_months(year):
        if number != month or adhika:
            continue
        a = _solve(_elongation, 12.0 * (tithi - 1), start + (tithi - 1) * 0.984, 12.19) if tithi > 1 else start
        b = _solve(_elongation, (12.0 * tithi) % 360.0, start + tithi * 0.984, 12.19) if tithi < 30 else end
        found = None
        day = _day_of(a, tz) - dt.timedelta(days=1)
        while day <= _day_of(b, tz) + dt.timedelta(days=1):
            if a <= _moment(day, when) < b:
                found = day
                break
            day += dt.timedelta(days=1)
        if found is None:
            found = _day_of(a, tz)
        if found.year == year:
            out.append(found)
    return out


def sankranti_day(year: int, sign: int) -> Optional[dt.date]:
    """The day the Sun enters sidereal sign ``sign`` (0 = Mesha) in ``year``: at New Delhi,
    the next day when it enters after sunset."""
    lat, lon, tz = _DELHI
    target = sign * 30.0
    guess = _jd(dt.date(year, 1, 1))
    guess += ((target - _sidereal_sun(guess)) % 360.0) / 0.9856
    jd = _solve(_sidereal_sun, target, guess, 0.9856)
    day = _day_of(jd, tz)
    _, sett = _sunrise_sunset(day, lat, lon)
    if jd > _jd(day, sett):
        day += dt.timedelta(days=1)
    return day if day.year == year else None


def chinese_new_year(year: int) -> dt.date:
    """The day, at Beijing, of the second new moon after the December solstice before it."""
    solstice = _solve(sun_longitude, 270.0, _jd(dt.date(year - 1, 12, 21)), 0.9856)
    nm = new_moon_before(solstice)
    for _ in range(3):
        nm = _solve(_elongation, 0.0, nm + 29.53, 12.19)
        if _day_of(nm, _BEIJING) > _day_of(solstice, _BEIJING):
            break
    second = _solve(_elongation, 0.0, nm + 29.53, 12.19)
    return _day_of(second, _BEIJING)


def nakshatra_days(year: int, sign: int, nakshatra: int) -> list[dt.date]:
    """The days of ``year`` whose sunrise (at New Delhi) has the Sun in sidereal sign ``sign``
    (0 = Mesha) and the Moon in lunar mansion ``nakshatra`` (1 = Ashvini ... 27 = Revati)."""
    lat, lon, _ = _DELHI
    out = []
    day = dt.date(year, 1, 1)
    # the Sun is in a sign for about 30 days: start near its entry
    entry = sankranti_day(year, sign) or dt.date(year, 1, 1)
    day = entry - dt.timedelta(days=1)
    for _ in range(33):
        rise, _ = _sunrise_sunset(day, lat, lon)
        jd = _jd(day, rise)
        if int(_sidereal_sun(jd) // 30) == sign:
            moon = (moon_longitude(jd) - _ayanamsa(jd)) % 360.0
            if int(moon // (360.0 / 27)) + 1 == nakshatra and day.year == year:
                out.append(day)
        day += dt.timedelta(days=1)
    return out
