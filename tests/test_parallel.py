"""Extraction is a pure function of (text, options) returning plain data: it runs the same in
worker processes, and ``--jobs N`` prints exactly what ``--jobs 1`` prints."""
import concurrent.futures as cf
import json
from pathlib import Path

import factdiff
from factdiff import pipeline
from factdiff.cache import decode, encode

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "amnesty-syria-2015"


def _extract_plain(text):
    """What a worker (or a Dask/Spark task) returns: JSON-ready lists, no code objects."""
    return encode(factdiff.extract(text, "2015-12-23"), text)


def test_extract_through_concurrent_futures_equals_serial():
    texts = [f.read_text(encoding="utf-8") for f in sorted(SAMPLE.glob("*.txt"))]
    serial = [factdiff.extract(t, "2015-12-23") for t in texts]
    with cf.ProcessPoolExecutor(max_workers=2) as pool:
        plain = list(pool.map(_extract_plain, texts))
    json.dumps(plain)  # plain data
    assert [decode(rows, t) for rows, t in zip(plain, texts)] == serial


def test_jobs_give_the_same_report(monkeypatch):
    serial = factdiff.check_paths([SAMPLE], jobs=1).to_dict()
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_CHARS", 0)  # use workers even for five articles
    seen = []
    parallel = factdiff.check_paths([SAMPLE], jobs=2, observer=lambda *a: seen.append(a)).to_dict()
    assert parallel == serial
    assert [a for a in seen if a[0] == "extract"] == [("extract", n, 5) for n in range(1, 6)]
    assert [a[0] for a in seen][-2:] == ["align", "compare"]


def test_cli_jobs_output_identical(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from factdiff.cli import app

    monkeypatch.setattr(pipeline, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    one = runner.invoke(app, ["check", str(SAMPLE), "--format", "json", "--no-cache", "--jobs", "1"])
    two = runner.invoke(app, ["check", str(SAMPLE), "--format", "json", "--no-cache", "--jobs", "2"])
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout


def test_synonyms_reach_the_workers(monkeypatch):
    from factdiff import lexicon

    monkeypatch.setattr(pipeline, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(lexicon, "_EXTRA_SYNONYMS", {})
    lexicon.synonym_index.cache_clear()
    texts = {"a": "The storm killed 20 villagers in the town.", "b": "The storm killed 25 locals in the town."}
    try:
        lexicon.add_synonyms({"villager": ["villager", "local"]})
        serial = factdiff.check_texts(texts, jobs=1).to_dict()
        parallel = factdiff.check_texts(texts, jobs=2).to_dict()
    finally:
        monkeypatch.setattr(lexicon, "_EXTRA_SYNONYMS", {})
        lexicon.synonym_index.cache_clear()
    assert parallel == serial
    assert parallel["summary"]["conflict"] == 1  # "locals" are counted as villagers in the workers too
