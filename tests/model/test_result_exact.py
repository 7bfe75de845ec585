"""kzcn.model.result: how a field writes the items of a list, and which fields a result shows."""

import pytest

from kzcn.errors import UsageError
from kzcn.model.result import Field, Result


def test_an_item_is_written_after_the_fields_prefix_unless_asked_not_to() -> None:
    paragraphs = Field("paragraphs", "¶", item_prefix="¶")
    assert (paragraphs.item_text(3), paragraphs.item_text(3, prefixed=False)) == ("¶3", "3")
    assert Field("x", "X").item_text(3) == "3"


def test_an_object_item_is_written_through_the_fields_format_else_as_its_pairs() -> None:
    item = {"role": "part", "fact": "a"}
    assert Field("inputs", "Inputs", item_format="{role}={fact}").item_text(item) == "part=a"
    assert Field("inputs", "Inputs").item_text(item, prefixed=False) == "role: part, fact: a"


def test_select_gives_the_fields_asked_for_else_the_tables_or_all() -> None:
    a, b, c = Field("a", "A"), Field("b", "B"), Field("c", "C")
    result = Result(fields=(a, b, c), records=(), table_fields=("c", "a"))
    assert result.select(["b", "a"], table=True) == (b, a)
    assert result.select(None, table=True) == (c, a)
    assert result.select(None, table=False) == (a, b, c)
    assert Result(fields=(a, b), records=()).select(None, table=True) == (a, b)
    with pytest.raises(UsageError, match=r"^unknown fields x, y for this command; valid fields: a, b, c$"):
        result.select(["x", "a", "y"], table=False)
    with pytest.raises(UsageError, match=r"^--fields names a more than once; name each field once$"):
        result.select(["a", "b", "a"], table=False)
