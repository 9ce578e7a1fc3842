"""One pipeline: ``factdiff check`` and ``factdiff.check_paths`` give the same bytes (issue 15)."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

import factdiff
from factdiff import baseline as baselines
from factdiff import report
from factdiff.cli import app

ROOT = Path(__file__).resolve().parent.parent
CLUSTERS = ROOT.parent / "shared" / "dev-data" / "clusters"
FOLDERS = [ROOT / "samples" / "amnesty-syria-2015"] + (sorted(p for p in CLUSTERS.iterdir() if p.is_dir())
                                                       if CLUSTERS.is_dir() else [])


def _library(folder: Path, cache: Path) -> dict[str, str]:
    """The three formats rendered from ``factdiff.check_paths``, as the CLI renders them to a pipe."""
    result = factdiff.check_paths([folder], cache=cache)
    options = dict(comparison=baselines.compare(result, None), show_all=False, root=Path.cwd(), explain=False)
    out = {}
    for fmt in ("json", "table", "html"):
        fh = io.StringIO()
        report.render_to(fmt, result, fh, color=False, width=160, **options)
        out[fmt] = fh.getvalue()
    return out


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_check_and_check_paths_give_the_same_bytes(folder, tmp_path, monkeypatch):
    """JSON and table come from the CLI's streamed run, HTML from its in-memory one; the library's
    in-memory report renders all three to the same bytes (the cache, shared, changes nothing)."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    cli = {}
    for fmt in ("json", "table", "html"):
        res = runner.invoke(app, ["check", "-f", fmt, "-j", "1", str(folder)])
        assert res.exit_code in (0, 1), res.output
        cli[fmt] = res.stdout
    assert _library(folder, tmp_path / ".factdiff_cache") == cli


def test_only_a_format_that_shows_the_texts_keeps_them():
    """The CLI streams every run but one whose formats show the articles' texts (HTML)."""
    assert report.needs_text(["html"]) and report.needs_text(["json", "html"])
    assert not report.needs_text([name for name in report.available() if name != "html"])
