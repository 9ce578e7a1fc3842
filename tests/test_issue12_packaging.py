"""Issue 12, item 14: the license is an SPDX expression, not the deprecated TOML table."""
import re
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def test_license_is_an_spdx_string_and_setuptools_reads_it():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["project"]["license"] == "MIT"  # a table makes setuptools warn on every build
    (req,) = [r for r in data["build-system"]["requires"] if r.startswith("setuptools")]
    assert tuple(map(int, re.search(r">=\s*([\d.]+)", req).group(1).split("."))) >= (77,)
