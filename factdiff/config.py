"""Project configuration: ``[tool.factdiff]`` in the nearest ``pyproject.toml``, or a
``factdiff.toml`` (top-level keys, or the same ``[tool.factdiff]`` table), and which files a
folder walk reads (include / exclude globs and ``.gitignore``).

The nearest file is looked for from the current folder upwards, stopping at the top of the git
repository; in one folder ``factdiff.toml`` comes before ``pyproject.toml``, and a
``pyproject.toml`` without ``[tool.factdiff]`` is passed over. Relative paths in the file are
relative to the folder it is in::

    [tool.factdiff]
    paths = ["coverage"]                 # what `factdiff check` reads when given no PATH
    include = ["*.md", "*.txt"]          # gitignore-style globs; only these files in folders
    exclude = ["drafts/", "*.bak.md"]
    respect-gitignore = true
    format = "table"                     # written to standard output
    output = ["sarif:factdiff.sarif"]    # FORMAT:FILE, as many as wanted
    baseline = "factdiff-baseline.json"
    fail-on = "soft"                     # or "hard": fail only on hard conflicts (old names: warning, error)
    [tool.factdiff.synonyms]
    casualty = ["casualty", "victim"]    # words counted as the same measured thing
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional, Union

import pathspec

from .baseline import fail_level
from .report import FORMATS, available

CONFIG_NAMES = ("factdiff.toml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and says why."""


@dataclass(frozen=True)
class Config:
    path: Optional[Path] = None  # the file read, None for the defaults
    root: Path = field(default_factory=Path.cwd)  # relative paths and globs start here
    paths: tuple = ()
    include: tuple = ()
    exclude: tuple = ()
    respect_gitignore: bool = True
    format: Optional[str] = None
    output: tuple = ()
    baseline: Optional[Path] = None
    fail_on: str = "soft"  # the lowest conflict level that fails a run: soft or hard (warning, error)
    synonyms: tuple = ()  # ((class, (word, ...)), ...)


# key in the file -> (field, expected type, check of the value or None)
_KEYS = {
    "paths": ("paths", list, None),
    "include": ("include", list, None),
    "exclude": ("exclude", list, None),
    "respect-gitignore": ("respect_gitignore", bool, None),
    "format": ("format", str, None),
    "output": ("output", list, None),
    "baseline": ("baseline", str, None),
    "fail-on": ("fail_on", str, lambda v: _fail_on_ok(v)),
    "synonyms": ("synonyms", dict, None),
}
def _fail_on_ok(value: str):
    try:
        fail_level(value)
        return True
    except ValueError as exc:
        return str(exc)


_TYPE_NAMES = {list: "a list of strings", bool: "true or false", str: "a string", dict: "a table"}


def find(start: Optional[Union[str, os.PathLike]] = None) -> Optional[Path]:
    """The nearest configuration file from ``start`` (the current folder) upwards."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_table(candidate)):
                return candidate
        if (folder / ".git").exists():
            return None
    return None


def _has_table(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True  # let load() report what is wrong with it rather than pass it over silently
    return "factdiff" in data.get("tool", {})


def load(path: Union[str, os.PathLike]) -> Config:
    """Read and check a configuration file; ConfigError names the file and the reason."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such configuration file") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    table = data.get("tool", {}).get("factdiff") if isinstance(data.get("tool"), dict) else None
    where = "[tool.factdiff]"
    if table is None:
        if path.name == "pyproject.toml":
            raise ConfigError(f"{path}: no [tool.factdiff] table")
        table, where = data, "the top level"
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.factdiff] must be a table")
    return parse(table, path, where)


def parse(table: dict, path: Path, where: str = "[tool.factdiff]") -> Config:
    root = path.resolve().parent
    values: dict = {}
    for key, value in table.items():
        if key not in _KEYS:
            raise ConfigError(f"{path}: unknown key {key!r} in {where} (known: {', '.join(_KEYS)})")
        name, kind, check = _KEYS[key]
        if not isinstance(value, kind) or (isinstance(value, list) and not all(isinstance(v, str) for v in value)):
            raise ConfigError(f"{path}: {key!r} must be {_TYPE_NAMES[kind]}, not {value!r}")
        verdict = check(value) if check else True
        if verdict is not True:
            raise ConfigError(f"{path}: {key!r} {verdict}, not {value!r}")
        values[name] = value
    synonyms = values.pop("synonyms", {})
    for cls, words in synonyms.items():
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
            raise ConfigError(f"{path}: synonyms.{cls} must be a non-empty list of words")
    for key in ("include", "exclude"):
        try:
            pathspec.GitIgnoreSpec.from_lines(values.get(key, []))
        except Exception as exc:  # pathspec raises its own error types for a bad pattern
            raise ConfigError(f"{path}: bad pattern in {key!r}: {exc}") from None
    for spec in values.get("output", []):
        if ":" not in spec:
            raise ConfigError(f"{path}: 'output' entries are FORMAT:FILE, not {spec!r}")
        if spec.partition(":")[0] not in FORMATS:
            raise ConfigError(f"{path}: 'output' entry {spec!r}: {spec.partition(':')[0]!r} is no format "
                              f"(choose from {', '.join(available())})")
    return Config(
        path=path,
        root=root,
        paths=tuple(str(root / p) for p in values.get("paths", [])),
        include=tuple(values.get("include", [])),
        exclude=tuple(values.get("exclude", [])),
        respect_gitignore=values.get("respect_gitignore", True),
        format=values.get("format"),
        output=tuple(_rooted_output(spec, root) for spec in values.get("output", [])),
        baseline=root / values["baseline"] if "baseline" in values else None,
        fail_on=values.get("fail_on", "soft"),
        synonyms=tuple((cls, tuple(words)) for cls, words in sorted(synonyms.items())),
    )


def _rooted_output(spec: str, root: Path) -> str:
    fmt, _, file = spec.partition(":")
    return f"{fmt}:{root / file}"


# --- which files a folder walk reads ----------------------------------------------------------

def path_filter(config: Config) -> Callable[[Path, bool], bool]:
    """``skip(path, is_dir)`` for :func:`factdiff.sources.discover`: True for what the
    exclude globs, the include globs (files only) or a ``.gitignore`` leave out. Globs match
    paths relative to the configuration's folder."""
    include = pathspec.GitIgnoreSpec.from_lines(config.include) if config.include else None
    exclude = pathspec.GitIgnoreSpec.from_lines(config.exclude)
    ignored = _GitIgnore() if config.respect_gitignore else None
    root = config.root.resolve()

    def skip(path: Path, is_dir: bool) -> bool:
        full = Path(os.path.realpath(path))  # not resolve(): it raises on a link loop
        rel = _relative(full, root)
        if rel is not None:
            probe = rel + ("/" if is_dir else "")
            if exclude.match_file(probe):
                return True
            if include is not None and not is_dir and not include.match_file(rel):
                return True
        return bool(ignored and ignored(full, is_dir))

    return skip


def _relative(path: Path, root: Path) -> Optional[str]:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return None


class _GitIgnore:
    """Is a path ignored by git? The ``.gitignore`` files from the top of its repository down
    to its folder, and ``.git/info/exclude``, with git's precedence (the deepest file decides)."""

    def __init__(self) -> None:
        self._specs: dict[Path, Optional[pathspec.GitIgnoreSpec]] = {}
        self._tops: dict[Path, Optional[Path]] = {}

    def __call__(self, path: Path, is_dir: bool) -> bool:
        top = self._top(path.parent)
        if top is None:
            return False
        folders = [path.parent, *path.parent.parents]
        chain = list(reversed(folders[:folders.index(top) + 1]))  # top ... parent
        verdict = None
        exclude = self._spec(top / ".git" / "info" / "exclude")
        for base, spec in [(top, exclude)] + [(d, self._spec(d / ".gitignore")) for d in chain]:
            if spec is None:
                continue
            rel = path.relative_to(base).as_posix() + ("/" if is_dir else "")
            for pattern in spec.patterns:  # the last matching pattern decides, "!" re-includes
                if pattern.include is not None and pattern.match_file(rel) is not None:
                    verdict = pattern.include
        return bool(verdict)

    def _top(self, folder: Path) -> Optional[Path]:
        if folder not in self._tops:
            if (folder / ".git").exists():
                self._tops[folder] = folder
            elif folder.parent == folder:
                self._tops[folder] = None
            else:
                self._tops[folder] = self._top(folder.parent)
        return self._tops[folder]

    def _spec(self, file: Path) -> Optional[pathspec.GitIgnoreSpec]:
        if file not in self._specs:
            try:
                lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                lines = None
            self._specs[file] = pathspec.GitIgnoreSpec.from_lines(lines) if lines else None
        return self._specs[file]
