"""Terminal tables, exactly: columns sized to fit, giving way prose first, records on lines of their own when even
ids cannot stand whole, colour and ASCII, one-thing sheets, charts and search highlights."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kzcn.model.document import Block, Document, Mark, Note
from kzcn.model.result import WHOLE, WORDS, Bar, Chart, Context, Field, Result, Section
from kzcn.render import RenderOptions, table

FIELDS = (
    Field("id", "Id", shape=WHOLE),
    Field("kind", "Kind", styled=True),
    Field("statement", "Statement", searched=True),
    Field("amount", "Amount", shape=WORDS, flag="guess", flag_text=" (guess)"),
    Field("paragraphs", "Paragraphs", item_prefix="¶", joiner=", "),
    Field("share", "Share", shape=WHOLE),
    Field("checked", "Checked", missing="unknown"),
    Field("extra", "Extra"),
)
RECORDS = (
    {"id": "port-trains", "kind": "statistic", "statement": "The port handled 40 trains in 2017.",
     "amount": "40 trains", "guess": False, "paragraphs": [1, 2], "share": 0.25, "checked": True, "extra": "x"},
    {"id": "income-forecast-2020", "kind": "forecast", "statement": "Income is forecast to rise to $4 billion by 2020.",
     "amount": "$4 billion", "guess": True, "paragraphs": [], "share": 1.0, "checked": None, "extra": "y"},
)  # fmt: skip
FACTS = Result(
    fields=FIELDS,
    records=RECORDS,
    table_fields=tuple(field.key for field in FIELDS[:-1]),
    title="Facts [bold]",
    notes=("A note.",),
    legends=(("id", "Ids are stable."), ("extra", "Extra is not a default column.")),
)


def _lines(result: Result, **options: object) -> list[str]:
    """The table's lines; the text always ends with a newline."""
    text = table.render(result, RenderOptions(**options))  # type: ignore[arg-type]
    assert text.endswith("\n")
    return text.split("\n")[:-1]


WIDTH_200 = [
    "Facts [bold]",
    "",
    " Id                     Kind        Statement                                           Amount               Paragraphs   Share   Checked",
    " ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────",
    " port-trains            statistic   The port handled 40 trains in 2017.                 40 trains            ¶1, ¶2       0.25    yes",
    " income-forecast-2020   forecast    Income is forecast to rise to $4 billion by 2020.   $4 billion (guess)                1.0     unknown",
    "",
    "Ids are stable.",
    "A note.",
]
WIDTH_100 = [
    "Facts [bold]",
    "",
    " Id                     Kind        Statement              Amount               Paragraphs   Share",
    " ─────────────────────────────────────────────────────────────────────────────────────────────────",
    " port-trains            statistic   The port handled 40    40 trains            ¶1, ¶2       0.25",
    "                                    trains in 2017.",
    " income-forecast-2020   forecast    Income is forecast     $4 billion (guess)                1.0",
    "                                    to rise to $4",
    "                                    billion by 2020.",
    "",
    "Not shown at this width: checked (widen the terminal, or choose with --fields).",
    "Ids are stable.",
    "A note.",
]
WIDTH_80 = [
    "Facts [bold]",
    "",
    " Id                     Kind        Statement       Amount               Share",
    " ─────────────────────────────────────────────────────────────────────────────",
    " port-trains            statistic   The port        40 trains            0.25",
    "                                    handled 40",
    "                                    trains in",
    "                                    2017.",
    " income-forecast-2020   forecast    Income is       $4 billion (guess)   1.0",
    "                                    forecast to",
    "                                    rise to $4",
    "                                    billion by",
    "                                    2020.",
    "",
    "Not shown at this width: paragraphs, checked (widen the terminal, or choose with",
    "--fields).",
    "Ids are stable.",
    "A note.",
]
WIDTH_60 = [
    "Facts [bold]",
    "",
    " Id                     Amount               Share",
    " ─────────────────────────────────────────────────",
    " port-trains            40 trains            0.25",
    " income-forecast-2020   $4 billion (guess)   1.0",
    "",
    "Not shown at this width: kind, statement, paragraphs,",
    "checked (widen the terminal, or choose with --fields).",
    "Ids are stable.",
    "A note.",
]
WIDTH_40 = [
    "Facts [bold]",
    "",
    " Id            Amount      Share",
    " ───────────────────────────────",
    " port-trains   40 trains   0.25",
    "",
    "Id: income-forecast-2020",
    "Kind: forecast",
    "Statement: Income is forecast to rise to",
    "$4 billion by 2020.",
    "Amount: $4 billion (guess)",
    "Paragraphs:",
    "Share: 1.0",
    "Checked: unknown",
    "",
    "Not shown at this width: kind,",
    "statement, paragraphs, checked (widen",
    "the terminal, or choose with --fields).",
    "Ids are stable.",
    "A note.",
]

COLOUR = [
    "\x1b[1mFacts\x1b[0m",
    "",
    " \x1b[1mId                  \x1b[0m\x1b[1m \x1b[0m \x1b[1m \x1b[0m\x1b[1mKind     \x1b[0m\x1b[1m \x1b[0m \x1b[1m \x1b[0m\x1b[1mStatement                                        \x1b[0m\x1b[1m \x1b[0m \x1b[1m \x1b[0m\x1b[1mChecked\x1b[0m",
    " ──────────────────────────────────────────────────────────────────────────────────────────────",
    " port-trains            \x1b[1;32mstatistic\x1b[0m   The \x1b[7mport\x1b[0m handled 40 trains in 2017.                 yes",
    " income-forecast-2020   \x1b[1;33mforecast\x1b[0m    Income is forecast to rise to $4 \x1b[7mbillion\x1b[0m by 2020.   \x1b[2;3munknown\x1b[0m",
    "",
    "\x1b[2mA note.\x1b[0m",
]
ASCII = [
    "Facts - <<all>>",
    "+---------------------------------------------------------------------------------------------+",
    "|Id                   | Statement                                         | Amount            |",
    "|---------------------+---------------------------------------------------+-------------------|",
    "|port-trains          | The port handled 40 trains in 2017.               | 40 trains         |",
    "|income-forecast-2020 | Income is forecast to rise to $4 billion by 2020. | $4 billion (guess)|",
    "+---------------------------------------------------------------------------------------------+",
]
FIELDS_NARROW = [
    "Facts [bold]",
    "",
    " Statement                Id                     Kind",
    " ─────────────────────────────────────────────────────────",
    " The port handled 40      port-trains            statistic",
    " trains in 2017.",
    " Income is forecast to    income-forecast-2020   forecast",
    " rise to $4 billion by",
    " 2020.",
    "",
    "Ids are stable.",
    "A note.",
]
FIELDS_TOO_NARROW = [
    "Facts [bold]",
    "",
    " Id            Amount",
    " ───────────────────────",
    " port-trains   40 trains",
    "",
    "Id: income-forecast-2020",
    "Amount: $4 billion (guess)",
    "",
    "Ids are stable.",
    "A note.",
]
RECORD = [
    "Id          income-forecast-2020",
    "Kind        forecast",
    "How much    $4 billion (a guess)",
    "Paragraphs  ¶3",
    "Checked     unknown",
    "",
    "Paragraph 3:",
    "By 2020 »income will rise to $4 billion«.",
    "",
    "Paragraph 5:",
    "Not found here.",
    "",
    "Kinds differ.",
    "A note.",
]
RECORD_COLOUR = [
    "\x1b[1mId        \x1b[0m\x1b[1m  \x1b[0mincome-forecast-2020",
    "\x1b[1mKind      \x1b[0m\x1b[1m  \x1b[0m\x1b[1;33mforecast\x1b[0m",
    "\x1b[1mHow much  \x1b[0m\x1b[1m  \x1b[0m$4 billion (a guess)",
    "\x1b[1mParagraphs\x1b[0m\x1b[1m  \x1b[0m¶3",
    "\x1b[1mChecked   \x1b[0m\x1b[1m  \x1b[0m\x1b[2;3munknown\x1b[0m",
    "",
    "\x1b[1mParagraph 3:\x1b[0m",
    "By 2020 \x1b[1;4mincome will rise to $4 billion\x1b[0m.",
    "",
    "\x1b[1mParagraph 5:\x1b[0m",
    "Not found here.",
    "",
    "\x1b[2mKinds differ.\x1b[0m",
    "\x1b[2mA note.\x1b[0m",
]
RECORD_NARROW = [
    "Id: income-forecast-2020",
    "Kind: forecast",
    "How much: $4 billion (a guess)",
    "Paragraphs: ¶3",
    "Checked: unknown",
    "",
    "Paragraph 3:",
    "By 2020 »income will rise to",
    "$4 billion«.",
    "",
    "Paragraph 5:",
    "Not found here.",
    "",
    "Kinds differ.",
    "A note.",
]
CHART = [
    "",
    " Id",
    " ──",
    " x",
    "",
    "",
    "2017 stated             ██████████████████████████████████ $2 billion",
    "2020 forecast           ░░░░░░░░░░░░░░░░░ $4 billion",
    "transit                 ▓ $0",
    "other                   ▒▒▒▒▒▒▒▒▒ $0.5 billion",
    "█ stated   ░ forecast",
]
CHART_NARROW = [
    "",
    " Id",
    " ──",
    " x",
    "",
    "",
    "2017 stated             ██████████ $2 billion",
    "2020 forecast           ░░░░░ $4 billion",
    "transit                 ▓ $0",
    "other                   ▒▒▒ $0.5 billion",
    "█ stated   ░ forecast",
]
CHART_COLOUR = [
    "",
    " \x1b[1mId\x1b[0m",
    " ──",
    " x",
    "",
    "",
    "2017 stated             \x1b[32m██████████████\x1b[0m $2 billion",
    "2020 forecast           \x1b[33m░░░░░░░\x1b[0m $4 billion",
    "transit                 \x1b[31m▓\x1b[0m $0",
    "other                   \x1b[36m▒▒▒▒\x1b[0m $0.5 billion",
    "█ stated   ░ forecast",
]
DOCUMENT = [
    "Article: doc",
    "Marks: ⟦quoted words⟧Kn = words fact n quotes, K its kind: O opinion (a view).",
    "Unmarked text: no fact quotes it (dimmed in colour).",
    "",
    "¶1",
    "⟦Trade grew⟧O1 fast.",
    "  O1  trade-grew: Trade grew.",
    "",
]
SHEET = [
    "Sheet",
    "",
    "ABOUT",
    "Prose.",
    "",
    "TABLE",
    "Inner",
    "",
    " Id",
    " ──",
    " a",
    "",
    "Inner note.",
    "",
]

SEARCHED = Result(
    fields=FIELDS,
    records=RECORDS,
    table_fields=("id", "kind", "statement", "checked"),
    highlight=("PORT", "billion"),
    title="Facts",
    notes=("A note.",),
)
ONE_FIELDS = (
    Field("id", "Id", shape=WHOLE),
    Field("kind", "Kind", styled=True),
    Field("amount", "How much", flag="guess", flag_text=" (a guess)"),
    Field("paragraphs", "Paragraphs", item_prefix="¶", joiner=", "),
    Field("checked", "Checked", missing="unknown"),
)
ONE_RECORD = {"id": "income-forecast-2020", "kind": "forecast", "amount": "$4 billion", "guess": True,
              "paragraphs": [3], "checked": None}  # fmt: skip
ONE = Result(
    fields=ONE_FIELDS,
    records=(ONE_RECORD,),
    single=True,
    record_fields=ONE_FIELDS,
    context=(Context(3, "By 2020 income will rise to $4 billion.", 8, 38), Context(5, "Not found here.", -1, -1)),
    notes=("A note.",),
    legends=(("kind", "Kinds differ."), ("other", "Not shown.")),
    title="Not shown either",
)
CHARTED = Result(
    fields=(Field("id", "Id", shape=WHOLE),),
    records=({"id": "x"},),
    chart=Chart(
        bars=(
            Bar("2017 stated", 1.0, "solid", "$2 billion"),
            Bar("2020 forecast", 0.5, "light", "$4 billion"),
            Bar("transit", 0.0, "dense", "$0"),
            Bar("other", 0.26, "medium", "$0.5 billion"),
        ),
        legend=(("solid", "stated"), ("light", "forecast")),
    ),
)
ANNOTATED = Result(
    fields=(Field("id", "Id"),),
    records=({"id": "trade-grew"},),
    document=Document(
        title="article (en)",
        language="en",
        blocks=(
            Block(
                1,
                "Trade grew fast.",
                marks=(Mark(0, 10, 1, "opinion"),),
                notes=(Note(1, "trade-grew", "opinion", "Trade grew."),),
            ),
        ),
        legend=(("opinion", "O", "a view"),),
    ),
    title="Article: doc",
    notes=("A note.",),
)
SHEET_RESULT = Result(
    fields=(Field("id", "Id", shape=WHOLE),),
    records=({"id": "k"},),
    title="Sheet",
    notes=("Sheet note.",),
    sections=(
        Section("About", ("Prose.",)),
        Section("Table", (), Result(fields=(Field("id", "Id", shape=WHOLE),), records=({"id": "a"},), title="Inner",
                                    notes=("Inner note.",))),
    ),
)  # fmt: skip

ALL_STACKED = [
    "Id: a-very-long-identifier-indeed",
    "",
    "Id: another-long-identifier-here",
    "",
]
TOGETHER_TOO_WIDE = [
    "Id: a-long-identifier-xx",
    "Figure: $1",
    "N: 1",
    "Note: x",
    "",
    "Id: b",
    "Figure: one hundred billions",
    "N: 2",
    "Note: y",
    "",
]
INTERLEAVED = [
    "",
    " Id",
    " ───────",
    " short-a",
    "",
    "Id: an-identifier-too-long-for-it",
    "",
    "",
    " short-b",
    "",
    "Id: another-too-long-identifier",
    "",
    "",
    " short-c",
    "",
]
PROSE_21 = [
    "",
    " Id    Statement",
    " ──────────────────",
    " abc   Income rose",
    "       by four",
    "       billion",
    "       dollars.",
    "",
]
PROSE_20 = [
    "Id: abc",
    "Statement: Income",
    "rose by four billion",
    "dollars.",
    "",
]
PROSE_LONG_WORD = [
    "",
    " Id    Statement",
    " ───────────────────────────",
    " abc   An extraordinarily",
    "       long word.",
    "",
]
SHARED = [
    "",
    " H0              H1              H2              H3",
    " ────────────────────────────────────────────────────────────",
    " aaaaaaaaaaaa    aaaaaaaaaaaa    aaaaaaaaaaaa    aaaaaaaaaaaa",
    " bbbbbbbbbbbb    bbbbbbbbbbbb    bbbbbbbbbbbb    bbbbbbbbbbbb",
    "",
]
STACKED_LINES = [
    "Id: an-identifier-longer-than-twenty",
    "Amount: $4 billion (a guess)",
    "Statement: See",
    "abcdefghijklmnopqrst",
    "now",
    "",
]
LITERAL_HEADERS = [
    "",
    " \x1b[1mId [b] :smile: 2017\x1b[0m\x1b[1m \x1b[0m \x1b[1m \x1b[0m\x1b[1mKind\x1b[0m\x1b[1m \x1b[0m \x1b[1m \x1b[0m\x1b[1mChecked\x1b[0m",
    " ────────────────────────────────────",
    " a-1                   red    no",
    "",
]
LITERAL_LABELS = [
    "\x1b[1mLabel [b] 2017 :smile:\x1b[0m\x1b[1m  \x1b[0mx 12",
    "\x1b[1mKind                  \x1b[0m\x1b[1m  \x1b[0mred",
]
AT_THE_EDGE = [
    "Id          income-forecast-2020",
    "Kind        forecast",
    "How much    $4 billion (a guess)",
    "Paragraphs  ¶3",
    "Checked     unknown",
]
PAST_THE_EDGE = [
    "Id: income-forecast-2020",
    "Kind: forecast",
    "How much: $4 billion (a guess)",
    "Paragraphs: ¶3",
    "Checked: unknown",
]
QUOTE_FIRST = [
    "Id          income-forecast-2020",
    "Kind        forecast",
    "How much    $4 billion (a guess)",
    "Paragraphs  ¶3",
    "Checked     unknown",
    "",
    "Paragraph 3:",
    "»By 2020« income rises.",
    "",
]
EMPTY_VALUE = [
    "Note",
]


def _ids(*ids: str) -> Result:
    return Result(fields=(Field("id", "Id", shape=WHOLE),), records=tuple({"id": value} for value in ids))


W = Field("amount", "Amount in words", shape=WORDS)
P = Field("statement", "Statement")


def test_a_wide_table_shows_every_default_column_and_the_legends_of_shown_columns() -> None:
    assert _lines(FACTS, width=200) == WIDTH_200


def test_prose_wraps_between_words_and_the_last_prose_column_gives_way_first() -> None:
    assert _lines(FACTS, width=100) == WIDTH_100


def test_narrower_more_prose_columns_give_way_and_the_note_names_them_in_order() -> None:
    assert _lines(FACTS, width=80) == WIDTH_80


def test_at_the_narrowest_only_ids_and_figures_stay() -> None:
    assert _lines(FACTS, width=60) == WIDTH_60


def test_a_record_whose_ids_cannot_stand_whole_goes_on_lines_of_its_own() -> None:
    assert _lines(FACTS, width=40) == WIDTH_40


def test_colour_styles_kinds_dims_what_is_missing_and_reverses_search_matches_in_searched_fields_only() -> None:
    assert _lines(SEARCHED, width=120, color=True) == COLOUR


def test_an_ascii_only_output_draws_ascii_boxes_and_replaces_kzcns_typography() -> None:
    result = Result(fields=FIELDS, records=RECORDS, table_fields=("id", "statement", "amount"), title="Facts — «all»")
    assert _lines(result, width=120, ascii_only=True) == ASCII


def test_fields_keep_every_column_asked_for_in_order_at_a_narrow_width() -> None:
    assert _lines(FACTS, width=60, fields=["statement", "id", "kind"]) == FIELDS_NARROW


def test_fields_that_cannot_stand_whole_put_that_record_on_lines_of_its_own() -> None:
    assert _lines(FACTS, width=30, fields=["id", "amount"]) == FIELDS_TOO_NARROW


def test_one_thing_is_labels_beside_values_then_its_quotes_marked_in_their_paragraphs() -> None:
    assert _lines(ONE, width=80) == RECORD


def test_one_thing_in_colour_has_bold_labels_and_its_quote_bold_and_underlined() -> None:
    assert _lines(ONE, width=80, color=True) == RECORD_COLOUR


def test_one_thing_too_wide_for_its_labels_is_label_and_value_lines_left_to_the_terminal() -> None:
    assert _lines(ONE, width=30) == RECORD_NARROW


def test_one_thing_with_a_source_but_no_quotes_ends_with_a_blank_line_and_without_a_source_does_not() -> None:
    sheet = [line for line in RECORD[:5]]
    assert _lines(replace(ONE, context=(), notes=(), legends=()), width=80) == [*sheet, ""]
    assert _lines(replace(ONE, context=None, notes=(), legends=()), width=80) == sheet


def test_fields_turn_one_thing_into_a_one_row_table_with_its_title() -> None:
    assert _lines(ONE, width=80, fields=["id", "checked"]) == [
        "Not shown either",
        "",
        " Id                     Checked",
        " ──────────────────────────────",
        " income-forecast-2020   unknown",
        "",
        "A note.",
    ]


def test_a_chart_draws_each_bar_in_its_fill_scaled_to_the_room_left_by_label_and_figure() -> None:
    assert _lines(CHARTED, width=80) == CHART


def test_a_chart_keeps_ten_columns_for_the_longest_bar_however_narrow() -> None:
    assert _lines(CHARTED, width=40) == CHART_NARROW


def test_a_chart_in_colour_colours_the_bars_only() -> None:
    assert _lines(CHARTED, width=60, color=True) == CHART_COLOUR


def test_fields_or_a_chart_without_bars_show_the_table_alone() -> None:
    table_alone = ["", " Id", " ──", " x", ""]
    assert _lines(CHARTED, width=80, fields=["id"]) == table_alone
    assert _lines(replace(CHARTED, chart=Chart((), ())), width=80) == table_alone


def test_an_annotated_text_has_its_title_legend_paragraphs_and_notes() -> None:
    assert _lines(ANNOTATED, width=80) == DOCUMENT


def test_fields_turn_an_annotated_text_into_its_table() -> None:
    assert _lines(ANNOTATED, width=80, fields=["id"]) == [
        "Article: doc",
        "",
        " Id",
        " ──────────",
        " trade-grew",
        "",
        "A note.",
    ]


def test_a_fact_sheet_has_its_title_then_each_section_rendered_like_any_result() -> None:
    assert _lines(SHEET_RESULT, width=80) == SHEET


def test_fields_turn_a_fact_sheet_into_its_own_table() -> None:
    assert _lines(SHEET_RESULT, width=80, fields=["id"]) == ["Sheet", "", " Id", " ──", " k", "", "Sheet note."]


def test_search_matches_by_case_folding_both_ways_and_every_occurrence() -> None:
    assert table.matched_spans("Straße and STRASSE", ["ss", "ß", ""]) == [(4, 5), (15, 17), (4, 5), (15, 17)]
    assert table.matched_spans("aaaa", ["aa"]) == [(0, 2), (2, 4)]
    assert table.matched_spans("İx", ["x"]) == [(1, 2)]


def test_search_finds_every_occurrence_of_a_term() -> None:
    assert table.matched_spans("x aa aa aa", ["aa"]) == [(2, 4), (5, 7), (8, 10)]


def test_when_no_record_fits_every_record_goes_on_lines_of_its_own() -> None:
    assert _lines(_ids("a-very-long-identifier-indeed", "another-long-identifier-here"), width=20) == ALL_STACKED


def test_records_that_fit_alone_but_not_together_all_go_on_lines_of_their_own() -> None:
    fields = (
        Field("id", "Id", shape=WHOLE),
        Field("figure", "Figure", shape=WORDS),
        Field("n", "N", shape=WHOLE),
        Field("note", "Note"),
    )
    result = Result(
        fields=fields,
        records=(
            {"id": "a-long-identifier-xx", "figure": "$1", "n": 1, "note": "x"},
            {"id": "b", "figure": "one hundred billions", "n": 2, "note": "y"},
        ),
    )
    assert _lines(result, width=40) == TOGETHER_TOO_WIDE


def test_records_on_lines_of_their_own_stay_in_place_and_only_the_first_table_has_a_header() -> None:
    result = _ids("short-a", "an-identifier-too-long-for-it", "short-b", "another-too-long-identifier", "short-c")
    assert _lines(result, width=20) == INTERLEAVED


def test_prose_keeps_twelve_columns_before_records_go_on_lines_of_their_own() -> None:
    result = Result(
        fields=(Field("id", "Id", shape=WHOLE), P),
        records=({"id": "abc", "statement": "Income rose by four billion dollars."},),
    )
    assert _lines(result, width=21, fields=["id", "statement"]) == PROSE_21
    assert _lines(result, width=20, fields=["id", "statement"]) == PROSE_20


def test_a_prose_column_is_as_wide_as_its_longest_word() -> None:
    result = Result(
        fields=(Field("id", "Id", shape=WHOLE), P),
        records=({"id": "abc", "statement": "An extraordinarily long word."},),
    )
    assert _lines(result, width=30, fields=["id", "statement"]) == PROSE_LONG_WORD


def test_room_left_is_shared_a_column_at_a_time_never_more_than_there_is() -> None:
    fields = tuple(Field(f"c{i}", f"H{i}") for i in range(4))
    result = Result(fields=fields, records=({f"c{i}": "aaaaaaaaaaaa bbbbbbbbbbbb" for i in range(4)},))
    assert _lines(result, width=63, fields=[f"c{i}" for i in range(4)]) == SHARED


def test_a_record_on_lines_of_its_own_keeps_ids_and_figures_whole_and_wraps_prose() -> None:
    fields = (Field("id", "Id", shape=WHOLE), Field("amount", "Amount", shape=WORDS), P)
    record = {
        "id": "an-identifier-longer-than-twenty",
        "amount": "$4 billion (a guess)",
        "statement": "See abcdefghijklmnopqrst now",
    }
    assert _lines(Result(fields=fields, records=(record,)), width=20) == STACKED_LINES


def test_headers_are_literal_text_never_markup_emoji_or_highlighted_numbers() -> None:
    fields = (
        Field("id", "Id [b] :smile: 2017", shape=WHOLE),
        Field("kind", "Kind", styled=True),
        Field("checked", "Checked"),
    )
    result = Result(fields=fields, records=({"id": "a-1", "kind": "red", "checked": False},))
    assert _lines(result, width=60, color=True) == LITERAL_HEADERS


def test_labels_of_one_thing_are_literal_text_too() -> None:
    fields = (Field("id", "Label [b] 2017 :smile:"), Field("kind", "Kind", styled=True))
    result = Result(fields=fields, records=({"id": "x 12", "kind": "red"},), single=True, record_fields=fields)
    assert _lines(result, width=60, color=True) == LITERAL_LABELS


def test_labels_stand_beside_values_while_the_longest_word_fits_beside_the_longest_label() -> None:
    sheet = replace(ONE, context=None, notes=(), legends=())
    assert _lines(sheet, width=32) == AT_THE_EDGE
    assert _lines(sheet, width=31) == PAST_THE_EDGE


def test_a_quote_at_the_start_of_its_paragraph_is_marked() -> None:
    sheet = replace(ONE, context=(Context(3, "By 2020 income rises.", 0, 7),), notes=(), legends=())
    assert _lines(sheet, width=80) == QUOTE_FIRST


def test_one_thing_whose_values_are_all_empty_is_its_labels() -> None:
    fields = (Field("note", "Note"),)
    assert _lines(Result(fields=fields, records=({"note": ""},), single=True, record_fields=fields), width=80) == [
        "Note"
    ]


def test_colour_comes_from_the_options_alone_not_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert _lines(SEARCHED, width=120, color=True) == COLOUR
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b" not in table.render(SEARCHED, RenderOptions(width=120))


def test_colour_asked_for_survives_a_terminal_type_rich_does_not_know(monkeypatch: pytest.MonkeyPatch) -> None:
    # With Rich's colour detection ("auto"), TERM=unknown gives no colour system at all, so a user who asked for
    # colour (FORCE_COLOR=1) would get none: kzcn names the standard system itself.
    monkeypatch.setenv("TERM", "unknown")
    monkeypatch.delenv("COLORTERM", raising=False)
    assert _lines(ONE, width=80, color=True) == RECORD_COLOUR


def test_one_things_labels_never_wrap_when_a_long_label_meets_a_narrow_sheet() -> None:
    # The grid stands when the longest label, two spaces and the longest word fit: Rich must then shrink the values,
    # never a label (at 48 columns `kzcn show` wrapped "Review (kzcn's judgement)" when labels could wrap).
    fields = (Field("id", "Id", shape=WHOLE), Field("review", "Review (kzcn's judgement)"), Field("note", "Note"))
    record = {"id": "strategic-partnership", "review": "—", "note": "A declared partnership, dated; the rest opinion."}
    sheet = Result(fields=fields, records=(record,), single=True, record_fields=fields)
    assert _lines(sheet, width=48) == [
        "Id                         strategic-partnership",
        "Review (kzcn's judgement)  —",
        "Note                       A declared",
        "                           partnership, dated;",
        "                           the rest opinion.",
    ]


# Cards (issue 23): where a table has no room for the words a reader came for, a card per record.

MAIN = tuple(replace(field, main=True) if field.key == "statement" else field for field in FIELDS)
WITH_MAIN = replace(FACTS, fields=MAIN)


def test_a_table_keeps_room_for_the_main_words_and_other_columns_give_way_first() -> None:
    # Kind, paragraphs and checked (prose, as the statement is) give way; the statement keeps its room.
    assert _lines(WITH_MAIN, width=90)[2:7] == [
        " Id                     Statement                             Amount               Share",
        " ───────────────────────────────────────────────────────────────────────────────────────",
        " port-trains            The port handled 40 trains in 2017.   40 trains            0.25",
        " income-forecast-2020   Income is forecast to rise to $4      $4 billion (guess)   1.0",
        "                        billion by 2020.",
    ]


def test_where_the_main_words_have_no_room_each_record_is_a_card_id_first_words_below() -> None:
    # Every card has one shape: its ids and numbers, its words, then every other value, labelled, none left out
    # (the first cards dropped values from their first line to fit it, so the reader could not tell which stood).
    assert _lines(WITH_MAIN, width=44) == [
        "Facts [bold]",
        "port-trains  0.25",
        "  The port handled 40 trains in 2017.",
        "  statistic · Amount: 40 trains · ¶1, ¶2",
        "  Checked: yes",
        "income-forecast-2020  1.0",
        "  Income is forecast to rise to $4 billion",
        "  by 2020.",
        "  forecast · Amount: $4 billion (guess)",  # no paragraph: nothing, not an empty value
        "Ids are stable.",
        "A note.",
    ]


def test_a_card_keeps_its_ids_and_numbers_however_narrow() -> None:
    # Ids and numbers stand whole on the first line (the terminal folds what is wider); values break between words
    # only where one is wider than a line.
    assert _lines(WITH_MAIN, width=20)[1:16] == [
        "port-trains  0.25",
        "  The port handled",
        "  40 trains in 2017.",
        "  statistic",
        "  Amount: 40 trains",
        "  ¶1, ¶2",
        "  Checked: yes",
        "income-forecast-2020",
        "1.0",
        "  Income is forecast",
        "  to rise to $4",
        "  billion by 2020.",
        "  forecast",
        "  Amount: $4 billion",
        "  (guess)",
    ]


def test_chosen_fields_make_a_table_never_cards() -> None:
    assert _lines(WITH_MAIN, width=44, fields=("id", "statement"))[2].split() == ["Id", "Statement"]


def test_a_legend_goes_with_its_column_when_the_width_leaves_the_column_out() -> None:
    # At 100 columns `kzcn facts` hid Kind and Says but still explained them under the table.
    legends = (("kind", "Kinds differ."), ("id", "Ids are stable."))
    wide = _lines(replace(WITH_MAIN, legends=legends), width=200)
    assert wide[-3:] == ["Kinds differ.", "Ids are stable.", "A note."]
    narrow = _lines(replace(WITH_MAIN, legends=legends), width=90)
    assert narrow[-5:] == [
        "",
        "Not shown at this width: kind, paragraphs, checked (widen the terminal, or choose with",
        "--fields).",
        "Ids are stable.",  # no "Kinds differ.": the Kind column is not there
        "A note.",
    ]


@given(
    st.lists(st.sampled_from(["a", "bb", "word", "x" * 30, " ", "  ", "\n", "é", "¶4"]), max_size=40).map("".join),
    st.integers(min_value=1, max_value=40),
)
@settings(max_examples=300, derandomize=True)
def test_plain_lines_are_cut_as_a_styled_text_is(text: str, width: int) -> None:
    """The fast path for text without styles cuts the same lines as dividing a Text (a span forces that path)."""
    from rich.text import Span, Text

    from kzcn.render.table_layout import whole_word_lines

    plain = [str(line) for line in whole_word_lines(Text(text), width, indent="  ")]
    styled = Text(text, spans=[Span(0, len(text), "bold")]) if text else Text(text, style="bold")
    assert plain == [line.plain for line in whole_word_lines(styled, width, indent="  ")]  # type: ignore[union-attr]
