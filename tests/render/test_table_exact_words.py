"""A figure in words is never split in a terminal table; only its column's header may wrap, and it loses nothing."""

from __future__ import annotations

from kzcn.model.result import WHOLE, WORDS, Field, Result
from kzcn.render import RenderOptions, table


def test_a_figure_columns_long_header_wraps_whole_words_when_its_values_are_narrower() -> None:
    result = Result(
        fields=(Field("id", "Id", shape=WHOLE), Field("amount", "Amount in words", shape=WORDS)),
        records=({"id": "abcdefghij", "amount": "$4 billion"},),
    )
    assert table.render(result, RenderOptions(width=26, fields=["id", "amount"])).split("\n") == [
        "",
        "              Amount in",
        " Id           words",
        " ───────────────────────",
        " abcdefghij   $4 billion",
        "",
        "",
    ]


def test_a_figure_columns_header_gets_eight_columns_and_a_longer_word_in_it_folds() -> None:
    fields = (
        Field("id", "Id", shape=WHOLE),
        Field("amount", "Amount in words", shape=WORDS),
        Field("pct", "Percentages", shape=WORDS),
    )
    result = Result(fields=fields, records=({"id": "abcdefghij", "amount": "$4", "pct": "5 %"},))
    assert table.render(result, RenderOptions(width=24, fields=["id", "amount"])).split("\n") == [
        "",
        "              Amount",
        " Id           in words",
        " ─────────────────────",
        " abcdefghij   $4",
        "",
        "",
    ]
    assert table.render(result, RenderOptions(width=24, fields=["id", "pct"])).split("\n") == [
        "",
        "              Percenta",
        " Id           ges",
        " ─────────────────────",
        " abcdefghij   5 %",
        "",
        "",
    ]
