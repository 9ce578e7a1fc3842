"""Judgement on the hand-labelled development clusters (``../shared/dev-data/gold``).

``python -m factdiff.evaluate.clusters [-v] [--only CLUSTER ...]`` (also part of ``make eval``)
runs ``../shared/dev-data/score_clusters.py`` on the ``factdiff`` executable of the virtual
environment this Python belongs to, and prints its lines as they come: one line per cluster,
then the TOTAL (facts found, soft conflicts, false conflicts, traps and junk per cluster) and
recall by status and by type. The scorer's docstring gives its rules. Extra arguments are
passed on to it. When the shared data or the executable is missing, it says so on standard
error and exits 2 (nothing was measured).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Optional

from . import DEFAULT_DATA

SCORER = DEFAULT_DATA / "score_clusters.py"


def factdiff_executable() -> Optional[Path]:
    """This environment's ``factdiff`` script: beside the running interpreter (a venv's
    ``bin/``, not resolved through its symlink), else the one on PATH."""
    here = Path(sys.executable).parent / ("factdiff.exe" if sys.platform == "win32" else "factdiff")
    if here.is_file():
        return here
    found = shutil.which("factdiff")
    return Path(found) if found else None


def main(argv: Optional[list[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not SCORER.is_file():
        print(f"not measured: the cluster scorer is absent ({SCORER}); "
              "it comes with the shared development data in ../shared/dev-data", file=sys.stderr)
        return 2
    exe = factdiff_executable()
    if exe is None:
        print("not measured: no factdiff executable beside this Python or on PATH "
              "(make eval installs it into .venv)", file=sys.stderr)
        return 2
    python = shutil.which("python3") or sys.executable
    cmd = [python, str(SCORER), str(exe), *argv]
    sys.stdout.flush()
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          encoding="utf-8", errors="replace", bufsize=1) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            print(line, end="", flush=True)
        code = proc.wait()
    if code:
        print(f"score_clusters.py exited with status {code}")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
