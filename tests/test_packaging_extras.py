"""quantulum3 is the evaluation's baseline only: an optional extra, never loaded by a check."""
import subprocess
import sys
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parent.parent


def test_quantulum3_is_in_the_eval_extra_only():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not [r for r in project["dependencies"] if r.startswith("quantulum3")]
    assert [r for r in project["optional-dependencies"]["eval"] if r.startswith("quantulum3")]


def test_a_check_never_imports_quantulum3():
    code = ("import sys, factdiff; factdiff.check_texts({'a': 'It cost 3 km and $5.', 'b': 'It cost 4 km.'}); "
            "print('quantulum3' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
