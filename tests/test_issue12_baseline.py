"""Issue 12, item 1: a reviewed conflict stays reviewed when an outlet repeats one of its sides;
the baseline identity is a few explicit fields (kind, what is measured, the incompatible values)."""
import json

import factdiff
from factdiff import baseline

from test_baseline import STORM  # the same three outlets as the baseline tests
from test_cli_gate import _git, factdiff as run_factdiff  # git and the CLI, as the gate tests run them

REPEAT = "The storm killed 25 people in the coastal town, the regional governor said.\n"
NEW_VALUE = "The storm killed 31 people in the coastal town, a hospital official said.\n"


def _noted(report, note="cnn counted the missing"):
    recorded = baseline.from_report(report)
    assert len(recorded.entries) == 1
    return baseline.Baseline(entries=(baseline.Entry(**{**recorded.entries[0].__dict__, "note": note}),))


def test_identity_fields_are_explicit():
    assert baseline.FIELDS_TO_COMPARE == ("kind", "measured", "incompatible")
    entry = baseline.from_report(factdiff.check_texts(STORM)).entries[0]
    assert entry.kind == "count" and entry.incompatible == ("20", "25") and entry.measured


def test_a_new_source_repeating_one_side_keeps_the_finding_known_and_its_note():
    recorded = _noted(factdiff.check_texts(STORM))
    grown = factdiff.check_texts(dict(STORM, ap=REPEAT))
    comparison = baseline.compare(grown, recorded)
    assert [f.is_new for f in comparison.findings] == [False]
    assert not comparison.fixed and comparison.findings[0].note == "cnn counted the missing"
    # every rewrite in which the entry survives keeps the note
    again = baseline.from_report(grown, recorded)
    assert [e.note for e in again.entries] == ["cnn counted the missing"]
    again = baseline.from_report(factdiff.check_texts(STORM), again)
    assert [e.note for e in again.entries] == ["cnn counted the missing"]


def test_an_agreeing_statement_reworded_keeps_the_finding_known():
    texts = {"a": "Amnesty said it researched more than 25 Russian attacks in Homs and Idlib.",
             "b": "The report includes analyses of 25 Russian attacks researched in Homs and Idlib.",
             "c": "Amnesty said it researched more than 25 Russian attacks in Homs and Idlib, the group said."}
    recorded = baseline.from_report(factdiff.check_texts(texts))
    assert len(recorded.entries) == 1
    reworded = dict(texts, c="Amnesty said it researched more than 24 Russian attacks in Homs and Idlib.")
    report = factdiff.check_texts(reworded)
    comparison = baseline.compare(report, recorded)
    # ">24" fits both sides: it is not an incompatible value, so the identity is unchanged
    assert [f.is_new for f in comparison.findings] == [False] and not comparison.fixed


def test_a_value_no_source_gave_is_new_and_the_entry_not_fixed():
    recorded = _noted(factdiff.check_texts(STORM))
    comparison = baseline.compare(factdiff.check_texts(dict(STORM, ap=NEW_VALUE)), recorded)
    assert len(comparison.new) == 1 and not comparison.fixed
    assert "31" in comparison.new[0].incompatible


def test_source_names_only_break_ties():
    texts = {"x-" + k: v for k, v in STORM.items()}
    recorded = baseline.from_report(factdiff.check_texts(STORM))
    comparison = baseline.compare(factdiff.check_texts(texts), recorded)
    assert [f.state for f in comparison.findings] == ["updated"] and not comparison.fixed


def test_an_older_baseline_without_the_fields_still_matches(tmp_path):
    report = factdiff.check_texts(STORM)
    data = json.loads(baseline.dumps(baseline.from_report(report)))
    for item in data["findings"]:
        del item["measured"], item["incompatible"]
    comparison = baseline.compare(report, baseline.parse(data))
    assert [f.state for f in comparison.findings] == ["unchanged"]


# --- the `bars` check: end to end in a temporary git repository --------------------------------

def _check(repo, *args):
    return run_factdiff(repo, "news", *args)


def test_bars_repeat_one_side_passes_a_new_value_fails(tmp_path):
    repo = tmp_path
    news = repo / "news"
    news.mkdir()
    for name, text in STORM.items():
        (news / f"{name}.txt").write_text(text, encoding="utf-8")
    _git(repo, "init", "-q")
    run = _check(repo, "--write-baseline", "base.json", "--no-cache")
    assert run.returncode == 0, run.stderr
    data = json.loads((repo / "base.json").read_text(encoding="utf-8"))
    assert len(data["findings"]) == 1
    data["findings"][0]["note"] = "reviewed: cnn counts the missing"
    (repo / "base.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "baseline")

    # a file repeating one side of the known conflict: still known, exit 0, note kept
    (news / "ap.txt").write_text(REPEAT, encoding="utf-8")
    run = _check(repo, "--baseline", "base.json", "--format", "json", "--no-cache")
    assert run.returncode == 0, run.stdout + run.stderr
    gate = json.loads(run.stdout)["gate"]
    assert gate["new"] == 0 and gate["known"] == 1 and gate["fixed"] == []
    assert [c["state"] for c in gate["conflicts"]] == ["known"]
    assert gate["conflicts"][0]["note"] == "reviewed: cnn counts the missing"
    run = _check(repo, "--baseline", "base.json", "--write-baseline", "base.json", "--no-cache")
    assert run.returncode == 0, run.stderr
    kept = json.loads((repo / "base.json").read_text(encoding="utf-8"))
    assert [f["note"] for f in kept["findings"]] == ["reviewed: cnn counts the missing"]

    # a file with a value no source gave before: exit 1, only that conflict new
    (news / "afp.txt").write_text(NEW_VALUE, encoding="utf-8")
    run = _check(repo, "--baseline", "base.json", "--format", "json", "--no-cache")
    assert run.returncode == 1, run.stdout + run.stderr
    gate = json.loads(run.stdout)["gate"]
    assert gate["new"] == 1 and gate["fixed"] == []
    (new,) = [c for c in gate["conflicts"] if c["state"] == "new"]
    assert "31" in {m["text"].split()[0] for m in new["pair"]} or any("31" in m["text"] for m in new["pair"])
