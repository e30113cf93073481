"""The builder's trusted constructors make the very nodes pydantic's validation would."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import BaseModel

from checker.ast import parse_file
from checker.ast.construct import trusted
from checker.ast.model import Cell, Row, ValueKind

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted(FIXTURES.glob("pages/*.txt")) + sorted(FIXTURES.glob("rhtm/*.txt")) + [FIXTURES / "cli" / "seed.txt"]


def nodes(node: BaseModel):
    yield node
    for name in type(node).model_fields:
        value = getattr(node, name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, BaseModel):
                yield from nodes(item)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_node_is_what_validation_makes(page):
    for node in nodes(parse_file(str(page))):
        cls = type(node)
        validated = cls.model_validate({name: getattr(node, name) for name in cls.model_fields})
        assert list(node.__dict__) == list(cls.model_fields), cls.__name__
        assert node == validated, (cls.__name__, node.line)
        assert node.model_dump_json() == validated.model_dump_json()
        assert node.model_fields_set <= set(cls.model_fields)


def test_unknown_or_missing_fields_are_refused_as_validation_refuses_them():
    make = trusted(Row)
    with pytest.raises(TypeError, match="unknown"):
        make(line=1, source=[], label="x", colour="red")
    with pytest.raises(TypeError, match="missing"):
        make(line=1, source=[])


def test_lists_are_copied_as_validation_copies_them():
    source = ["|1,234"]
    cell = trusted(Cell)(line=3, source=source, raw="1,234", kind=ValueKind.number, value=Decimal(1234))
    source.append("changed")
    assert cell.source == ["|1,234"] and cell.table == [] and cell.model_fields_set == {
        "line", "source", "raw", "kind", "value"}
