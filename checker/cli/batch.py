"""One checking run: files in, results through the baseline into the reporters."""
from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from checker.cli.baseline import Baseline, BaselineError, BaselineWriter
from checker.cli.cache import ResultCache
from checker.cli.ignores import PerFileIgnores
from checker.cli.options import Settings, UsageError
from checker.cli.runner import IN_PROCESS_MAX, Job, input_files, read_stdin, run
from checker.findings.fold import fold, superseded
from checker.reporters import ReportOptions, reporter_for
from checker.reporters.results import FileResult, RuleInfo, RunSummary


class Progress:
    """A one-line bar on a terminal's stderr; nothing at all on a pipe."""

    def __init__(self, total: int, stream: TextIO, enabled: bool) -> None:
        self.total, self.stream, self.done = total, stream, 0
        self.enabled = enabled and total > IN_PROCESS_MAX and stream.isatty()
        self.shown = 0.0

    def step(self) -> None:
        self.done += 1
        now = time.monotonic()
        if self.enabled and (now - self.shown > 0.1 or self.done == self.total):
            self.shown = now
            filled = 30 * self.done // self.total
            self.stream.write(f"\r[{'#' * filled}{' ' * (30 - filled)}] {self.done}/{self.total} files")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    def message(self, text: str) -> None:
        """A line on the same stream, above the bar."""
        self.stream.write(("\r\x1b[K" if self.enabled else "") + text + "\n")


class Batch:
    def __init__(self, settings: Settings, args, rules, infos: tuple[RuleInfo, ...], cache: ResultCache | None,
                 out: TextIO, color: bool) -> None:
        self.settings, self.args, self.rules, self.cache = settings, args, rules, cache
        options = ReportOptions(rules=infos, color=color,
                                quiet=args.quiet, statistics=args.statistics)
        self.reporters = [reporter_for(settings.format, out, options)]
        self.html_path = args.html
        if args.html:
            from checker.reporters.html import HtmlReporter
            self.html_file = open(args.html, "w", encoding="utf-8")
            self.reporters.append(HtmlReporter(self.html_file, options))
        if args.baseline and args.baseline_commit:
            raise UsageError("--baseline and --baseline-commit: give one of them")
        # --baseline-commit overrides a baseline file the configuration names; its baseline is made in run()
        self.baseline = None if args.baseline_commit else self._read_baseline(settings.baseline)
        self.ignores = PerFileIgnores(settings.per_file_ignores, settings.config_dir) \
            if settings.per_file_ignores else None
        self.writer = BaselineWriter() if args.write_baseline else None
        self.supersedes = superseded({info.id: info.supersedes for info in infos})

    @staticmethod
    def _read_baseline(path: Path | None) -> Baseline | None:
        if path is None:
            return None
        try:
            return Baseline.read(path)
        except BaselineError as exc:
            raise UsageError(str(exc)) from None

    def run(self) -> tuple[RunSummary, int, int | None]:
        """(summary, number of unreadable files, rank of the worst finding reported)."""
        paths = input_files(self.settings.paths, self.settings.glob)
        job = Job(tuple(self.settings.extend_rules), tuple(self.settings.select),
                  tuple(self.settings.ignore), want_tables=bool(self.html_path), cache=self.cache,
                  extend_select=tuple(self.settings.extend_select),
                  stdin=read_stdin(paths), stdin_name=self.settings.stdin_name)
        if self.args.baseline_commit:
            self.baseline = self._baseline_at(self.args.baseline_commit, paths, job)
        summary, worst = RunSummary(), None
        progress = Progress(len(paths), sys.stderr, enabled=not self.args.quiet)
        for reporter in self.reporters:
            reporter.start()
        try:
            for result in run(paths, job, self.rules, self.settings.jobs):
                if result.problem:
                    progress.message(str(result.problem))
                for warning in result.warnings:
                    progress.message(str(warning))
                progress.step()
                self._accept(result)
                summary.add(result)
                for finding in result.findings:
                    worst = max(worst or 0, finding.severity.rank)
                for reporter in self.reporters:
                    reporter.file(result)
        finally:
            progress.close()
        for reporter in self.reporters:
            reporter.finish(summary)
        if self.html_path:
            self.html_file.close()
        if self.writer:
            self.writer.write(Path(self.args.write_baseline))
        return summary, summary.problems, worst

    def _baseline_at(self, revision: str, paths: list[str], job: Job) -> Baseline:
        """The findings of the files as they were at the revision (a file new since has none), as a baseline."""
        from checker.cli.revision import contents_at

        contents = contents_at(revision, paths)
        old = replace(job, want_tables=False, stdin=None, contents=contents)
        known = [path for path in paths if path in contents]
        results = run(known, old, self.rules, self.settings.jobs)
        return Baseline.of(f for result in results for f in result.findings)

    def _accept(self, result: FileResult) -> None:
        """Drop the findings per-file-ignores names; record the rest for a new baseline; drop those the baseline
        knows; fold what is left of related rules' findings on the same cells into one (checker.findings.fold).

        Folding comes last, so that a rule ignored in a file takes no other rule's finding with it, and a
        baseline records every finding, whichever stands for the others."""
        if self.ignores:
            result.findings = [f for f in result.findings if self.ignores.keeps(f)]
        if self.writer:
            for finding in result.findings:
                self.writer.add(finding)
        if self.baseline:
            result.findings = [f for f in result.findings if not self.baseline.is_known(f)]
        result.findings = fold(result.findings, self.supersedes)
