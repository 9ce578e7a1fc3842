"""The baseline: identity of a finding, matching a run against it, and the file (issue: CI gate)."""
import dataclasses
import json
import textwrap

import pytest

import factdiff
from factdiff import baseline

STORM = {
    "bbc": "The storm killed 20 people in the coastal town, officials said on Tuesday,\n"
           "and destroyed 120 homes along the shore.\n",
    "cnn": "Officials said the storm killed 25 people in the coastal town and left\n"
           "thousands without power for most of the week.\n",
    "reuters": "The storm killed 20 people in the coastal town, according to the local\n"
               "emergency service, which said the toll could still rise.\n",
}


def _conflict_ids(texts):
    return sorted(f.id for f in factdiff.check_texts(texts).conflicts)


def test_fingerprint_ignores_unrelated_text_wrapping_and_order():
    ids = _conflict_ids(STORM)
    assert len(ids) == 1
    para = {k: "Markets were calm and the weather in the capital was mild this week.\n\n" + v
            for k, v in STORM.items()}
    rewrapped = {k: textwrap.fill(" ".join(v.split()), 60) + "\n" for k, v in STORM.items()}
    reordered = dict(reversed(list(STORM.items())))
    assert _conflict_ids(para) == _conflict_ids(rewrapped) == _conflict_ids(reordered) == ids


def test_fingerprint_changes_with_a_conflicting_value():
    changed = dict(STORM, cnn=STORM["cnn"].replace("25 people", "30 people"))
    assert _conflict_ids(changed) and _conflict_ids(changed) != _conflict_ids(STORM)


def test_changed_value_is_new_and_the_old_finding_fixed():
    recorded = baseline.from_report(factdiff.check_texts(STORM))
    changed = dict(STORM, cnn=STORM["cnn"].replace("25 people", "30 people"))
    comparison = baseline.compare(factdiff.check_texts(changed), recorded)
    assert [f.state for f in comparison.findings] == ["new"]
    assert [e.fingerprint for e in comparison.fixed] == [recorded.entries[0].fingerprint]


def test_renamed_sources_match_on_values_alone():
    recorded = baseline.from_report(factdiff.check_texts(STORM))
    renamed = {"x-" + k: v for k, v in STORM.items()}
    comparison = baseline.compare(factdiff.check_texts(renamed), recorded)
    assert [f.state for f in comparison.findings] == ["updated"]
    assert not comparison.new and not comparison.fixed


def test_matching_is_one_to_one():
    rep = factdiff.check_texts(STORM)
    entry = baseline.from_report(rep).entries[0]
    twice = baseline.Baseline(entries=(entry, entry))
    comparison = baseline.compare(rep, twice)
    assert [f.state for f in comparison.findings] == ["unchanged"] and len(comparison.fixed) == 1


def test_file_is_sorted_stable_and_keeps_notes(tmp_path):
    rep = factdiff.check_texts(STORM)
    first = baseline.from_report(rep)
    path = tmp_path / "b.json"
    baseline.write(path, first)
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["version"] == 1 and data["findings"][0]["note"] == ""
    assert text == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert data["findings"][0]["values"] == {"bbc": ["20"], "cnn": ["25"], "reuters": ["20"]}
    # a reviewer writes why; rewriting keeps it, and the same run writes the same bytes
    data["findings"][0]["note"] = "cnn counted the missing"
    path.write_text(json.dumps(data), encoding="utf-8")
    again = baseline.from_report(rep, baseline.load(path))
    assert again.entries[0].note == "cnn counted the missing"
    baseline.write(path, again)
    assert json.loads(path.read_text())["findings"][0]["note"] == "cnn counted the missing"
    assert [p.name for p in tmp_path.iterdir()] == ["b.json"]  # no temporary file left behind


@pytest.mark.parametrize("content, reason", [
    ("", "invalid JSON at line 1"),
    ("{", "invalid JSON"),
    ("[]", "expected a JSON object"),
    ('{"version": 7, "findings": []}', "unsupported version 7"),
    ('{"version": 1}', '"findings" must be a list'),
    ('{"version": 1, "findings": [{"note": "x"}]}', 'findings[0] has no "fingerprint"'),
    ('{"version": 1, "findings": [{"fingerprint": "a", "note": 3}]}', 'findings[0]."note" must be a string'),
    ('{"version": 1, "findings": [{"fingerprint": "a", "values": {"x": "1"}}]}', '"values" must map'),
])
def test_malformed_baselines_say_file_and_reason(tmp_path, content, reason):
    path = tmp_path / "base.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(baseline.BaselineError) as exc:
        baseline.load(path)
    assert str(path) in str(exc.value) and reason in str(exc.value)


def test_missing_baseline_says_how_to_make_one(tmp_path):
    with pytest.raises(baseline.BaselineError, match="--write-baseline"):
        baseline.load(tmp_path / "none.json")


def test_levels_and_fail_on():
    rep = factdiff.check_texts(STORM)
    comparison = baseline.compare(rep, None)
    (finding,) = comparison.findings
    assert finding.level == "hard" and finding.severity == "error" and finding.state == "new"
    assert sorted(m.value_text() for m in finding.pair) == ["20", "25"]
    assert comparison.failing("soft") == comparison.failing("hard") == (finding,)
    assert comparison.failing("warning") == comparison.failing("error") == (finding,)  # old names
    bound = factdiff.check_texts({"a": "The storm destroyed 250 homes in the town.",
                                  "b": "The storm destroyed more than 250 homes in the town."})
    soft = baseline.compare(bound, None)
    assert [(f.level, f.severity) for f in soft.findings] == [("soft", "warning")]
    assert soft.failing("soft") and not soft.failing("hard")
    assert soft.failing("warning") and not soft.failing("error")
    with pytest.raises(ValueError, match="soft, hard"):
        soft.failing("fatal")


def test_level_of_a_fact_made_without_one_is_computed():
    rep = factdiff.check_texts(STORM)
    (fact,) = rep.conflicts
    bare = dataclasses.replace(fact, level=None)
    assert baseline.level(bare) == "hard"
