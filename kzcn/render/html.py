"""HTML output: one self-contained page (inline CSS and SVG, no script, nothing fetched), for any result."""

from __future__ import annotations

from html import escape as _html_escape

from kzcn.escape import visible
from kzcn.model.document import Document
from kzcn.model.result import Chart, Field, Result, Section
from kzcn.render import html_cards
from kzcn.render.options import RenderOptions
from kzcn.render.reading import labelled_value, pieces, quote_in_context, tag, with_addresses

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)
if TYPE_CHECKING:
    from typing import Any

_STYLE = """
:root { color-scheme: light; --ink: #1b1b1b; --muted: #4a4a4a; --rule: #c8c8c8; }
* { box-sizing: border-box; }
body { font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff;
  max-width: 48rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; line-height: 1.25; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid var(--rule); }
table { border-collapse: collapse; width: 100%; margin: 0.75rem 0; font-size: 0.92rem; }
th, td { border-bottom: 1px solid var(--rule); padding: 0.3rem 0.45rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
main { overflow-wrap: anywhere; }  /* a long address wraps rather than widen the page past a phone's screen */
.scroll { overflow-x: auto; }
.scroll:focus { outline: 2px solid #0b4f9c; }
td.whole { overflow-wrap: break-word; }  /* ids break at their hyphens, and only where nothing else will do */
.bars { list-style: none; padding: 0; margin: 0.5rem 0; }
.bars li { display: grid; grid-template-columns: minmax(6rem, 11rem) 1fr; gap: 0.5rem; align-items: center;
  margin: 0.3rem 0; font-size: 0.9rem; }
.bars .track { display: flex; align-items: center; gap: 0.4rem; min-width: 0; }
.bars .bar { display: inline-block; height: 1.1rem; min-width: 2px; border: 1px solid #333; flex: none; }
.bars .value { white-space: nowrap; }
.f-solid { background: #1b5e20; }
.f-dense { background: #b71c1c; }
.f-light { background: repeating-linear-gradient(45deg, #fff3d6 0 3px, #7a4a00 3px 6px); }
.f-medium { background: radial-gradient(circle, #7a4a00 1.4px, #fff 1.6px) 0 0 / 5px 5px; }
.plain { color: var(--muted); }
.quote { color: var(--ink); padding: 0 0.05rem; }
.k-statistic { background: #e3f2e5; border-bottom: 3px solid #1b5e20; }
.k-event { background: #e3eefb; border-bottom: 3px dotted #0d47a1; }
.k-forecast { background: #fff3d6; border-bottom: 3px dashed #7a4a00; }
.k-opinion { background: #f3e5f5; border-bottom: 3px double #4a148c; }
.focus { outline: 2px solid #000; }
.tag { font-size: 0.75em; font-weight: 700; vertical-align: super; text-decoration: none; color: var(--ink); }
.bracket { font-weight: 700; color: var(--ink); }
ol.notes { font-size: 0.92rem; margin-top: 0.25rem; padding-left: 1.2rem; list-style: none; }
ol.notes li { margin: 0.2rem 0; }
.legend span { margin-right: 0.8rem; }
.note { color: var(--muted); font-size: 0.9rem; }
figure { margin: 1rem 0; } figcaption { font-size: 0.9rem; color: var(--muted); }
a { color: #0b4f9c; }
@media (max-width: 40rem) { body { padding: 0.6rem; font-size: 0.97rem; } th, td { padding: 0.25rem; }
  /* On a phone each row of a table is a block of labelled lines: no column falls off the screen. */
  .scroll table, .scroll tbody, .scroll tr, .scroll td { display: block; width: 100%; }
  .scroll thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  .scroll tr { border-bottom: 2px solid var(--rule); padding: 0.3rem 0; }
  .scroll td { border: 0; padding: 0.1rem 0; }
  .scroll td::before { content: attr(data-label) ": "; font-weight: 700; }
  .bars li { grid-template-columns: 1fr; gap: 0.1rem; } }
@media print { body { max-width: none; } a { color: inherit; text-decoration: none; } .scroll { overflow: visible; }
  h2 { break-after: avoid; } tr, li { break-inside: avoid; } }
"""

_FILL_WORDS = {"solid": "green", "dense": "red", "light": "hatched", "medium": "dotted"}
"""How the legend names each fill as the page draws it (a terminal's "dense" bar is a red one here)."""


def escape(text: str) -> str:
    """Knowledge-base text as HTML text: never markup, never a control character."""
    return _html_escape(visible(text), quote=True)


def linking(text: str) -> str:
    """Text as `escape` writes it, each http(s) address in it a link that opens nothing else of the page's."""
    return "".join(
        f'<a href="{escape(words)}" rel="noopener noreferrer">{escape(words)}</a>' if host else escape(words)
        for words, host in with_addresses(text)
    )


def _value(value: Any, field: Field) -> str:
    if value is None:
        return field.missing
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return field.joiner.join(field.item_text(item, prefixed=True) for item in value)
    return str(value)


class _Writer:
    """HTML for one result; footnotes are numbered once across the page and link both ways."""

    def __init__(self, options: RenderOptions) -> None:
        self.options = options
        self.footnotes: list[tuple[str, str]] = []
        self.level = 2
        """The level of the headings a result's own parts take: 2 on a page of its own, 3 inside a section."""
        self.label: str | None = None
        """What a table is called for a screen reader: its section's heading, else its result's title."""

    def footnote(self, text: str) -> str:
        number = len(self.footnotes) + 1
        self.footnotes.append((f"fn-{number}", text))
        return f'<sup><a id="fnref-{number}" href="#fn-{number}" class="tag">[{number}]</a></sup>'

    def table(self, result: Result, fields: tuple[Field, ...]) -> list[str]:
        columns = [field for field in fields if not (field.footnote and not self.options.fields)]
        notes = [field for field in fields if field.footnote and not self.options.fields]
        # A table wider than the screen scrolls sideways: its region takes keyboard focus and has a name (axe:
        # scrollable-region-focusable), and on a phone its rows stack, each cell labelled by its column (CSS).
        name = escape(f"Table: {self.label or result.title or 'records'}")
        out = [f'<div class="scroll" tabindex="0" role="region" aria-label="{name}"><table>']
        if result.title:
            out.append(f"<caption>{escape(result.title)}</caption>")
        out.append(
            "<thead><tr>" + "".join(f'<th scope="col">{escape(f.header)}</th>' for f in columns) + "</tr></thead>"
        )
        out.append("<tbody>")
        for record in result.records:
            cells = []
            for field in columns:
                css = ' class="whole"' if field.shape == "whole" else ""
                label = f' data-label="{escape(field.header)}"'
                text = _value(record.get(field.key), field)
                cells.append(f"<td{css}{label}>{linking(text) if field.links else escape(text)}</td>")
            for field in notes:
                value = record.get(field.key)
                if value is not None and cells:
                    text = _value(value, field)
                    note = linking(text) if field.links else escape(text)
                    cells[-1] = cells[-1][: -len("</td>")] + self.footnote(note) + "</td>"
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</tbody></table></div>")
        return out

    def chart(self, chart: Chart) -> list[str]:
        """Bars as HTML, not SVG: their labels are text that stays legible at any width (an SVG scaled to a phone drew
        them 6 px tall), and the list reads as it stands to a screen reader."""
        legend = "; ".join(f"{_FILL_WORDS.get(fill, fill)} bars: {meaning}" for fill, meaning in chart.legend)
        rows = [
            f'<li><span class="label">{escape(bar.label.strip())}</span><span class="track">'
            f'<span class="bar f-{escape(bar.fill)}" style="width: {bar.share * 70:.1f}%" aria-hidden="true"></span>'
            f'<span class="value">{escape(bar.text)}</span></span></li>'
            for bar in chart.bars
        ]
        return [
            "<figure>",
            '<ul class="bars">',
            *rows,
            "</ul>",
            f"<figcaption>{escape(legend)}.</figcaption>",
            "</figure>",
        ]

    def document(self, document: Document, level: int) -> list[str]:
        letters = {style: letter for style, letter, _meaning in document.legend}
        legend = "".join(
            f'<span><span class="quote k-{escape(style)}">{escape(style)}</span> ({letter}): {escape(meaning)}</span>'
            for style, letter, meaning in document.legend
        )
        out = [f'<p class="legend">{legend} <span class="plain">Plain grey text: no fact quotes it.</span></p>']
        for block in document.blocks:
            anchor = f"p{block.number}"
            words = []
            seen: dict[int, int] = {}
            for piece in pieces(block):
                if piece.opens is not None:
                    mark = piece.opens
                    focus = " focus" if mark.focus else ""
                    words.append(f'<span class="quote k-{escape(mark.style)}{focus}" data-fact-ref="{mark.ref}">')
                    words.append('<span class="bracket" aria-hidden="true">⟦</span>')
                elif piece.closes is not None:
                    mark = piece.closes
                    seen[mark.ref] = seen.get(mark.ref, 0) + 1
                    ref_id = f"ref-{anchor}-{mark.ref}-{seen[mark.ref]}"
                    words.append(
                        f'<span class="bracket" aria-hidden="true">⟧</span><a class="tag" id="{ref_id}" '
                        f'href="#fact-{anchor}-{mark.ref}" aria-label="{escape(tag(mark, letters))}: fact {mark.ref}, '
                        f'{escape(mark.style)}">{escape(tag(mark, letters))}</a></span>'
                    )
                elif piece.marks:
                    words.append(escape(piece.text))
                else:
                    words.append(f'<span class="plain">{escape(piece.text)}</span>')
            # Headings in order (WCAG 1.3.1): a paragraph's is h2 on a page of its own, h3 inside a fact sheet's h2.
            out.append(f'<section aria-labelledby="h-{anchor}"><h{level} id="h-{anchor}">¶{block.number}</h{level}>')
            out.append(f'<p id="{anchor}">{"".join(words)}</p>')
            if block.notes:
                out.append('<ol class="notes">')
                for note in block.notes:
                    back = f'<a href="#ref-{anchor}-{note.ref}-1" aria-label="back to the quote">↩</a>'
                    label = f"{letters.get(note.style, '?')}{note.ref}"
                    out.append(
                        f'<li id="fact-{anchor}-{note.ref}" data-fact="{escape(note.key)}"><b>{label}</b> '
                        f"<code>{escape(note.key)}</code>: {escape(note.text)} {back}</li>"
                    )
                out.append("</ol>")
            out.append("</section>")
        return out

    def record(self, result: Result) -> list[str]:
        """One thing asked for: its labels and values as a description list, then its quotes in context."""
        record = result.records[0]
        out = ["<dl>"]
        out += [
            f"<dt>{escape(field.header)}</dt><dd>{escape(labelled_value(field, record))}</dd>"
            for field in result.record_fields
        ]
        out.append("</dl>")
        for context in result.context or ():
            before, quote, after = quote_in_context(context)
            marked = f"<mark>{escape(quote)}</mark>" if quote else ""
            body = f"{escape(before)}{marked}{escape(after)}"
            out.append(f"<h2>Paragraph {context.paragraph}</h2><blockquote><p>{body}</p></blockquote>")
        return out

    def section(self, number: int, section: Section) -> list[str]:
        """One section of a fact sheet: its heading, its tally, its prose, then its cards or its table."""
        out = [f'<section aria-labelledby="s{number}"><h2 id="s{number}">{escape(section.heading)}</h2>']
        if section.tally:
            out += html_cards.tally(section.tally, escape)
        out += [f"<p>{escape(paragraph)}</p>" for paragraph in section.text]
        if section.cards:
            out += [line for item in section.cards for line in html_cards.card(item, escape)]
        elif section.result is not None:
            self.level, self.label = 3, section.heading
            out += self.body(section.result)
            self.level, self.label = 2, None
        out.append("</section>")
        return out

    def body(self, result: Result) -> list[str]:
        if result.sections and not self.options.fields:
            return [
                line
                for number, section in enumerate(result.sections, start=1)
                for line in self.section(number, section)
            ]
        if result.document is not None and not self.options.fields:
            return self.document(result.document, self.level)
        if result.single and result.record_fields and not self.options.fields and result.records:
            return self.record(result)
        fields = result.select(self.options.fields, table=not self.options.fields)
        out = self.table(result, fields)
        if result.chart is not None and not self.options.fields:
            out += self.chart(result.chart)
        shown = {field.key for field in fields}
        notes = [text for key, text in result.legends if key in shown] + list(result.notes)
        out += [f'<p class="note">{escape(note)}</p>' for note in notes]
        return out


def render(result: Result, options: RenderOptions) -> str:
    writer = _Writer(options)
    language = result.document.language if result.document is not None else None
    if language is None and result.sections:
        language = next((s.result.document.language for s in result.sections if s.result and s.result.document), None)
    title = escape(result.title or "kzcn")
    summary = result.lead[0] if result.lead else result.title or "kzcn"
    description = f'<meta name="description" content="{escape(summary)}">'
    body = writer.body(result)
    if writer.footnotes:
        body.append('<section aria-labelledby="notes"><h2 id="notes">Notes</h2><ol>')
        for label, text in writer.footnotes:
            number = label.removeprefix("fn-")
            body.append(f'<li id="{label}">{text} <a href="#fnref-{number}" aria-label="back to the table">↩</a></li>')
        body.append("</ol></section>")
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{escape(language or "en")}">',
            '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
            # No script, no fetch: a page with nothing to load works offline, prints, and leaks no reader.
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            'img-src data:">',
            f"<title>{title}</title>{description}<style>{_STYLE}{html_cards.CARD_STYLE}</style></head>",
            f"<body><main><h1>{title}</h1>",
            *(f'<p class="lead">{escape(paragraph)}</p>' for paragraph in result.lead),
            *body,
            '<footer class="note"><p>Made by kzcn. Every quote is verbatim from its source; a verdict is the knowledge '
            "base's judgement, never the source's words.</p></footer>",
            "</main></body></html>",
            "",
        ]
    )
