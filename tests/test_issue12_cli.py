"""Issue 12, items 3, 4, 5, 6 and 13: outputs, missing paths, ignored folders, skipped files,
piped tables and --jobs, on the command line."""
import json
import os
import subprocess
import sys

import pytest

TEXTS = {
    "a.txt": "The storm killed 20 people in the coastal town on Tuesday.\n",
    "b.txt": "The storm killed 25 people in the coastal town on Tuesday.\n",
}


def run(cwd, *args, env=None):
    env = {**{k: v for k, v in os.environ.items() if k != "CI"}, **(env or {})}
    return subprocess.run([sys.executable, "-m", "factdiff.cli", "check", *map(str, args), "--no-cache"],
                          cwd=cwd, capture_output=True, text=True, env=env)


@pytest.fixture
def news(tmp_path):
    d = tmp_path / "news"
    d.mkdir()
    for name, text in TEXTS.items():
        (d / name).write_text(text, encoding="utf-8")
    return d


# --- item 3: outputs ---------------------------------------------------------------------------

def test_a_mistyped_format_name_is_a_usage_error(news, tmp_path):
    proc = run(tmp_path, news, "-o", "sarf:f.sarif")
    assert proc.returncode == 2 and "'sarf' is no format" in proc.stderr and "sarif" in proc.stderr
    assert not (tmp_path / "sarf:f.sarif").exists() and not (tmp_path / "f.sarif").exists()


def test_a_mistyped_format_in_the_configuration_is_a_usage_error(news, tmp_path):
    (tmp_path / "factdiff.toml").write_text('output = ["pdf:x.pdf"]\n', encoding="utf-8")
    proc = run(tmp_path, news)
    assert proc.returncode == 2 and "'pdf' is no format" in proc.stderr and "factdiff.toml" in proc.stderr


@pytest.mark.parametrize("name, check", [
    ("report.html", lambda t: t.lstrip().lower().startswith("<!doctype html")),
    ("report.sarif", lambda t: json.loads(t)["version"] == "2.1.0"),
    ("report.json", lambda t: json.loads(t)["version"] == 1),
    ("report.xml", lambda t: t.lstrip().startswith("<?xml")),
    ("report.md", lambda t: "|" in t and not t.lstrip().startswith("{")),
])
def test_a_plain_output_takes_its_format_from_the_extension(news, tmp_path, name, check):
    proc = run(tmp_path, news, "-o", f"out/{name}")
    assert proc.returncode == 1, proc.stderr
    assert check((tmp_path / "out" / name).read_text(encoding="utf-8")) and not proc.stdout


def test_format_wins_over_the_extension_and_folders_are_made(news, tmp_path):
    proc = run(tmp_path, news, "--format", "json", "-o", "deep/er/x.html", "-o", "sarif:o2/x.sarif")
    assert proc.returncode == 1, proc.stderr
    assert json.loads((tmp_path / "deep/er/x.html").read_text())["version"] == 1
    assert json.loads((tmp_path / "o2/x.sarif").read_text())["version"] == "2.1.0"


# --- item 4: a path that does not exist ----------------------------------------------------------

def test_a_missing_path_fails_after_checking_the_rest(news, tmp_path):
    proc = run(tmp_path, "nope.txt", news / "a.txt", news / "b.txt", "--format", "json")
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["summary"]["conflict"] == 1  # the rest was checked and reported
    assert "nope.txt: no such file or folder (named on the command line)" in proc.stderr


def test_a_missing_path_in_the_configuration_fails(news, tmp_path):
    (tmp_path / "factdiff.toml").write_text('paths = ["news", "gone"]\n', encoding="utf-8")
    proc = run(tmp_path)
    assert proc.returncode == 2 and "gone: no such file or folder (named in `paths`" in proc.stderr


# --- item 13: piped tables, --jobs, check_texts ----------------------------------------------------

def test_a_piped_table_has_no_trailing_spaces(news, tmp_path):
    proc = run(tmp_path, news)
    assert proc.returncode == 1 and "CONFLICT" in proc.stdout
    assert all(line == line.rstrip() for line in proc.stdout.splitlines())


def test_negative_jobs_is_a_usage_error(news, tmp_path):
    proc = run(tmp_path, news, "--jobs", "-3")
    assert proc.returncode == 2 and "--jobs" in proc.stderr


def test_check_texts_takes_one_date_for_all_or_a_mapping():
    import datetime

    import factdiff

    texts = {"a": "The museum closed on Monday after 20 visitors were hurt.",
             "b": "The museum closed on Monday after 25 visitors were hurt."}
    for published in ("2025-06-16", datetime.date(2025, 6, 16), {"a": "2025-06-16", "b": "2025-06-16"}):
        report = factdiff.check_texts(texts, published=published)
        assert [s.published for s in report.sources] == ["2025-06-16", "2025-06-16"]
    with pytest.raises(TypeError, match="mapping"):
        factdiff.check_texts(list(texts.values()))
    with pytest.raises(TypeError, match="published"):
        factdiff.check_texts(texts, published=20250616)


def test_public_functions_have_docstrings():
    import inspect

    import factdiff
    from factdiff import baseline, pipeline, report, sources

    missing = [f"{m.__name__}.{n}" for m in (factdiff, pipeline, sources, baseline, report)
               for n, fn in vars(m).items()
               if inspect.isfunction(fn) and not n.startswith("_") and fn.__module__ == m.__name__
               and not (fn.__doc__ or "").strip()]
    assert missing == []


# --- item 6: files not read appear in every format; the GitHub summary is a notice ----------------

@pytest.mark.parametrize("fmt", ["table", "markdown", "github", "gitlab", "json", "sarif", "junit"])
def test_files_not_read_appear_in_every_format(news, tmp_path, fmt):
    (news / "empty.txt").write_text("", encoding="utf-8")
    proc = run(tmp_path, news, "--format", fmt)
    assert proc.returncode == 1, proc.stderr
    assert "empty.txt" in proc.stdout, fmt
    if fmt == "github":
        summary = [ln for ln in proc.stdout.splitlines() if "factdiff summary" in ln]
        assert len(summary) == 1 and summary[0].startswith("::notice ") and "1 file not read" in summary[0]
        assert any(ln.startswith("::warning file=") and "empty.txt" in ln for ln in proc.stdout.splitlines())
    if fmt == "markdown":
        assert "1 file not read" in proc.stdout and "Not read (1 file)" in proc.stdout
