"""The command line: argument parsing, format selection and exit codes, nothing else.

Exit codes: 0 no conflict, 1 at least one conflict, 2 usage or input error.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

from . import __version__
from .pipeline import check_sources, load_sources
from .report import json as json_report
from .report import table as table_report
from .sources import DEFAULT_MAX_BYTES

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Find where news outlets agree and contradict each other on figures, dates and titles.")

EXIT_OK, EXIT_CONFLICT, EXIT_ERROR = 0, 1, 2


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factdiff {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """factdiff compares the figures, dates and titles that several articles state."""


@app.command()
def check(
    paths: List[Path] = typer.Argument(..., help="Article files (.txt, .md, .html) or folders (read recursively)."),
    output_format: str = typer.Option("table", "--format", "-f", help="Output format: table or json."),
    show_all: bool = typer.Option(False, "--all", "-a", help="Also list facts stated by one source only."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Skip files larger than this."),
) -> None:
    """Compare the articles and print where they agree and where they contradict each other."""
    err = Console(stderr=True)
    if output_format not in ("table", "json"):
        err.print(f"factdiff: unknown format {output_format!r} (choose table or json)")
        raise typer.Exit(EXIT_ERROR)
    sources, problems = load_sources(paths, max_bytes=max_bytes)
    for p in problems:
        print(f"{p.path}: {p.reason}", file=sys.stderr)
    if not sources:
        print("factdiff: no readable article among the inputs", file=sys.stderr)
        raise typer.Exit(EXIT_ERROR)
    report = check_sources(sources, problems)
    if output_format == "json":
        sys.stdout.write(json_report.render(report))
    else:
        console = Console() if sys.stdout.isatty() else Console(width=160)
        console.print(table_report.build(report, show_all))
    raise typer.Exit(EXIT_CONFLICT if report.conflicts else EXIT_OK)


def main() -> None:  # console script
    app()


if __name__ == "__main__":
    main()
