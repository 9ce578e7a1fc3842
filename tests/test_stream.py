"""A streamed run (``pipeline.check_stream``: articles let go once read, mentions and facts in a
temporary file) gives the report the in-memory run gives, byte for byte in every format."""
import datetime as dt
import io
import json
import types
from pathlib import Path

import pytest

import factdiff
from factdiff import pipeline
from factdiff.model import Source
from factdiff.report import comparison_of, render, render_to, write_atomic_all
from factdiff.report.json import comparison_to_dict, report_to_dict
from factdiff.sources import source_from_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "amnesty-syria-2015"
FORMATS = ["json", "table", "markdown", "sarif", "junit", "github", "gitlab"]


class _Noon(dt.datetime):
    @classmethod
    def now(cls, tz=None):
        return dt.datetime(2024, 3, 7, 12, 0, 0, tzinfo=tz)


@pytest.fixture(autouse=True)
def _one_clock(monkeypatch):
    """JUnit stamps the time it is written: two renders a second apart must still be equal."""
    from factdiff.report import junit

    monkeypatch.setattr(junit, "dt", types.SimpleNamespace(datetime=_Noon, timezone=dt.timezone))


def _corpus() -> list[Source]:
    """The sample, a copy of it with other figures, and short texts that contradict it."""
    sources, _ = pipeline.load_sources([SAMPLE])
    more = [source_from_text(f"copy-{s.id}", s.text.replace("200", "300").replace("25", "31"), s.published)
            for s in sources[:3]]
    extra = {"wire-a": "The fire killed 20 people in Leeds on Tuesday.\nIt burned for six hours.",
             "wire-b": "The fire in Leeds killed 25 people.\n\nFirefighters fought it for about 6 hours."}
    return sources + more + [source_from_text(k, v, "2024-03-07") for k, v in extra.items()]


@pytest.mark.parametrize("jobs", [1, 2])
def test_streamed_report_is_the_in_memory_report(monkeypatch, jobs):
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_CHARS", 0)  # workers even for a few articles
    sources = _corpus()
    in_memory = pipeline.check_sources(sources, jobs=jobs)
    streamed = pipeline.check_stream(iter(sources), jobs=jobs, total=len(sources))
    try:
        assert streamed.summary() == in_memory.summary()
        assert streamed.summary()["conflict"] >= 2  # the copies contradict the sample
        for fmt in FORMATS:
            assert render(fmt, streamed, show_all=True) == render(fmt, in_memory, show_all=True), fmt
        # the evidence that joined each fact is stored with it (and there is some to store)
        assert any(f.evidence for f in in_memory.facts)
        assert [f.evidence for f in streamed.facts] == [f.evidence for f in in_memory.facts]
        assert render("table", streamed, explain=True) == render("table", in_memory, explain=True)
        # the store can be read again, and its conflicts are the report's
        assert [f.id for f in streamed.facts] == [f.id for f in in_memory.facts]
        assert [f.id for f in streamed.conflicts] == [f.id for f in in_memory.conflicts]
        assert len(streamed.facts) == len(in_memory.facts)
    finally:
        streamed.facts.close()


def test_streamed_sources_keep_positions_not_text():
    text = "First line.\n\nThird line has 20 people.\r\nFourth\n"
    src = source_from_text("a", text)
    slim = src.without_text()
    assert slim.text == "" and slim.id == src.id and slim.published == src.published
    assert [slim.line_col(i) for i in range(len(text) + 1)] == [src.line_col(i) for i in range(len(text) + 1)]


def test_an_article_the_extractor_fails_on_is_a_problem_and_the_rest_is_checked(monkeypatch):
    real = pipeline.extract

    def fragile(text, published=None):
        if "boom" in text:
            raise RuntimeError("boom")
        return real(text, published)

    monkeypatch.setattr(pipeline, "extract", fragile)
    sources = [source_from_text("a", "The fire killed 20 people."), source_from_text("b", "boom 3 times"),
               source_from_text("c", "The fire killed 25 people.")]
    report = pipeline.check_stream(sources)
    assert [s.id for s in report.sources] == ["a", "c"]
    assert [(p.path, "boom" in p.reason) for p in report.problems] == [("b", True)]
    assert report.summary()["conflict"] == 1


def test_sources_are_read_as_they_are_needed():
    """A generator of articles is not read to its end before the first is extracted."""
    pulled, seen = [], []

    def articles():
        for n in range(6):
            pulled.append(n)
            yield source_from_text(f"s{n}", f"The storm killed {n + 10} people.")

    def observer(stage, done, total):
        if stage == "extract":
            seen.append((done, len(pulled)))

    pipeline.check_stream(articles(), total=6, observer=observer)
    assert seen[0] == (1, 1)  # one article read when the first is done


def test_json_is_written_piece_by_piece_as_one_document():
    report = factdiff.check_texts({"a": 'Fire killed 20 people.\n"Quoted\tline"', "b": "Fire killed 25 people."})
    data = report_to_dict(report)
    data["gate"] = comparison_to_dict(comparison_of(report, None), report)
    expected = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    out = io.StringIO()
    render_to("json", report, out)
    assert out.getvalue() == expected == render("json", report)
    empty = factdiff.check_texts({"a": "Nothing to count here."})
    assert json.loads(render("json", empty))["facts"] == []


def test_a_writer_function_is_staged_like_a_text(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old\n")
    write_atomic_all([(target, lambda fh: fh.write("new\n"))])
    assert target.read_text() == "new\n"

    def broken(fh):
        fh.write("half")
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        write_atomic_all([(target, broken)])
    assert target.read_text() == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_streamed_and_in_memory_runs_judge_the_same_against_a_baseline(tmp_path):
    from factdiff import baseline as baselines

    sources = _corpus()
    in_memory = pipeline.check_sources(sources)
    streamed = pipeline.check_stream(iter(sources))
    try:
        # accept all but the first conflict: one is new, the others known
        recorded = baselines.from_report(in_memory)
        path = tmp_path / "baseline.json"
        baselines.write(path, baselines.Baseline(entries=recorded.entries[1:]))
        accepted = baselines.load(path)
        cmp_memory = baselines.compare(in_memory, accepted)
        cmp_stream = baselines.compare(streamed, accepted)
        assert len(cmp_memory.new) == 1 and len(cmp_memory.known) == len(recorded.entries) - 1
        for fmt in FORMATS:
            assert render(fmt, streamed, comparison=cmp_stream) == render(fmt, in_memory, comparison=cmp_memory), fmt
        assert "new" in render("table", streamed, comparison=cmp_stream)
        # a finding keeps the pair, and the values of the whole fact for the baseline
        by_key = {baselines.fact_key(f): f for f in in_memory.conflicts}
        for finding in cmp_stream.findings:
            whole = by_key[finding.key]
            assert finding.fact.mentions == finding.pair and finding.fact.id == whole.id
            assert finding.values == baselines.values_of(whole)
    finally:
        streamed.facts.close()


def test_the_cli_leaves_no_temporary_file(tmp_path):
    import os
    import subprocess
    import sys

    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp)}
    proc = subprocess.run([sys.executable, "-m", "factdiff.cli", "check", str(SAMPLE), "--no-cache", "--format", "json",
                           "-o", str(tmp_path / "r.json")], env=env, capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr  # the sample's one conflict
    assert json.loads((tmp_path / "r.json").read_text())["summary"]["conflict"] == 1
    assert list(tmp.iterdir()) == []


def test_a_full_disk_under_the_temporary_file_is_one_clear_error(monkeypatch, tmp_path):
    import sqlite3

    from typer.testing import CliRunner

    from factdiff import cli, spill

    def full(self):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(spill.Spill, "_flush_mentions", full)
    with pytest.raises(spill.SpillError, match="disk is full.*TMPDIR"):
        pipeline.check_stream(_corpus())
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # what TMPDIR sets (read once per process)
    result = CliRunner().invoke(cli.app, ["check", str(SAMPLE), "--no-cache"])
    assert result.exit_code == 2
    assert f"temporary file in {tmp_path}" in result.output and "disk is full" in result.output
    assert list(tmp_path.iterdir()) == []  # what was made is removed
