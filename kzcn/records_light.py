"""typing.NamedTuple's class syntax without importing typing: the small records every run defines.

`import typing` costs every kzcn run 2.8 ms, a third of what `python -c pass` costs (measured with re, enum and
collections already imported, as they are): more than any command's own work on the shipped knowledge base. A
module on the start-up path writes

    TYPE_CHECKING = False
    if TYPE_CHECKING:
        from typing import NamedTuple
    else:
        from kzcn.records_light import NamedTuple

so that type checkers see typing's NamedTuple, and a run gets the same class from collections.namedtuple: its
annotated fields in order, their defaults, its docstring and methods. tests/test_records_light.py holds the two to
the same behaviour.
"""

from __future__ import annotations

import collections

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (type checkers read the name as true)
if TYPE_CHECKING:
    from typing import Any

_NOT_COPIED = frozenset({"__annotations__", "__module__", "__qualname__", "__orig_bases__", "__dict__", "__weakref__"})


class _Maker(type):
    """Makes, of a class body written as typing.NamedTuple's, the collections.namedtuple it stands for."""

    def __new__(cls, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> Any:
        if not bases:
            return super().__new__(cls, name, bases, namespace)  # the base below itself
        annotations = namespace.get("__annotations__", {})
        fields = list(annotations)
        defaults = [namespace[field] for field in fields if field in namespace]
        with_default = [field in namespace for field in fields]
        if with_default != sorted(with_default):  # namedtuple gives defaults to the last fields, whichever they are
            raise TypeError(f"{name}: a field without a default follows one with a default")
        made = collections.namedtuple(name, fields, defaults=defaults, module=namespace.get("__module__"))  # type: ignore[misc]
        for key, value in namespace.items():
            if key not in _NOT_COPIED and key not in fields:
                setattr(made, key, value)  # methods, properties, the docstring
        made.__qualname__ = namespace.get("__qualname__", name)
        made.__annotations__ = annotations
        return made


class NamedTuple(metaclass=_Maker):
    """Subclass as typing.NamedTuple: `class Call(NamedTuple): name: str`."""
