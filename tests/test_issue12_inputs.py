"""Issue 12, items 5 and 9: folders left out are said, one line each, in every format (and a
folder named on the command line is read); titles: short headlines, Markdown marks,
publication lines."""
import json
import os
import subprocess
import sys

import pytest

from factdiff.sources import FolderNote, discover, guess_published, guess_title, source_from_text

A = "The storm killed 20 people in the coastal town on Tuesday.\n"
B = "The storm killed 25 people in the coastal town on Tuesday.\n"
DRAFT = "The storm killed 31 people in the coastal town on Tuesday.\n"
IGNORED = "news/drafts: 3 files ignored by .gitignore (--no-gitignore reads them)"


def run(cwd, *args):
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    return subprocess.run([sys.executable, "-m", "factdiff.cli", "check", *map(str, args), "--no-cache"],
                          cwd=cwd, capture_output=True, text=True, env=env)


@pytest.fixture
def repo(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    news = tmp_path / "news"
    (news / "drafts").mkdir(parents=True)
    (news / "a.txt").write_text(A, encoding="utf-8")
    (news / "b.txt").write_text(B, encoding="utf-8")
    for i in range(3):
        (news / "drafts" / f"d{i}.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / ".gitignore").write_text("news/drafts/\n", encoding="utf-8")
    return tmp_path


# --- item 5: what is left out is said ------------------------------------------------------------

def test_an_ignored_folder_is_said_on_stderr_one_line(repo):
    proc = run(repo, "news")
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.splitlines() == [IGNORED.replace(": 3", ": skipped: 3")]
    assert "3 files not read" in proc.stdout  # the table's head counts the files, not the folder


@pytest.mark.parametrize("fmt", ["table", "markdown", "github", "gitlab", "json", "sarif", "junit", "html"])
def test_an_ignored_folder_reaches_every_format(repo, fmt):
    proc = run(repo, "news", "--format", fmt)
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout
    assert "news/drafts" in out and "ignored by .gitignore (--no-gitignore reads them)" in out, fmt
    if fmt == "json":
        assert json.loads(out)["problems"] == [
            {"path": "news/drafts", "reason": "3 files ignored by .gitignore (--no-gitignore reads them)"}]
    if fmt == "github":
        assert any(ln.startswith("::warning file=news/drafts,") for ln in out.splitlines())
        assert "3 files not read" in [ln for ln in out.splitlines() if "factdiff summary" in ln][0]
    if fmt == "markdown":
        assert "3 files not read" in out and "Not read (3 files)" in out


def test_no_gitignore_reads_the_folder_and_says_nothing(repo):
    proc = run(repo, "news", "--no-gitignore", "--format", "json")
    assert proc.stderr == "" and json.loads(proc.stdout)["problems"] == []
    assert len(json.loads(proc.stdout)["sources"]) == 5


def test_a_folder_named_on_the_command_line_is_read_even_when_ignored(repo):
    proc = run(repo, "news/drafts", "--format", "json")
    assert proc.returncode == 0, proc.stderr  # was 2: "no readable article among the inputs"
    data = json.loads(proc.stdout)
    assert sorted(s["id"] for s in data["sources"]) == ["d0", "d1", "d2"] and data["problems"] == []
    assert proc.stderr == ""


def test_a_folder_named_with_its_parent_is_read_and_not_said_to_be_ignored(repo):
    proc = run(repo, "news", "news/drafts", "--format", "json")
    data = json.loads(proc.stdout)
    assert len(data["sources"]) == 5 and data["problems"] == [] and proc.stderr == ""


def test_exclude_and_include_say_which_key_left_files_out(repo):
    (repo / "factdiff.toml").write_text('include = ["*.txt", "*.md"]\nexclude = ["news/old/"]\n',
                                        encoding="utf-8")
    (repo / "news" / "old").mkdir()
    (repo / "news" / "old" / "x.txt").write_text(A, encoding="utf-8")
    (repo / "news" / "page.html").write_text("<p>" + A + "</p>", encoding="utf-8")
    proc = run(repo, "news", "--format", "json")
    problems = {p["path"]: p["reason"] for p in json.loads(proc.stdout)["problems"]}
    assert problems == {
        "news/drafts": "3 files ignored by .gitignore (--no-gitignore reads them)",
        "news/old": "1 file left out by `exclude` in factdiff.toml",
        "news": "1 file not matched by `include` in factdiff.toml",
    }
    assert len(proc.stderr.splitlines()) == 3


def test_an_empty_folder_alone_is_named(tmp_path):
    (tmp_path / "empty").mkdir()
    proc = run(tmp_path, "empty")
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[0] == "empty: skipped: empty folder"
    assert "no readable article among the inputs" in proc.stderr


def test_a_folder_of_unsupported_files_says_what_it_holds(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "notes.rst").write_text(A, encoding="utf-8")
    (docs / "report.pdf").write_bytes(b"%PDF-1.4\n")
    (docs / "more.rst").write_text(B, encoding="utf-8")
    proc = run(tmp_path, "docs")
    assert proc.returncode == 2
    line = proc.stderr.splitlines()[0]
    assert line.startswith("docs: skipped: no file to read: 3 files of other types (2 .rst, 1 .pdf)")
    assert ".txt" in line and ".md" in line


def test_an_empty_folder_beside_articles_is_in_the_report(repo):
    (repo / "empty").mkdir()
    proc = run(repo, "news", "empty", "--no-gitignore", "--format", "json")
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["problems"] == [{"path": "empty", "reason": "empty folder"}]


def test_discover_notes_are_folder_notes_with_their_file_counts(repo):
    files, problems = discover([repo / "news"], skip=lambda p, d: d and p.name == "drafts" and "left out")
    assert [f.name for f in files] == ["a.txt", "b.txt"]
    assert problems == [FolderNote(str(repo / "news" / "drafts"), "3 files left out", 3)]


# --- item 9: titles ------------------------------------------------------------------------------

def test_a_short_headline_is_the_title_not_the_dateline():
    text = "Storm hits town\n\nWednesday 23 December 2015 07:19 EST\n\nThe storm killed 20 people.\n"
    assert guess_title(text) == "Storm hits town"
    assert guess_published(text) == "2015-12-23"


def test_a_markdown_title_loses_its_heading_marks():
    assert guess_title("# Storm hits the coastal town\n\nThe storm killed 20 people.\n") == \
        "Storm hits the coastal town"
    assert guess_title("## Flood waters rise ##\n\nBody.\n") == "Flood waters rise"
    assert guess_title("**Storm hits town**\n\nBody.\n") == "Storm hits town"


def test_a_publication_line_is_no_title_and_gives_the_date():
    text = "*Published 3 March 2025*\n\n# Storm hits town\n\nThe storm killed 20 people on Monday.\n"
    src = source_from_text("a", text)
    assert (src.title, src.published) == ("Storm hits town", "2025-03-03")
    only = "*Published 3 March 2025*\n\nThe storm killed 20 people in the coastal town on Tuesday, officials said.\n"
    assert guess_title(only) is None and guess_published(only) == "2025-03-03"


@pytest.mark.parametrize("line", ["Updated: 4 May 2024, 10:00 GMT", "LONDON, 3 March 2025",
                                  "_Posted on Monday 3 March 2025_", "By Jane Doe", "World"])
def test_datelines_bylines_and_labels_are_no_titles(line):
    assert guess_title(f"{line}\n\nElection set for 4 July 2024\n\nBody.\n") == "Election set for 4 July 2024"


def test_a_title_is_read_from_a_markdown_file(tmp_path):
    (tmp_path / "a.md").write_text("# Dam bursts\n\n*Published 3 March 2025*\n\nThe dam held 20 tonnes.\n",
                                   encoding="utf-8")
    proc = run(tmp_path, "a.md", "--format", "json")
    (source,) = json.loads(proc.stdout)["sources"]
    assert (source["title"], source["published"]) == ("Dam bursts", "2025-03-03")
