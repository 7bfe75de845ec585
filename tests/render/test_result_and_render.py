"""Renderers take any Result and know no command: column behaviour, flags, legends and charts are metadata."""

from __future__ import annotations

from kzcn.model.result import PROSE, WHOLE, WORDS, Bar, Chart, Field, Result
from kzcn.render import Format, RenderOptions, render

FIELDS = (
    Field("code", "Code", shape=WHOLE),
    Field("kind", "Kind", styled=True),
    Field("words", "Words", searched=True),
    Field("figure", "Figure", shape=WORDS, flag="guess", flag_text=" (guess)"),
    Field("marks", "Marks", item_prefix="#", joiner=", "),
    Field("guess", "Guess"),
)
RECORDS = (
    {"code": "alpha-beta-gamma-delta", "kind": "red", "words": "the quick brown fox jumps over the lazy dog",
     "figure": "$1.5 billion", "marks": [1, 2], "guess": False},
    {"code": "zeta", "kind": "blue", "words": "a fox", "figure": "10 %", "marks": [], "guess": True},
)  # fmt: skip


def _table(result: Result, **options: object) -> str:
    return render(result, Format.table, RenderOptions(**options))  # type: ignore[arg-type]


def test_whole_columns_are_never_split_at_any_width() -> None:
    result = Result(fields=FIELDS, records=RECORDS, table_fields=("code", "words", "figure"))
    for width in (30, 40, 50, 60, 80, 120):
        text = _table(result, width=width)
        assert "alpha-beta-gamma-delta" in text, width
        assert "$1.5 billion" in text or "$1.5\u00a0billion" in text or ("$1.5" in text and "billion" in text), width


def test_list_items_get_their_prefix_and_joiner_and_flags_their_text() -> None:
    result = Result(fields=FIELDS, records=RECORDS, table_fields=("code", "marks", "figure"))
    text = _table(result, width=100)
    assert "#1, #2" in text
    assert "10 % (guess)" in text and "$1.5 billion (guess)" not in text


def test_legends_show_only_with_their_column_and_notes_always() -> None:
    result = Result(fields=FIELDS, records=RECORDS, legends=(("kind", "Kinds: red and blue."),), notes=("A note.",))
    assert "Kinds: red and blue." in _table(result, width=200)
    narrowed = _table(result, width=200, fields=["code"])
    assert "Kinds: red and blue." not in narrowed and "A note." in narrowed


def test_highlight_only_in_searched_fields() -> None:
    records = ({"code": "fox-id", "kind": "red", "words": "a fox", "figure": None, "marks": [], "guess": False},)
    result = Result(fields=FIELDS, records=records, table_fields=("code", "words"), highlight=("fox",))
    text = _table(result, width=80, color=True)
    assert "\x1b[7mfox\x1b[0m" in text  # reverse video in the searched column
    assert "fox-id" in text  # the id column is not searched: no style breaks it
    assert text.count("\x1b[7m") == 1


def test_record_layout_for_one_thing_and_its_context() -> None:
    record_fields = (Field("code", "The code"), Field("figure", "How much", flag="guess", flag_text=" (a guess)"))
    result = Result(fields=FIELDS, records=RECORDS[1:], single=True, record_fields=record_fields)
    text = _table(result, width=80)
    assert [line.rstrip() for line in text.splitlines()[:2]] == ["The code  zeta", "How much  10 % (a guess)"]
    json_text = render(result, Format.json, RenderOptions())
    assert '"code": "zeta"' in json_text and "The code" not in json_text


def test_chart_bars_are_drawn_from_fractions_with_distinct_fills() -> None:
    chart = Chart(
        bars=(Bar("big", 1.0, "solid", "$10"), Bar("half", 0.5, "light", "$5"), Bar("tiny", 0.0, "dense", "$0")),
        legend=(("solid", "stated"), ("light", "forecast")),
    )
    result = Result(fields=FIELDS[:1], records=({"code": "x"},), chart=chart)
    lines = _table(result, width=60).splitlines()
    big = next(line for line in lines if line.startswith("big"))
    half = next(line for line in lines if line.startswith("half"))
    tiny = next(line for line in lines if line.startswith("tiny"))
    assert big.count("█") == 2 * half.count("░") == 14  # 60 columns less the label (24) and the figure (22)
    assert tiny.count("▓") == 1  # a bar is never invisible
    assert lines[-1] == "█ stated   ░ forecast"


def test_prose_and_words_shapes_are_metadata_defaults() -> None:
    assert Field("a", "A").shape == PROSE
    assert {Field("a", "A", shape=WHOLE).shape, Field("b", "B", shape=WORDS).shape} == {WHOLE, WORDS}


def test_highlight_shows_what_case_folding_matched() -> None:
    from kzcn.render.table import matched_spans

    assert matched_spans("STRASSE and Straße", ["ß"]) == [(4, 6), (16, 17)]
    assert matched_spans("Straße", ["ss"]) == [(4, 5)]
    assert matched_spans("İstanbul fox FOX", ["fox", ""]) == [(9, 12), (13, 16)]
    assert matched_spans("nothing", ["fox"]) == []
    records = ({"code": "c", "kind": "red", "words": "GROSSE Straße", "figure": None, "marks": [], "guess": False},)
    result = Result(fields=FIELDS, records=records, table_fields=("code", "words"), highlight=("ß",))
    text = _table(result, width=80, color=True)
    assert "GRO\x1b[7mSS\x1b[0mE Stra\x1b[7mß\x1b[0me" in text


def test_stacked_records_wrap_prose_to_the_width_and_keep_ids_whole() -> None:
    fields = (Field("code", "Code", shape=WHOLE), Field("words", "Words"))
    prose = " ".join(["corridor"] * 500)  # 4,499 characters
    result = Result(fields=fields, records=({"code": "a-very-long-identifier-x", "words": prose},))
    lines = _table(result, width=20).splitlines()
    assert lines[0] == "Code: a-very-long-identifier-x"  # an id is never split
    assert lines[1] == "Words: corridor"
    assert all(line.strip(" ") in ("corridor", "corridor corridor", "") for line in lines[2:]), lines[2:5]
    assert max(len(line) for line in lines[1:]) <= 20
    assert " ".join(" ".join(lines[1:]).split()) == "Words: " + prose
    unbroken = "x" * 30  # a word longer than the width: one line, folded by the terminal, not by kzcn
    result = Result(fields=fields, records=({"code": "c" * 25, "words": f"a {unbroken} b"},))
    assert _table(result, width=20).splitlines()[1] == f"Words: a {unbroken} b"


def test_one_overlong_id_goes_on_lines_of_its_own_and_the_rest_stay_a_table() -> None:
    fields = (Field("code", "Code", shape=WHOLE), Field("words", "Words"))
    long_id = "id-" + "x" * 298
    records = (
        {"code": "first", "words": "one"},
        {"code": long_id, "words": "two"},
        {"code": "third", "words": "three"},
    )
    lines = [line.rstrip() for line in _table(Result(fields=fields, records=records), width=80).splitlines()]
    assert lines == [
        "",
        " Code    Words",
        " ─────────────",
        " first   one",
        "",
        f"Code: {long_id}",
        "Words: two",
        "",
        "",
        " third   three",
        "",
    ]
