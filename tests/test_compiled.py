"""The compiled build (`make compiled`: setup.py with FACTDIFF_COMPILE=1, the pipeline modules
compiled by mypyc, installed in build/compiled-venv) writes the same bytes as the pure install.

Both are run as a user runs them, one process each: the pure one through this Python (the dev
install), the compiled one through its console script with the working directory outside the
repository (from the repository, ``python -m factdiff.cli`` would import the source tree instead).
FACTDIFF_COMPILED_PYTHON names another compiled build's Python. Without a compiled build, or with
one older than the sources, these tests skip and say why, unless FACTDIFF_REQUIRE_COMPILED is set
(CI sets it after `make compiled`), where they fail instead.
"""
from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE, SHARED

sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402

PYTHON = Path(os.environ.get("FACTDIFF_COMPILED_PYTHON") or ROOT / "build" / "compiled-venv" / "bin" / "python")
CLUSTERS = SHARED / "dev-data" / "clusters"
FOLDERS = [SAMPLE] + (sorted(p for p in CLUSTERS.iterdir() if p.is_dir()) if CLUSTERS.is_dir() else [])


def _unavailable() -> str | None:
    if not PYTHON.exists():
        return f"no compiled build: {PYTHON} is absent (`make compiled` builds it)"
    stamp = PYTHON.parent.parent / ".installed"  # written by `make compiled`; none for a build named by the env var
    if stamp.exists():
        sources = [ROOT / "pyproject.toml", ROOT / "setup.py", *(ROOT / "factdiff").rglob("*.py")]
        newer = [p for p in sources if p.stat().st_mtime > stamp.stat().st_mtime]
        if newer:
            return f"the compiled build is older than {newer[0].relative_to(ROOT)} (`make compiled` rebuilds it)"
    return None


@pytest.fixture(scope="module")
def compiled() -> Path:
    """The compiled build's console script, once its compiled modules are seen to be imported."""
    why = _unavailable()
    if why:
        if os.environ.get("FACTDIFF_REQUIRE_COMPILED"):
            pytest.fail(f"compiled build required but {why}")
        pytest.skip(why)
    proc = subprocess.run([str(PYTHON), str(ROOT / "tools" / "compiled_modules.py")], cwd="/", env=_env(),
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return PYTHON.parent / "factdiff"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # a path to the sources would shadow the .so
    return env


def _pure() -> list[str]:
    script = Path(sys.executable).parent / "factdiff"
    return [str(script)] if script.exists() else [sys.executable, "-m", "factdiff.cli"]


def _run(cmd: list[str], cwd: Path) -> tuple[int, bytes]:
    proc = subprocess.run(cmd, cwd=cwd, env=_env(), capture_output=True, timeout=600)
    assert proc.returncode in (0, 1), proc.stderr.decode(errors="replace")[-2000:]
    return proc.returncode, proc.stdout


def _both(compiled: Path, args: list[str], tmp_path: Path) -> tuple[tuple[int, bytes], tuple[int, bytes]]:
    """The same command, pure and compiled, at once (one process each)."""
    with ThreadPoolExecutor(2) as pool:
        pure = pool.submit(_run, _pure() + args, tmp_path)
        comp = pool.submit(_run, [str(compiled)] + args, tmp_path)
        return pure.result(), comp.result()


def test_check_json_is_byte_identical(compiled, tmp_path):
    """`check --format json --no-cache` on the sample and on every development cluster."""
    differ = []
    for folder in FOLDERS:
        pure, comp = _both(compiled, ["check", str(folder), "--format", "json", "--no-cache"], tmp_path)
        assert pure[1], f"no output for {folder.name}"
        if pure != comp:
            differ.append(folder.name)
    assert not differ, f"the compiled build's JSON differs on {differ}"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_corpus_is_byte_identical(compiled, tmp_path, jobs):
    """`corpus` on 40 generated stories (bench/corpus.py's varied copies), one worker and two."""
    stories, _, _ = corpus.build_stories(40, tmp_path / "stories")
    outputs = []
    for name, cmd in (("pure", _pure()), ("compiled", [str(compiled)])):
        out = tmp_path / f"{name}.jsonl"
        code, stdout = _run(cmd + ["corpus", str(stories), "--no-gitignore", "--jobs", jobs, "-o", str(out)], tmp_path)
        outputs.append((code, stdout, out.read_bytes()))
    assert outputs[0][2].count(b"\n") == 40
    assert outputs[0] == outputs[1]
