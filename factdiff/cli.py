"""The command line: argument parsing, the configuration and baseline files, format selection,
writing the output, and the messages and exit codes of each outcome. Reading and checking the
articles is ``pipeline.check_paths`` (``corpus`` for many stories); what an interruption does
(signals, files of lines cut back to whole lines) is ``interrupt``'s.

Exit codes: 0 no conflict (or none new against the baseline, or --exit-zero), 1 at least one
(new) conflict at the --fail-on level, 2 when the run could not check what it was asked to: a
usage error, a broken configuration or baseline, no readable article at all, an output that
cannot be written, or an internal error. An input that cannot be read is one line on standard
error (``path: skipped: reason``) and the others are checked; one read with repairs is one
``path: warning: …`` line. 130 (143) when interrupted by SIGINT (SIGTERM): files written
before are left as they were.
"""
from __future__ import annotations

import dataclasses
import functools
import json
import os
import re
import shutil
import signal
import sys
import time
import traceback
from pathlib import Path
from typing import List, NoReturn, Optional

import typer

from . import baseline as baselines
from . import config as configs
from . import corpus, interrupt, lexicon, report
from .compare import joinable
from .pipeline import check_paths, check_sources_mentions, default_jobs, read_sources
from .report.explain import ExplainError, explain, render_text
from .report.progress import progress, wanted
from .sources import DEFAULT_MAX_BYTES, discover, display_path
from .spill import SpillError
from .version import __version__

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Find where news outlets agree and contradict each other on figures, dates and titles.")

EXIT_OK, EXIT_CONFLICT, EXIT_ERROR = 0, 1, 2
EXIT_SIGNAL = 128  # + the signal's number: 130 for SIGINT (Ctrl-C), 143 for SIGTERM
_DEBUG = {"on": bool(os.environ.get("FACTDIFF_DEBUG"))}
_WRITTEN: list = []  # files this run has replaced (all at once): what an interruption leaves new


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
             "(repeatable). A plain -o FILE writes the --format output to FILE instead of standard output; "
             "without --format, the format its extension names (.html, .sarif, .json, .xml, .md). Missing "
             "folders are created."),
    baseline_file: Optional[Path] = typer.Option(
        None, "--baseline", "-b", help="Contradictions recorded in this file are known and do not fail the run."),
    write_baseline: Optional[Path] = typer.Option(
        None, "--write-baseline", help="Record the current contradictions in this file (keeping their notes) "
                                       "and exit 0."),
    config_file: Optional[Path] = typer.Option(
        None, "--config", help="Configuration file (default: the nearest factdiff.toml or pyproject.toml "
                               "with \\[tool.factdiff])."),
    fail_on: Optional[str] = typer.Option(
        None, "--fail-on", help="Lowest level of a new contradiction that fails the run: soft (default: every "
                                "conflict) or hard (only incompatible values; a rounding, a bound or a later "
                                "update is soft). warning and error are the old names of soft and hard."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when contradictions are found."),
    no_gitignore: bool = typer.Option(False, "--no-gitignore", help="Also read files that .gitignore ignores."),
    show_all: bool = typer.Option(False, "--all", "-a", help="Also list facts stated by one source only."),
    explain: bool = typer.Option(False, "--explain", help="Under each agreement and conflict (table format), say "
                                                         "which evidence joined its mentions: the strongest link's "
                                                         "comparisons and weights against the threshold. The JSON "
                                                         "always has it (each fact's \"evidence\")."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", min=1,
                                  help="Skip (with a message) files larger than this many bytes."),
    jobs: int = typer.Option(0, "--jobs", "-j", min=0,
                             help="Worker processes reading articles (default 0: one per core)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not read or write the cache of extracted figures "
                                                          "(.factdiff_cache/ in the current folder)."),
    debug: bool = typer.Option(False, "--debug", help="Show the traceback of an internal error."),
) -> None:
    """Compare the articles and print where they agree and where they contradict each other."""
    _DEBUG["on"] = _DEBUG["on"] or debug
    _guarded(_check, paths, output_format, outputs, baseline_file, write_baseline, config_file, fail_on,
             exit_zero, no_gitignore, show_all, max_bytes, jobs, no_cache, explain)


def _guarded(command, *args):
    """Run a command's body: an interruption, a closed pipe or an internal error ends it with
    one line and its exit code, never a traceback (--debug shows it)."""
    try:
        command(*args)
    except (typer.Exit, typer.Abort):
        raise
    except interrupt.INTERRUPTIONS as exc:
        raise typer.Exit(_interrupted(exc)) from None
    except BrokenPipeError:
        raise typer.Exit(_broken_pipe()) from None
    except Exception as exc:  # noqa: BLE001 - no traceback reaches the user (--debug shows it)
        _internal_error(exc)


def _config(config_file, no_gitignore: bool):
    """The configuration the run uses (the file named, else the one found, else the defaults);
    a malformed one ends the run with one line."""
    try:
        found = config_file or configs.find()
        cfg = configs.load(found) if found else configs.Config()
    except configs.ConfigError as exc:
        _fail(exc)
    if no_gitignore:
        cfg = dataclasses.replace(cfg, respect_gitignore=False)
    return cfg


def _check(paths, output_format, outputs, baseline_file, write_baseline, config_file, fail_on, exit_zero,
           no_gitignore, show_all, max_bytes, jobs, no_cache, explain=False) -> NoReturn:
    cfg = _config(config_file, no_gitignore)
    fail_on = fail_on or cfg.fail_on
    try:
        baselines.fail_level(fail_on)
    except ValueError as exc:
        _fail(f"--fail-on {exc}, not {fail_on!r}")
    to_stdout, to_files = _plan(output_format or cfg.format, outputs or list(cfg.output),
                                "--output" if outputs else f"{cfg.path or 'configuration'}: output")
    inputs = list(paths or cfg.paths)
    if not inputs:
        _fail("no PATH given (and no `paths` in the configuration)")
    # a path named on the command line or in `paths` that does not exist fails the run (exit 2),
    # once the others are checked and reported
    missing = [p for p in inputs if not os.path.lexists(p)]
    named = "on the command line" if paths else f"in `paths` of {cfg.path or 'the configuration'}"
    accepted, previous = _baselines(write_baseline, baseline_file or cfg.baseline)
    _add_synonyms(cfg)
    keep_text = report.needs_text([fmt for fmt in [to_stdout] if fmt] + [fmt for fmt, _ in to_files])
    result = _run(inputs, cfg, max_bytes, stream=not keep_text, jobs=jobs or None, cache=not no_cache)
    try:
        if write_baseline is not None:
            _fail_if_missing(missing, named, "the baseline was not written")
            _write_baseline(write_baseline, result, previous)
        comparison = baselines.compare(result, accepted)
        options = dict(comparison=comparison, show_all=show_all, root=Path.cwd(), explain=explain)
        _write_reports(to_files, result, options)
        if to_stdout:
            _print_report(to_stdout, result, options)
        _fail_if_missing(missing, named, "the other inputs were checked")
        if exit_zero:
            raise typer.Exit(EXIT_OK)
        raise typer.Exit(EXIT_CONFLICT if comparison.failing(fail_on) else EXIT_OK)
    finally:
        close = getattr(result.facts, "close", None)
        if close is not None:  # a streamed run's temporary file, now (the process ends with os._exit)
            close()


def _fail_if_missing(missing: list, named: str, after: str) -> None:
    if missing:
        listed = ", ".join(display_path(p) for p in missing)
        _fail(f"{listed}: no such file or folder (named {named}); {after}")


def _baselines(write_baseline, baseline_file):
    """(the accepted baseline or None, the baseline file about to be rewritten or None)."""
    try:
        if write_baseline is not None:
            # an existing file is read first: its notes are kept, and a damaged one is never overwritten
            return None, (baselines.load(write_baseline) if os.path.exists(write_baseline) else None)
        return (baselines.load(baseline_file) if baseline_file else None), None
    except baselines.BaselineError as exc:
        _fail(exc)


def _add_synonyms(cfg) -> None:
    if cfg.synonyms:
        lexicon.add_synonyms({cls: list(words) for cls, words in cfg.synonyms})


def _run(inputs, cfg, max_bytes: int, **options):
    """``pipeline.check_paths`` with a progress display; a run with no article is an error."""
    stages = {"read": "reading articles", "extract": "reading articles", "align": "comparing articles",
              "compare": "judging"}
    with progress(wanted()) as step:
        step("finding files")

        def observe(stage: str, done: int, total: int) -> None:
            if stage == "extract":
                step(stages[stage], done, total)  # a real bar while articles are read
            else:
                step(stages.get(stage, stage))  # then a spinner

        try:
            result = check_paths(inputs, max_bytes, skip=_skip(cfg), warn=_warn, observer=observe, **options)
        except SpillError as exc:
            _fail(exc)
    if not result.sources:
        _fail("no readable article among the inputs (nothing was checked)")
    return result


def _write_baseline(file, result, previous) -> NoReturn:
    recorded = baselines.from_report(result, previous)
    try:
        baselines.write(file, recorded)
    except OSError as exc:
        reason = exc.reason if isinstance(exc, report.WriteError) else (exc.strerror or exc)
        _fail(f"{file}: cannot write the baseline: {reason} (the old file is kept)")
    print(f"factdiff: recorded {len(recorded.entries)} contradiction(s) in {file}", file=sys.stderr)
    raise typer.Exit(EXIT_OK)


def _write_reports(to_files, result, options) -> None:
    """Every file is written in full (beside its target) before any is replaced, and the files
    are replaced together."""
    rendered = [(file, functools.partial(report.render_to, fmt, result, **options)) for fmt, file in to_files]
    try:
        report.write_atomic_all(rendered, written=_WRITTEN, make_folders=True)
    except report.WriteError as exc:
        kept = (f"{', '.join(map(str, _WRITTEN))} already replaced, the others unchanged" if _WRITTEN
                else "no report file was changed")
        _fail(f"{exc.path}: cannot write the report: {exc.reason} ({kept})")


def _print_report(fmt: str, result, options) -> None:
    if "utf" not in (getattr(sys.stdout, "encoding", None) or "utf-8").lower() \
            and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")  # an ASCII or Latin-1 terminal: "?" rather than a crash
    tty = sys.stdout.isatty()
    width = shutil.get_terminal_size().columns if tty else 160
    report.render_to(fmt, result, sys.stdout, color=tty, width=width, **options)
    sys.stdout.flush()


@app.command("corpus")
def corpus_command(
    source: Path = typer.Argument(..., metavar="INPUT", show_default=False,
                                  help="A folder of story folders (each subfolder one story, read as check reads "
                                       "a folder), or a table of articles, one a row: .jsonl, .csv or .parquet "
                                       "with the fields story, source, text and optionally title, published."),
    output: str = typer.Option("-", "--output", "-o", help="The JSON Lines file to write, one line per story "
                                                          "(default -: standard output)."),
    jobs: int = typer.Option(0, "--jobs", "-j", min=0, help="Local worker processes (default 0: one per core); "
                                                           "with --dask local, the Dask workers."),
    dask: Optional[str] = typer.Option(None, "--dask", metavar="ADDRESS",
                                       help="Check the stories on Dask: a scheduler (tcp://host:8786) or `local` "
                                            "(a cluster of --jobs processes on this machine). Needs "
                                            "pip install 'factdiff\\[dask]'."),
    columns: Optional[List[str]] = typer.Option(None, "--column", metavar="FIELD=NAME",
                                                help="The column holding a field of a table, e.g. --column "
                                                     "story=cluster_id --column text=body (repeatable)."),
    config_file: Optional[Path] = typer.Option(None, "--config", help="Configuration file, as for check."),
    no_gitignore: bool = typer.Option(False, "--no-gitignore", help="Also read files that .gitignore ignores."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", min=1,
                                  help="Skip (as a problem of its story) an article larger than this many bytes."),
    debug: bool = typer.Option(False, "--debug", help="Show the traceback of an internal error."),
) -> None:
    """Check many stories, each on its own as check checks one folder: one JSON line per story
    (check's JSON report plus "story"), in input order, written as stories finish; a summary on
    standard error. Exit 0 once the corpus is checked (conflicts are its findings, a story that
    fails is a problem of its line), 2 when nothing could be read."""
    _DEBUG["on"] = _DEBUG["on"] or debug
    _guarded(_corpus, source, output, jobs, dask, columns, config_file, no_gitignore, max_bytes)


def _corpus(source, output, jobs, dask, columns, config_file, no_gitignore, max_bytes) -> NoReturn:
    names = _columns(columns, corpus.FIELDS)
    cfg = _config(config_file, no_gitignore)
    _add_synonyms(cfg)
    if dask:  # say at once, before reading anything, when Dask is not there
        try:
            import distributed  # noqa: F401,PLC0415 - the optional dask extra: is it there?
        except ImportError:
            _fail(corpus.DASK_MISSING)
    notes: list = []
    try:
        total, stories = corpus.stories(source, names, max_bytes=max_bytes, skip=_skip(cfg), notes=notes)
    except corpus.CorpusError as exc:
        _fail(exc)
    for line in notes:
        _warn(line)
    executor = corpus.Executor(jobs=jobs or default_jobs(), dask=dask)
    start = time.perf_counter()
    counts = _write_stories(corpus.run(stories, total, executor), total, output)
    problems = counts["problems"] + sum(1 for n in notes if ": skipped: " in n)
    print(f"factdiff: {counts['stories']:,} stories, {counts['articles']:,} articles, {counts['facts']:,} facts, "
          f"{counts['conflicts']:,} conflicts, {problems:,} problems"
          + (f" ({counts['failed']:,} stories with no article checked)" if counts["failed"] else "")
          + f"; {time.perf_counter() - start:.1f} s", file=sys.stderr)
    if not counts["articles"]:
        _fail("no readable article in the corpus (nothing was checked)")
    raise typer.Exit(EXIT_OK)


def _columns(columns, fields) -> dict:
    """--column FIELD=NAME options -> {field: column name}."""
    names = {}
    for spec in columns or []:
        fld, sep, name = spec.partition("=")
        if not sep or fld not in fields or not name:
            _fail(f"--column {spec!r}: write FIELD=NAME with FIELD one of {', '.join(fields)}")
        names[fld] = name
    return names


def _write_stories(results, total: int, output: str) -> dict:
    """Each story's line written to ``output`` (- for standard output) as it comes -> counts;
    an interruption leaves whole lines only."""
    to_stdout = output == "-"
    try:
        fh = sys.stdout.buffer if to_stdout else open(output, "wb", buffering=0)
    except OSError as exc:
        _fail(f"{output}: cannot write: {exc.strerror or exc}")
    counts = dict(stories=0, articles=0, facts=0, conflicts=0, problems=0, failed=0)
    try:
        with progress(wanted()) as step, interrupt.WholeLines(fh, cut=not to_stdout) as lines:
            step("checking stories", 0, total)
            for r in results:
                for w in r.warnings:
                    _warn(w)
                lines.write(r.line.encode("utf-8") + b"\n")
                _count(counts, r)
                step("checking stories", counts["stories"], total)
    except corpus.CorpusError as exc:
        _fail(exc)
    except interrupt.INTERRUPTIONS as exc:
        where = "standard output" if to_stdout else output
        raise typer.Exit(_corpus_interrupted(exc, counts["stories"], total, where)) from None
    finally:
        if not to_stdout:
            fh.close()
    return counts


def _count(counts: dict, r) -> None:
    counts["stories"] += 1
    counts["articles"] += r.articles
    counts["facts"] += r.facts
    counts["conflicts"] += r.conflicts
    counts["problems"] += r.problems
    counts["failed"] += r.articles == 0


def _corpus_interrupted(exc: BaseException, done: int, total: int, where: str) -> int:
    """Say how far an interrupted corpus run got -> the exit code."""
    signum = interrupt.signum_of(exc)
    print(f"factdiff: interrupted ({interrupt.signal_name(signum)}) after {done:,} of {total:,} "
          f"stories; {where} holds their lines, each whole", file=sys.stderr)
    return EXIT_SIGNAL + signum


@app.command("explain")
def explain_command(
    paths: List[Path] = typer.Argument(..., metavar="PATH...", show_default=False,
                                       help="Article files or folders, as for check."),
    first: str = typer.Argument(..., metavar="A:OFFSET", show_default=False,
                                help="The first mention: a source (its id, path or file name, as the report "
                                     "shows it) and a character offset inside the mention (the JSON's "
                                     "start..end), or SOURCE:LINE:COL (1-based)."),
    second: str = typer.Argument(..., metavar="B:OFFSET", show_default=False,
                                 help="The second mention, the same way."),
    output_format: str = typer.Option("table", "--format", "-f", help="table (default) or json."),
    config_file: Optional[Path] = typer.Option(None, "--config", help="Configuration file, as for check."),
    no_gitignore: bool = typer.Option(False, "--no-gitignore", help="Also read files that .gitignore ignores."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", min=1,
                                  help="Skip (with a message) files larger than this many bytes."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not read or write the cache of extracted figures."),
    debug: bool = typer.Option(False, "--debug", help="Show the traceback of an internal error."),
) -> None:
    """Check the articles, then say why two mentions were or were not joined: every comparison's
    level and weight, the score against its threshold, the constraints that apply, and the fact
    each mention ended up in."""
    _DEBUG["on"] = _DEBUG["on"] or debug
    if output_format not in ("table", "json"):
        _fail(f"--format {output_format!r}: explain prints table or json")

    def run() -> None:
        cfg = _config(config_file, no_gitignore)
        _add_synonyms(cfg)
        files, problems = discover(list(paths), skip=_skip(cfg))
        for p in problems:
            _warn(f"{p.path}: skipped: {p.reason}")
        sources = list(read_sources(files, max_bytes, problems, _warn))
        if not sources:
            _fail("no readable article among the inputs (nothing was checked)")
        result, mentions = check_sources_mentions(sources, problems, jobs=None, cache=not no_cache)
        try:
            answer = explain(result, mentions, first, second, joinable)
        except ExplainError as exc:
            _fail(exc)
        if output_format == "json":
            sys.stdout.write(json.dumps(answer, indent=2, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(render_text(answer))
        sys.stdout.flush()

    _guarded(run)


def _skip(cfg):
    """``skip(path, is_dir)`` for :func:`discover`: the reason the configuration's ``exclude``,
    its ``include`` or a ``.gitignore`` leaves a path out, or False."""
    where = display_path(cfg.path.name if cfg.path else "the configuration")
    rules = []
    if cfg.exclude:
        rules.append((configs.path_filter(dataclasses.replace(cfg, include=(), respect_gitignore=False)),
                      f"left out by `exclude` in {where}"))
    if cfg.include:
        rules.append((configs.path_filter(dataclasses.replace(cfg, exclude=(), respect_gitignore=False)),
                      f"not matched by `include` in {where}"))
    if cfg.respect_gitignore:
        rules.append((configs.path_filter(dataclasses.replace(cfg, include=(), exclude=())),
                      "ignored by .gitignore (--no-gitignore reads them)"))

    def skip(path: Path, is_dir: bool):
        for rule, why in rules:
            if rule(path, is_dir):
                return why
        return False

    return skip


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:160]}" if text else type(exc).__name__


def _warn(line: str) -> None:
    print(line, file=sys.stderr)


def _trace(exc: BaseException) -> None:
    if _DEBUG["on"]:
        traceback.print_exception(exc, file=sys.stderr)


def _internal_error(exc: BaseException) -> NoReturn:
    _trace(exc)
    hint = "" if _DEBUG["on"] else "; --debug shows where"
    print(f"factdiff: internal error: {_short(exc)} (a bug in factdiff{hint})", file=sys.stderr)
    raise typer.Exit(EXIT_ERROR)


def _interrupted(exc: BaseException) -> int:
    """Say what an interrupted run leaves -> the exit code."""
    signum = interrupt.signum_of(exc)
    name = interrupt.signal_name(signum)
    if _WRITTEN:  # the signal came after the report files were replaced, whole
        print(f"factdiff: interrupted ({name}) after writing {', '.join(map(str, _WRITTEN))} in full",
              file=sys.stderr)
    else:
        print(f"factdiff: interrupted ({name}); files written before are unchanged", file=sys.stderr)
    return EXIT_SIGNAL + signum


def _broken_pipe() -> int:
    """The reader of standard output went away (``factdiff check … | head``): stop quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so that the final flush does not complain again
    except (OSError, ValueError):
        pass
    return EXIT_SIGNAL + getattr(signal, "SIGPIPE", 13)


# what a plain ``-o FILE`` is written as when no format was asked for, by its extension
EXTENSIONS = {".html": "html", ".htm": "html", ".sarif": "sarif", ".json": "json", ".xml": "junit",
              ".md": "markdown", ".markdown": "markdown"}
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]+")  # what a FORMAT: prefix looks like (never a drive letter)


def format_of(file: Path) -> Optional[str]:
    """The format a file name asks for: ``x.sarif.json`` and ``x.sarif`` are SARIF, ``x.json``
    JSON, ``x.xml`` JUnit, ``x.md`` Markdown, ``x.html`` HTML; None for any other name."""
    name = file.name.lower()
    if name.endswith(".sarif.json"):
        return "sarif"
    return EXTENSIONS.get(file.suffix.lower())


def _plan(stdout_format: Optional[str], outputs: List[str],
          where: str = "--output") -> tuple[Optional[str], list[tuple[str, Path]]]:
    """(format for standard output or None, [(format, file), ...]). ``FORMAT:FILE`` adds a
    file, and a ``NAME:FILE`` whose NAME is no format is a usage error; a plain ``FILE`` takes
    the ``--format`` output, or when no format was asked for (``stdout_format`` None), the
    format its extension names (the table for any other)."""
    to_files: list[tuple[str, Path]] = []
    plain = []
    for spec in outputs:
        fmt, sep, file = spec.partition(":")
        if sep and fmt in report.FORMATS:
            if not file:
                _fail(f"{where} {spec!r}: no file after {fmt}:")
            to_files.append((fmt, Path(file)))
        elif sep and _NAME.fullmatch(fmt):
            _fail(f"{where} {spec!r}: {fmt!r} is no format (choose from {', '.join(report.available())}); "
                  f"write FORMAT:FILE, or a plain FILE for the --format output")
        else:
            plain.append(Path(spec))
    if len(plain) > 1:
        _fail(f"only one plain {where} FILE (it takes the --format output); use FORMAT:FILE for more")
    if plain:
        to_files.append((stdout_format or format_of(plain[0]) or "table", plain[0]))
    stdout_format = stdout_format or "table"
    for fmt in [stdout_format] + [f for f, _ in to_files]:
        try:
            report.get(fmt)
        except ValueError as exc:
            _fail(exc)
    return (None if plain else stdout_format), to_files


def main() -> None:  # console script
    interrupt.install()
    try:
        app()
    except interrupt.Interrupted as exc:  # outside the command (while starting up)
        code = _interrupted(exc)
    except BrokenPipeError:
        code = _broken_pipe()
    except SystemExit as exc:
        if not (isinstance(exc.code, int) and exc.code > EXIT_SIGNAL):
            raise
        code = exc.code
    # Interrupted: every file is already either whole or untouched, temporary files are gone.
    # Leave now rather than wait at exit for worker processes and their queues.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


if __name__ == "__main__":
    main()
