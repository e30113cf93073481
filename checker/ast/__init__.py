"""Stage 2: the typed AST and the builder that makes it from grammar items."""
from checker.ast.model import (Cell, Column, ColumnGroup, Definition, Filing, Page, Row, RowKind,
                               StatementKind, Title, Unparsed, ValueKind)
from checker.ast.parse import InputError, parse_bytes, parse_file, parse_text

__all__ = ["Cell", "Column", "ColumnGroup", "Definition", "Filing", "InputError", "Page", "Row",
           "RowKind", "StatementKind", "Title", "Unparsed", "ValueKind", "parse_bytes", "parse_file", "parse_text"]
