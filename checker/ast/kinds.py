"""The enum members the builder compares kinds with, read once.

On Python 3.11 EnumType defines __getattr__, so every evaluation of `ValueKind.text` goes
through the slow attribute hook (some 500 instructions, as much as making a small list); these
comparisons run for nearly every line and cell, about 4% of a cold parse.  A module constant
is a plain global read.
"""
from checker.ast.model import RowKind, ValueKind

MONEY, NUMBER, PERCENT = ValueKind.money, ValueKind.number, ValueKind.percent
TEXT, EMPTY = ValueKind.text, ValueKind.empty
ITEM_ROW, MEMBER_ROW, ABSTRACT_ROW = RowKind.item, RowKind.member, RowKind.abstract
