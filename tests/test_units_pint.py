"""Our unit table (lexicons/units.toml) keeps its own names and factors so that start-up costs
nothing; pint, a well-kept units library, checks every factor it can read."""
import math

import pytest

from factdiff import lexicon
from factdiff.extract.units import _powers, unit_table

pint = pytest.importorskip("pint")
BASE = {"length": "metre", "area": "metre ** 2", "volume": "litre", "mass": "kilogram", "time": "second",
        "speed": "kilometre / hour", "data": "byte", "power": "watt", "energy": "joule", "angle": "radian"}
# Our names that pint spells otherwise.
PINT_NAMES = {"light year": "light_year", "nautical mile": "nautical_mile", "square metre": "metre ** 2",
              "square kilometre": "kilometre ** 2", "square mile": "mile ** 2", "square foot": "foot ** 2",
              "cubic metre": "metre ** 3", "cubic foot": "foot ** 3", "fluid ounce": "fluid_ounce",
              "kilometre per hour": "kilometre / hour", "mile per hour": "mile / hour",
              "metre per second": "metre / second", "kilowatt hour": "kilowatt_hour",
              "megawatt hour": "megawatt_hour", "kilocalorie": "kilocalorie", "calorie": "thermochemical_calorie",
              "tonne": "metric_ton", "ton": "short_ton", "long ton": "long_ton", "month": "month", "year": "year",
              "barrel": "oil_barrel", "gallon": "gallon", "cup": "cup", "pint": "pint", "quart": "quart",
              "megabit": "megabit", "gigabit": "gigabit", "horsepower": "horsepower", "dram": "dram"}


def _pint_spelling(name: str) -> str:
    """"square centimetre" -> "centimetre ** 2", "kilometre per second" -> "kilometre / second"."""
    if " per " in name:
        a, b = name.split(" per ", 1)
        return f"({_pint_spelling(a)}) / ({_pint_spelling(b)})"
    for word, power in (("square ", 2), ("cubic ", 3)):
        if name.startswith(word):
            return f"{_pint_spelling(name[len(word):])} ** {power}"
    return name.replace(" ", "_")


def _entries():
    for dimension, entries in lexicon.load("units").items():
        if dimension == "temperature":
            continue  # never converted
        for surface, (name, factor) in entries.items():
            yield dimension, surface, name, float(factor)


@pytest.fixture(scope="module")
def ureg():
    return pint.UnitRegistry()


@pytest.mark.parametrize("dimension,surface,name,factor", list(_entries()))
def test_factor_matches_pint(ureg, dimension, surface, name, factor):
    unit = PINT_NAMES.get(name) or _pint_spelling(name)
    try:
        q = ureg.Quantity(1, unit).to(BASE[dimension])
    except Exception as exc:  # pint has no such unit: nothing to check against
        pytest.skip(f"pint does not read {unit!r}: {exc}")
    assert math.isclose(q.magnitude, factor, rel_tol=2e-3), (surface, name, q.magnitude, factor)


def _built_powers():
    for surface, (name, dimension, factor) in sorted(_powers(unit_table()).items()):
        yield dimension, surface, name, factor


@pytest.mark.parametrize("dimension,surface,name,factor", list(_built_powers()))
def test_built_square_and_cubic_units_match_pint(ureg, dimension, surface, name, factor):
    """The squares and cubes ``units`` builds from the length units ("sq yards", "ft^3")."""
    test_factor_matches_pint(ureg, dimension, surface, name, factor)
