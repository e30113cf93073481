"""The commands that print something and exit: --list-rules, --explain, --dump-ast, --show-files."""
from __future__ import annotations

import json
import sys
import textwrap
from typing import TextIO

from checker.reporters.results import InputProblem
from checker.rules.severity import severity_text


def list_rules(rules, off_by_default, out: TextIO) -> int:
    """The selected rules; then the heuristics that are off unless --select names them."""
    selected = {rule.id for rule in rules.rules}
    for rule in sorted(rules.rules, key=lambda r: r.id):
        severity = getattr(rule.severity, "value", rule.severity)
        out.write(f"{rule.id:<8} {severity:<8} {rule.title}\n")
    off = [rule for rule in off_by_default if rule.id not in selected]
    if off:
        out.write("\noff by default (run them with --select ID):\n")
        for rule in sorted(off, key=lambda r: r.id):
            severity = getattr(rule.severity, "value", rule.severity)
            out.write(f"{rule.id:<8} {severity:<8} {rule.title}\n")
    return 0


def _paragraph(text: str) -> str:
    return "\n".join(textwrap.fill(part, 88) for part in str(text).strip().split("\n\n")) + "\n"


def _example(heading: str, example) -> str:
    text = f"\n{heading}: {example.name}\n" + textwrap.indent(example.page.rstrip("\n") + "\n", "    ")
    for expected in getattr(example, "expect", ()):
        lines = ", ".join(str(n) for n in expected.lines)
        text += f"  -> a finding on line{'s' if len(expected.lines) > 1 else ''} {lines}\n"
    return text


def explain(rule, out: TextIO, rules) -> int:
    """The rule's description, rationale, references, what it supersedes and what supersedes it among `rules`
    (a RuleSet), and a failing and a passing example."""
    out.write(f"{rule.id}: {rule.title}\nseverity: {severity_text(rule)}\n\n")
    out.write(_paragraph(rule.description))
    if rule.rationale:
        out.write("\nWhy it matters:\n" + textwrap.indent(_paragraph(rule.rationale), "  "))
    if rule.references:
        out.write("\nReferences:\n" + "".join(f"  - {ref}\n" for ref in rule.references))
    for note in rules.supersession(rule):
        out.write("\n" + _paragraph(note))
    # one example of each kind: what the rule catches, and what it lets through
    out.write(_example("Fails", rule.examples.failing[0]))
    out.write(_example("Passes", rule.examples.passing[0]))
    return 0


def show_files(given: list[str], pattern: str, out: TextIO) -> int:
    """The files a run would check, in its order; the files of one filing saved one page a file
    (checker.cli.filings) under a line that says so."""
    from checker.cli.filings import filings
    from checker.cli.runner import input_files

    for group in filings(input_files(given, pattern)):
        if len(group) == 1:
            out.write(f"{group[0]}\n")
        else:
            out.write(f"one filing of {len(group)} files, checked together:\n" + "".join(f"  {p}\n" for p in group))
    return 0


def dump_ast(given: list[str], pattern: str, out: TextIO, stdin_name: str = "-") -> int:
    """`{"files": [...]}`, one parsed file after the other, directories searched as a run searches them;
    unreadable files go to stderr."""
    from checker.ast import InputError, parse_bytes, parse_file
    from checker.cli.runner import STDIN, input_files, read_stdin

    paths = input_files(given, pattern)
    stdin = read_stdin(paths)
    status = 0
    out.write('{"files": [')
    first = True
    for path in paths:
        name = stdin_name if path == STDIN else path
        try:
            filing = parse_bytes(stdin, name) if path == STDIN else parse_file(path)
        except InputError as exc:
            sys.stderr.write(f"{InputProblem(name, exc.line, exc.message)}\n")
            status = 2
            continue
        except (OSError, UnicodeDecodeError) as exc:
            sys.stderr.write(f"{name}: cannot read: {getattr(exc, 'strerror', None) or exc}\n")
            status = 2
            continue
        data = filing.model_dump(mode="json")
        data = {"path": name, **{k: v for k, v in data.items() if k != "path"}}
        out.write(("\n" if first else ",\n") + json.dumps(data))
        first = False
    out.write("\n]}\n")
    return status
