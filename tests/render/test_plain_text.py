"""kzcn.render.plain_text: whatever it prints is what Rich prints for the same text without colour, and it leaves to
Rich every text it cannot measure as Rich does."""

import io

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from kzcn.render.plain_text import plain_lines
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
