"""Claim cards and the verdict tally in HTML: what a fact-checking desk publishes for each claim."""

from __future__ import annotations

from collections.abc import Callable

from kzcn.model.result import Card, Cited
from kzcn.render.reading import VERDICT_SIGNS, badge_text, host_of, source_line

CARD_STYLE = """
.tally { display: flex; flex-wrap: wrap; gap: 0.4rem; padding: 0; list-style: none; }
.badge { display: inline-block; border: 2px solid; border-radius: 0.3rem; padding: 0 0.4rem; font-weight: 700;
  font-size: 0.9rem; white-space: nowrap; }
.v-supported, .v-met { color: #14532d; background: #dcfce7; }
.v-partly-supported { color: #713f12; background: #fef3c7; border-style: dashed; }
.v-not-supported, .v-not-met { color: #7f1d1d; background: #fee2e2; }
.v-contradicted { color: #fff; background: #7f1d1d; border-color: #7f1d1d; }
.v-not-checkable, .v-too-early { color: #374151; background: #f3f4f6; border-style: dotted; }
.v-unverified, .v-not-found, .v-unreviewed { color: #1e3a8a; background: #e0e7ff; border-style: dotted; }
.card { border: 1px solid var(--rule); border-radius: 0.5rem; padding: 0.75rem 1rem; margin: 1rem 0;
  overflow-wrap: anywhere; }
.card h3 { margin: 0 0 0.4rem; font-size: 1.1rem; }
.card blockquote { margin: 0.5rem 0; padding-left: 0.75rem; border-left: 4px solid var(--rule); }
.card blockquote p { margin: 0; }
.card .who { color: var(--muted); font-size: 0.9rem; margin: 0.2rem 0 0.6rem; }
.pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 0.5rem; }
.pair > div { border-top: 1px solid var(--rule); padding-top: 0.3rem; }
.evidence { padding-left: 1.1rem; } .evidence li { margin: 0.45rem 0; }
.bearing { font-variant: small-caps; font-weight: 700; }
.card h4 { font-size: 0.95rem; margin: 0.8rem 0 0.2rem; }
@media print { .card { break-inside: avoid; } }
"""


def tally(counts: tuple[tuple[str, int], ...], escape: Callable[[str], str]) -> list[str]:
    """The verdicts counted as a line of badges."""
    items = "".join(
        f'<li><span class="badge v-{escape(verdict)}">{escape(VERDICT_SIGNS.get(verdict, "•"))} {count} '
        f"{escape(verdict)}</span></li>"
        for verdict, count in counts
    )
    return [f'<ul class="tally" aria-label="Verdicts counted">{items}</ul>']


def _badge(verdict: str | None, escape: Callable[[str], str]) -> str:
    word = verdict or "unreviewed"
    return f'<span class="badge v-{escape(word)}">{escape(badge_text(verdict))}</span>'


def _cited(item: Cited, escape: Callable[[str], str]) -> str:
    language = f' lang="{escape(item.language)}"' if item.language else ""
    where = escape(source_line(item.publisher, item.published, item.language))
    host = host_of(item.url) if item.url else None
    if item.url and host:
        link = f' <a href="{escape(item.url)}" rel="noopener noreferrer">{escape(host)}</a>'
    elif item.url:
        link = f" ({escape(item.url)})"  # not http or https: shown, never a link
    else:
        link = " (no address)"
    note = f" {escape(item.note)}" if item.note else ""
    return (
        f'<li><span class="bearing">{escape(item.bearing)}</span>: <q{language}>{escape(item.quote)}</q> '
        f'<span class="who">{where}{link}.</span>{note}</li>'
    )


def card(item: Card, escape: Callable[[str], str]) -> list[str]:
    """One claim: its words, who says it, the verdict, what the record shows, the evidence, the caveats."""
    anchor = f"claim-{escape(item.claim)}"
    paragraphs = ", ".join(f"¶{number}" for number in item.paragraphs)
    out = [
        f'<article class="card" id="{anchor}" aria-labelledby="{anchor}-h">',
        f'<h3 id="{anchor}-h">{escape(item.statement)}</h3>',
        f"<blockquote><p>“{escape(item.quote)}”</p></blockquote>",
        f'<p class="who">The article, {escape(paragraphs)}: {escape(item.says)}. <code>{escape(item.claim)}</code></p>',
    ]
    verdict = f"<p>{_badge(item.verdict, escape)} {escape(item.verdict_meaning)}.</p>"
    if item.kind == "forecast":
        outcome = _badge(item.outcome, escape) if item.outcome else "not judged yet"
        out += [
            '<div class="pair">',
            f"<div><h4>Made as the article reports it?</h4>{verdict}</div>",
            f"<div><h4>What became of it?</h4><p>{outcome} {escape(item.outcome_summary or '')}</p></div>",
            "</div>",
        ]
    else:
        out.append(verdict)
    if item.summary:
        out.append(f"<h4>What the record shows</h4><p>{escape(item.summary)}</p>")
    if item.evidence:
        out.append('<h4>Evidence</h4><ul class="evidence">')
        out += [_cited(cited, escape) for cited in item.evidence]
        out.append("</ul>")
    out += [f'<p class="note"><b>Caveat:</b> {escape(caveat)}</p>' for caveat in item.caveats]
    out.append("</article>")
    return out
