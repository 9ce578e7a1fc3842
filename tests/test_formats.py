"""Every output format against the third-party schema in ../shared/schemas (issue: CI gate).

One report serves them all: a new contradiction (storm toll), a known one (homes destroyed,
accepted in a baseline with a note) and a baseline entry no longer found (fixed).
"""
import json
import re
from pathlib import Path

import pytest

import factdiff
from conftest import SHARED
from factdiff import baseline, report

SCHEMAS = SHARED / "schemas"
needs_schemas = pytest.mark.skipif(not SCHEMAS.is_dir(), reason=f"{SCHEMAS} is absent (shared/ sits beside the repo)")

TEXTS = {
    "bbc": "# Storm hits the coast\n\nThe storm killed 20 people in the coastal town, officials said.\n\n"
           "The storm destroyed 120 homes along the shore.\n",
    "cnn": "# Deadly storm\n\nOfficials said the storm killed 25 people in the coastal town.\n\n"
           "The storm destroyed 200 homes along the shore.\n",
}


@pytest.fixture(scope="module")
def gate(tmp_path_factory):
    """(report, comparison, root): sources are files, so every format has paths and lines."""
    root = tmp_path_factory.mktemp("repo")
    (root / "news").mkdir()
    for name, text in TEXTS.items():
        (root / "news" / f"{name}.md").write_text(text, encoding="utf-8")
    rep = factdiff.check_paths([root / "news"])
    assert len(rep.conflicts) == 2, [f.reason for f in rep.conflicts]
    homes = next(f for f in rep.conflicts if "home" in f.subject)
    accepted = baseline.Baseline(entries=(
        baseline.Entry(fingerprint=homes.id, values_fingerprint=baseline.values_fingerprint(homes),
                       kind=homes.kind, subject=homes.subject, note="cnn counts damaged homes too"),
        baseline.Entry(fingerprint="0123456789abcdef", kind="date", subject="start of storm"),
    ), path="factdiff-baseline.json")
    comparison = baseline.compare(rep, accepted)
    assert [f.state for f in comparison.findings].count("new") == 1
    assert len(comparison.known) == 1 and len(comparison.fixed) == 1
    return rep, comparison, root


def _render(fmt, gate, **extra):
    rep, comparison, root = gate
    return report.render(fmt, rep, comparison=comparison, root=root, **extra)


def _line_of(root, path, text):
    lines = (root / path).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


# --- SARIF ---------------------------------------------------------------------------------------

@needs_schemas
def test_sarif_validates_against_the_2_1_0_schema(gate):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((SCHEMAS / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    doc = json.loads(_render("sarif", gate))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(doc)]
    assert not errors, errors
    # the validator does catch a broken document (so the check above means something)
    doc["runs"][0]["results"][0]["baselineState"] = "added"
    assert list(validator.iter_errors(doc))


def test_sarif_has_rules_fingerprints_baseline_state_and_both_locations(gate):
    rep, comparison, root = gate
    run = json.loads(_render("sarif", gate))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for rule in rules:  # what GitHub code scanning asks of each rule
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
    results = run["results"]
    assert sorted(r["baselineState"] for r in results) == ["new", "unchanged"]
    new = next(r for r in results if r["baselineState"] == "new")
    assert "killed" in new["message"]["text"] or "person" in new["message"]["text"]
    assert new["partialFingerprints"]["factdiffFinding/v1"] == comparison.new[0].fact.id
    assert rules[new["ruleIndex"]]["id"] == new["ruleId"] == "contradictory-figure"
    first = new["locations"][0]["physicalLocation"]
    related = [loc["physicalLocation"] for loc in new["relatedLocations"]]
    uris = {first["artifactLocation"]["uri"]} | {p["artifactLocation"]["uri"] for p in related}
    assert uris == {"news/bbc.md", "news/cnn.md"}
    for p in [first] + related:
        path, region = p["artifactLocation"]["uri"], p["region"]
        assert region["startLine"] == _line_of(root, path, region["snippet"]["text"])
    assert run["properties"]["fixed"][0]["fingerprint"] == "0123456789abcdef"
    known = next(r for r in results if r["baselineState"] == "unchanged")
    assert known["properties"]["note"] == "cnn counts damaged homes too"


def test_sarif_without_baseline_has_no_baseline_state(gate):
    rep, _, root = gate
    results = json.loads(report.render("sarif", rep, root=root))["runs"][0]["results"]
    assert len(results) == 2 and all("baselineState" not in r for r in results)


# --- JUnit ---------------------------------------------------------------------------------------

@needs_schemas
@pytest.mark.parametrize("xsd", ["jenkins-xunit-junit-10.xsd", "windyroad-JUnit.xsd"])
def test_junit_validates_against_both_schemas(gate, xsd):
    xmlschema = pytest.importorskip("xmlschema")
    schema = xmlschema.XMLSchema(str(SCHEMAS / "junit" / xsd))
    text = _render("junit", gate)
    errors = [str(e) for e in schema.iter_errors(text)]
    assert not errors, errors[:3]
    # and it rejects what it should: a test case without a name
    assert list(schema.iter_errors(re.sub(r'<testcase name="[^"]*"', "<testcase", text, count=1)))


@needs_schemas
def test_junit_without_conflicts_still_validates(tmp_path):
    xmlschema = pytest.importorskip("xmlschema")
    rep = factdiff.check_texts({"a": "The storm killed 20 people.", "b": "The storm killed 20 people."})
    text = report.render("junit", rep)
    for xsd in ("jenkins-xunit-junit-10.xsd", "windyroad-JUnit.xsd"):
        assert not list(xmlschema.XMLSchema(str(SCHEMAS / "junit" / xsd)).iter_errors(text)), xsd


def test_junit_fails_only_new_conflicts(gate):
    import xml.etree.ElementTree as ET

    suite = ET.fromstring(_render("junit", gate, timestamp=None)).find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("2", "1", "1")
    failures = suite.findall("testcase/failure")
    assert len(failures) == 1 and "news/bbc.md:" in failures[0].text and "news/cnn.md:" in failures[0].text
    assert "cnn counts damaged homes too" in suite.find("testcase/skipped").get("message")


# --- GitLab Code Quality ------------------------------------------------------------------------

@needs_schemas
def test_gitlab_each_element_validates_and_uses_documented_severities(gate):
    jsonschema = pytest.importorskip("jsonschema")
    item_schema = json.loads((SCHEMAS / "gitlab-codequality" / "gitlab-codeclimate-degradation.schema.json")
                             .read_text(encoding="utf-8"))
    prose = (SCHEMAS / "gitlab-codequality" / "code-quality-report-format.excerpt.md").read_text(encoding="utf-8")
    documented = re.search(r"Valid values are (.*?)\. \|", prose).group(1)
    severities = set(re.findall(r"`(\w+)`", documented))
    assert severities == {"info", "minor", "major", "critical", "blocker"}
    text = _render("gitlab", gate)
    assert not text.startswith("\ufeff")
    issues = json.loads(text)
    assert isinstance(issues, list) and len(issues) == 2
    validator = jsonschema.Draft7Validator(item_schema)
    for issue in issues:
        assert not list(validator.iter_errors(issue)), issue
        # the prose table asks for more than the schema does
        assert issue["check_name"] and issue["description"] and issue["fingerprint"]
        assert issue["severity"] in severities
        assert isinstance(issue["location"]["lines"]["begin"], int)
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert list(validator.iter_errors({**issues[0], "location": {"path": "x", "lines": {"begin": "4"}}}))


def test_gitlab_gives_both_locations_and_ranks_known_findings_as_info(gate):
    rep, comparison, root = gate
    issues = {i["fingerprint"]: i for i in json.loads(_render("gitlab", gate))}
    new = issues[comparison.new[0].fact.id]
    assert new["severity"] == "major"
    paths = {new["location"]["path"]} | {o["path"] for o in new["other_locations"]}
    assert paths == {"news/bbc.md", "news/cnn.md"}
    line = new["location"]["lines"]["begin"]
    assert "killed" in (root / new["location"]["path"]).read_text().splitlines()[line - 1]
    assert issues[comparison.known[0].fact.id]["severity"] == "info"


# --- GitHub workflow commands -------------------------------------------------------------------

_COMMAND = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")


def _commands(text):
    out = []
    for line in text.splitlines():
        m = _COMMAND.match(line)
        if m:
            props = dict(p.split("=", 1) for p in m.group(2).split(",")) if m.group(2) else {}
            out.append((m.group(1), props, m.group(3)))
    return out


@needs_schemas
def test_github_annotations_follow_the_documented_syntax(gate):
    doc = (SCHEMAS / "github-annotations" / "workflow-commands-annotations.excerpt.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"\| `(\w+)` \|", doc)) - {"core"}
    assert {"file", "line", "col", "endLine", "endColumn", "title"} <= documented
    for level, props, message in _commands(_render("github", gate)):
        assert set(props) <= documented, props
        for value in props.values():  # escaped: no raw separators in a property value
            assert ":" not in value and "," not in value and "\n" not in value
        assert "\n" not in message and "\r" not in message


def test_github_annotates_both_lines_of_a_new_conflict_and_summarises(gate):
    rep, comparison, root = gate
    commands = _commands(_render("github", gate))
    annotations = [(props["file"], int(props["line"])) for level, props, _ in commands if "file" in props]
    assert len(annotations) == 2  # the new conflict, on each side; the known one is not annotated
    for path, line in annotations:
        assert "killed" in (root / path).read_text().splitlines()[line - 1]
    assert {p for p, _ in annotations} == {"news/bbc.md", "news/cnn.md"}
    summary = commands[-1]
    assert summary[1] == {"title": "factdiff summary"} and "1 new, 1 known, 1 fixed" in summary[2]


def test_github_escaping():
    from factdiff.report.github import command

    line = command("error", "50% of\nit", file="a,b:c.md", title="x")
    assert line == "::error file=a%2Cb%3Ac.md,title=x::50%25 of%0Ait"


# --- markdown, table, json ---------------------------------------------------------------------

def test_markdown_lists_new_then_known_then_fixed(gate):
    text = _render("markdown", gate)
    assert text.startswith("## factdiff: 1 new contradiction")
    assert text.index("news/bbc.md:") < text.index("known contradiction") < text.index("Fixed since the baseline")
    assert "cnn counts damaged homes too" in text and "0123456789abcdef" in text
    for row in [r for r in text.splitlines() if r.startswith("| ")]:
        assert row.count(" | ") - row.count("\\|") == 4, row  # five cells in every row


def test_table_marks_new_and_known(gate):
    text = _render("table", gate)
    assert "1 new · 1 known · 1 fixed" in text and "fixed: start of storm 0123456789abcdef" in text


def test_json_keeps_contract_and_adds_the_gate(gate):
    rep, comparison, root = gate
    data = json.loads(_render("json", gate))
    assert data["version"] == 1 and data["summary"]["conflict"] == 2
    states = {c["id"]: c["state"] for c in data["gate"]["conflicts"]}
    assert states == {comparison.new[0].fact.id: "new", comparison.known[0].fact.id: "known"}  # issue 12 item 15
    assert [len(c["pair"]) for c in data["gate"]["conflicts"]] == [2, 2]
    assert data["gate"]["fixed"][0]["fingerprint"] == "0123456789abcdef"


def test_registry_lists_formats_and_filters_options():
    names = report.available()
    assert {"table", "json", "markdown", "sarif", "junit", "github", "gitlab"} <= set(names)
    with pytest.raises(ValueError, match="unknown format 'yaml'"):
        report.get("yaml")
    rep = factdiff.check_texts({"a": "The storm killed 20 people.", "b": "The storm killed 25 people."})
    # json.render takes no show_all: it is not passed rather than failing
    assert json.loads(report.render("json", rep, show_all=True, width=3))["summary"]["conflict"] == 1


def test_html_is_listed_when_its_module_exists():
    here = Path(report.__file__).parent / "html.py"
    assert ("html" in report.available()) == here.exists()


# --- levels of disagreement (issue 11) -----------------------------------------------------------

def test_every_format_shows_the_level(gate):
    rep, comparison, root = gate
    doc = json.loads(_render("json", gate))
    levels = {f["status"]: set() for f in doc["facts"]}
    for f in doc["facts"]:
        levels[f["status"]].add(f["level"])
        assert list(f)[:5] == ["id", "subject", "kind", "status", "level"]
    assert levels["conflict"] == {"hard"} and all(v == {None} for s, v in levels.items() if s != "conflict")
    assert {(c["level"], c["severity"]) for c in doc["gate"]["conflicts"]} == {("hard", "error")}
    assert doc == rep.to_dict() | {"gate": doc["gate"]}  # the library's dict, the same level
    assert "| hard |" in _render("markdown", gate)
    assert "CONFLICT · HARD" in _render("table", gate)
    html = _render("html", gate)
    assert 'data-level="hard"' in html and 'class="badge lv-hard"' in html
    assert {r["level"] for r in json.loads(_render("sarif", gate))["runs"][0]["results"]} == {"error"}


def test_html_marks_every_incompatible_value_and_soft_conflicts_say_so():
    rep = factdiff.check_texts({"a": "The fire killed 29 people in Leeds.",
                                "b": "The fire killed 33 people in Leeds.",
                                "c": "The fire killed 31 people in Leeds."})
    [fact] = rep.conflicts
    html = rep.to_html()
    card = html[html.index('<article class="fact st-conflict'):]
    card = card[:card.index("</article>")]
    assert card.count('class="quote bad"') == 3 and card.count('class="row bad"') == 3
    assert "cannot all be right" in card
    soft = factdiff.check_texts({"a": "The fund lost $250,000 last year.",
                                 "b": "The fund lost more than $250,000 last year."})
    [fact] = soft.conflicts
    assert fact.level == "soft"
    html = soft.to_html()
    assert 'data-level="soft"' in html and "an editor would query it" in html
