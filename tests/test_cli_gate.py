"""`factdiff check` as a CI gate, end to end in a temporary git repository (issue: CI gate)."""
import json
import os
import re
import subprocess
import sys
import textwrap

import pytest

ARTICLES = {
    "bbc.md": """# Storm hits the coast

The storm killed 20 people in the coastal town, officials said on Tuesday,
and destroyed 120 homes along the shore.

The old bridge over the river was closed to traffic while engineers
inspected it for damage.

Rescue teams from three neighbouring regions were still searching the
flooded streets late in the evening.
""",
    "cnn.md": """# Deadly storm

Officials said the storm killed 25 people in the coastal town and left
thousands without power for most of the week.

The storm destroyed 120 homes along the shore, and the bridge was closed
to traffic while engineers checked it.

Schools in the area will stay shut until the end of the month.
""",
    "reuters.md": """# Storm leaves trail of damage

The storm killed 20 people in the coastal town, according to the local
emergency service, which said the toll could still rise.

Power was restored to most homes by the weekend, the utility said.
""",
}
# ignored by git: read, it would contradict the toll
DRAFT = "The storm killed 90 people in the coastal town, a first estimate said.\n"
BASELINE = "factdiff-baseline.json"


def _git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


def factdiff(repo, *args):
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    return subprocess.run([sys.executable, "-m", "factdiff.cli", "check", *args], cwd=repo,
                          capture_output=True, text=True, env=env)


@pytest.fixture
def repo(tmp_path):
    news = tmp_path / "news"
    (news / "drafts").mkdir(parents=True)
    for name, text in ARTICLES.items():
        (news / name).write_text(text, encoding="utf-8")
    (news / "drafts" / "first.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / ".gitignore").write_text("news/drafts/\n", encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "articles")
    return tmp_path


def _gate(proc):
    assert proc.stdout, proc.stderr
    return json.loads(proc.stdout)["gate"]


def _states(proc):
    return sorted((c["state"], c["pair"][0]["text"]) for c in _gate(proc)["conflicts"])


def test_baseline_gate_end_to_end(repo):
    news = repo / "news"
    # 1. the current contradictions are recorded
    proc = factdiff(repo, "news", "--write-baseline", BASELINE)
    assert proc.returncode == 0, proc.stderr
    recorded = json.loads((repo / BASELINE).read_text())["findings"]
    assert len(recorded) == 1 and recorded[0]["values"] == {"bbc": ["20"], "cnn": ["25"], "reuters": ["20"]}
    _git(repo, "add", BASELINE)
    _git(repo, "commit", "-q", "-m", "baseline")

    # 2. the run passes: the toll contradiction is known (and the ignored draft is not read)
    proc = factdiff(repo, "news", "--baseline", BASELINE, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert [s for s, _ in _states(proc)] == ["known"]

    # 3. a sentence contradicting a recorded figure (120 homes) is added to one file
    reuters = news / "reuters.md"
    reuters.write_text(ARTICLES["reuters.md"].replace(
        "Power was", "The storm destroyed 200 homes along the shore.\n\nPower was"), encoding="utf-8")
    proc = factdiff(repo, "news", "--baseline", BASELINE, "--format", "json")
    assert proc.returncode == 1
    gate = _gate(proc)
    new = [c for c in gate["conflicts"] if c["state"] == "new"]
    assert len(new) == 1 and gate["new"] == 1 and gate["known"] == 1
    assert sorted(m["text"] for m in new[0]["pair"])[0].startswith("120 homes")
    assert "reuters" in {m["source"] for m in new[0]["pair"]}
    # every CI format names only the new one
    proc = factdiff(repo, "news", "--baseline", BASELINE, "--format", "github")
    assert proc.returncode == 1
    annotated = re.findall(r"^::error file=([^,]+),.*?::(.*)$", proc.stdout, re.M)
    assert len(annotated) == 2  # both lines of the new conflict
    assert all("homes" in message and "killed" not in message for _, message in annotated)
    assert "news/reuters.md" in {file for file, _ in annotated}
    assert "1 new, 1 known, 0 fixed" in proc.stdout.splitlines()[-1]  # and a summary
    proc = factdiff(repo, "news", "--baseline", BASELINE)  # the table
    assert proc.returncode == 1 and "1 new · 1 known · 0 fixed" in proc.stdout
    _git(repo, "checkout", "--", "news/reuters.md")

    # 4a. an unrelated paragraph added elsewhere
    cnn = news / "cnn.md"
    cnn.write_text(ARTICLES["cnn.md"] + "\nThe local football club postponed its weekend match.\n", encoding="utf-8")
    proc = factdiff(repo, "news", "--baseline", BASELINE, "--format", "json")
    assert proc.returncode == 0, proc.stdout
    assert [s for s, _ in _states(proc)] == ["known"]
    _git(repo, "checkout", "--", "news/cnn.md")

    # 4b. lines re-wrapped, narrower and wider
    for width in (60, 100):
        for name, text in ARTICLES.items():
            blocks = text.strip("\n").split("\n\n")
            wrapped = [b if b.startswith("#") else textwrap.fill(" ".join(b.split()), width) for b in blocks]
            (news / name).write_text("\n\n".join(wrapped) + "\n", encoding="utf-8")
        proc = factdiff(repo, "news", "--baseline", BASELINE, "--format", "json")
        assert proc.returncode == 0, (width, proc.stdout)
        assert [s for s, _ in _states(proc)] == ["known"], width
    _git(repo, "checkout", "--", "news")

    # 4c. files renamed so that they come in another order
    for old, new_name in (("bbc.md", "3-bbc.md"), ("cnn.md", "1-cnn.md"), ("reuters.md", "2-reuters.md")):
        _git(repo, "mv", f"news/{old}", f"news/{new_name}")
    proc = factdiff(repo, "news", "--baseline", BASELINE, "--format", "json")
    assert proc.returncode == 0, proc.stdout
    assert [s for s, _ in _states(proc)] == ["known"]  # same values, renamed sources
    assert [c["baseline_state"] for c in _gate(proc)["conflicts"]] == ["updated"]
    assert json.loads((repo / BASELINE).read_text())["findings"] == recorded  # never rewritten by a check


def test_gitignored_files_are_read_only_when_asked(repo):
    assert factdiff(repo, "news", "--write-baseline", BASELINE).returncode == 0
    proc = factdiff(repo, "news", "--baseline", BASELINE, "--no-gitignore", "--format", "json")
    assert proc.returncode == 1
    assert any(m["source"] == "first" for c in _gate(proc)["conflicts"] for m in c["pair"])


def test_configuration_supplies_paths_baseline_and_outputs(repo):
    assert factdiff(repo, "news", "--write-baseline", BASELINE).returncode == 0
    (repo / "pyproject.toml").write_text(
        '[tool.factdiff]\npaths = ["news"]\nbaseline = "factdiff-baseline.json"\n'
        'output = ["sarif:reports/factdiff.sarif"]\n', encoding="utf-8")
    (repo / "reports").mkdir()
    proc = factdiff(repo / "news")  # run from a sub-folder: the nearest configuration is found
    assert proc.returncode == 0, proc.stderr
    results = json.loads((repo / "reports" / "factdiff.sarif").read_text())["runs"][0]["results"]
    assert [r["baselineState"] for r in results] == ["unchanged"]


def test_several_outputs_in_one_run(repo):
    proc = factdiff(repo, "news", "--format", "github", "--output", "sarif:out.sarif", "--output", "gitlab:gl.json",
                    "-o", "junit:junit.xml", "-o", "markdown:summary.md", "-o", "json:report.json")
    assert proc.returncode == 1
    assert proc.stdout.startswith("::error file=news/")
    assert json.loads((repo / "out.sarif").read_text())["version"] == "2.1.0"
    assert json.loads((repo / "gl.json").read_text())[0]["check_name"] == "contradictory-figure"
    assert (repo / "junit.xml").read_text().startswith("<?xml")
    assert (repo / "summary.md").read_text().startswith("## factdiff: 1 new contradiction")
    assert json.loads((repo / "report.json").read_text())["summary"]["conflict"] == 1
    assert not [p.name for p in repo.iterdir() if p.name.endswith(".tmp")]


def test_plain_output_file_takes_the_format(repo):
    proc = factdiff(repo, "news", "--format", "json", "-o", "report.json")
    assert proc.returncode == 1 and proc.stdout == ""
    assert json.loads((repo / "report.json").read_text())["version"] == 1


def test_exit_zero_and_fail_on(repo):
    assert factdiff(repo, "news").returncode == 1
    assert factdiff(repo, "news", "--exit-zero").returncode == 0
    assert factdiff(repo, "news", "--fail-on", "hard").returncode == 1  # 20 vs 25: incompatible
    assert factdiff(repo, "news", "--fail-on", "error").returncode == 1  # the old name of hard
    assert factdiff(repo, "news", "--fail-on", "soft").returncode == 1
    proc = factdiff(repo, "news", "--fail-on", "fatal")
    assert proc.returncode == 2 and "--fail-on" in proc.stderr and "soft, hard" in proc.stderr


def test_fail_on_hard_lets_a_soft_conflict_pass(repo):
    (repo / "news" / "cnn.md").write_text(ARTICLES["cnn.md"].replace("killed 25 people", "killed 20 people")
                                          .replace("destroyed 120 homes", "destroyed more than 120 homes"),
                                          encoding="utf-8")
    proc = factdiff(repo, "news", "--format", "json", "--fail-on", "soft")
    assert proc.returncode == 1
    [fact] = [f for f in json.loads(proc.stdout)["facts"] if f["status"] == "conflict"]
    assert fact["level"] == "soft" and fact["reason"].startswith("soft conflict")
    assert factdiff(repo, "news", "--fail-on", "hard").returncode == 0
    assert factdiff(repo, "news", "--fail-on", "warning").returncode == 1


def test_unknown_format_is_a_usage_error(repo):
    proc = factdiff(repo, "news", "--format", "yaml")
    assert proc.returncode == 2 and "unknown format 'yaml'" in proc.stderr


@pytest.mark.parametrize("flag", ["--baseline", "--write-baseline"])
def test_malformed_baseline_exits_2_and_is_never_overwritten(repo, flag):
    damaged = '{"version": 1, "findings": [{"note": "why"}]}'
    (repo / BASELINE).write_text(damaged, encoding="utf-8")
    proc = factdiff(repo, "news", flag, BASELINE)
    assert proc.returncode == 2
    assert BASELINE in proc.stderr and 'has no "fingerprint"' in proc.stderr
    assert (repo / BASELINE).read_text(encoding="utf-8") == damaged


def test_malformed_configuration_exits_2(repo):
    bad = "[tool.factdiff]\nfail-on = 'sometimes'\n"
    (repo / "factdiff.toml").write_text(bad, encoding="utf-8")
    proc = factdiff(repo, "news", "--write-baseline", BASELINE)
    assert proc.returncode == 2
    assert "factdiff.toml" in proc.stderr and "'fail-on' must be one of" in proc.stderr
    assert (repo / "factdiff.toml").read_text(encoding="utf-8") == bad and not (repo / BASELINE).exists()
    (repo / "factdiff.toml").write_text("[tool.factdiff\n", encoding="utf-8")
    proc = factdiff(repo, "news")
    assert proc.returncode == 2 and "invalid TOML" in proc.stderr


def test_no_progress_bar_when_stderr_is_not_a_terminal(repo):
    proc = factdiff(repo, "news")
    # only the line that says the ignored drafts folder was left out (issue 12, item 5)
    assert proc.stderr == "news/drafts: skipped: 1 file ignored by .gitignore (--no-gitignore reads them)\n"


def test_progress_wanted_only_on_a_terminal_outside_ci():
    from factdiff.report.progress import wanted

    class Tty:
        def isatty(self):
            return True

    assert wanted(Tty(), {}) is True
    assert wanted(Tty(), {"CI": "true"}) is False
    assert wanted(open(os.devnull, "w"), {}) is False


def test_pre_commit_hook_runs_factdiff_on_the_whole_folder():
    from conftest import ROOT

    hook = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert re.search(r"^- id: factdiff$", hook, re.M)
    assert re.search(r"^  entry: factdiff check$", hook, re.M)
    assert re.search(r"^  pass_filenames: false$", hook, re.M)  # a contradiction is between files
    files = re.search(r"^  files: (.*)$", hook, re.M).group(1)
    assert all(re.search(files, name) for name in ("a.md", "b.txt", "c.html"))
    assert not re.search(files, "factdiff-baseline.json")
