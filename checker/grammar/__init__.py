"""Stage 1: the line grammar (pyparsing tokens in tokens.py) and its compiled lexer.

Importing this package does not import pyparsing: the lexer runs on the tables
compiled from the grammar; `checker.grammar.tokens` is the grammar itself.
"""
from checker.grammar.lexer import classify_line, classify_value
from checker.grammar.token import Token

__all__ = ["Token", "classify_line", "classify_value"]
