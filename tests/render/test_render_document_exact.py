"""The terminal renderer's annotated texts and fact sheets, character for character, with and without colour."""

from __future__ import annotations

import json

from builders import result
from kzcn.model.document import Block, Document, Mark, Note
from kzcn.model.result import Field, Result, Section
from kzcn.render import Format, RenderOptions, render
from kzcn.render.document import legend_line

# A paragraph with two marks (the second the one a reader asked for), one with none; a third kind with no colour of
# its own, and a note whose kind the legend does not know.
DOCUMENT = Document(
    title="article (en)",
    language="en",
    blocks=(
        Block(
            1,
            "Trade grew fast in 2017.",
            (Mark(6, 10, 1, "statistic"), Mark(19, 23, 2, "forecast", focus=True)),
            (
                Note(1, "trade-grew", "statistic", "statistic · the article says it"),
                Note(2, "in-2017", "forecast", "forecast"),
            ),
        ),
        Block(3, "Nothing here.", (), ()),
    ),
    legend=(("statistic", "S", "statistic"), ("forecast", "F", "forecast")),
)

PLAIN = (
    "Marks: ⟦quoted words⟧Kn = words fact n quotes, K its kind: S statistic (statistic); F forecast\n"
    "(forecast). Unmarked text: no fact quotes it (dimmed in colour).\n"
    "\n"
    "¶1\n"
    "Trade ⟦grew⟧S1 fast in ⟦2017⟧F2.\n"
    "  S1  trade-grew: statistic · the article says it\n"
    "  F2  in-2017: forecast\n"
    "\n"
    "¶3\n"
    "Nothing here.\n"
    "\n"
)


def table(result: Result, color: bool, width: int = 100) -> str:
    return render(result, Format.table, RenderOptions(color=color, width=width))


def test_legend_line_names_each_letter_style_and_meaning() -> None:
    assert legend_line(DOCUMENT) == (
        "Marks: ⟦quoted words⟧Kn = words fact n quotes, K its kind: S statistic (statistic); F forecast (forecast). "
        "Unmarked text: no fact quotes it (dimmed in colour)."
    )


def test_annotated_text_without_colour_is_plain_marks_and_notes() -> None:
    assert table(result(document=DOCUMENT), color=False) == PLAIN


def test_annotated_text_in_colour_dims_unquoted_words_and_colours_each_kind() -> None:
    assert table(result(document=DOCUMENT), color=True) == (
        "\x1b[2mMarks: ⟦quoted words⟧Kn = words fact n quotes, K its kind: S statistic (statistic); F forecast\x1b[0m\n"
        "\x1b[2m(forecast). Unmarked text: no fact quotes it (dimmed in colour).\x1b[0m\n"
        "\n"
        "\x1b[1m¶1\x1b[0m\n"
        # brackets bold, unquoted words dim, a statistic green underlined, the asked-for forecast yellow, bold, reversed
        "\x1b[2mTrade \x1b[0m\x1b[1m⟦\x1b[0m\x1b[4;32mgrew\x1b[0m\x1b[1m⟧S1\x1b[0m\x1b[2m fast in \x1b[0m"
        "\x1b[1m⟦\x1b[0m\x1b[1;4;7;33m2017\x1b[0m\x1b[1m⟧F2\x1b[0m\x1b[2m.\x1b[0m\n"
        "  S1  trade-grew: statistic · the article says it\n"
        "  F2  in-2017: forecast\n"
        "\n"
        "\x1b[1m¶3\x1b[0m\n"
        "\x1b[2mNothing here.\x1b[0m\n"
        "\n"
    )


def test_a_kind_without_a_colour_is_underlined_and_an_unknown_letter_is_a_question_mark() -> None:
    document = Document(
        title="t",
        language=None,
        blocks=(Block(2, "Big words.", (Mark(0, 3, 1, "claim"),), (Note(1, "big", "claim", "a claim"),)),),
        legend=(),
    )
    assert table(result(document=document), color=True) == (
        "\x1b[2mMarks: ⟦quoted words⟧Kn = words fact n quotes, K its kind: . Unmarked text: no fact quotes it\x1b[0m\n"
        "\x1b[2m(dimmed in colour).\x1b[0m\n"
        "\n"
        "\x1b[1m¶2\x1b[0m\n"
        "\x1b[1m⟦\x1b[0m\x1b[4mBig\x1b[0m\x1b[1m⟧?1\x1b[0m\x1b[2m words.\x1b[0m\n"
        "  ?1  big: a claim\n"
        "\n"
    )


def test_nested_marks_take_the_innermost_kind_and_either_focus() -> None:
    document = Document(
        title="t",
        language=None,
        blocks=(
            Block(
                1,
                "abcdef",
                (Mark(0, 6, 1, "statistic", focus=True), Mark(2, 4, 2, "opinion")),
                (Note(1, "outer", "statistic", "o"), Note(2, "inner", "opinion", "i")),
            ),
        ),
        legend=(("statistic", "S", "statistic"), ("opinion", "O", "opinion")),
    )
    text = table(result(document=document), color=True)
    assert text.splitlines()[4] == (
        "\x1b[1m⟦\x1b[0m\x1b[1;4;7;32mab\x1b[0m\x1b[1m⟦\x1b[0m\x1b[1;4;7;35mcd\x1b[0m\x1b[1m⟧O2\x1b[0m"
        "\x1b[1;4;7;32mef\x1b[0m\x1b[1m⟧S1\x1b[0m"
    )


SHEET = result(
    title="Fact sheet",
    sections=(
        Section("Source", ("First paragraph.", "Second paragraph.")),
        Section(
            "Counts", (), Result(fields=(Field("kind", "Kind"), Field("n", "N")), records=({"kind": "event", "n": 2},))
        ),
    ),
)


def test_fact_sheet_without_colour_titles_upper_case_headings_prose_and_tables() -> None:
    assert table(SHEET, color=False, width=40) == (
        "Fact sheet\n"
        "\n"
        "SOURCE\n"
        "First paragraph.\n"
        "Second paragraph.\n"
        "\n"
        "COUNTS\n"
        "\n"
        " Kind    N\n"
        " ─────────\n"
        " event   2\n"
        "\n"
        "\n"
    )


def test_fact_sheet_in_colour_has_a_bold_title_and_bold_headings_only() -> None:
    lines = table(SHEET, color=True, width=40).splitlines()
    assert lines[:7] == [
        "\x1b[1mFact sheet\x1b[0m",
        "",
        "\x1b[1mSOURCE\x1b[0m",
        "First paragraph.",
        "Second paragraph.",
        "",
        "\x1b[1mCOUNTS\x1b[0m",
    ]


def test_fact_sheet_without_a_title_starts_at_its_first_heading() -> None:
    untitled = result(sections=(Section("Only", ("Words.",)),))
    assert table(untitled, color=False) == "ONLY\nWords.\n\n"


def test_fact_sheet_as_json_is_one_object_of_title_and_sections_with_their_records() -> None:
    text = render(SHEET, Format.json, RenderOptions())
    assert json.loads(text) == {
        "title": "Fact sheet",
        "lead": [],
        "sections": [
            {"heading": "Source", "text": ["First paragraph.", "Second paragraph."], "records": []},
            {"heading": "Counts", "text": [], "records": [{"kind": "event", "n": 2}]},
        ],
    }
    assert text.startswith(
        '{\n  "title": "Fact sheet",\n  "lead": [],\n  "sections": [\n    {\n      "heading": "Source",'
    )
    assert text.endswith("}\n")


def test_fact_sheet_as_json_escapes_beyond_ascii_only_when_the_output_needs_it() -> None:
    sheet = result(title="Ü", sections=(Section("É"),))
    section = '[\n    {\n      "heading": "%s",\n      "text": [],\n      "records": []\n    }\n  ]'
    assert render(sheet, Format.json, RenderOptions()) == '{\n  "title": "Ü",\n  "lead": [],\n  "sections": %s\n}\n' % (
        section % "É"
    )
    assert render(sheet, Format.json, RenderOptions(ascii_only=True)) == (
        '{\n  "title": "\\u00dc",\n  "lead": [],\n  "sections": %s\n}\n' % (section % "\\u00c9")
    )


def test_a_fact_sheet_in_json_is_one_document_whatever_the_fields() -> None:
    # The JSON contract: one shape per command (the CLI refuses --fields for report's JSON; csv and tsv take it).
    sheet = Result(fields=(Field("id", "ID"),), records=({"id": "a"},), title="T", sections=(Section("S"),))
    document = {"title": "T", "lead": [], "sections": [{"heading": "S", "text": [], "records": []}]}
    assert json.loads(render(sheet, Format.json, RenderOptions(fields=["id"]))) == document
    assert json.loads(render(sheet, Format.ndjson, RenderOptions())) == document
    assert render(sheet, Format.csv, RenderOptions(fields=["id"])) == "id\na\n"
