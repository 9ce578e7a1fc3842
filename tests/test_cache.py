"""The cache of extracted mentions: what a re-run reads again, and that a damaged or shared
cache never breaks a run. Extract calls are counted, never timed."""
import json
import multiprocessing
import shutil
import sqlite3
from pathlib import Path

import pytest

import factdiff
from factdiff import cache as cache_mod
from factdiff import pipeline
from factdiff.cache import MentionCache, pack, unpack

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "amnesty-syria-2015"


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "news"
    shutil.copytree(SAMPLE, folder)
    return folder


@pytest.fixture
def calls(monkeypatch):
    """How many texts the extractor reads."""
    seen = []
    real = pipeline.extract

    def counting(text, published=None):
        seen.append(text)
        return real(text, published)

    monkeypatch.setattr(pipeline, "extract", counting)
    return seen


def _json(report):
    return json.dumps(report.to_dict(), sort_keys=True)


def test_mentions_survive_the_round_trip_as_plain_data():
    for f in sorted(SAMPLE.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        ms = factdiff.extract(text, "2015-12-23")
        blob = pack(ms, text)
        assert isinstance(blob, bytes)
        assert unpack(blob, text) == ms


def test_rerun_reads_nothing_again_and_one_changed_file_is_read_alone(articles, tmp_path, calls):
    store = tmp_path / "cache"
    expected = _json(factdiff.check_paths([articles]))
    calls.clear()
    first = factdiff.check_paths([articles], cache=store)
    assert len(calls) == 5 and _json(first) == expected
    calls.clear()
    again = factdiff.check_paths([articles], cache=store)
    assert calls == [] and _json(again) == expected
    changed = sorted(articles.glob("*.txt"))[2]
    changed.write_text(changed.read_text(encoding="utf-8").replace("more than", "at least"), encoding="utf-8")
    calls.clear()
    third = factdiff.check_paths([articles], cache=store)
    assert len(calls) == 1 and "at least" in calls[0]
    calls.clear()
    assert _json(third) == _json(factdiff.check_paths([articles]))


def test_a_change_of_extractor_or_options_is_a_miss(tmp_path, monkeypatch):
    v1 = cache_mod.extractor_version({})
    assert cache_mod.extractor_version({"synonyms": {"casualty": ["victim"]}}) != v1
    monkeypatch.setattr(cache_mod, "_version_memo", {})
    monkeypatch.setattr(cache_mod, "EXTRACTOR_VERSION", "test-next")  # as a bump of extract.EXTRACTOR_VERSION
    assert cache_mod.extractor_version({}) != v1


@pytest.mark.parametrize("damage", [b"this is not a database" * 100, b"SQLite format 3\x00" + b"\xff" * 5000, b""])
def test_a_damaged_cache_is_rebuilt_with_one_warning(articles, tmp_path, calls, capsys, damage):
    store = tmp_path / "cache"
    store.mkdir()
    (store / cache_mod.FILE_NAME).write_bytes(damage)
    report = factdiff.check_paths([articles], cache=store)
    err = capsys.readouterr().err
    assert len(report.conflicts) == 1
    assert len([ln for ln in err.splitlines() if ln.strip()]) <= 1
    if damage:
        assert "rebuilding" in err
    calls.clear()
    factdiff.check_paths([articles], cache=store)
    assert calls == []  # the new cache holds this run


def test_a_damaged_row_is_a_miss(articles, tmp_path, calls):
    store = tmp_path / "cache"
    factdiff.check_paths([articles], cache=store)
    db = sqlite3.connect(store / cache_mod.FILE_NAME)
    db.execute("UPDATE mentions SET data = x'00ff'")
    db.commit()
    db.close()
    calls.clear()
    report = factdiff.check_paths([articles], cache=store)
    assert len(calls) == 5 and len(report.conflicts) == 1


def _run_into(args):
    folder, store, n = args
    for _ in range(n):
        r = factdiff.check_paths([folder], cache=store)
        assert len(r.conflicts) == 1
    return True


def test_concurrent_runs_share_one_cache(tmp_path):
    folders = []
    for k in range(4):
        folder = tmp_path / f"news{k}"
        shutil.copytree(SAMPLE, folder)
        for f in folder.glob("*.txt"):
            f.write_text(f.read_text(encoding="utf-8") + f"\nCopy {'abcd'[k]}.\n", encoding="utf-8")
        folders.append(folder)
    store = tmp_path / "cache"
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(4) as pool:
        assert all(pool.map(_run_into, [(f, store, 3) for f in folders]))
    db = sqlite3.connect(store / cache_mod.FILE_NAME)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT count(*) FROM mentions").fetchone()[0] == 20
    db.close()


def test_cache_folder_ignores_itself(tmp_path):
    with MentionCache(tmp_path / "c") as c:
        assert c.db is not None
    assert (tmp_path / "c" / ".gitignore").read_text() == "*\n"


def test_cli_cache_and_no_cache(articles, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from factdiff.cli import app

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FACTDIFF_CACHE_DIR", raising=False)
    runner = CliRunner()
    plain = runner.invoke(app, ["check", str(articles), "--format", "json", "--no-cache"])
    assert plain.exit_code == 1
    assert not (tmp_path / ".factdiff_cache").exists()
    cached = runner.invoke(app, ["check", str(articles), "--format", "json"])
    assert (tmp_path / ".factdiff_cache" / cache_mod.FILE_NAME).exists()
    again = runner.invoke(app, ["check", str(articles), "--format", "json"])
    assert plain.stdout == cached.stdout == again.stdout
