"""JUnit XML: one test suite per file, one failing test case per finding.

A file without findings is one passing case; a file that could not be read is
an errored case.  Deterministic: no timestamps, no host names.
"""
from __future__ import annotations

import re
from xml.etree import ElementTree as ET

from checker.findings.model import Finding
from checker.reporters import Reporter, also_found
from checker.reporters.results import FileResult, RunSummary

# characters XML 1.0 cannot carry at all; a filing may contain them
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def failure_text(f: Finding) -> str:
    lines = [f"{f.path}:{f.line}: {f.severity.value} {f.rule} {f.message}"]
    lines += [text for text in (f.diagnosis, also_found(f)) if text]
    lines += [f"{'' if c.path is None else c.path + ' '}line {c.line}: {c.raw} ({c.label})" for c in f.cells]
    return xml_text("\n".join(lines))


class JunitReporter(Reporter):
    def start(self) -> None:
        self.root = ET.Element("testsuites", name="check")

    def file(self, result: FileResult) -> None:
        path = xml_text(result.path)
        suite = ET.SubElement(self.root, "testsuite", name=path)
        if result.problem:
            case = ET.SubElement(suite, "testcase", classname=path, name="read")
            error = ET.SubElement(case, "error", message=xml_text(result.problem.message))
            error.text = xml_text(str(result.problem))
        elif not result.findings:
            ET.SubElement(suite, "testcase", classname=path, name="consistency")
        for f in result.findings:
            case = ET.SubElement(suite, "testcase", classname=path, name=f"{f.rule} line {f.line}")
            failure = ET.SubElement(case, "failure", message=xml_text(f.message), type=f.severity.value)
            failure.text = failure_text(f)
        suite.set("tests", str(len(suite)))
        suite.set("failures", str(len(result.findings)))
        suite.set("errors", str(int(result.problem is not None)))

    def finish(self, summary: RunSummary) -> None:
        suites = list(self.root)
        for key in ("tests", "failures", "errors"):
            self.root.set(key, str(sum(int(s.get(key)) for s in suites)))
        ET.indent(self.root)
        self.out.write('<?xml version="1.0" encoding="utf-8"?>\n')
        self.out.write(ET.tostring(self.root, encoding="unicode") + "\n")


REPORTER = JunitReporter
