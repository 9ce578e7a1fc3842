"""Metadata is pyproject.toml's. This file only adds the opt-in compiled build, as black ships its
wheels: with FACTDIFF_COMPILE=1 the pipeline modules are compiled by mypyc (mypy must then be
importable: `pip install --no-build-isolation` into an environment that has it; `make compiled`
does this). Without it the build is pure Python, as it always was (the editable dev install too)."""
import os

from setuptools import setup

if os.environ.get("FACTDIFF_COMPILE") == "1":
    from glob import glob

    from mypyc.build import mypycify

    # extract/lunisolar.py stays Python: its C alone takes gcc -O3 over two minutes, half the build, and the
    # corpus runs no faster with it compiled (it is seldom called, its results cached)
    MODULES = ["factdiff/model.py", "factdiff/lexicon.py", "factdiff/compare.py",
               *sorted(p for p in glob("factdiff/extract/*.py") if not p.endswith("lunisolar.py")),
               *sorted(glob("factdiff/align/*.py"))]
    # C sources, objects and the wheel's tree under build/compiled/, never next to the .py files (a stale .so
    # there would shadow the source); mypy reads pyproject's [tool.mypy] options, its cache kept apart.
    # One shared library (calls between modules stay native); its small per-module stubs build in parallel.
    setup(ext_modules=mypycify(["--cache-dir", "build/compiled/mypy-cache", *MODULES],
                               opt_level=os.environ.get("MYPYC_OPT_LEVEL", "3"), target_dir="build/compiled/c"),
          options={"build": {"build_base": "build/compiled"},
                   "build_ext": {"parallel": int(os.environ.get("FACTDIFF_COMPILE_JOBS") or os.cpu_count() or 1)}})
else:
    setup()
