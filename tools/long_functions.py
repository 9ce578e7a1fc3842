"""Fail when a function is longer than a limit (issue 15: none over 80 lines); ruff checks no length.

    python tools/long_functions.py [--max 80] [PATH ...]   (default: factdiff)

A function's length is its lines from ``def`` to its last line, docstring and comments included.
"""
from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path


def long_functions(paths: list[Path], limit: int) -> list[tuple[int, str]]:
    """(lines, "file:line name") of every function over ``limit`` lines under ``paths``."""
    found = []
    for root in paths:
        for file in sorted(root.rglob("*.py")) if root.is_dir() else [root]:
            for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"), str(file))):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    length = (node.end_lineno or node.lineno) - node.lineno + 1
                    if length > limit:
                        found.append((length, f"{file}:{node.lineno} {node.name}"))
    return sorted(found, reverse=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=int, default=80, help="the most lines a function may have (default 80)")
    parser.add_argument("paths", nargs="*", type=Path, default=[Path("factdiff")])
    args = parser.parse_args()
    found = long_functions(args.paths, args.max)
    for length, where in found:
        print(f"{where}: {length} lines (more than {args.max})")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
