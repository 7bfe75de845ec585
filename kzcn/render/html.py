"""HTML output: one self-contained page (inline CSS and SVG, no script, nothing fetched), for any result."""

from __future__ import annotations

from html import escape as _html_escape
from typing import Any

from kzcn.escape import visible
from kzcn.model.document import Document
from kzcn.model.result import Chart, Field, Result, Section
from kzcn.render import html_cards
from kzcn.render.options import RenderOptions
from kzcn.render.reading import labelled_value, pieces, quote_in_context, tag

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
.scroll { overflow-x: auto; }
td.whole { overflow-wrap: normal; }  /* ids break only where a browser may: at their hyphens */
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
@media (max-width: 40rem) { body { padding: 0.6rem; font-size: 0.97rem; } th, td { padding: 0.25rem; } }
@media print { body { max-width: none; } a { color: inherit; text-decoration: none; } .scroll { overflow: visible; }
  h2 { break-after: avoid; } tr, li { break-inside: avoid; } }
"""

_FILLS = {"solid": "#1b5e20", "dense": "#b71c1c", "light": "url(#hatch)", "medium": "url(#dots)"}
_FILL_WORDS = {"solid": "green", "dense": "red", "light": "hatched", "medium": "dotted"}
"""How the legend names each fill as the page draws it (a terminal's "dense" bar is a red one here)."""


def escape(text: str) -> str:
    """Knowledge-base text as HTML text: never markup, never a control character."""
    return _html_escape(visible(text), quote=True)


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

    def footnote(self, text: str) -> str:
        number = len(self.footnotes) + 1
        self.footnotes.append((f"fn-{number}", text))
        return f'<sup><a id="fnref-{number}" href="#fn-{number}" class="tag">[{number}]</a></sup>'

    def table(self, result: Result, fields: tuple[Field, ...]) -> list[str]:
        columns = [field for field in fields if not (field.footnote and not self.options.fields)]
        notes = [field for field in fields if field.footnote and not self.options.fields]
        out = ['<div class="scroll"><table>']
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
                cells.append(f"<td{css}>{escape(_value(record.get(field.key), field))}</td>")
            for field in notes:
                value = record.get(field.key)
                if value is not None and cells:
                    cells[-1] = cells[-1][: -len("</td>")] + self.footnote(escape(_value(value, field))) + "</td>"
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</tbody></table></div>")
        return out

    def chart(self, chart: Chart) -> list[str]:
        width, row, label = 640, 26, 190
        height = row * len(chart.bars) + 10
        bars = []
        for index, bar in enumerate(chart.bars):
            y = 5 + index * row
            length = max(2.0, bar.share * (width - label - 150))
            bars.append(
                f'<text x="0" y="{y + 16}" font-size="13">{escape(bar.label.strip())}</text>'
                f'<rect x="{label}" y="{y + 3}" width="{length:.1f}" height="17" fill="{_FILLS[bar.fill]}" '
                f'stroke="#333"><title>{escape(bar.label.strip())}: {escape(bar.text)}</title></rect>'
                f'<text x="{label + length + 6:.1f}" y="{y + 16}" font-size="13">{escape(bar.text)}</text>'
            )
        legend = "; ".join(f"{_FILL_WORDS.get(fill, fill)} bars: {meaning}" for fill, meaning in chart.legend)
        alternative = "; ".join(f"{bar.label.strip()}: {bar.text}" for bar in chart.bars)
        return [
            "<figure>",
            f'<svg role="img" aria-labelledby="chart-title chart-desc" viewBox="0 0 {width} {height}" width="100%">',
            f'<title id="chart-title">Bar chart</title><desc id="chart-desc">{escape(alternative)}</desc>',
            '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff3d6"/>'
            '<line x1="0" y1="0" x2="0" y2="6" stroke="#7a4a00" stroke-width="3"/></pattern>'
            '<pattern id="dots" width="5" height="5" patternUnits="userSpaceOnUse">'
            '<circle cx="2.5" cy="2.5" r="1.4" fill="#7a4a00"/></pattern></defs>',
            *bars,
            "</svg>",
            f"<figcaption>{escape(legend)}. In words: {escape(alternative)}.</figcaption>",
            "</figure>",
        ]

    def document(self, document: Document) -> list[str]:
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
            out.append(f'<section aria-labelledby="h-{anchor}"><h3 id="h-{anchor}">¶{block.number}</h3>')
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
            out += self.body(section.result)
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
            return self.document(result.document)
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
