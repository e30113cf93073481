"""Stage 1: the line grammar (pyparsing tokens) and its compiled lexer."""
from checker.grammar.lexer import classify_line, classify_value
from checker.grammar.tokens import LINE, VALUE, Token

__all__ = ["LINE", "VALUE", "Token", "classify_line", "classify_value"]
