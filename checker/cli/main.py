"""`check [options] PATH...`: the console entry point.

Exit status: 0 no finding at or above --fail-on (or --exit-zero), 1 such findings,
2 usage or input errors (a file that cannot be read does not stop the others).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from checker.cli.config import ConfigError, find_config, read_config
from checker.cli.options import Settings, UsageError, build_parser, merge


def main(argv: list[str] | None = None) -> int:
    try:
        return run_command(argv)
    except (UsageError, ConfigError) as exc:
        sys.stderr.write(f"check: {exc}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("check: interrupted\n")
        return 130
    except BrokenPipeError:  # `check ... | head`: the reader left; stay quiet
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:  # an output, report or baseline file that cannot be written
        sys.stderr.write(f"check: {exc.filename or ''}: {exc.strerror or exc}\n")
        return 2


def run_command(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        from importlib.metadata import version
        sys.stdout.write(f"check {version('check-filing')}\n")
        return 0
    for stream in (sys.stdout, sys.stderr):  # filing text must never crash the output
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    config = read_config(Path(args.config)) if args.config else find_config(Path.cwd())
    settings = merge(args, config)
    if args.dump_ast:
        from checker.cli.commands import dump_ast
        if not settings.paths:
            parser.error("--dump-ast needs at least one FILE")
        return dump_ast(settings.paths, settings.glob, sys.stdout, settings.stdin_name)
    if args.show_files:
        from checker.cli.commands import show_files
        if not settings.paths:
            parser.error("--show-files needs at least one PATH")
        return show_files(settings.paths, settings.glob, sys.stdout)
    if args.list_rules:
        from checker.cli.commands import list_rules
        rules = load_rules(settings)
        chosen = {r.id for r in rules.rules}
        off = [] if settings.select else [
            r for r in load_rules(settings, select=False).off_by_default() if r.id not in chosen]
        return list_rules(rules, off, sys.stdout)
    if args.explain:
        from checker.cli.commands import explain
        rules = load_rules(settings, select=False)
        return explain(find_rule(rules, args.explain), sys.stdout, rules)
    if not settings.paths:
        parser.error("no PATH given (files, or directories to search)")
    if args.output:
        with open(args.output, "w", encoding="utf-8", errors="backslashreplace") as out:
            return check(settings, args, out)
    return check(settings, args, sys.stdout)


def check_rule_dirs(settings: Settings) -> None:
    for directory in settings.extend_rules:
        if not directory.is_dir():
            raise UsageError(f"--extend-rules: {directory}: no such directory")


def load_rules(settings: Settings, select: bool = True):
    from checker.rules import RuleError, load_rules as load

    check_rule_dirs(settings)
    try:
        rules = load(list(settings.extend_rules))
        return rules.select(settings.select, settings.ignore, settings.extend_select) if select else rules
    except RuleError as exc:
        where = settings.named_in.get(exc.unknown)  # a name from the configuration file: say which file
        raise UsageError(f"{where}: {exc}" if where else str(exc)) from None


def check_per_file_names(settings: Settings, infos) -> None:
    """A name in per-file-ignores that names no rule is a configuration error, as one in ignore is."""
    from checker.rules.names import matches

    names = sorted({name for names in settings.per_file_ignores.values() for name in names
                    if not any(matches(info.id, name) for info in infos)})
    if names:  # none of the rules this run checks: is it a rule at all (one off by default, one ignored)?
        from checker.rules import RuleError
        try:
            load_rules(settings, select=False).select(names)
        except RuleError as exc:
            raise UsageError(f"{settings.named_in.get(exc.unknown, 'per-file-ignores')}: {exc}") from None


def open_cache(settings: Settings):
    """The results cache for this run's rules, or None when it is off or cannot be used (with a warning)."""
    if settings.cache_dir is None:
        return None
    from checker.cli.cache import CacheUnavailable, ResultCache, setup_key
    from checker.rules.sources import RuleError

    check_rule_dirs(settings)
    try:
        key = setup_key(settings.select, settings.extend_select, settings.ignore, settings.extend_rules)
        return ResultCache.open(settings.cache_dir, key)
    except RuleError as exc:
        raise UsageError(str(exc)) from None
    except CacheUnavailable as exc:
        sys.stderr.write(f"check: warning: {exc}; checking without it\n")
        return None


def rules_for_run(settings: Settings, cache):
    """(rules, their metadata for the reporters).  When the cache has the metadata, no rule is
    loaded here: only a file the cache lacks needs the rules themselves (checker.cli.runner)."""
    from checker.reporters.results import RuleInfo

    infos = cache.rules() if cache else None
    if infos is not None:
        return None, infos
    rules = load_rules(settings)
    infos = tuple(RuleInfo.of(rule) for rule in rules.rules)
    if cache:
        cache.save_rules(infos)
    return rules, infos


def find_rule(rules, rule_id: str):
    from checker.rules import RuleError

    try:
        return rules.get(rule_id)
    except RuleError as exc:
        raise UsageError(str(exc)) from None


def use_color(choice: str, out: TextIO) -> bool:
    if choice != "auto":
        return choice == "always"
    return out.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def check(settings: Settings, args, out: TextIO) -> int:
    from checker.cli.batch import Batch
    from checker.findings.model import Severity

    cache = open_cache(settings)
    rules, infos = rules_for_run(settings, cache)
    check_per_file_names(settings, infos)
    batch = Batch(settings, args, rules, infos, cache, out, color=use_color(args.color, out))
    summary, problems, worst = batch.run()
    if problems:
        return 2
    if args.write_baseline:
        return 0
    if args.exit_zero:  # report only: CI uploads the findings and decides elsewhere
        return 0
    return 1 if worst is not None and worst >= Severity(settings.fail_on).rank else 0
