"""Run by the compiled build's Python (`make compiled`, tests/test_compiled.py), from outside the
repository: every module that setup.py compiles must be imported from its compiled extension (a
.so), not from its .py source. Prints each module and the file it came from; exits 1 if any is
not compiled (or if factdiff itself comes from the source tree)."""
import importlib
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import factdiff

root = Path(factdiff.__file__).parent
names = ["factdiff.model", "factdiff.lexicon", "factdiff.compare"] + [
    f"factdiff.{sub}" + ("" if p.stem == "__init__" else f".{p.stem}")
    for sub in ("extract", "align") for p in sorted((root / sub).glob("*.py"))
    if p.name != "lunisolar.py"]  # left pure by setup.py
bad = 0
for name in names:
    file = importlib.import_module(name).__file__ or ""
    compiled = file.endswith(tuple(EXTENSION_SUFFIXES))
    bad += not compiled
    print(f"{'compiled' if compiled else 'NOT COMPILED'}  {name}  {file}")
sys.exit(1 if bad else 0)
