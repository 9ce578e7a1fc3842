"""Load the data files in ``factdiff/lexicons/`` once, and the word forms built from them.

Lexicons are data: vague amounts, qualifiers, synonyms of measured things, events, units,
currencies, titles. This module only reads them and derives the inflected forms the
extractor looks up; it holds no vocabulary of its own beyond English inflection rules.
"""
from __future__ import annotations

import functools
import tomllib
from importlib import resources


@functools.lru_cache(maxsize=None)
def load(name: str) -> dict:
    """The parsed TOML lexicon ``factdiff/lexicons/<name>.toml``."""
    with resources.files("factdiff.lexicons").joinpath(f"{name}.toml").open("rb") as fh:
        return tomllib.load(fh)


# --- the calendar's names: the one place they are spelled out ----------------------------------

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# "jan", "feb", ... "sept": the shortened names ("may" has none)
MONTH_ABBREVIATIONS: tuple[str, ...] = (*(m[:3] for m in MONTHS if len(m) > 3), "sept")
WEEKDAY_ABBREVIATIONS = tuple(d[:3] for d in WEEKDAYS)  # "mon", "tue", ...
ANNIVERSARIES = ("anniversary", "anniversaries")  # "the 15th anniversary": 15 years on


# --- English inflection ----------------------------------------------------------------------
# Hand rules, kept: lemminflect 0.2.3 in their place (issue 15) failed 5 grammar cases,
# lost 3 of 440 facts in make eval and took 2.5x the CPU of factdiff check (numpy and its tables
# load in every process). The commit that added this note has the figures.

_IRREGULAR_PLURALS = {
    "children": "child", "men": "man", "women": "woman", "lives": "life", "wives": "wife",
    "knives": "knife", "feet": "foot", "teeth": "tooth", "mice": "mouse", "geese": "goose",
    "analyses": "analysis", "crises": "crisis", "theses": "thesis", "criteria": "criterion",
    "phenomena": "phenomenon", "indices": "index", "halves": "half", "wolves": "wolf",
    "leaves": "leaf", "shelves": "shelf", "thieves": "thief", "selves": "self",
    "data": "data", "media": "media", "people": "people", "police": "police", "staff": "staff",
    "cattle": "cattle", "personnel": "personnel", "troops": "troop", "series": "series",
    "species": "species", "news": "news", "aircraft": "aircraft", "sheep": "sheep",
    "fish": "fish", "deer": "deer", "storeys": "storey", "stories": "story",
    "buses": "bus", "viruses": "virus", "bonuses": "bonus", "campuses": "campus",
    "statuses": "status", "censuses": "census", "surpluses": "surplus", "circuses": "circus",
}


def irregular_plurals() -> dict:
    """Irregular plural -> singular ("lives" -> "life"), as ``singular`` reads them."""
    return dict(_IRREGULAR_PLURALS)


# Words ending in "s" that are not plurals.
_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ous", "sis", "ics")
_IRREGULAR_PLURAL_FORMS = frozenset(_IRREGULAR_PLURALS) - {"data", "media", "news", "series", "species"}


@functools.lru_cache(maxsize=1 << 17)  # called for most words of every text: one lemma string per word
def singular(word: str) -> str:
    """Lemma of an English noun: "strikes" -> "strike", "lives" -> "life", "cities" -> "city"."""
    w = word.lower().strip("'’")
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    if w in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[w]
    if len(w) <= 3 or w.endswith(_NOT_PLURAL_ENDINGS):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "xes", "ches", "shes", "zes")):
        return w[:-2]
    if w.endswith("s"):
        return w[:-1]
    return w


def inflections(lemmas) -> set:
    """Every word ``w`` (a token's lower case) with ``singular(w)`` in ``lemmas``:
    the lemma, its plurals ("-s", "-es", "-ies", irregular) and their possessives."""
    irregular: dict[str, list[str]] = {}
    for plural, lemma in irregular_plurals().items():
        irregular.setdefault(lemma, []).append(plural)
    out = set()
    for lemma in lemmas:
        forms = {lemma, lemma + "s", lemma + "es", *irregular.get(lemma, ())}
        if lemma.endswith("y"):
            forms.add(lemma[:-1] + "ies")
        out |= forms | {f + "'s" for f in forms} | {f + "’s" for f in forms}
    return {w for w in out if singular(w) in lemmas}


def looks_plural(word: str) -> bool:
    w = word.lower()
    if w in _IRREGULAR_PLURAL_FORMS:
        return True
    if len(w) <= 3 or w.endswith(_NOT_PLURAL_ENDINGS) or w.endswith(("'s", "’s")):
        return False
    return w.endswith("s")


_IRREGULAR_VERBS = {
    "die": ["died", "dying", "dies"], "slay": ["slew", "slain"], "fly": ["flew", "flown", "flies"],
    "lose": ["lost"], "pay": ["paid"], "shoot": ["shot"], "take": ["took", "taken"], "win": ["won"],
    "make": ["made"], "hold": ["held"], "spend": ["spent"], "find": ["found"], "tell": ["told"],
    "say": ["said"], "sell": ["sold"], "begin": ["began", "begun"], "rise": ["rose", "risen"],
    "fall": ["fell", "fallen"], "grow": ["grew", "grown"], "sink": ["sank", "sunk"],
    "send": ["sent"], "build": ["built"], "lay": ["laid"], "cut": ["cut"], "shed": ["shed"],
    "plead": ["pled"], "bring": ["brought"], "buy": ["bought"], "catch": ["caught"],
    "drive": ["drove", "driven"], "give": ["gave", "given"], "go": ["went", "gone"],
    "keep": ["kept"], "leave": ["left"], "meet": ["met"], "run": ["ran"], "see": ["saw", "seen"],
    "set": ["set"], "put": ["put"], "hit": ["hit"], "write": ["wrote", "written"],
    "speak": ["spoke", "spoken"], "steal": ["stole", "stolen"], "strike": ["struck", "stricken"],
    "think": ["thought"], "flee": ["fled"], "hurt": ["hurt"], "cost": ["cost"], "bid": ["bid"],
    "feel": ["felt"], "stand": ["stood"], "lead": ["led"], "mean": ["meant"], "deal": ["dealt"],
    "seek": ["sought"], "teach": ["taught"], "fight": ["fought"], "show": ["shown"],
    "wound": ["wounded"], "sink_": [],
}


def verb_forms(base: str) -> set[str]:
    """Inflected forms of a verb (or noun) base: "kill" -> kill, kills, killed, killing."""
    forms = {base}
    if " " in base:
        head, rest = base.split(" ", 1)
        return {f"{f} {rest}" for f in verb_forms(head)}
    forms.update(_IRREGULAR_VERBS.get(base, ()))
    if base.endswith("e"):
        forms.update({base + "s", base + "d", base[:-1] + "ing"})
    elif base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
        forms.update({base[:-1] + "ies", base[:-1] + "ied", base + "ing"})
    elif base.endswith(("s", "sh", "ch", "x", "z")):
        forms.update({base + "es", base + "ed", base + "ing"})
    else:
        forms.update({base + "s", base + "ed", base + "ing"})
        if (len(base) >= 3 and base[-1] not in "aeiouwxy" and base[-2] in "aeiou"
                and base[-3] not in "aeiou" and len(base) <= 5):
            forms.update({base + base[-1] + "ed", base + base[-1] + "ing"})
    return forms


@functools.lru_cache(maxsize=None)
def predicate_index() -> dict[str, str]:
    """Every inflected form (single words and phrases) -> its event class."""
    index: dict[str, str] = {}
    for cls, bases in load("predicates").items():
        for base in bases:
            for form in verb_forms(base):
                index.setdefault(form, cls)
    return index


@functools.lru_cache(maxsize=None)
def predicate_objects() -> dict[str, frozenset]:
    """Inflected event word -> the words one of which must follow it for it to be its event
    (``predicate_objects.toml``: "lost" is *kill* only before "lives")."""
    out: dict[str, frozenset] = {}
    for cls, verbs in load("predicate_objects").items():
        for base, objects in verbs.items():
            for form in verb_forms(base):
                if predicate_index().get(form) == cls:
                    out[form] = frozenset(objects)
    return out


# Synonyms a project adds in its configuration (``[tool.factdiff.synonyms]``): read before the
# lexicon's, so a project's own word wins.
_EXTRA_SYNONYMS: dict[str, tuple[str, ...]] = {}


def add_synonyms(extra: dict[str, list[str]]) -> None:
    """Register ``{"class": ["word", ...]}`` on top of ``synonyms.toml`` for this process."""
    for cls, words in extra.items():
        _EXTRA_SYNONYMS[cls] = _EXTRA_SYNONYMS.get(cls, ()) + tuple(words)
    synonym_index.cache_clear()


def extra_synonyms() -> dict[str, tuple[str, ...]]:
    """What ``add_synonyms`` registered in this process (extraction depends on it)."""
    return dict(_EXTRA_SYNONYMS)


@functools.lru_cache(maxsize=None)
def _predicate_kinds() -> dict:
    return load("predicate_kinds")


def predicate_for_kind(kind: str, cls):
    """The event class ``cls`` as it reads for a figure of ``kind`` (``predicate_kinds.toml``):
    "cost" is *kill* with lives and *cost* with money."""
    if cls is None:
        return None
    return _predicate_kinds().get(kind, {}).get(cls, cls)


@functools.lru_cache(maxsize=None)
def synonym_index() -> dict[str, str]:
    """Singular lemma (or phrase of lemmas) of a measured thing -> its class."""
    index: dict[str, str] = {}
    for cls, words in list(_EXTRA_SYNONYMS.items()) + list(load("synonyms").items()):
        for w in words:
            index.setdefault(" ".join(singular(p) for p in w.split()), cls)
    return index


def subject_class(lemma: str) -> str:
    """The class of a measured thing, or the lemma itself when the lexicon does not know it."""
    return synonym_index().get(lemma, lemma)


@functools.lru_cache(maxsize=None)
def stopwords() -> frozenset:
    return frozenset(load("stopwords")["words"])


@functools.lru_cache(maxsize=None)
def auxiliaries() -> frozenset:
    return frozenset(load("stopwords")["auxiliaries"])


@functools.lru_cache(maxsize=None)
def reporting_forms() -> frozenset:
    forms: set[str] = set()
    for base in load("stopwords")["reporting"]:
        forms |= verb_forms(base)
    return frozenset(forms)
