"""The command line: argparse definition and its merge with the configuration file."""
from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from checker.cli.config import FAIL_LEVELS, FORMATS, Config
from checker.cli.cores import usable_cores

EPILOG = """\
exit status: 0 no finding at or above --fail-on (or --exit-zero), 1 such findings, 2 usage or input error.
configuration: [tool.check] in pyproject.toml or .check.yaml, nearest to the working directory.
environment: CHECK_CACHE_DIR (as --cache-dir), CHECK_NO_CACHE=1 (as --no-cache), NO_COLOR.
"""


class UsageError(Exception):
    """A bad command line or setting: printed as `check: message`, exit status 2."""


def _rule_ids(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value}")
    return value


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter, sized as argparse sizes it but without importing shutil.

    argparse makes a formatter for every add_argument, and its own sizing imports shutil,
    which imports bz2 and lzma and loads their libraries: milliseconds of every start-up, for help that is
    seldom printed."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None):
        super().__init__(prog, indent_increment, max_help_position,
                         terminal_columns() - 2 if width is None else width)


def terminal_columns() -> int:
    """shutil.get_terminal_size().columns: $COLUMNS, else the terminal's width, else 80 (none of them 0)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="check", usage="check [options] PATH...", epilog=EPILOG, formatter_class=HelpFormatter,
        description="Consistency checks for SEC EDGAR report pages (R pages) in their text rendering.")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files, or directories searched recursively; - reads a file from standard input")
    out = p.add_argument_group("output")
    out.add_argument("--format", choices=FORMATS, help="output format (default: text)")
    out.add_argument("-o", "--output", metavar="FILE", help="write the output to FILE instead of stdout")
    out.add_argument("--html", metavar="FILE", help="also write a self-contained HTML report to FILE")
    out.add_argument("-q", "--quiet", action="store_true", help="text: one line per finding, no details or summary")
    out.add_argument("--statistics", action="store_true", help="text: counts by rule and severity after the findings")
    out.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                     help="colour the text output (default: auto, only on a terminal)")
    rules = p.add_argument_group("rules")
    rules.add_argument("--select", type=_rule_ids, action="extend", metavar="RULE[,RULE]",
                       help="run only these rules (ids, id prefixes, or ALL)")
    rules.add_argument("--extend-select", type=_rule_ids, action="extend", metavar="RULE[,RULE]",
                       help="run these rules too (those off by default, say)")
    rules.add_argument("--ignore", type=_rule_ids, action="extend", metavar="RULE[,RULE]",
                       help="do not run these rules")
    rules.add_argument("--extend-rules", action="append", metavar="DIR", help="also load the rule files in DIR")
    rules.add_argument("--fail-on", choices=FAIL_LEVELS, help="lowest severity that makes the exit status 1 "
                                                               "(default: error)")
    rules.add_argument("--exit-zero", action="store_true",
                       help="exit status 0 even with findings (usage and input errors still give 2)")
    rules.add_argument("--list-rules", action="store_true", help="list the rules (id, severity, title) and exit")
    rules.add_argument("--explain", metavar="RULE", help="describe a rule, with an example, and exit")
    base = p.add_argument_group("baseline")
    base.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in FILE")
    base.add_argument("--write-baseline", metavar="FILE", help="record the current findings in FILE")
    base.add_argument("--baseline-commit", metavar="REV", help="report only findings the files did not have at "
                                                               "git revision REV")
    run = p.add_argument_group("run")
    run.add_argument("-j", "--jobs", type=_positive, help="worker processes (default: the cores check may use)")
    run.add_argument("--stdin-filename", metavar="NAME", help="the name of standard input (-) in the output "
                                                               "(default: -)")
    run.add_argument("--glob", metavar="PATTERN", help="file names to check in directories (default: *.txt)")
    run.add_argument("--config", metavar="FILE", help="read settings from FILE instead of searching for one")
    run.add_argument("--cache-dir", metavar="DIR", help="keep the results cache in DIR (default: .check_cache "
                                                       "beside the configuration file, else in the working directory)")
    run.add_argument("--no-cache", action="store_true", help="check every file afresh; read and write no cache")
    run.add_argument("--dump-ast", action="store_true", help="print the parsed files as JSON and exit")
    run.add_argument("--show-files", action="store_true",
                     help="print the files a run would check, and which are one filing, and exit")
    run.add_argument("--version", action="store_true", help="print the version and exit")
    return p


@dataclass
class Settings:
    """Command line over configuration over defaults."""

    paths: list[str]
    format: str
    fail_on: str
    select: list[str]
    ignore: list[str]
    extend_rules: list[Path]
    extend_select: list[str]
    glob: str
    jobs: int
    baseline: Path | None
    cache_dir: Path | None           # None: no cache
    stdin_name: str = "-"            # how findings read from standard input name their file
    named_in: dict[str, str] = field(default_factory=dict)  # rule name -> the setting that gave it
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)  # file pattern -> rule names
    config_dir: Path = field(default_factory=Path.cwd)  # what per-file-ignores patterns are relative to


def merge(args: argparse.Namespace, config: Config) -> Settings:
    return Settings(
        paths=args.paths,
        format=args.format or config.format or "text",
        fail_on=args.fail_on or config.fail_on or "error",
        select=args.select if args.select is not None else config.select,
        ignore=config.ignore + (args.ignore or []),
        extend_select=config.extend_select + (args.extend_select or []),
        extend_rules=config.extend_rules + [Path(d) for d in args.extend_rules or []],
        glob=args.glob or config.glob or "*.txt",
        jobs=args.jobs or config.jobs or usable_cores(),
        baseline=Path(args.baseline) if args.baseline else config.baseline,
        cache_dir=cache_dir(args, config),
        stdin_name=args.stdin_filename or "-",
        named_in=config_rule_names(args, config),
        per_file_ignores=config.per_file_ignores,
        config_dir=config.source.parent if config.source else Path.cwd(),
    )


def config_rule_names(args: argparse.Namespace, config: Config) -> dict[str, str]:
    """The rule names the configuration file gave (a select the command line replaces gives none), each
    with the file and key that gave it: an unknown one is reported there."""
    names = {name: f'{config.where}: key "per-file-ignores"' for names in config.per_file_ignores.values()
             for name in names}
    names.update((name, f'{config.where}: key "ignore"') for name in config.ignore)
    names.update((name, f'{config.where}: key "extend-select"') for name in config.extend_select)
    if args.select is None:
        names.update((name, f'{config.where}: key "select"') for name in config.select)
    return names


def cache_dir(args: argparse.Namespace, config: Config) -> Path | None:
    """--no-cache or CHECK_NO_CACHE turn it off; else --cache-dir, CHECK_CACHE_DIR, the cache-dir setting,
    then .check_cache beside the configuration file or in the working directory."""
    if args.no_cache or os.environ.get("CHECK_NO_CACHE", "") not in ("", "0"):
        return None
    chosen = args.cache_dir or os.environ.get("CHECK_CACHE_DIR")
    if chosen:
        return Path(chosen)
    if config.cache_dir is not None:
        return config.cache_dir
    return (config.source.parent if config.source else Path.cwd()) / ".check_cache"
