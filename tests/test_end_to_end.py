"""The sample folder end to end: the verdicts an editor expects (issue: factdiff check)."""
import json
import subprocess
import sys

from conftest import SAMPLE

NUMERIC = ("count", "quantity", "money", "percent", "ratio", "duration")


def _facts_with(report, *texts):
    """Facts holding a (stated, not derived) mention with each of these exact texts."""
    out = []
    for f in report.facts:
        have = {m.text for m in f.mentions if not m.derived}
        if all(t in have for t in texts):
            out.append(f)
    return out


def _fact_of(report, text, source_prefix=None):
    for f in report.facts:
        for m in f.mentions:
            if m.text == text and (source_prefix is None or m.source.startswith(source_prefix)):
                return f
    raise AssertionError(f"no fact has a mention {text!r}")


def test_civilians_killed_agree_across_all_five(sample_report):
    f = _fact_of(sample_report, "hundreds of civilians", "000")
    assert f.status == "agree"
    assert {m.source[:3] for m in f.mentions} == {"000", "001", "002", "003", "004"}
    texts = {m.text for m in f.mentions}
    assert {"hundreds of civilians", "at least 200 civilians", "200 civilians"} <= texts


def test_report_length_agrees(sample_report):
    f = _fact_of(sample_report, "28-page", "001")
    assert f.status == "agree" and {m.source[:3] for m in f.mentions} == {"001", "004"}


def test_campaign_start_agrees_in_four_outlets(sample_report):
    f = _fact_of(sample_report, "30 September", "003")
    assert f.kind == "date" and f.status == "agree"
    assert {m.source[:3] for m in f.mentions} == {"000", "002", "003", "004"}
    assert all(m.date.endswith("09-30") for m in f.mentions)


def test_war_toll_quarter_million_equals_250000(sample_report):
    f = _fact_of(sample_report, "More than 250,000 people")
    assert f.status == "agree"
    assert "more than a quarter of a million lives" in {m.text for m in f.mentions}


def test_war_length_and_campaign_length_agree(sample_report):
    war = _fact_of(sample_report, "nearly five years")
    assert war.status == "agree" and "almost five years ago" in {m.text for m in war.mentions}
    campaign = _fact_of(sample_report, "nearly three months")
    assert campaign.status == "agree" and "three months ago" in {m.text for m in campaign.mentions}


def test_titles_agree(sample_report):
    for person in ("Konashenkov", "Luther"):
        facts = [f for f in sample_report.facts if f.kind == "role" and person in f.subject]
        assert any(f.status == "agree" and len({m.source for m in f.mentions}) == 2 for f in facts), person


def test_the_one_conflict_is_25_attacks(sample_report):
    conflicts = sample_report.conflicts
    assert len(conflicts) == 1
    texts = {m.text for m in conflicts[0].mentions}
    assert texts == {"more than 25 Russian attacks", "25 suspected Russian air strikes"}
    assert "more than 25" in conflicts[0].reason and "25 suspected" in conflicts[0].reason


def test_different_facts_are_never_compared(sample_report):
    # each text must exist, or the check below would pass vacuously
    stated = {m.text for f in sample_report.facts for m in f.mentions}
    pairs = [("six attacks", "25 suspected Russian air strikes"),
             ("hundreds of air strikes", "25 suspected Russian air strikes"),
             ("49 civilians", "200 civilians"),
             ("16 civilians in Syria for every fighter", "200 civilians"),
             ("More than 250,000 people", "200 civilians")]
    for a, b in pairs:
        assert a in stated and b in stated, (a, b)
        assert not _facts_with(sample_report, a, b), (a, b)


def test_designations_and_clock_times_are_not_quantities(sample_report):
    for f in sample_report.facts:
        if f.kind in NUMERIC:
            for m in f.mentions:
                for bad in ("RBK", "500", "Su-24", "Rossiya", "07:19"):
                    assert bad not in m.text, (bad, m.text)


def test_cli_json_and_exit_code():
    proc = subprocess.run([sys.executable, "-m", "factdiff.cli", "check", str(SAMPLE), "--format", "json"],
                          capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert data["version"] == 1
    assert data["summary"]["conflict"] == 1 and data["summary"]["sources"] == 5
    text = {s["id"]: (SAMPLE / (s["id"] + ".txt")).read_text(encoding="utf-8") for s in data["sources"]}
    for fact in data["facts"]:
        for m in fact["mentions"]:
            assert text[m["source"]][m["start"]:m["end"]] == m["text"]


def test_cli_table_lists_conflict_first():
    proc = subprocess.run([sys.executable, "-m", "factdiff.cli", "check", str(SAMPLE)],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    out = proc.stdout
    assert out.index("conflict") < out.index("agree")


def test_library_to_dict_equals_cli_json(sample_report):
    proc = subprocess.run([sys.executable, "-m", "factdiff.cli", "check", str(SAMPLE), "--format", "json"],
                          capture_output=True, text=True)
    cli = json.loads(proc.stdout)
    lib = json.loads(json.dumps(sample_report.to_dict()))
    for s in cli["sources"] + lib["sources"]:
        s.pop("path")
    assert cli["sources"] == lib["sources"] and cli["facts"] == lib["facts"] and cli["summary"] == lib["summary"]


def test_rewrapping_lines_keeps_every_verdict():
    import textwrap

    import factdiff

    def verdicts(report):
        return sorted((f.status, f.subject, tuple(sorted({(m.source, m.value_text()) for m in f.mentions})))
                      for f in report.facts if f.status != "single")

    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(SAMPLE.iterdir())}
    base = verdicts(factdiff.check_texts(texts))
    for width in (60, 72, 100):
        wrapped = {k: "\n".join(textwrap.fill(par, width) for par in t.split("\n")) for k, t in texts.items()}
        assert verdicts(factdiff.check_texts(wrapped)) == base, width
