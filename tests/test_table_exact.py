"""Terminal tables, exactly: columns sized to fit, giving way prose first, records on lines of their own when even
ids cannot stand whole, colour and ASCII, one-thing sheets, charts and search highlights."""

from __future__ import annotations

from dataclasses import replace

from kzcn.render import RenderOptions, table
from kzcn.result import WHOLE, WORDS, Bar, Block, Chart, Context, Document, Field, Mark, Note, Result, Section

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
    "other                   \x1b[33m▒▒▒▒\x1b[0m $0.5 billion",
    "█ stated   ░ forecast",
]
DOCUMENT = [
    "Article: doc",
    "Marks: ⟦quoted words⟧nK = words fact n quotes, K its kind: O opinion (a view).",
    "Unmarked text: no fact quotes it (dimmed in colour).",
    "",
    "¶1",
    "⟦Trade grew⟧1O fast.",
    "  1O  trade-grew: Trade grew.",
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
