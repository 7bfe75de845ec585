"""Markdown, exactly: pipe tables with footnotes, charts in a code block, annotated texts, one-thing sheets, fact
sheets, and knowledge-base text that stays text."""

from __future__ import annotations

from builders import RECORD_FIELDS, TABLE, annotated_document, result
from kzcn.model.document import Block, Document, Mark, Note
from kzcn.model.result import WHOLE, Bar, Chart, Context, Field, Result, Section
from kzcn.render import RenderOptions, markdown


def _markdown(result: Result, **options: object) -> str:
    return markdown.render(result, RenderOptions(**options))  # type: ignore[arg-type]


def test_knowledge_base_text_is_escaped_to_stay_text_on_one_line() -> None:
    assert markdown.escape("a\\b `c` *d* _e_ [f](g) |h| >i #j ~k ^l $m <n>\n\t  o\x1b") == (
        "a\\\\b \\`c\\` \\*d\\* \\_e\\_ \\[f\\](g) \\|h\\| \\>i \\#j \\~k \\^l \\$m &lt;n\\> o\\\\x1b"
    )


def test_a_table_has_its_default_columns_a_footnote_per_value_its_chart_and_its_notes() -> None:
    assert _markdown(TABLE) == (
        "# Facts &lt;all\\>\n"
        "\n"
        "| Id | Paragraphs | Checked | Year |\n"
        "| --- | --- | --- | --- |\n"
        "| port-trains | 1; 2 | yes | 2017 [^attribution-1-0] |\n"
        "| cities |  | no | unknown |\n"
        "| income | 3 | no | 2020 [^attribution-2-2] |\n"
        "\n"
        "```text\n"
        "a                       ████████████████████████████████████████ 1\n"
        "█ stated\n"
        "```\n"
        "\n"
        "_Years are calendar years._\n"
        "_A note & more._\n"
        "\n"
        "[^attribution-1-0]: the port's &lt;report\\>\n"
        "[^attribution-2-2]: forecasts; officials\n"
    )


def test_fields_show_a_footnote_field_as_a_column_and_no_chart() -> None:
    assert _markdown(TABLE, fields=["id", "attribution", "statement"]) == (
        "# Facts &lt;all\\>\n"
        "\n"
        "| Id | Attributed to | Statement |\n"
        "| --- | --- | --- |\n"
        "| port-trains | the port's &lt;report\\> | Trains. |\n"
        "| cities | — | Cities. |\n"
        "| income | forecasts; officials | Income. |\n"
        "\n"
        "_Statements are the knowledge base's words._\n"
        "_A note & more._\n"
    )


def test_a_table_without_title_or_notes_is_the_table_alone() -> None:
    result = Result(fields=(Field("id", "Id|code"),), records=({"id": "a|b"},))
    assert _markdown(result) == "| Id\\|code |\n| --- |\n| a\\|b |\n"


def test_a_chart_is_a_text_block_of_bars_forty_wide_for_the_whole() -> None:
    chart = Chart(
        bars=(
            Bar("2017 stated", 1.0, "solid", "$2 billion"),
            Bar("2020 forecast", 0.5, "light", "$1 billion"),
            Bar("transit", 0.0, "dense", "$0"),
            Bar("other", 0.25, "medium", "$0.5 billion"),
        ),
        legend=(("solid", "stated"), ("light", "forecast")),
    )
    result = Result(fields=(Field("id", "Id", shape=WHOLE),), records=({"id": "x"},), chart=chart)
    assert _markdown(result) == (
        "| Id |\n"
        "| --- |\n"
        "| x |\n"
        "\n"
        "```text\n"
        "2017 stated             ████████████████████████████████████████ $2 billion\n"
        "2020 forecast           ░░░░░░░░░░░░░░░░░░░░ $1 billion\n"
        "transit                 ▓ $0\n"
        "other                   ▒▒▒▒▒▒▒▒▒▒ $0.5 billion\n"
        "█ stated   ░ forecast\n"
        "```\n"
    )


DOCUMENT = annotated_document(
    second=Block(
        2,
        "Twice said, twice.",
        marks=(Mark(0, 5, 1, "opinion"), Mark(12, 17, 4, "statistic")),
        notes=(Note(1, "trade-grew", "opinion", "opinion: Trade grew."), Note(4, "twice", "statistic", "*said*")),
    )
)


def test_an_annotated_text_brackets_each_quote_with_a_footnote_once_per_fact() -> None:
    assert _markdown(result(document=DOCUMENT, title="article (en)")) == (
        "# article (en)\n"
        "\n"
        "_Marks: ⟦quoted words⟧Kn and a footnote per fact n, K its kind: "
        "**S** statistic (a figure); **O** opinion (a view &lt;x\\>). Text outside ⟦ ⟧ is quoted by no fact._\n"
        "\n"
        "**¶1** ⟦Trade grew.⟧O1[^f1] "
        "⟦**In 2017 the por**⟦**t handled 40 trains.**⟧?3[^f3]⟧S2[^f2]\n"
        "\n"
        "**¶2** ⟦Twice⟧O1[^f1] said, ⟦twice⟧S4[^f4].\n"
        "\n"
        "**¶3** No quotes here.\n"
        "\n"
        "[^f1]: **trade-grew** (O): opinion: Trade grew.\n"
        "[^f3]: **odd** (?): odd one\n"
        "[^f2]: **trains-2017** (S): statistic &lt;40\\>\n"
        "[^f4]: **twice** (S): \\*said\\*\n"
    )


def test_fields_turn_an_annotated_text_into_its_table() -> None:
    result = Result(fields=(Field("id", "Id"),), records=({"id": "x"},), document=DOCUMENT)
    assert _markdown(result, fields=["id"]) == "| Id |\n| --- |\n| x |\n"


def test_one_thing_is_a_list_of_labelled_values_then_each_quote_in_its_paragraph() -> None:
    result = Result(
        fields=RECORD_FIELDS,
        records=({"id": "port-trains", "paragraphs": [1, 2], "year": 2017, "guess": True, "checked": False},),
        single=True,
        record_fields=RECORD_FIELDS,
        context=(Context(1, "In 2017 the port <handled> 40 trains.", 8, 16), Context(4, "Nothing & *here*.", -1, -1)),
        title="Fact: port-trains",
    )
    assert _markdown(result) == (
        "# Fact: port-trains\n"
        "\n"
        "- **Id:** port-trains\n"
        "- **Paragraphs:** ¶1, ¶2\n"
        "- **Year:** 2017 (a guess)\n"
        "- **Checked:** no\n"
        "\n"
        "**Paragraph 1:**\n"
        "\n"
        "> In 2017 **the port** &lt;handled\\> 40 trains.\n"
        "\n"
        "**Paragraph 4:**\n"
        "\n"
        "> Nothing & \\*here\\*.\n"
    )


def test_one_thing_without_record_fields_is_a_one_row_table() -> None:
    result = Result(
        fields=RECORD_FIELDS,
        records=({"id": "a", "paragraphs": [1], "year": None, "guess": False, "checked": True},),
        single=True,
    )
    assert _markdown(result) == (
        "| Id | Paragraphs | Year | Checked |\n| --- | --- | --- | --- |\n| a | 1 | unknown | yes |\n"
    )


def test_one_thing_that_was_not_found_is_an_empty_table_not_a_sheet() -> None:
    result = Result(fields=RECORD_FIELDS[:1], records=(), single=True, record_fields=RECORD_FIELDS[:1])
    assert _markdown(result) == "| Id |\n| --- |\n"


def test_a_fact_sheet_is_headed_sections_with_their_prose_tables_and_texts_and_notes_at_the_end() -> None:
    text = Document(
        title="t",
        language="kk",
        blocks=(Block(2, "Some words.", marks=(Mark(0, 4, 1, "statistic"),), notes=(Note(1, "a", "statistic", "n"),)),),
        legend=(("statistic", "S", "fig"),),
    )
    table = Result(
        fields=(Field("id", "Id", shape=WHOLE), Field("who", "Who", footnote=True)),
        records=({"id": "a", "who": "x"},),
        notes=("n1",),
        title="Inner",
    )
    sheet = result(
        title="Sheet",
        sections=(
            Section("About <it>", text=("First & *only*.", "Second.")),
            Section("Table", result=table),
            Section("Text", result=result(document=text)),
        ),
    )
    assert _markdown(sheet) == (
        "# Sheet\n"
        "\n"
        "## About &lt;it\\>\n"
        "\n"
        "First & \\*only\\*.\n"
        "\n"
        "Second.\n"
        "\n"
        "## Table\n"
        "\n"
        "| Id |\n"
        "| --- |\n"
        "| a [^who-1-0] |\n"
        "\n"
        "_n1_\n"
        "\n"
        "## Text\n"
        "\n"
        "_Marks: ⟦quoted words⟧Kn and a footnote per fact n, K its kind: "
        "**S** statistic (fig). Text outside ⟦ ⟧ is quoted by no fact._\n"
        "\n"
        "**¶2** ⟦Some⟧S1[^f1] words.\n"
        "\n"
        "[^who-1-0]: x\n"
        "[^f1]: **a** (S): n\n"
    )


def test_fields_turn_a_fact_sheet_into_its_own_table_under_its_heading() -> None:
    sheet = Result(
        fields=(Field("id", "Id"),), records=({"id": "k"},), title="Sheet", sections=(Section("About", ("Prose.",)),)
    )
    assert _markdown(sheet, fields=["id"]) == "# Sheet\n\n| Id |\n| --- |\n| k |\n"


def test_a_text_no_fact_quotes_ends_at_its_last_word_and_one_newline() -> None:
    text = Document(
        title="t",
        language=None,
        blocks=(Block(5, "Rates are in Annex X", (), ()),),
        legend=(("event", "E", "a thing that happened"),),
    )
    assert _markdown(result(document=text)) == (
        "_Marks: ⟦quoted words⟧Kn and a footnote per fact n, K its kind: **E** event "
        "(a thing that happened). Text outside ⟦ ⟧ is quoted by no fact._\n"
        "\n"
        "**¶5** Rates are in Annex X\n"
    )


def test_only_blank_lines_are_trimmed_from_the_end_not_a_quoted_paragraphs_last_space() -> None:
    field = Field("id", "Id")
    result = Result(
        fields=(field,),
        records=({"id": "a"},),
        single=True,
        record_fields=(field,),
        context=(Context(2, "It grew. ", 0, 8),),
    )
    assert _markdown(result) == "- **Id:** a\n\n**Paragraph 2:**\n\n> **It grew.** \n"
