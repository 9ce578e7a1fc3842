"""``make bench``: how fast and how big `factdiff corpus` runs, end to end, on corpora of 1,000
and 10,000 stories built by ``bench/corpus.py`` under build/bench/ (nothing big is committed):
the sample and the 32 development clusters copied over and over, figures scaled.

For each size, `factdiff corpus DIR -o FILE` is run as its own process with ``--jobs 1``,
``--jobs 2`` and ``--dask local --jobs 2`` (a LocalCluster of two worker processes), then the same
three with the compiled build (`make compiled`: its console script in build/compiled-venv), timed with
``time.perf_counter``; its CPU time comes from ``os.wait4`` (the workers included) and its peak
memory from sampling the proportional set size of the process and all its descendants
(``/proc/PID/smaps_rollup``: shared pages counted once) every 50 ms. Then, unless
``--corpus-only``, on a 1 MB slice of a 1,000-article corpus in one process:
``quantulum3.parser.parse`` alone and the full pipeline on one core; the cold start of `check`
on the sample and a re-run with the cache.

    python bench/bench.py                          # 1,000 and 10,000 stories
    BENCH_SIZES=200 python bench/bench.py          # a quick run
    python bench/bench.py --modes 1,2 --corpus-only
    python bench/bench.py --modes 1,1c --corpus-only   # pure and compiled, one worker
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

ROOT = corpus.ROOT
OUT = ROOT / "build" / "bench"
FACTDIFF = [sys.executable, "-m", "factdiff.cli"]
# the compiled build's console script: run from its own venv, it imports the compiled modules, not the sources
COMPILED = Path(os.environ.get("FACTDIFF_COMPILED_PYTHON")
                or ROOT / "build" / "compiled-venv" / "bin" / "python").parent / "factdiff"
MB = 1e6


# --- running one process -----------------------------------------------------------------------

def _children(pid: int) -> list[int]:
    """Every descendant of ``pid`` (a Dask worker is a child of the process that started it)."""
    parents: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat", "rb") as fh:
                    ppid = int(fh.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            parents.setdefault(ppid, []).append(int(d))
    out, todo = [], [pid]
    while todo:
        kids = parents.get(todo.pop(), [])
        out.extend(kids)
        todo.extend(kids)
    return out


def _rss(pid: int) -> int:
    """Proportional set size: pages shared by forked workers are counted once, not per process."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def run(cmd: list[str], env: dict | None = None, stdout=subprocess.DEVNULL) -> dict:
    """Wall time, CPU time (user + sys, children included) and peak resident memory of the
    process tree of ``cmd``."""
    peak = [0]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=stdout,
                            stderr=subprocess.PIPE)
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            total = _rss(proc.pid) + sum(_rss(c) for c in _children(proc.pid))
            peak[0] = max(peak[0], total)
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    err = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    stop.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err.decode(errors='replace')[-2000:]}")
    maxrss = usage.ru_maxrss * 1024  # the largest single process
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_tree": max(peak[0], maxrss),
            "peak_process": maxrss, "stderr": err.decode("utf-8", "replace")}


# --- the measurements --------------------------------------------------------------------------

MODES = {"1": ["--jobs", "1"], "2": ["--jobs", "2"], "dask": ["--dask", "local", "--jobs", "2"]}
MODE_NAMES = {"1": "--jobs 1", "2": "--jobs 2", "dask": "--dask local (2 workers)"}
for _m in list(MODES):  # "1c", "2c", "daskc": the same runs with the compiled build
    MODES[_m + "c"] = MODES[_m]
    MODE_NAMES[_m + "c"] = MODE_NAMES[_m] + ", compiled"
_SUMMARY = re.compile(r"factdiff: ([\d,]+) stories, ([\d,]+) articles, ([\d,]+) facts, ([\d,]+) conflicts, "
                      r"([\d,]+) problems")


def end_to_end(n: int, mode: str) -> dict:
    """One `factdiff corpus` run over ``n`` stories: time, memory and the summary it prints."""
    folder, articles, size = corpus.build_stories(n)
    out = OUT / f"stories-{n}-{mode}.jsonl"
    if mode.endswith("c") and not COMPILED.exists():
        raise SystemExit(f"{COMPILED} is absent: `make compiled` builds the compiled build")
    cmd = [str(COMPILED)] if mode.endswith("c") else FACTDIFF
    r = run(cmd + ["corpus", str(folder), "--no-gitignore", "-o", str(out), *MODES[mode]])
    out.unlink()
    found = _SUMMARY.search(r.pop("stderr"))
    stories, checked, facts, conflicts, problems = (int(x.replace(",", "")) for x in found.groups())
    return {"stories": n, "articles": articles, "bytes": size, "mode": mode, **r, "facts": facts,
            "conflicts": conflicts, "problems": problems, "checked": checked}


_SLICE = r'''
import json, sys, time
sys.path.insert(0, "bench")
from pathlib import Path
files = json.loads(sys.argv[1])
texts = [Path(f).read_text(encoding="utf-8") for f in files]
size = sum(len(t.encode("utf-8")) for t in texts)
t = time.perf_counter()
from quantulum3 import parser
parser.parse("The storm killed 20 people and destroyed 120 homes.")
first = time.perf_counter() - t
t = time.perf_counter()
found = sum(len(parser.parse(x)) for x in texts)
q = time.perf_counter() - t
from factdiff.pipeline import check_sources, load_sources
t = time.perf_counter()
sources, _ = load_sources(files)
report = check_sources(sources, jobs=1)
f = time.perf_counter() - t
print(json.dumps({"bytes": size, "articles": len(texts), "quantulum_first_call": first,
                  "quantulum_s": q, "quantulum_found": found, "factdiff_s": f,
                  "factdiff_facts": len(report.facts)}))
'''


def one_mb_slice() -> dict:
    folder, _ = corpus.build(1000)
    files, size = [], 0
    for f in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")):
        files.append(str(f))
        size += f.stat().st_size
        if size >= MB:
            break
    proc = subprocess.run([sys.executable, "-c", _SLICE, json.dumps(files)], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def cold_start(repeat: int = 7) -> dict:
    script = Path(sys.executable).parent / "factdiff"  # the console script, as a user types it
    cmd = ([str(script)] if script.exists() else FACTDIFF) + ["check", "samples/amnesty-syria-2015", "--no-cache"]
    subprocess.run(cmd, cwd=ROOT, capture_output=True)  # file-system cache warm, as after any first use
    walls = [run(cmd)["wall"] for _ in range(repeat)]
    return {"min": min(walls), "median": statistics.median(walls)}


def rerun_with_cache(n: int, jobs: int) -> dict:
    folder, _ = corpus.build(n)
    store = OUT / f"cache-{n}"
    shutil.rmtree(store, ignore_errors=True)
    env = {"FACTDIFF_CACHE_DIR": str(store)}
    cmd = FACTDIFF + ["check", str(folder), "--no-gitignore", "--jobs", str(jobs), "--format", "json",
                      "-o", str(OUT / f"cached-{n}.json")]
    first = run(cmd, env)
    again = run(cmd, env)
    shutil.rmtree(store, ignore_errors=True)
    (OUT / f"cached-{n}.json").unlink()
    # the extraction stage alone, one core, in one process: what the cache saves
    proc = subprocess.run([sys.executable, "-c", _STAGE, str(folder), str(store)], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    shutil.rmtree(store, ignore_errors=True)
    stage = json.loads(proc.stdout.strip().splitlines()[-1])
    return {"articles": n, "first": first["wall"], "again": again["wall"], **stage}


_STAGE = r'''
import json, sys, time
from factdiff.cache import MentionCache
from factdiff.pipeline import _extract_kept, load_sources  # the extraction stage alone (no public door)
sources, _ = load_sources([sys.argv[1]])
def stage(c):
    return sum(1 for _ in _extract_kept(sources, [], 1, c, None, len(sources), None))
with MentionCache(sys.argv[2]) as c:
    t = time.perf_counter()
    stage(c)
    cold = time.perf_counter() - t
with MentionCache(sys.argv[2]) as c:
    t = time.perf_counter()
    stage(c)
    warm = time.perf_counter() - t
    print(json.dumps({"stage_first": cold, "stage_again": warm, "hits": c.hits}))
'''


# --- the table ---------------------------------------------------------------------------------

def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2 ** 30
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GB, Python {platform.python_version()}, {platform.system()}"


def table(results: dict) -> str:
    lines = [f"factdiff bench, {results['date']}, {results['machine']}", "",
             "| stories | articles | MB of text | run | wall s | MB per CPU-s | stories/s | peak memory | facts | conflicts |",
             "|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|"]
    for r in results["end_to_end"]:
        lines.append(f"| {r['stories']:,} | {r['articles']:,} | {r['bytes'] / MB:.1f} | {MODE_NAMES[r['mode']]} | "
                     f"{r['wall']:.1f} | {r['bytes'] / MB / r['cpu']:.2f} | {r['stories'] / r['wall']:.1f} | "
                     f"{r['peak_tree'] / 2 ** 20:,.0f} MB | {r['facts']:,} | {r['conflicts']:,} |")
    s = results.get("slice")
    if s:
        q = s["bytes"] / MB / s["quantulum_s"]
        f = s["bytes"] / MB / s["factdiff_s"]
        lines += ["", f"same {s['bytes'] / MB:.2f} MB slice ({s['articles']} articles), one core, one process:",
                  f"- quantulum3.parser.parse alone: {q * 1000:.0f} KB/s (first call {s['quantulum_first_call']:.1f} s, not counted)",
                  f"- factdiff, full pipeline (read, extract, align, compare): {f * 1000:.0f} KB/s",
                  f"- ratio: factdiff is {f / q:.1f}x quantulum3 alone"]
    c = results.get("cold")
    if c:
        lines.append(f"- cold `factdiff check samples/amnesty-syria-2015` (new process, no cache): "
                     f"{c['min']:.2f} s best, {c['median']:.2f} s median")
    r = results.get("cache")
    if r:
        lines.append(f"- {r['articles']:,} articles, re-run with the cache: whole run {r['first']:.1f} s -> "
                     f"{r['again']:.1f} s ({r['first'] / r['again']:.1f}x); extraction stage alone, one core: "
                     f"{r['stage_first']:.1f} s -> {r['stage_again']:.2f} s ({r['stage_first'] / r['stage_again']:.0f}x)")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "1000,10000"), help="stories per corpus")
    ap.add_argument("--modes", default=os.environ.get("BENCH_MODES", "1,2,dask,1c,2c,daskc"),
                    help="runs per corpus: 1 and 2 (--jobs), dask (--dask local --jobs 2); "
                         "1c, 2c, daskc: the same with the compiled build")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="workers of the cache re-run")
    ap.add_argument("--no-slice", action="store_true", help="skip the quantulum3 comparison")
    ap.add_argument("--corpus-only", action="store_true", help="only the corpus runs")
    args = ap.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    # byte-compile first, as an installed package is: the cold start then measures factdiff,
    # not the compiler (PYTHONDONTWRITEBYTECODE may be set)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "factdiff")], check=True)
    results: dict = {"date": dt.date.today().isoformat(), "machine": machine(), "end_to_end": []}
    for n in [int(x) for x in args.sizes.split(",") if x.strip()]:
        for mode in [m.strip() for m in args.modes.split(",") if m.strip()]:
            print(f"... {n:,} stories, {MODE_NAMES[mode]}", file=sys.stderr, flush=True)
            results["end_to_end"].append(end_to_end(n, mode))
            (OUT / "results.json").write_text(json.dumps(results, indent=2))
    if not args.corpus_only:
        if not args.no_slice:
            print("... 1 MB slice: quantulum3 and factdiff", file=sys.stderr, flush=True)
            results["slice"] = one_mb_slice()
        results["cold"] = cold_start()
        results["cache"] = rerun_with_cache(1000, args.jobs)
    (OUT / "results.json").write_text(json.dumps(results, indent=2))
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
