"""Hand-made findings and page tables for the reporter tests (no parser or rules needed)."""
from __future__ import annotations

from checker.findings.model import Finding, Involved, Severity
import io

from checker.reporters import Reporter, ReportOptions
from checker.reporters.results import FileResult, RuleInfo, RunSummary
from checker.reporters.tables import PageTable, TableCell, TableRow

SEED_TITLE = "NATURE OF OPERATIONS AND SUMMARY OF SIGNIFICANT ACCOUNTING POLICIES (Details Narrative)"
RULES = (
    RuleInfo("XR001", "Options outstanding agree with antidilutive options", "error",
             "The number of options outstanding equals the options excluded from diluted EPS.",
             "A keying error in a share count misleads readers of the EPS note.", ("ASC 260-10-50-1",)),
    RuleInfo("RG001", "Percentages lie between 0% and 100%", "warning", "A share of a whole."),
    RuleInfo("NM001", "Near-miss numbers", "info", "Two numbers one digit apart."),
)


def options(**kw) -> ReportOptions:
    return ReportOptions(rules=RULES, **kw)


def feed(make_reporter, results: list[FileResult], **kw) -> str:
    """Run a reporter (a class or a factory taking (out, options)) over results; its output."""
    out = io.StringIO()
    reporter: Reporter = make_reporter(out, options(**kw))
    summary = RunSummary()
    reporter.start()
    for result in results:
        summary.add(result)
        reporter.file(result)
    reporter.finish(summary)
    return out.getvalue()


def options_mismatch(path: str = "filing.txt", label: str = "Number of incentive stock options") -> Finding:
    return Finding(
        rule="XR001", severity=Severity.error, path=path, page=0, page_title=SEED_TITLE,
        message="Number of incentive stock options 451,898 differs from antidilutive employee stock options 471,898",
        diagnosis="one digit differs: 5 -> 7 in the ten-thousands place; probable keying error",
        cells=(
            Involved(line=22, raw="451,898", label=label, column="Dec. 31, 2020", role="left"),
            Involved(line=35, raw="471,898", label="Antidilutive securities excluded from computation of "
                     "earnings per share", member_path=("Employee Stock Options [Member]",),
                     column="Dec. 31, 2020", role="right"),
        ),
    )


def percent_warning(path: str = "filing.txt") -> Finding:
    return Finding(
        rule="RG001", severity=Severity.warning, path=path, page=0, page_title=SEED_TITLE,
        message="Concentration of Credit Risk 79.00% is above the other customers' total",
        cells=(Involved(line=58, raw="79.00%", label="Concentration of Credit Risk",
                        member_path=("Customer B [Member]", "Revenue"), role="value"),),
        ambiguous=True,
    )


def seed_table(label: str = "Number of incentive stock options") -> PageTable:
    columns = ("1 Months Ended: Jan. 31, 2020", "3 Months Ended: Mar. 31, 2021", "3 Months Ended: Mar. 31, 2020",
               "12 Months Ended: Dec. 31, 2020", "12 Months Ended: Dec. 31, 2019")
    rows = (
        TableRow("Deferred Revenue", (), "item", (TableCell(18, "$ 315,370", (3,)), TableCell(19, "$ 936,428", (4,)))),
        TableRow(label, (), "item", (TableCell(22, "451,898", (3,)),)),
        TableRow("Antidilutive securities excluded from computation of earnings per share",
                 ("Employee Stock Options [Member]",), "item", (TableCell(35, "471,898", (3,)),)),
        TableRow("Concentration of Credit Risk", ("Customer B [Member]", "Revenue"), "item",
                 (TableCell(58, "79.00%", (0, 1)), TableCell(59, "13.00%", (1, 2)))),
    )
    return PageTable(0, SEED_TITLE, 1, columns, rows)


def seed_result(path: str = "filing.txt", label: str = "Number of incentive stock options",
                tables: bool = True) -> FileResult:
    findings = [options_mismatch(path, label), percent_warning(path)]
    return FileResult(path, pages=1, findings=findings, tables={0: seed_table(label)} if tables else {})
