"""Every lexicon entry loads and does what it says."""
import pytest

import factdiff
from factdiff import lexicon

NAMES = ["numbers", "vague", "qualifiers", "synonyms", "predicates", "units", "currencies",
         "titles", "scope", "stopwords", "boilerplate", "names", "predicate_kinds",
         "predicate_objects"]


@pytest.mark.parametrize("name", NAMES)
def test_lexicon_loads(name):
    assert lexicon.load(name)


@pytest.mark.parametrize("phrase, bounds", sorted(lexicon.load("vague").items()))
def test_vague_amounts_read_as_their_interval(phrase, bounds):
    text = f"They said {phrase} of people were there." if not phrase.startswith(("a ", "several")) \
        else f"They said {phrase} people were there."
    ms = [m for m in factdiff.extract(text) if m.kind == "count"]
    assert ms, text
    assert (ms[0].low, ms[0].high) == tuple(float(b) for b in bounds), text
    assert ms[0].approximate


@pytest.mark.parametrize("phrase", sorted(lexicon.load("qualifiers")["before"]))
def test_qualifiers_apply(phrase):
    text = f"Police said {phrase} 40 people were hurt."
    [m] = [m for m in factdiff.extract(text) if m.kind == "count"]
    assert m.qualifier.replace(" ", "") == phrase.replace(" ", ""), text


@pytest.mark.parametrize("cls, words", sorted(lexicon.load("synonyms").items()))
def test_synonyms_map_to_their_class(cls, words):
    for w in words:
        key = " ".join(lexicon.singular(p) for p in w.split())
        assert lexicon.synonym_index()[key] == cls, w


def test_no_event_word_is_in_two_classes():
    seen = {}
    for cls, bases in lexicon.load("predicates").items():
        for base in bases:
            assert base not in seen or seen[base] == cls, (base, seen.get(base), cls)
            seen[base] = cls
    index = lexicon.predicate_index()
    assert index["killed"] == index["killing"] == index["kills"] == "kill"


def test_titles_and_scope_entries_are_lower_case_phrases():
    for t in lexicon.load("titles")["titles"]:
        assert t == t.lower() and t.strip() == t
    for key, phrases in lexicon.load("scope").items():
        for p in phrases:
            assert p == p.lower() and p.strip() == p, (key, p)


@pytest.mark.parametrize("abbrev, state", sorted(lexicon.load("names")["states"].items()))
def test_state_abbreviations_read_as_their_state(abbrev, state):
    from factdiff.extract.names import state as read_state

    assert read_state(abbrev) == read_state(abbrev.upper() + ".") == state


def test_names_lexicon_words_are_lower_case():
    d = lexicon.load("names")
    for key in ("honorifics", "not_names", "place_prepositions"):
        assert all(w == w.lower() and w.strip() == w for w in d[key]), key
