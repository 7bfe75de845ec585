"""Claim cards and the verdict tally in Markdown: a section per claim that GitHub and GitLab render as they stand."""

from __future__ import annotations

from collections.abc import Callable

from kzcn.model.result import Card, Cited
from kzcn.render.reading import VERDICT_SIGNS, badge_text, host_of, source_line


def link(url: str) -> str | None:
    """An http or https address as a Markdown link to its host, the address untouched inside `<…>` (nothing escaped
    in it: GitHub turned `\\_` in a bare URL into `%5C_`); None for an address that must not be a link (host_of)."""
    host = host_of(url)
    return None if host is None else f"[{host}](<{url}>)"


def tally(counts: tuple[tuple[str, int], ...]) -> list[str]:
    return [" · ".join(f"**{VERDICT_SIGNS.get(verdict, '•')} {count} {verdict}**" for verdict, count in counts), ""]


def _cited(item: Cited, escape: Callable[[str], str]) -> str:
    from kzcn.render.markdown import code_span

    where = escape(source_line(item.publisher, item.published, item.language))
    linked = link(item.url) if item.url else None  # the link, or the address as text
    address = f", {linked}" if linked else f", {code_span(item.url)}" if item.url else ", no address"
    note = f" {escape(item.note)}" if item.note else ""
    return f"- **{escape(item.bearing)}**: “{escape(item.quote)}” ({where}{address}).{note}"


def card(item: Card, escape: Callable[[str], str]) -> list[str]:
    """One claim as a Markdown section: a heading, the quote, the verdict, what the record shows, the evidence."""
    paragraphs = ", ".join(f"¶{number}" for number in item.paragraphs)
    lines = [
        f"### {escape(item.statement.rstrip('.,;:!'))}",  # a heading ends without punctuation (markdownlint MD026)
        "",
        f"> “{escape(item.quote)}”",
        "",
        f"The article, {paragraphs}: {escape(item.says)}. Claim `{item.claim}`.",
        "",
    ]
    verdict = f"**{badge_text(item.verdict)}**: {escape(item.verdict_meaning)}."
    if item.kind == "forecast":
        outcome = f"**{badge_text(item.outcome)}**" if item.outcome else "not judged yet"
        lines += [
            f"Made as the article reports it? {verdict}",
            "",
            f"What became of it? {outcome}: {escape(item.outcome_summary or '')}",
            "",
        ]
    else:
        lines += [verdict, ""]
    if item.summary:
        lines += [f"**What the record shows:** {escape(item.summary)}", ""]
    if item.evidence:
        lines += ["**Evidence:**", "", *(_cited(cited, escape) for cited in item.evidence), ""]
    lines += [line for caveat in item.caveats for line in (f"_Caveat: {escape(caveat)}_", "")]
    return lines
