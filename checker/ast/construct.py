"""pydantic models made from values already typed, without pydantic's validation.

Used for AST nodes (the builder types every value) and for the shipped rule packs rebuilt
from their validated dump (checker.rules.compiled).

Validating a node costs about 2.5 µs and a page has some 60 nodes, a fifth of
parse time.  The builder passes values of the declared types only (enums, not
their strings; Decimal; int; str; lists), so `trusted(Cell)(...)` makes the same
model instance validation would: the same `__dict__` in field order, defaults
filled, `model_fields_set` the names passed.  Lists are copied, as validation
copies them, so a node never shares a list with the builder or a memo.
pydantic's own `model_construct` would do, but it is slower than validating
(it inspects each default factory's signature on every call).
"""
from __future__ import annotations

from typing import Any, Callable, TypeVar, get_origin

from pydantic import BaseModel

NodeT = TypeVar("NodeT", bound=BaseModel)
_SET = object.__setattr__
_NEW = object.__new__
# BaseModel's slots, set through their own descriptors: object.__setattr__ looks each name up
# on the class for every node (about 1,000 instructions a slot; a page has some 60 nodes)
_SET_FIELDS_SET = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_SET_EXTRA = BaseModel.__dict__["__pydantic_extra__"].__set__
_SET_PRIVATE = BaseModel.__dict__["__pydantic_private__"].__set__
_REQUIRED = object()  # placeholder for a field with no default in the template


def trusted(cls: type[NodeT]) -> Callable[..., NodeT]:
    """A constructor for `cls` taking the same keyword arguments, trusting their types."""
    template: dict[str, Any] = {}
    lists: list[str] = []
    for name, field in cls.model_fields.items():
        # a list field's annotation may still be a forward reference (Cell.table: list[Row]) when the
        # models' schemas are deferred: its list() default factory says it too
        if get_origin(field.annotation) is list or field.default_factory is list:
            lists.append(name)
        if field.default_factory is not None and field.default_factory is not list:
            raise TypeError(f"{cls.__name__}.{name}: only list() default factories are supported")
        if field.is_required():
            template[name] = _REQUIRED
        else:  # a list field not given starts from an empty tuple, copied to a new list below
            template[name] = () if name in lists else field.default
    size = len(template)
    required = frozenset(name for name, default in template.items() if default is _REQUIRED)
    list_fields = tuple(lists)

    def make(**values: Any) -> NodeT:
        fields = template.copy()
        fields.update(values)  # known names keep the field order; an unknown one adds a key
        given = set(values)    # the node's fields_set; a set makes `required <= given` a plain subset test
        if len(fields) != size or not required <= given:  # what extra="forbid" and required refuse
            raise TypeError(f"{cls.__name__}: missing {sorted(required - given)} "
                            f"or unknown {sorted(given - template.keys())}")
        for name in list_fields:  # a new list each: given (copied) or the template's () (empty)
            fields[name] = [*fields[name]]
        node = _NEW(cls)
        _SET(node, "__dict__", fields)
        _SET_FIELDS_SET(node, given)
        _SET_EXTRA(node, None)
        _SET_PRIVATE(node, None)
        return node

    make.__name__ = make.__qualname__ = f"trusted_{cls.__name__}"
    return make


def assign(node: BaseModel, name: str, value: Any) -> None:
    """`node.name = value` as pydantic's __setattr__ does it (no validate_assignment), at a third of the cost."""
    node.__dict__[name] = value
    node.__pydantic_fields_set__.add(name)
