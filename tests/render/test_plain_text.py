"""kzcn.render.plain_text: whatever it prints is what Rich prints for the same text without colour, and it leaves to
Rich every text it cannot measure as Rich does."""

import io
from collections.abc import Callable

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from kzcn.render.grid import Cell, Grid
from kzcn.render.plain_text import plain_grid, plain_lines
from kzcn.render.table import Unwrapped

ALPHABET = st.sampled_from(
    [*"abcdefghij", *"  ", "\n", "\u00a0", "\u2003", "é", "ж", "Ω", "—", "“", "”", "…", "¶", "⟦", "⟧", ".", ",", "-"]
)
"""Characters Rich measures as one cell (spaces of several kinds and line ends among them)."""

ELSEWHERE = ["中", "\t", "\u0301", "\u200b", "😀", "\x1b", "\u3000", "\u2028"]
"""Characters of other widths or meanings: a text with one of them goes to Rich."""


def rich_prints(text: Text, width: int, *, soft_wrap: bool) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, no_color=True, color_system=None, emoji=False, highlight=False)
    console.print(text, crop=False, soft_wrap=soft_wrap)
    return buffer.getvalue()


@settings(max_examples=400, deadline=None)
@given(
    words=st.lists(st.text(ALPHABET, max_size=30), max_size=12),
    width=st.integers(min_value=1, max_value=50),
    wrap=st.booleans(),
)
@example(words=["a" * 25, "  b"], width=10, wrap=True)  # a word longer than the line, folded
@example(words=["word   ", "    "], width=5, wrap=True)  # whitespace past the width
@example(words=["", "\n", ""], width=10, wrap=True)
def test_what_it_prints_is_what_rich_prints(words: list[str], width: int, wrap: bool) -> None:
    content = " ".join(words)
    text = Text(content) if wrap else Unwrapped(content)
    printed = plain_lines(text, width, wrap=wrap)
    assert printed is not None
    assert printed == rich_prints(text, width, soft_wrap=not wrap)


@pytest.mark.parametrize("character", ELSEWHERE)
def test_a_character_of_another_width_or_meaning_goes_to_rich(character: str) -> None:
    assert plain_lines(Text(f"ab {character} cd"), 40, wrap=True) is None


@pytest.mark.parametrize(
    "text",
    [Text("ab", justify="center"), Text("ab", overflow="ellipsis"), Text("ab", no_wrap=True), Text("ab", end="")],
)
def test_a_text_with_its_own_settings_goes_to_rich(text: Text) -> None:
    assert plain_lines(text, 40, wrap=True) is None


def test_styles_print_nothing_without_colour() -> None:
    text = Text("a ")
    text.append("styled words", style="bold underline green")
    assert plain_lines(text, 6, wrap=True) == "a \nstyled\nwords\n" == rich_prints(text, 6, soft_wrap=False)


def test_the_one_cell_characters_are_those_rich_measures_so_line_ends_aside(monkeypatch: pytest.MonkeyPatch) -> None:
    import rich.cells

    from kzcn.render import plain_text

    monkeypatch.setattr(plain_text, "_ONE_CELL", {})  # asked of Rich afresh
    monkeypatch.setattr(plain_text, "_ONE_CELL_SEEN", set())
    asked: list[str] = []
    measure = rich.cells.get_character_cell_size
    monkeypatch.setattr(
        rich.cells, "get_character_cell_size", lambda character: asked.append(character) or measure(character)
    )
    one_cell = {" ", "X", "~", "\u00a0", "é", "\u052f", "\u2000", "—", "\u27ff"}
    assert plain_text._one_cell(one_cell)
    for character in ["\x1f", "\x7f", "\x85", "\u2028", "\u2029", "中", "\u0301", "\u200b", "\u3000"]:
        assert not plain_text._one_cell({character}), repr(character)
    assert not plain_text._one_cell({"X", "中"})
    assert sorted(asked) == sorted(one_cell | {"\u0301", "\u200b"})  # the others lie outside the ranges
    asked.clear()
    assert plain_text._one_cell(one_cell) and not plain_text._one_cell({"中"})
    assert asked == []  # once per character, per process


def rich_prints_table(grid: Grid, width: int) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=width, no_color=True, color_system=None, emoji=False, highlight=False, markup=False
    )
    console.print(grid.rich_table(), crop=False)
    return buffer.getvalue()


def grid(
    headers: list[str], widths: list[int], whole: list[bool], rows: list[list[Cell]], *, header: bool = True
) -> Grid:
    """A table as kzcn's table_layout lays one out: every column its width, folded, ids unwrapped."""
    return Grid(tuple(headers), tuple(widths), tuple(whole), rows, header, ascii=False)


CELL = st.lists(st.sampled_from(["a", "bb", "word", "x" * 17, " ", "  ", "\n", "é", "—", "¶4", "“q”"]), max_size=14)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), columns=st.integers(min_value=1, max_value=4), width=st.integers(min_value=8, max_value=120))
def test_a_table_prints_as_rich_prints_it(data: st.DataObject, columns: int, width: int) -> None:
    widths = data.draw(st.lists(st.integers(1, 20), min_size=columns, max_size=columns))
    whole = data.draw(st.lists(st.booleans(), min_size=columns, max_size=columns))
    headers = data.draw(st.lists(CELL.map("".join), min_size=columns, max_size=columns))
    # A cell is a Text where colour would style it, its string where nothing would: both print the same.
    cell = CELL.map("".join).flatmap(lambda plain: st.sampled_from([plain, Text(plain)]))
    rows = data.draw(st.lists(st.lists(cell, min_size=columns, max_size=columns), max_size=4))
    table = grid(headers, widths, whole, rows, header=data.draw(st.booleans()))
    printed = plain_grid(table, width)
    if printed is not None:  # None: too wide for the line, or an id wider than its column: Rich prints it
        assert printed == rich_prints_table(table, width)


def test_a_header_of_two_lines_stands_at_the_bottom_of_its_row() -> None:
    table = grid(["Id", "Words of a header"], [4, 9], [True, False], [["a-1", Text("one two three four")]])
    assert (
        plain_grid(table, 40)
        == rich_prints_table(table, 40)
        == (
            "                  \n"
            "        Words of  \n"
            " Id     a header  \n"
            " ──────────────── \n"
            " a-1    one two   \n"
            "        three     \n"
            "        four      \n"
            "                  \n"
        )
    )


@pytest.mark.parametrize(
    "change",
    [
        lambda table: table._replace(ascii=True),
        lambda table: table._replace(rows=[*table.rows, ["b", "中文"]]),  # a character of two cells
        lambda table: table._replace(rows=[*table.rows, ["b", "tab\tbed"]]),
        lambda table: table._replace(rows=[*table.rows, [Text("b"), Text("x", justify="center")]]),
        lambda table: table._replace(rows=[*table.rows, ["a-long-id", "x"]]),  # an id wider than its column: cropped
    ],
)
def test_a_table_plain_grid_cannot_print_goes_to_rich(change: Callable[[Grid], Grid]) -> None:
    table = grid(["Id", "Words"], [4, 9], [True, False], [["a-1", "one two"]])
    assert plain_grid(table, 40) is not None
    assert plain_grid(change(table), 40) is None


def test_a_table_wider_than_the_line_goes_to_rich() -> None:
    table = grid(["Id", "Words"], [4, 9], [True, False], [["a-1", "one two"]])
    assert plain_grid(table, 4 + 9 + 5) is not None  # " " + 4 + pad + " " + pad + 9 + " "
    assert plain_grid(table, 4 + 9 + 4) is None


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.text(ALPHABET, max_size=30), max_size=12), width=st.integers(min_value=1, max_value=50))
def test_a_string_prints_as_its_text_would(words: list[str], width: int) -> None:
    content = " ".join(words)
    assert plain_lines(content, width, wrap=True) == plain_lines(Text(content), width, wrap=True)


ASCII_WORDS = st.sampled_from(["a", "bb", "word", "x" * 17, "y" * 40, " ", "  ", "   ", ".,-"])


@settings(max_examples=400, deadline=None)
@given(words=st.lists(ASCII_WORDS, max_size=20), width=st.integers(min_value=1, max_value=30), wrap=st.booleans())
@example(words=["   ", "y" * 40, " ", "a"], width=7, wrap=True)  # leading spaces before a word longer than the line
@example(words=["word", " ", "x" * 17, "   "], width=4, wrap=True)  # a word folded, then spaces past the width
def test_a_line_of_ascii_prints_as_rich_prints_it(words: list[str], width: int, wrap: bool) -> None:
    """Printable ASCII lines are broken by str.find and str.rfind (_ascii_break_offsets), not by listing words."""
    content = "".join(words)
    text = Text(content) if wrap else Unwrapped(content)
    assert plain_lines(text, width, wrap=wrap) == rich_prints(text, width, soft_wrap=not wrap)


@settings(max_examples=400, deadline=None)
@given(words=st.lists(ASCII_WORDS, max_size=20), width=st.integers(min_value=1, max_value=30))
def test_both_ways_of_breaking_a_line_of_ascii_agree(words: list[str], width: int) -> None:
    from kzcn.render.plain_text import _ascii_break_offsets, _break_offsets

    content = "".join(words)
    assert _ascii_break_offsets(content, width) == _break_offsets(content, width)
