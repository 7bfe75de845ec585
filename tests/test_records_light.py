"""kzcn.records_light: a class written as typing.NamedTuple's behaves as typing's does, and needs no typing."""

from __future__ import annotations

import subprocess
import sys
import typing

import pytest

from kzcn import records_light


def define(base: type) -> type:
    class Call(base):  # type: ignore[valid-type,misc]
        """A call."""

        name: str
        """Its name."""
        root: dict[str, int]
        arguments: tuple[str, ...] = ()
        quiet: bool = False

        def shout(self) -> str:
            return self.name.upper()

        @property
        def size(self) -> int:
            return len(self.arguments)

    return Call


@pytest.mark.parametrize("base", [typing.NamedTuple, records_light.NamedTuple])
def test_a_record_is_a_tuple_of_its_fields_with_their_defaults_methods_and_docstring(base: type) -> None:
    call = define(base)
    made = call("facts", {"a": 1}, ("x", "y"))
    assert made == ("facts", {"a": 1}, ("x", "y"), False) and isinstance(made, tuple)
    assert call._fields == ("name", "root", "arguments", "quiet")
    assert call._field_defaults == {"arguments": (), "quiet": False}
    assert (made.name, made.quiet, made.shout(), made.size) == ("facts", False, "FACTS", 2)
    assert made._replace(quiet=True).quiet is True
    assert call.__doc__ == "A call." and call.__name__ == "Call" and call.__module__ == __name__
    assert call.__qualname__ == "define.<locals>.Call"
    assert repr(call("a", {})) == "Call(name='a', root={}, arguments=(), quiet=False)"
    with pytest.raises(AttributeError):
        made.name = "other"  # type: ignore[misc]


def test_a_field_without_a_default_after_one_with_is_refused_as_typing_refuses_it() -> None:
    for base in (typing.NamedTuple, records_light.NamedTuple):
        with pytest.raises(TypeError):

            class Wrong(base):  # type: ignore[valid-type,misc]
                first: int = 0
                second: int


def test_defining_records_imports_no_typing() -> None:
    program = (
        "import sys\n"
        "from kzcn.records_light import NamedTuple\n"
        "class Call(NamedTuple):\n"
        "    name: str\n"
        "assert Call('x').name == 'x'\n"
        "print('typing' in sys.modules)\n"
    )
    ran = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert ran.stdout == "False\n"
