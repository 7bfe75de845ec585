"""What Markdown and HTML share for one-thing sheets and quotes in context, as exact strings."""

from __future__ import annotations

import pytest

from kzcn.model.result import Context, Field
from kzcn.render.reading import labelled_value, quote_in_context

AMOUNT = Field("amount", "Amount", missing="unknown", flag="is_forecast", flag_text=" (forecast)")
PARAGRAPHS = Field("paragraphs", "Paragraphs", item_prefix="¶", joiner=", ")


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"amount": None}, "unknown"),
        ({}, "unknown"),
        ({"amount": []}, "unknown"),
        ({"amount": "$5 billion", "is_forecast": True}, "$5 billion (forecast)"),
        ({"amount": "$5 billion", "is_forecast": False}, "$5 billion"),
        ({"amount": "$5 billion"}, "$5 billion"),
        ({"amount": 0}, "0"),
        ({"amount": ""}, ""),
    ],
)
def test_labelled_value_says_the_fields_word_for_nothing_and_adds_its_flag_text_only_when_set(
    record: dict[str, object], expected: str
) -> None:
    assert labelled_value(AMOUNT, record) == expected


def test_labelled_value_says_yes_and_no_for_booleans() -> None:
    flag = Field("approximate", "Approximate")
    assert (labelled_value(flag, {"approximate": True}), labelled_value(flag, {"approximate": False})) == ("yes", "no")


def test_labelled_value_joins_list_items_with_their_prefix() -> None:
    assert labelled_value(PARAGRAPHS, {"paragraphs": [1, 4]}) == "¶1, ¶4"
    assert labelled_value(PARAGRAPHS, {"paragraphs": [3]}) == "¶3"


def test_labelled_value_writes_object_items_through_the_fields_format() -> None:
    quotes = Field("quotes", "Quotes", item_format="¶{paragraph}: {text}", joiner=" | ")
    record = {"quotes": [{"paragraph": 2, "text": "forty trains"}, {"paragraph": 5, "text": "$ 2 billion"}]}
    assert labelled_value(quotes, record) == "¶2: forty trains | ¶5: $ 2 billion"


def test_quote_in_context_splits_the_paragraph_around_the_quote() -> None:
    context = Context(paragraph=2, text="In 2017 the port handled 40 trains.", start=8, end=24)
    assert quote_in_context(context) == ("In 2017 ", "the port handled", " 40 trains.")


def test_quote_in_context_gives_the_whole_paragraph_before_an_empty_quote_when_it_is_not_there() -> None:
    context = Context(paragraph=2, text="In 2017 the port handled 40 trains.", start=-1, end=-1)
    assert quote_in_context(context) == ("In 2017 the port handled 40 trains.", "", "")


def test_quote_in_context_at_the_very_start_of_the_paragraph() -> None:
    context = Context(paragraph=1, text="Forty trains a day.", start=0, end=12)
    assert quote_in_context(context) == ("", "Forty trains", " a day.")


def test_pieces_open_the_longest_mark_first_close_the_innermost_first_and_carry_no_words_at_edges() -> None:
    from kzcn.model.document import Block, Mark
    from kzcn.render.reading import Piece, pieces

    outer, inner, later = Mark(0, 6, 1, "statistic"), Mark(0, 3, 2, "event"), Mark(4, 8, 3, "opinion")
    block = Block(1, "abcdefghij", (inner, outer, later), ())
    assert list(pieces(block)) == [
        Piece("", (), opens=outer),
        Piece("", (), opens=inner),
        Piece("abc", (outer, inner)),
        Piece("", (), closes=inner),
        Piece("d", (outer,)),
        Piece("", (), opens=later),
        Piece("ef", (outer, later)),
        Piece("", (), closes=outer),
        Piece("gh", (later,)),
        Piece("", (), closes=later),
        Piece("ij", ()),
    ]
