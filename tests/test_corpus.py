"""`factdiff corpus` (issue 14): each story checked on its own, one JSON line per story equal to
`factdiff check -f json` of its folder, the same lines serially, with --jobs and on Dask, from
story folders or a table of articles; bad input is a problem of its story, never the end."""
import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factdiff.cli import app

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "amnesty-syria-2015"

STORIES = {
    "storm": {"ap": "Storm hits Texas\n\nThe storm killed 20 people in Houston on Monday, officials said.\n",
              "bbc": "Texas storm toll rises\n\nThe storm killed 25 people in Houston on Monday, police said.\n",
              "cnn": "Houston storm\n\nA storm killed 20 people in Houston, officials said on Monday.\n"},
    "budget": {"ft": "City budget passed\n\nThe council approved a budget of $4.2 million for 2024.\n",
               "wsj": "Council backs spending plan\n\nThe council approved a $4.2 million budget for 2024.\n"},
}


def _corpus(root: Path, sample: bool = True) -> Path:
    """A folder of story folders: the sample and the small stories above."""
    root.mkdir(parents=True, exist_ok=True)
    if sample:
        shutil.copytree(SAMPLE, root / "amnesty")
    for story, texts in STORIES.items():
        (root / story).mkdir()
        for source, text in texts.items():
            (root / story / f"{source}.txt").write_text(text, encoding="utf-8")
    return root


def _rows(root: Path) -> list[dict]:
    return [{"story": d.name, "source": f.stem, "text": f.read_text(encoding="utf-8")}
            for d in sorted(root.iterdir()) for f in sorted(d.iterdir())]


def _run(*args):
    result = CliRunner().invoke(app, ["corpus", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _without_paths(doc: dict) -> dict:
    doc = json.loads(json.dumps(doc))
    for s in doc["sources"]:
        s.pop("path")
    return doc


def test_each_line_is_check_json_of_the_story_folder(tmp_path):
    root = _corpus(tmp_path / "corpus")
    code, _, err = _run(root, "-o", tmp_path / "out.jsonl", "--jobs", "1")
    assert code == 0, err
    lines = _lines(tmp_path / "out.jsonl")
    assert [d["story"] for d in lines] == ["amnesty", "budget", "storm"]  # input order
    for doc in lines:
        story = doc.pop("story")
        check = CliRunner().invoke(app, ["check", str(root / story), "-f", "json", "--no-cache"])
        assert json.loads(check.stdout) == doc, story
    assert "3 stories, 10 articles" in err


def test_serial_jobs_and_dask_cluster_write_the_same_lines(tmp_path):
    distributed = pytest.importorskip("distributed")
    root = _corpus(tmp_path / "corpus")
    outs = {}
    for name, extra in (("serial", ["--jobs", "1"]), ("jobs2", ["--jobs", "2"])):
        code, _, err = _run(root, "-o", tmp_path / f"{name}.jsonl", *extra)
        assert code == 0, err
        outs[name] = (tmp_path / f"{name}.jsonl").read_text(encoding="utf-8")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        code, _, err = _run(root, "-o", tmp_path / "dask.jsonl", "--dask", cluster.scheduler_address)
    assert code == 0, err
    outs["dask"] = (tmp_path / "dask.jsonl").read_text(encoding="utf-8")
    # input order in every mode: the files are equal as they are, not only once sorted
    assert outs["serial"] == outs["jobs2"] == outs["dask"]
    assert len(outs["serial"].splitlines()) == 3


def test_a_table_of_articles_gives_the_reports_of_the_story_folders(tmp_path):
    root = _corpus(tmp_path / "corpus")
    rows = _rows(root)
    with open(tmp_path / "corpus.jsonl", "w", encoding="utf-8") as fh:
        # stories in any order, even interleaved (a story is handed out once its last row is
        # read); a story's articles in the order of its files, as its sources are listed
        by_story: dict = {}
        for row in rows:
            by_story.setdefault(row["story"], []).append(row)
        queues = list(reversed(by_story.values()))
        while any(queues):  # one row of each story in turn
            for q in queues:
                if q:
                    fh.write(json.dumps(q.pop(0)) + "\n")
    with open(tmp_path / "corpus.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, ["cluster", "outlet", "body"])
        writer.writeheader()
        writer.writerows({"cluster": r["story"], "outlet": r["source"], "body": r["text"]} for r in rows)
    code, _, err = _run(root, "-o", tmp_path / "folders.jsonl", "--jobs", "1")
    assert code == 0, err
    expected = {d["story"]: _without_paths(d) for d in _lines(tmp_path / "folders.jsonl")}
    tables = [("corpus.jsonl", []),
              ("corpus.csv", ["--column", "story=cluster", "--column", "source=outlet", "--column", "text=body"])]
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "corpus.parquet")
    tables.append(("corpus.parquet", []))
    for name, extra in tables:
        code, _, err = _run(tmp_path / name, "-o", tmp_path / f"{name}.out", "--jobs", "1", *extra)
        assert code == 0, (name, err)
        got = {d["story"]: _without_paths(d) for d in _lines(tmp_path / f"{name}.out")}
        assert got == expected, name
    # a row says where it comes from: the file and its line
    first = _lines(tmp_path / "corpus.csv.out")[0]
    assert first["sources"][0]["path"].endswith("corpus.csv:2")


def test_bad_rows_and_failing_articles_are_problems_and_the_run_goes_on(tmp_path, monkeypatch):
    import importlib

    from factdiff import pipeline

    extract_module = importlib.import_module("factdiff.extract")

    real = pipeline.extract

    def fragile(text, published=None, *a, **k):
        if "EXPLODE" in text:
            raise RuntimeError("boom")
        return real(text, published, *a, **k)

    monkeypatch.setattr(pipeline, "extract", fragile)
    monkeypatch.setattr(extract_module, "extract", fragile)
    storm = STORIES["storm"]
    lines = [json.dumps({"story": "storm", "source": s, "text": t}) for s, t in storm.items()]
    lines += ["{not json",
              json.dumps({"source": "x", "text": "no story"}),
              json.dumps({"story": "storm", "source": "empty", "text": ""}),
              json.dumps({"story": "storm", "source": "pdf", "text": "%PDF-1.4 binary"}),
              json.dumps({"story": "storm", "source": "nb", "text": 12}),
              json.dumps({"story": "storm", "source": "bad", "text": "It EXPLODE 3 times in 2020."}),
              json.dumps({"story": "lost", "source": "a", "text": ""})]
    (tmp_path / "bad.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = _run(tmp_path / "bad.jsonl", "-o", tmp_path / "out.jsonl", "--jobs", "1")
    assert code == 0, err
    assert "bad.jsonl:4: skipped: not JSON" in err and "bad.jsonl:5: skipped: no story" in err
    storm_line, lost = _lines(tmp_path / "out.jsonl")
    assert [s["id"] for s in storm_line["sources"]] == ["ap", "bbc", "cnn"]
    reasons = {p["path"].rsplit(":", 1)[1]: p["reason"] for p in storm_line["problems"]}
    assert reasons["6"] == "no text" and "binary file" in reasons["7"] and "not a string" in reasons["8"]
    assert reasons["9"] == "could not be checked (internal error: RuntimeError: boom)"
    assert storm_line["summary"]["conflict"] >= 1  # the readable articles were still checked
    assert lost["story"] == "lost" and lost["sources"] == [] and lost["problems"][0]["reason"] == "no text"
    assert "2 stories, 3 articles" in err and "(1 stories with no article checked)" in err


def test_exit_codes(tmp_path, monkeypatch):
    (tmp_path / "empty.jsonl").write_text(json.dumps({"story": "a", "source": "b", "text": " "}) + "\n")
    code, _, err = _run(tmp_path / "empty.jsonl", "-o", tmp_path / "o.jsonl")
    assert code == 2 and "no readable article" in err
    assert _lines(tmp_path / "o.jsonl")[0]["problems"]  # the story's line is written all the same
    assert _run(tmp_path / "missing")[0] == 2
    (tmp_path / "x.xlsx").write_text("?")
    code, _, err = _run(tmp_path / "x.xlsx")
    assert code == 2 and ".jsonl, .csv or .parquet" in err
    code, _, err = _run(tmp_path / "empty.jsonl", "--column", "body")
    assert code == 2 and "FIELD=NAME" in err
    monkeypatch.setitem(sys.modules, "distributed", None)  # Dask not installed
    code, _, err = _run(tmp_path / "empty.jsonl", "--dask", "local")
    assert code == 2 and "pip install 'factdiff[dask]'" in err


def test_standard_output_by_default(tmp_path):
    root = _corpus(tmp_path / "corpus", sample=False)
    code, out, err = _run(root, "--jobs", "1")
    assert code == 0, err
    assert [json.loads(line)["story"] for line in out.splitlines()] == ["budget", "storm"]


def test_ctrl_c_leaves_whole_lines(tmp_path):
    root = tmp_path / "corpus"
    for n in range(40):
        shutil.copytree(SAMPLE, root / f"s{n:02d}")
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, "-m", "factdiff.cli", "corpus", str(root), "-o", str(out),
                             "--jobs", "2"], stderr=subprocess.PIPE, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or out.stat().st_size == 0):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: the whole process group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == "" and 1 <= len(lines) - 1 < 40
    assert all(json.loads(line)["story"].startswith("s") for line in lines[:-1])
    assert b"interrupted (SIGINT)" in err


def test_a_line_is_written_as_json_dumps_writes_it():
    """The corpus line is written by orjson where it writes json.dumps's bytes, by json where
    it does not: small numbers, NaN, big ints, strings orjson refuses."""
    from factdiff.report.json import dumps_line

    values = [{"a": 1.5, "b": [None, True, "é\n\x00\u2028"], "c": 1e16, "d": 8300000000.000001},
              {"x": 5e-05, "y": -2.5e-07, "z": 0.0001}, {"s": "e-mail 1e-5 0.00001"},
              {"n": 2 ** 70}, {"s": "\ud800"}]
    for v in values:
        assert dumps_line(v, True) == json.dumps(v, ensure_ascii=False, separators=(",", ":"))
    nan = {"low": float("nan"), "high": float("inf")}
    assert dumps_line(nan, False) == json.dumps(nan, ensure_ascii=False, separators=(",", ":"))
