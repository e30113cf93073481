"""Terminal output in the style of compilers and linters.

    path:line: severity RULE message
      diagnosis: ...
      also: FT001 (A run of rows foots ...)   (rules whose findings on these cells this one stands for)
      line 22  451,898  Number of incentive stock options | Dec. 31, 2020
      R2.txt:67  ...      (a cell in another file of the filing: XR004)

then a summary line with counts by severity (and, with --statistics, by rule).
Colour only when the CLI says the stream is a terminal.
"""
from __future__ import annotations

from checker.findings.model import Finding, Involved, Severity
from checker.reporters import Reporter
from checker.reporters.results import FileResult, RunSummary

_SEVERITY_COLOR = {"error": "1;31", "warning": "1;33", "info": "1;36"}


class TextReporter(Reporter):
    def _paint(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.options.color else text

    def file(self, result: FileResult) -> None:
        for finding in result.findings:
            self.out.write(self._headline(finding) + "\n")
            if not self.options.quiet:
                self.out.write("".join(line + "\n" for line in self._details(finding)))

    def _headline(self, finding: Finding) -> str:
        severity = finding.severity.value
        where = self._paint(f"{finding.path}:{finding.line}:", "1")
        return (f"{where} {self._paint(severity, _SEVERITY_COLOR[severity])} "
                f"{self._paint(finding.rule, '1')} {finding.message}")

    def _details(self, finding: Finding) -> list[str]:
        lines = []
        if finding.diagnosis:
            lines.append(f"  diagnosis: {finding.diagnosis}")
        if finding.also:
            lines.append("  also: " + "; ".join(map(self._named, finding.also)))
        cells = finding.cells_in_order()
        places = [f"line {c.line:>4}" if c.path is None else f"{c.path}:{c.line}" for c in cells]
        width, at = max((len(c.raw) for c in cells), default=0), max(map(len, places), default=0)
        for cell, where in zip(cells, places):
            lines.append(self._paint(f"  {where:<{at}}  {cell.raw:<{width}}  {cell_context(cell)}", "2"))
        note = "; columns not all shown on the page" if finding.ambiguous else ""
        lines.append(self._paint(f"  page {finding.page + 1}: {finding.page_title}{note}", "2"))
        lines.append("")
        return lines

    def _named(self, rule_id: str) -> str:
        title = self.options.title(rule_id)
        return f"{rule_id} ({title})" if title else rule_id

    def finish(self, summary: RunSummary) -> None:
        if self.options.statistics:
            self.out.write(self._statistics(summary))
        if self.options.quiet:
            return
        self.out.write(summary_line(summary) + "\n")

    def _statistics(self, summary: RunSummary) -> str:
        """One line per rule and severity its findings took, most first: the lines of a severity add up to
        the summary line's count of it."""
        rank = {severity.value: i for i, severity in enumerate(Severity)}
        counts = sorted(summary.by_rule_severity.items(), key=lambda item: (-item[1], item[0][0], rank[item[0][1]]))
        return "".join(f"{count:>6}  {rule_id:<8} {severity:<8} {self.options.title(rule_id)}".rstrip() + "\n"
                       for (rule_id, severity), count in counts)


def cell_context(cell: Involved) -> str:
    """Row label (with its members) and column header: where a reader finds the cell."""
    label = " > ".join([*cell.member_path, cell.label])
    return f"{label} | {cell.column}" if cell.column else label


def plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 or word == "info" else "s")


def summary_line(summary: RunSummary) -> str:
    scope = f"{plural(summary.files, 'file')} ({plural(summary.pages, 'page')})"
    problems = f"; {plural(summary.problems, 'file')} could not be read" if summary.problems else ""
    if not summary.findings:
        return f"No findings in {scope}{problems}."
    counts = ", ".join(plural(summary.by_severity[s], s) for s in ("error", "warning", "info"))
    return f"Found {plural(summary.findings, 'finding')} in {scope}: {counts}{problems}."


REPORTER = TextReporter
