"""The HTML page, exactly: tables with footnotes, charts, annotated texts, one-thing sheets and fact sheets."""

from __future__ import annotations

import re
from dataclasses import replace

from builders import RECORD_FIELDS, TABLE, annotated_document, result
from kzcn.model.document import Block, Document, Mark, Note
from kzcn.model.result import WHOLE, Bar, Chart, Context, Field, Result, Section
from kzcn.render import RenderOptions, html

FOOTER = (
    '<footer class="note"><p>Made by kzcn. Every quote is verbatim from its source; a verdict is the knowledge '
    "base's judgement, never the source's words.</p></footer>\n"
    "</main></body></html>\n"
)


def _page(result: Result, **options: object) -> str:
    return html.render(result, RenderOptions(**options))  # type: ignore[arg-type]


def _body(page: str) -> str:
    """The page after its head (the style sheet is design, not content), without the cells' labels and the table
    regions' names, which test_a_table_is_a_named_region_and_its_cells_are_labelled_for_a_phone pins."""
    body = page.split("</style></head>\n", 1)[1]
    body = re.sub(r' data-label="[^"]*"', "", body)
    return re.sub(r'<div class="scroll" tabindex="0" role="region" aria-label="[^"]*">', '<div class="scroll">', body)


def test_a_table_is_a_named_region_and_its_cells_are_labelled_for_a_phone() -> None:
    # axe: a region that scrolls sideways takes keyboard focus and has a name; on a phone each row stacks and each
    # cell shows its column's header (CSS content: attr(data-label)), so no column falls off the screen.
    page = _page(TABLE, fields=["id", "attribution"]).split("</style></head>\n", 1)[1]
    assert page.split("\n")[1:6] == [
        '<div class="scroll" tabindex="0" role="region" aria-label="Table: Facts &lt;all&gt;"><table>',
        "<caption>Facts &lt;all&gt;</caption>",
        '<thead><tr><th scope="col">Id</th><th scope="col">Attributed to</th></tr></thead>',
        "<tbody>",
        '<tr><td class="whole" data-label="Id">port-trains</td><td data-label="Attributed to">the port&#x27;s '
        "&lt;report&gt;</td></tr>",
    ]


def test_a_table_has_its_default_columns_footnotes_numbered_across_the_page_and_its_notes() -> None:
    page = _body(_page(TABLE, fields=None))
    assert page.split("<figure>")[0] == (
        "<body><main><h1>Facts &lt;all&gt;</h1>\n"
        '<div class="scroll"><table>\n'
        "<caption>Facts &lt;all&gt;</caption>\n"
        '<thead><tr><th scope="col">Id</th><th scope="col">Paragraphs</th><th scope="col">Checked</th>'
        '<th scope="col">Year</th></tr></thead>\n'
        "<tbody>\n"
        '<tr><td class="whole">port-trains</td><td>¶1, ¶2</td><td>yes</td>'
        '<td>2017<sup><a id="fnref-1" href="#fn-1" class="tag">[1]</a></sup></td></tr>\n'
        '<tr><td class="whole">cities</td><td></td><td>no</td><td>unknown</td></tr>\n'
        '<tr><td class="whole">income</td><td>¶3</td><td>no</td>'
        '<td>2020<sup><a id="fnref-2" href="#fn-2" class="tag">[2]</a></sup></td></tr>\n'
        "</tbody></table></div>\n"
    )
    assert page.split("</figure>\n")[1] == (
        '<p class="note">Years are calendar years.</p>\n'
        '<p class="note">A note &amp; more.</p>\n'
        '<section aria-labelledby="notes"><h2 id="notes">Notes</h2><ol>\n'
        '<li id="fn-1">the port&#x27;s &lt;report&gt; <a href="#fnref-1" aria-label="back to the table">↩</a></li>\n'
        '<li id="fn-2">forecasts; officials <a href="#fnref-2" aria-label="back to the table">↩</a></li>\n'
        "</ol></section>\n" + FOOTER
    )


def test_fields_show_a_footnote_field_as_a_column_and_no_chart() -> None:
    page = _body(_page(TABLE, fields=["id", "attribution"]))
    assert page == (
        "<body><main><h1>Facts &lt;all&gt;</h1>\n"
        '<div class="scroll"><table>\n'
        "<caption>Facts &lt;all&gt;</caption>\n"
        '<thead><tr><th scope="col">Id</th><th scope="col">Attributed to</th></tr></thead>\n'
        "<tbody>\n"
        '<tr><td class="whole">port-trains</td><td>the port&#x27;s &lt;report&gt;</td></tr>\n'
        '<tr><td class="whole">cities</td><td>—</td></tr>\n'
        '<tr><td class="whole">income</td><td>forecasts; officials</td></tr>\n'
        "</tbody></table></div>\n"
        '<p class="note">A note &amp; more.</p>\n' + FOOTER
    )


def test_the_head_names_the_language_and_title_and_allows_nothing_to_load() -> None:
    lines = _page(TABLE).split("\n")
    assert lines[:4] == [
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        'img-src data:">',
    ]
    # A meta description: the lead where there is one, else the title (issue 24: search engines and link previews).
    assert lines[4] == '<title>Facts &lt;all&gt;</title><meta name="description" content="Facts &lt;all&gt;"><style>'
    led = _page(replace(TABLE, lead=("In brief: <b>.",))).split("\n")
    assert led[4] == '<title>Facts &lt;all&gt;</title><meta name="description" content="In brief: &lt;b&gt;."><style>'


def test_a_page_with_no_title_and_no_language_is_kzcn_in_english() -> None:
    page = _page(Result(fields=(Field("id", "Id"),), records=({"id": "x"},)))
    assert page.split("\n")[1] == '<html lang="en">'
    assert page.split("\n")[4] == '<title>kzcn</title><meta name="description" content="kzcn"><style>'
    assert _body(page).startswith("<body><main><h1>kzcn</h1>\n")
    assert page.endswith("</main></body></html>\n")


CHART = Chart(
    bars=(
        Bar("2017 stated  ", 1.0, "solid", "$2 billion"),
        Bar("2020 <forecast>", 0.5, "light", "$1 billion"),
        Bar("transit", 0.0, "dense", "$0"),
        Bar("other", 0.25, "medium", "$0.5 billion"),
    ),
    legend=(("solid", "stated"), ("light", "forecast & guess")),
)


def test_a_chart_is_a_list_of_bars_scaled_from_their_shares_with_each_figure_in_words() -> None:
    # HTML bars, not an SVG: scaled to a 320 px phone, the SVG drew its labels about 6 px tall (issue 24).
    page = _body(_page(Result(fields=(Field("id", "Id", shape=WHOLE),), records=({"id": "x"},), chart=CHART)))
    assert page.split("</table></div>\n", 1)[1] == (
        "<figure>\n"
        '<ul class="bars">\n'
        '<li><span class="label">2017 stated</span><span class="track"><span class="bar f-solid" style="width: 70.0%" '
        'aria-hidden="true"></span><span class="value">$2 billion</span></span></li>\n'
        '<li><span class="label">2020 &lt;forecast&gt;</span><span class="track"><span class="bar f-light" '
        'style="width: 35.0%" aria-hidden="true"></span><span class="value">$1 billion</span></span></li>\n'
        '<li><span class="label">transit</span><span class="track"><span class="bar f-dense" style="width: 0.0%" '
        'aria-hidden="true"></span><span class="value">$0</span></span></li>\n'
        '<li><span class="label">other</span><span class="track"><span class="bar f-medium" style="width: 17.5%" '
        'aria-hidden="true"></span><span class="value">$0.5 billion</span></span></li>\n'
        "</ul>\n"
        "<figcaption>green bars: stated; hatched bars: forecast &amp; guess.</figcaption>\n"
        "</figure>\n" + FOOTER
    )


DOCUMENT = annotated_document(
    language="ru",
    second=Block(
        2,
        "Twice said, twice.",
        marks=(Mark(0, 5, 4, "statistic"), Mark(12, 17, 4, "statistic")),
        notes=(Note(4, "twice", "statistic", "said twice"),),
    ),
)

OPEN = '<span class="bracket" aria-hidden="true">⟦</span>'
CLOSE = '<span class="bracket" aria-hidden="true">⟧</span>'


def test_an_annotated_text_marks_each_quote_and_links_it_to_its_note_and_back() -> None:
    page = _page(result(document=DOCUMENT, title="article (en)"))
    assert page.split("\n")[1] == '<html lang="ru">'
    assert _body(page) == (
        "<body><main><h1>article (en)</h1>\n"
        '<p class="legend"><span><span class="quote k-statistic">statistic</span> (S): a figure</span>'
        '<span><span class="quote k-opinion">opinion</span> (O): a view &lt;x&gt;</span> '
        '<span class="plain">Plain grey text: no fact quotes it.</span></p>\n'
        '<section aria-labelledby="h-p1"><h2 id="h-p1">¶1</h2>\n'
        f'<p id="p1"><span class="quote k-opinion" data-fact-ref="1">{OPEN}Trade grew.{CLOSE}'
        '<a class="tag" id="ref-p1-1-1" href="#fact-p1-1" aria-label="O1: fact 1, opinion">O1</a></span>'
        '<span class="plain"> </span>'
        f'<span class="quote k-statistic focus" data-fact-ref="2">{OPEN}In 2017 the por'
        f'<span class="quote k-weird" data-fact-ref="3">{OPEN}t handled 40 trains.{CLOSE}'
        '<a class="tag" id="ref-p1-3-1" href="#fact-p1-3" aria-label="?3: fact 3, weird">?3</a></span>'
        f'{CLOSE}<a class="tag" id="ref-p1-2-1" href="#fact-p1-2" aria-label="S2: fact 2, statistic">S2</a></span></p>\n'
        '<ol class="notes">\n'
        '<li id="fact-p1-1" data-fact="trade-grew"><b>O1</b> <code>trade-grew</code>: opinion: Trade grew. '
        '<a href="#ref-p1-1-1" aria-label="back to the quote">↩</a></li>\n'
        '<li id="fact-p1-2" data-fact="trains-2017"><b>S2</b> <code>trains-2017</code>: statistic &lt;40&gt; '
        '<a href="#ref-p1-2-1" aria-label="back to the quote">↩</a></li>\n'
        '<li id="fact-p1-3" data-fact="odd"><b>?3</b> <code>odd</code>: odd one '
        '<a href="#ref-p1-3-1" aria-label="back to the quote">↩</a></li>\n'
        "</ol>\n"
        "</section>\n"
        '<section aria-labelledby="h-p2"><h2 id="h-p2">¶2</h2>\n'
        f'<p id="p2"><span class="quote k-statistic" data-fact-ref="4">{OPEN}Twice{CLOSE}'
        '<a class="tag" id="ref-p2-4-1" href="#fact-p2-4" aria-label="S4: fact 4, statistic">S4</a></span>'
        '<span class="plain"> said, </span>'
        f'<span class="quote k-statistic" data-fact-ref="4">{OPEN}twice{CLOSE}'
        '<a class="tag" id="ref-p2-4-2" href="#fact-p2-4" aria-label="S4: fact 4, statistic">S4</a></span>'
        '<span class="plain">.</span></p>\n'
        '<ol class="notes">\n'
        '<li id="fact-p2-4" data-fact="twice"><b>S4</b> <code>twice</code>: said twice '
        '<a href="#ref-p2-4-1" aria-label="back to the quote">↩</a></li>\n'
        "</ol>\n"
        "</section>\n"
        '<section aria-labelledby="h-p3"><h2 id="h-p3">¶3</h2>\n'
        '<p id="p3"><span class="plain">No quotes here.</span></p>\n'
        "</section>\n" + FOOTER
    )


def test_fields_turn_an_annotated_text_into_its_table() -> None:
    result = Result(fields=(Field("id", "Id"),), records=({"id": "x"},), document=DOCUMENT)
    assert _body(_page(result, fields=["id"])).startswith(
        '<body><main><h1>kzcn</h1>\n<div class="scroll"><table>\n<thead><tr><th scope="col">Id</th></tr></thead>\n'
    )


def test_one_thing_is_a_description_list_then_each_quote_marked_in_its_paragraph() -> None:
    result = Result(
        fields=RECORD_FIELDS,
        records=({"id": "port-trains", "paragraphs": [1, 2], "year": 2017, "guess": True, "checked": False},),
        single=True,
        record_fields=RECORD_FIELDS,
        context=(Context(1, "In 2017 the port <handled> 40 trains.", 8, 16), Context(4, "Nothing & here.", -1, -1)),
    )
    assert _body(_page(result)) == (
        "<body><main><h1>kzcn</h1>\n"
        "<dl>\n"
        "<dt>Id</dt><dd>port-trains</dd>\n"
        "<dt>Paragraphs</dt><dd>¶1, ¶2</dd>\n"
        "<dt>Year</dt><dd>2017 (a guess)</dd>\n"
        "<dt>Checked</dt><dd>no</dd>\n"
        "</dl>\n"
        "<h2>Paragraph 1</h2><blockquote><p>In 2017 <mark>the port</mark> &lt;handled&gt; 40 trains.</p></blockquote>\n"
        "<h2>Paragraph 4</h2><blockquote><p>Nothing &amp; here.</p></blockquote>\n" + FOOTER
    )


def test_one_thing_without_record_fields_is_a_one_row_table() -> None:
    result = Result(
        fields=RECORD_FIELDS,
        records=({"id": "port-trains", "paragraphs": [1], "year": None, "guess": False, "checked": True},),
        single=True,
    )
    assert _body(_page(result)) == (
        "<body><main><h1>kzcn</h1>\n"
        '<div class="scroll"><table>\n'
        '<thead><tr><th scope="col">Id</th><th scope="col">Paragraphs</th><th scope="col">Year</th>'
        '<th scope="col">Checked</th></tr></thead>\n'
        "<tbody>\n"
        '<tr><td class="whole">port-trains</td><td>¶1</td><td>unknown</td><td>yes</td></tr>\n'
        "</tbody></table></div>\n" + FOOTER
    )


def test_one_thing_that_was_not_found_is_an_empty_table_not_a_sheet() -> None:
    result = Result(fields=RECORD_FIELDS[:1], records=(), single=True, record_fields=RECORD_FIELDS[:1])
    assert _body(_page(result)) == (
        "<body><main><h1>kzcn</h1>\n"
        '<div class="scroll"><table>\n'
        '<thead><tr><th scope="col">Id</th></tr></thead>\n'
        "<tbody>\n"
        "</tbody></table></div>\n" + FOOTER
    )


def test_a_fact_sheet_numbers_its_sections_and_takes_its_language_from_a_text_inside() -> None:
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
    )
    sheet = result(
        title="Sheet",
        sections=(
            Section("About <it>", text=("First & only.", "Second.")),
            Section("Table", result=table),
            Section("Text", result=result(document=text)),
        ),
    )
    page = _page(sheet)
    assert page.split("\n")[1] == '<html lang="kk">'
    assert _body(page) == (
        "<body><main><h1>Sheet</h1>\n"
        '<section aria-labelledby="s1"><h2 id="s1">About &lt;it&gt;</h2>\n'
        "<p>First &amp; only.</p>\n"
        "<p>Second.</p>\n"
        "</section>\n"
        '<section aria-labelledby="s2"><h2 id="s2">Table</h2>\n'
        '<div class="scroll"><table>\n'
        '<thead><tr><th scope="col">Id</th></tr></thead>\n'
        "<tbody>\n"
        '<tr><td class="whole">a<sup><a id="fnref-1" href="#fn-1" class="tag">[1]</a></sup></td></tr>\n'
        "</tbody></table></div>\n"
        '<p class="note">n1</p>\n'
        "</section>\n"
        '<section aria-labelledby="s3"><h2 id="s3">Text</h2>\n'
        '<p class="legend"><span><span class="quote k-statistic">statistic</span> (S): fig</span> '
        '<span class="plain">Plain grey text: no fact quotes it.</span></p>\n'
        '<section aria-labelledby="h-p2"><h3 id="h-p2">¶2</h3>\n'
        f'<p id="p2"><span class="quote k-statistic" data-fact-ref="1">{OPEN}Some{CLOSE}'
        '<a class="tag" id="ref-p2-1-1" href="#fact-p2-1" aria-label="S1: fact 1, statistic">S1</a></span>'
        '<span class="plain"> words.</span></p>\n'
        '<ol class="notes">\n'
        '<li id="fact-p2-1" data-fact="a"><b>S1</b> <code>a</code>: n '
        '<a href="#ref-p2-1-1" aria-label="back to the quote">↩</a></li>\n'
        "</ol>\n"
        "</section>\n"
        "</section>\n"
        '<section aria-labelledby="notes"><h2 id="notes">Notes</h2><ol>\n'
        '<li id="fn-1">x <a href="#fnref-1" aria-label="back to the table">↩</a></li>\n'
        "</ol></section>\n" + FOOTER
    )


def test_a_fact_sheet_with_no_text_inside_is_in_english() -> None:
    page = _page(result(sections=(Section("Only"),)))
    assert page.split("\n")[1] == '<html lang="en">'
    assert _body(page) == (
        '<body><main><h1>kzcn</h1>\n<section aria-labelledby="s1"><h2 id="s1">Only</h2>\n</section>\n' + FOOTER
    )
