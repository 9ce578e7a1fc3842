"""extract.tallies: a vote tally is two counts."""
import factdiff


def _counts(text):
    return [(m.text, m.low, m.subject) for m in factdiff.extract(text) if m.kind == "count"]


def test_hyphen_and_to_tallies_become_two_counts():
    assert _counts("The Senate voted 97-1 to pass it.") == [("97", 97, "votes in favour"), ("1", 1, "votes against")]
    assert _counts("The bill passed by a vote of 348 to 77.") == [("348", 348, "votes in favour"), ("77", 77, "votes against")]


def test_no_vote_word_no_tally():
    assert all(s != "votes in favour" for _, _, s in _counts("Temperatures of 20-30 degrees and a 3-1 win."))


def test_different_tallies_of_one_vote_conflict_but_senate_and_house_do_not():
    r = factdiff.check_texts({"a": "The Senate voted 97-1 to override the veto.",
                              "b": "The Senate voted 98-0 to override the veto on Wednesday."})
    assert {f.subject for f in r.conflicts} == {"votes in favour (vote)", "votes against (vote)"}
    r = factdiff.check_texts({"a": "The Senate voted 97-1 to override the veto.",
                              "b": "The House voted 348-77 to override the veto."})
    assert not r.conflicts
