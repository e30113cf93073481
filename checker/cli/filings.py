"""Which input files are the pages of one filing, to be checked together.

EDGAR numbers a filing's report pages R1, R2, ...; saved as text they keep the number in their
names: R2.txt, or 1015647_000117184318002347_R12.txt as the shared corpus names them.  Files in
one directory whose names differ only in that number are one filing's pages, and the checks
across pages (XR004, tick and tie) read them together, in R order: a note's page comes after
its statement's.  Any other file is a filing of its own, as is standard input.
"""
from __future__ import annotations

import os
import re

# the page number, after nothing or a separator: "R12.txt", "<cik>_<accession>_R12.txt", not "HR12.txt"
PAGE_NAME = re.compile(r"(?P<prefix>(?:.*[^A-Za-z0-9])?)R(?P<number>\d+)(?P<suffix>\.[^.]*)?")
STDIN = "-"  # the path that stands for standard input


def filings(paths: list[str]) -> list[tuple[str, ...]]:
    """The paths grouped by filing: each filing where its first file comes in `paths`, its files in R order.
    A file given twice is checked twice, the second time as a filing of its own."""
    groups: list[list[tuple[int, str]]] = []
    by_name: dict[tuple[str, str, str], list[tuple[int, str]]] = {}
    for path in paths:
        match = None if path == STDIN else PAGE_NAME.fullmatch(os.path.basename(path))
        if match is None:
            groups.append([(0, path)])
            continue
        key = (os.path.dirname(os.path.abspath(path)), match["prefix"], match["suffix"] or "")
        group = by_name.get(key)
        if group is None:
            group = by_name[key] = []
            groups.append(group)
        elif any(_same(path, given) for _, given in group):  # the same file again
            group = []
            groups.append(group)
        group.append((int(match["number"]), path))
    return [tuple(path for _, path in sorted(group, key=lambda page: page[0])) for group in groups]


def _same(a: str, b: str) -> bool:
    """Do two paths name one file ("R2.txt", "./R2.txt", its absolute path)?"""
    return os.path.abspath(a) == os.path.abspath(b)
