"""Rules are first-class (issue 11): each fact carries the evidence that joined its mentions, the
JSON and ``check --explain`` show it, and ``factdiff explain`` says why two mentions were or
were not joined."""
import json
from pathlib import Path

import pytest

import factdiff
from factdiff import pipeline
from factdiff.align.evidence import COMPARISONS, threshold
from factdiff.compare import judge
from factdiff.model import Mention
from factdiff.report import render
from factdiff.report.json import report_to_dict

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "amnesty-syria-2015"

TEXTS = {"wire-a": "The fire in Leeds killed 20 people on Tuesday, the fire service said.",
         "wire-b": "The fire in Leeds killed 25 people on Tuesday, officials said.",
         "wire-c": "On Tuesday the Leeds fire killed 20 people."}


@pytest.fixture(scope="module")
def fire():
    return factdiff.check_texts(TEXTS)


def _fact_of(report, source, word):
    start = TEXTS[source].index(word)
    return next(f for f in report.facts if any(m.source == source and m.start == start for m in f.mentions))


# --- the evidence a fact keeps --------------------------------------------------------------

def test_a_joined_fact_keeps_the_links_that_joined_it(fire):
    f = _fact_of(fire, "wire-a", "20")
    assert f.status == "conflict"
    assert f.evidence, "a conflict of three sources was joined by links: their evidence must be kept"
    names = {c.name for c in COMPARISONS}
    spans = {(m.source, m.start) for m in f.mentions}
    for sa, ia, sb, ib, kind, score, ev in f.evidence:
        assert (sa, ia) in spans and (sb, ib) in spans and sa != sb
        assert kind in ("agree", "contest")
        assert ev and {c for c, *_ in ev} <= names
        # the score is the sum of what it counts, and reached its threshold
        assert score == pytest.approx(sum(w for _, _, w, counted in ev if counted))
        assert score >= threshold("join" if kind == "agree" else "contest") - 1e-9
    # the links tie every mention of the fact, each joining two groups (a tree: no link is
    # between mentions already tied)
    linked = {(s, i) for sa, ia, sb, ib, *_ in f.evidence for s, i in ((sa, ia), (sb, ib))}
    assert linked == spans and len(f.evidence) == len(spans) - 1
    # only comparisons that weigh something are kept
    assert all(w for *_, ev in f.evidence for _, _, w, _ in ev)


def test_a_single_has_no_evidence_and_judge_takes_a_plain_list():
    m = Mention(start=0, end=2, text="20", kind="count", low=20, high=20, subject="person", source="a")
    f = judge([m])
    assert f.status == "single" and f.evidence == ()


def test_evidence_is_plain_data(fire):
    for f in fire.facts:
        assert json.loads(json.dumps(f.evidence)) == json.loads(json.dumps(list(f.evidence)))
        assert isinstance(f.evidence, tuple)


# --- JSON -------------------------------------------------------------------------------------

def test_json_gives_each_fact_its_evidence(fire):
    doc = json.loads(render("json", fire))
    assert {k: v for k, v in doc.items() if k != "gate"} == report_to_dict(fire)
    by_id = {f["id"]: f for f in doc["facts"]}
    f = by_id[_fact_of(fire, "wire-a", "20").id]
    assert f["evidence"], "the JSON must say which evidence joined the fact"
    link = f["evidence"][0]
    assert set(link) == {"a", "b", "kind", "score", "evidence"}
    assert set(link["a"]) == {"source", "start"}
    assert {tuple(sorted(e)) for e in link["evidence"]} == {("comparison", "counted", "level", "weight")}
    assert any(e["weight"] > 0 for e in link["evidence"])
    assert all(f["evidence"] == [] for f in doc["facts"] if f["status"] == "single")


def test_streamed_json_keeps_the_evidence(fire):
    sources = [factdiff.sources.source_from_text(k, v) for k, v in TEXTS.items()]
    streamed = pipeline.check_stream(iter(sources))
    try:
        assert render("json", streamed) == render("json", fire)
        assert [f.evidence for f in streamed.facts] == [f.evidence for f in fire.facts]
    finally:
        streamed.facts.close()


# --- check --explain --------------------------------------------------------------------------

def _cli(*args):
    from typer.testing import CliRunner

    from factdiff.cli import app

    return CliRunner().invoke(app, [str(a) for a in args])


def test_table_explain_says_what_joined_each_fact(fire):
    plain = render("table", fire)
    told = render("table", fire, explain=True)
    assert "joined by" not in plain
    f = _fact_of(fire, "wire-a", "20")
    lines = told.splitlines()
    at = next(i for i, line in enumerate(lines) if f.subject in line and "CONFLICT" in line)
    block = "\n".join(lines[at:at + 8])
    assert "joined by (" in block or "contested by (" in block
    strongest = max(f.evidence, key=lambda link: link[5])
    for c, lv, w, counted in strongest[6]:
        if counted and w:
            assert f"{c} {lv} {w:+g}" in block
    assert f"= {strongest[5]:.1f} ≥ " in block


def test_cli_check_explain(tmp_path):
    for name, text in TEXTS.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    out = _cli("check", tmp_path, "--explain", "--no-cache")
    assert out.exit_code == 1, out.output
    assert "joined by (" in out.output or "contested by (" in out.output
    assert "joined by" not in _cli("check", tmp_path, "--no-cache").output


# --- factdiff explain -------------------------------------------------------------------------

@pytest.fixture()
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the cache folder goes here
    texts = dict(TEXTS, **{"storm": "The storm in Paris destroyed 25 houses in 2019.\nNobody was hurt."})
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    return tmp_path, texts


def _at(texts, source, word):
    return f"{source}:{texts[source].index(word) + 1}"  # an offset inside the word, not its start


def test_explain_a_joined_pair(folder):
    path, texts = folder
    out = _cli("explain", path, _at(texts, "wire-a", "20 people"), _at(texts, "wire-b", "25 people"),
               "--format", "json", "--no-cache")
    assert out.exit_code == 0, out.output
    d = json.loads(out.output)
    assert {"candidates", "compatible", "score", "threshold", "linked", "constraints", "evidence"} <= set(d)
    assert d["candidates"] and not d["compatible"] and d["linked"] and d["constraints"] == []
    assert d["score"] >= d["threshold"]
    assert d["a"]["text"] == "20 people" and d["b"]["text"] == "25 people"
    assert d["a"]["fact"]["status"] == "conflict" and d["a"]["fact"] == d["b"]["fact"] and d["same_fact"]
    names = {e["comparison"] for e in d["evidence"]}
    assert {"value", "measured_thing", "event"} <= names
    # the table form says the same
    text = _cli("explain", path, _at(texts, "wire-a", "20 people"), _at(texts, "wire-b", "25 people"),
                "--no-cache").output
    assert text.startswith("A  wire-a:") and "linked: values incompatible" in text
    assert "measured_thing" in text and "both ended up in the same fact" in text
    assert "CONFLICT" in text


def test_explain_a_pair_kept_apart_by_line_and_column_and_file_name(folder):
    path, texts = folder
    col = texts["storm"].index("25") + 1
    out = _cli("explain", path, _at(texts, "wire-a", "20 people"), f"storm.txt:1:{col}", "--format", "json",
               "--no-cache")
    assert out.exit_code == 0, out.output
    d = json.loads(out.output)
    assert d["b"]["source"] == "storm" and d["b"]["text"].startswith("25")
    assert d["candidates"] and not d["linked"] and not d["same_fact"]
    assert d["score"] < d["threshold"] or d["constraints"]
    assert d["a"]["fact"]["id"] != (d["b"]["fact"] or {}).get("id")


def test_explain_a_pair_never_compared(folder):
    path, texts = folder
    d = json.loads(_cli("explain", path, _at(texts, "wire-a", "20 people"), _at(texts, "wire-b", "Tuesday"),
                        "--format", "json", "--no-cache").output)
    assert d["candidates"] is False and d["why"] and not d["same_fact"]


@pytest.mark.parametrize("spot, message", [
    ("wire-x:3", "unknown source 'wire-x'"),
    ("wire-a:1", "no mention at offset 1 of wire-a"),
    ("wire-a:9:1", "the text has 1 line"),
    ("wire-a:abc", "not a number"),
])
def test_explain_errors_are_one_line_and_exit_2(folder, spot, message):
    from typer.testing import CliRunner

    from factdiff.cli import app

    path, texts = folder
    out = CliRunner().invoke(app, ["explain", str(path), spot, _at(texts, "wire-b", "25 people"),
                                                   "--no-cache"])
    assert out.exit_code == 2
    assert out.stdout == ""
    assert message in out.stderr and len(out.stderr.strip().splitlines()) == 1, out.stderr


# --- the pairs evaluation: false conflicts ----------------------------------------------------

def test_pairs_eval_reports_the_share_of_false_conflicts(tmp_path, capsys):
    from factdiff.evaluate import pairs

    rows = [("The fire killed 20 people.", "The fire killed 25 people.", "entailment"),  # a false conflict
            ("The fire killed 20 people.", "The fire killed 20 people.", "neutral"),
            ("The fire killed 20 people.", "The fire killed 25 people.", "contradiction")]
    data = tmp_path / "pairs"
    data.mkdir()
    path = data / "tiny.jsonl"
    path.write_text("\n".join(json.dumps({"premise": p, "hypothesis": h, "label": lab}) for p, h, lab in rows),
                    encoding="utf-8")
    s = pairs.score(path)
    assert (s["tp"], s["fp"], s["tn"], s["fn"]) == (1, 1, 1, 0)
    assert s["false_conflicts"] == pytest.approx(0.5)
    pairs.main(["--data", str(tmp_path), "tiny.jsonl"])
    out = capsys.readouterr().out
    assert "false conflicts" in out.splitlines()[0] and "50.0% (1/2)" in out


def test_explain_pair_names_the_veto_on_an_agreement():
    """A vague amount and a figure of another event are compatible, but the join constraint
    vague_needs_event keeps them apart: the explanation says so instead of 'linked'."""
    from factdiff.align import explain_pair
    from factdiff.compare import joinable

    r = factdiff.check_texts({"a": "The report researched more than 25 attacks in Homs.",
                              "b": "Russia has carried out hundreds of attacks in Homs."})
    ms = [m for f in r.facts for m in f.mentions]
    a = next(m for m in ms if m.text.startswith("more than 25"))
    b = next(m for m in ms if m.text.startswith("hundreds"))
    got = explain_pair(a, b, ms, joinable)
    assert got["compatible"] and got["constraints"] == ["vague_needs_event"] and not got["linked"]
    assert not any(a in f.mentions and b in f.mentions for f in r.facts)
