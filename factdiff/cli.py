"""The command line: argument parsing, format selection and exit codes, nothing else.

Exit codes: 0 no conflict (or none new against the baseline, or --exit-zero), 1 at least one
(new) conflict at the --fail-on level, 2 usage or input error.
"""
from __future__ import annotations

import dataclasses
import shutil
import sys
from pathlib import Path
from typing import List, NoReturn, Optional

import typer

from . import __version__
from . import baseline as baselines
from . import config as configs
from . import lexicon, report
from .pipeline import check_sources, load_sources
from .report.progress import progress, wanted
from .sources import DEFAULT_MAX_BYTES, discover

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


def _fail(message) -> NoReturn:
    print(f"factdiff: {message}", file=sys.stderr)
    raise typer.Exit(EXIT_ERROR)


@app.command()
def check(
    paths: Optional[List[Path]] = typer.Argument(
        None, help="Article files (.txt, .md, .html) or folders (read recursively); "
                   "default: `paths` in the configuration."),
    output_format: Optional[str] = typer.Option(
        None, "--format", "-f",
        help="Format written to standard output: table (default), json, markdown, sarif, junit, github, "
             "gitlab, html."),
    outputs: Optional[List[str]] = typer.Option(
        None, "--output", "-o",
        help="Also write FORMAT:FILE, e.g. -o sarif:factdiff.sarif -o gitlab:gl-code-quality.json "
             "(repeatable). A plain -o FILE writes the --format output to FILE instead of standard output."),
    baseline_file: Optional[Path] = typer.Option(
        None, "--baseline", "-b", help="Contradictions recorded in this file are known and do not fail the run."),
    write_baseline: Optional[Path] = typer.Option(
        None, "--write-baseline", help="Record the current contradictions in this file (keeping their notes) "
                                       "and exit 0."),
    config_file: Optional[Path] = typer.Option(
        None, "--config", help="Configuration file (default: the nearest factdiff.toml or pyproject.toml "
                               "with \\[tool.factdiff])."),
    fail_on: Optional[str] = typer.Option(
        None, "--fail-on", help="Lowest level of a new contradiction that fails the run: warning (default) or "
                                "error (only contradictions between exact statements)."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when contradictions are found."),
    no_gitignore: bool = typer.Option(False, "--no-gitignore", help="Also read files that .gitignore ignores."),
    show_all: bool = typer.Option(False, "--all", "-a", help="Also list facts stated by one source only."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Skip files larger than this."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes reading articles (default 0: one per core)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not read or write the cache of extracted figures "
                                                          "(.factdiff_cache/ in the current folder)."),
) -> None:
    """Compare the articles and print where they agree and where they contradict each other."""
    try:
        found = config_file or configs.find()
        cfg = configs.load(found) if found else configs.Config()
    except configs.ConfigError as exc:
        _fail(exc)
    if no_gitignore:
        cfg = dataclasses.replace(cfg, respect_gitignore=False)
    fail_on = fail_on or cfg.fail_on
    if fail_on not in baselines.LEVELS:
        _fail(f"--fail-on must be one of {', '.join(baselines.LEVELS)}, not {fail_on!r}")
    to_stdout, to_files = _plan(output_format or cfg.format or "table", outputs or list(cfg.output))
    inputs = list(paths or cfg.paths)
    if not inputs:
        _fail("no PATH given (and no `paths` in the configuration)")

    accepted = previous = None
    try:
        if write_baseline is not None:
            # an existing file is read first: its notes are kept, and a damaged one is never overwritten
            previous = baselines.load(write_baseline) if write_baseline.exists() else None
        elif baseline_file or cfg.baseline:
            accepted = baselines.load(baseline_file or cfg.baseline)
    except baselines.BaselineError as exc:
        _fail(exc)
    if cfg.synonyms:
        lexicon.add_synonyms({cls: list(words) for cls, words in cfg.synonyms})

    with progress(wanted()) as step:
        step("finding files")
        files, problems = discover(inputs, skip=configs.path_filter(cfg))
        step(f"reading {len(files)} files")
        sources, unreadable = load_sources(files, max_bytes=max_bytes)
        step(f"comparing {len(sources)} articles")
        problems += unreadable
        for p in problems:
            print(f"{p.path}: {p.reason}", file=sys.stderr)
        if not sources:
            _fail("no readable article among the inputs")
        stages = {"extract": "reading articles", "align": f"comparing {len(sources)} articles",
                  "compare": "judging"}
        result = check_sources(sources, problems, jobs=jobs or None, cache=not no_cache,
                               observer=lambda stage, done, total: step(stages[stage], done, total))

    if write_baseline is not None:
        recorded = baselines.from_report(result, previous)
        try:
            baselines.write(write_baseline, recorded)
        except OSError as exc:
            _fail(f"{write_baseline}: cannot write the baseline: {exc.strerror or exc}")
        print(f"factdiff: recorded {len(recorded.entries)} contradiction(s) in {write_baseline}", file=sys.stderr)
        raise typer.Exit(EXIT_OK)

    comparison = baselines.compare(result, accepted)
    options = dict(comparison=comparison, show_all=show_all, root=Path.cwd())
    for fmt, file in to_files:
        try:
            report.write_atomic(file, report.render(fmt, result, **options))
        except OSError as exc:
            _fail(f"{file}: cannot write the {fmt} report: {exc.strerror or exc}")
    if to_stdout:
        tty = sys.stdout.isatty()
        width = shutil.get_terminal_size().columns if tty else 160
        sys.stdout.write(report.render(to_stdout, result, color=tty, width=width, **options))
    if exit_zero:
        raise typer.Exit(EXIT_OK)
    raise typer.Exit(EXIT_CONFLICT if comparison.failing(fail_on) else EXIT_OK)


def _plan(stdout_format: str, outputs: List[str]) -> tuple[Optional[str], list[tuple[str, Path]]]:
    """(format for standard output or None, [(format, file), ...]). ``FORMAT:FILE`` adds a
    file; a plain ``FILE`` takes the standard-output format."""
    to_files: list[tuple[str, Path]] = []
    plain = []
    for spec in outputs:
        fmt, sep, file = spec.partition(":")
        if sep and fmt in report.FORMATS:
            if not file:
                _fail(f"--output {spec!r}: no file after {fmt}:")
            to_files.append((fmt, Path(file)))
        else:
            plain.append(Path(spec))
    if len(plain) > 1:
        _fail("only one plain --output FILE (it takes the --format output); use FORMAT:FILE for more")
    if plain:
        to_files.append((stdout_format, plain[0]))
    for fmt in [stdout_format] + [f for f, _ in to_files]:
        try:
            report.get(fmt)
        except ValueError as exc:
            _fail(exc)
    return (None if plain else stdout_format), to_files


def main() -> None:  # console script
    app()


if __name__ == "__main__":
    main()
