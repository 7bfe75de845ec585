"""The fact sheet: the source, its claims counted, the key figures footnoted, reviews, caveats, the annotated text."""

from __future__ import annotations

from dataclasses import replace

from kzcn.errors import NotFoundError
from kzcn.model.derive import DerivationError, derive_all
from kzcn.model.records import Fact, KnowledgeBase, Source
from kzcn.model.result import WHOLE, WORDS, Field, Result, Section
from kzcn.model.wording import counted, quantity_text, time_text
from kzcn.queries.article import annotate
from kzcn.queries.cards import claim_sections
from kzcn.queries.facets import facet_counts, outcome_of, verdict_of
from kzcn.queries.filters import NO_FILTERS, Filters
from kzcn.queries.overview import list_sources
from kzcn.queries.selection import kept_part

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)
if TYPE_CHECKING:
    from typing import Any

KEY_FIGURE_FIELDS = (
    Field("id", "ID", shape=WHOLE),
    Field("basis", "Basis", styled=True),
    Field("what", "What"),
    Field("figure", "Figure", shape=WORDS),
    Field("time", "Time", shape=WORDS),
    Field("verdict", "Verdict", styled=True),
    Field("outcome", "Outcome", styled=True),
    Field("where", "Where it comes from", footnote=True, links=True),
)
"""A key figure: stated, forecast, derived (with its arithmetic) or reported by another source, with its source."""

_UNKNOWN_FIELDS = ("title", "author", "publisher", "published", "url")


def _about(source: Source) -> list[str]:
    """What is known of a primary source, and what is not, in plain sentences."""
    known = [f"language {source.language}" if source.language else None]
    if source.view_count is not None:
        known.append(f"view counter {source.view_count:,}")
    unknown = [name for name in _UNKNOWN_FIELDS if getattr(source, name) is None]
    said = "; ".join(item for item in known if item) or "nothing is known of it but its text"
    lines = [f"{source.id} ({source.kind}): {said}."]
    if unknown:
        lines.append(f"Unknown, because the source does not give them: {', '.join(unknown)}.")
    if source.notes:
        lines.append(source.notes)
    return lines


def _where(kb: KnowledgeBase, fact: Fact) -> str:
    source = kb.sources_by_id[fact.source]
    quotes = " […] ".join(f"“{quote.text}”" for quote in fact.quotes)
    if source.role == "primary":
        paragraphs = ", ".join(f"¶{quote.paragraph}" for quote in fact.quotes)
        return f"{source.id} {paragraphs}: {quotes}"
    published = f", {source.published}" if source.published else ""
    return f"{source.publisher or source.id}{published}, {source.url or 'no URL'}: {quotes}"


def _key_figures(kb: KnowledgeBase) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    claims = [fact for fact in kb.facts if kb.is_claim(fact) and fact.quantity is not None]
    for fact in claims:
        rows.append(
            {
                "id": fact.id,
                "basis": "forecast" if fact.kind == "forecast" else "stated",
                "what": fact.statement,
                "figure": quantity_text(fact.quantity),
                "time": time_text(fact.time),
                "verdict": verdict_of(fact, kb),
                "outcome": outcome_of(fact, kb),
                "where": _where(kb, fact),
            }
        )
    try:
        figures = derive_all(kb)
    except DerivationError:  # a checked knowledge base derives every figure; an unchecked one may not
        figures = []
    from kzcn.queries.figures import figure_text

    for figure in figures:
        inputs = ", ".join(item.fact_id for item in figure.inputs)
        rows.append(
            {
                "id": figure.id,
                "basis": "derived from forecast" if figure.based_on_forecast else "derived",
                "what": figure.label,
                "figure": figure_text(figure),
                "time": str(figure.year) if figure.year is not None else None,
                "verdict": None,
                "outcome": None,
                "where": f"computed by kzcn from {inputs}: {figure.arithmetic}"
                + (f"; declared comparable: {figure.comparable}" if figure.comparable else ""),
            }
        )
    cited: dict[str, Fact] = {}  # by id, in the order first cited: a list's `in` made 30,000 facts quadratic
    for review in kb.reviews:
        for item in review.evidence:
            found = kb.facts_by_id.get(item.fact)
            if found is not None and found.quantity is not None and item.bearing != "context":
                cited.setdefault(found.id, found)
    for fact in cited.values():
        rows.append(
            {
                "id": fact.id,
                "basis": "record (forecast)" if fact.kind == "forecast" else "record",
                "what": fact.statement,
                "figure": quantity_text(fact.quantity),
                "time": time_text(fact.time),
                "verdict": None,
                "outcome": None,
                "where": _where(kb, fact),
            }
        )
    return rows


def _claim_counts(kb: KnowledgeBase) -> Result:
    claims_only = replace(kb, facts=tuple(fact for fact in kb.facts if kb.is_claim(fact)))
    records = [
        {"facet": facet, "value": value, "count": count}
        for facet in ("kind", "modality", "verdict")
        for value, count in sorted(facet_counts(claims_only, facet).items(), key=lambda item: (-item[1], item[0]))
    ]
    fields = (Field("facet", "Facet"), Field("value", "Value", shape=WHOLE), Field("count", "Claims", shape=WHOLE))
    return Result(fields=fields, records=tuple(records))


def report(kb: KnowledgeBase, filters: Filters = NO_FILTERS) -> Result:
    """The whole knowledge base as a fact sheet for someone who will never run kzcn. With filters, of the claims that
    pass them: its claims, key figures, chart, reviews, caveats and marks are those of `kept_part` (a derived figure
    only when every fact it is computed from is kept), its title says by what; the source and the sources whole."""
    primary = [source for source in kb.sources if source.role == "primary"]
    if not primary:
        raise NotFoundError("the knowledge base has no primary source to report on")
    wanted = filters.checked(kb)
    part = kept_part(kb, wanted)
    claims = [fact for fact in part.facts if part.is_claim(fact)]
    key_figures = tuple(_key_figures(part))
    sections = [
        *claim_sections(part, filtered=part is not kb),
        Section("The source", tuple(line for source in primary for line in _about(source))),
        # A table without rows reads as a layout error: a fresh knowledge base gets a sentence instead (issue 23).
        Section("The claims, counted", _claims_text(kb, part, wanted), _claim_counts(part) if claims else None),
        _key_figures_section(key_figures, filtered=part is not kb),
    ]
    sections += _revenue_section(part)
    caveats = tuple(f"{fact.id}: {fact.note}" for fact in claims if fact.note)
    if caveats:
        sections.append(Section("Caveats", caveats))
    for source in primary:
        if source.text is not None:
            sections.append(Section(f"The text, annotated: {source.id}", (), annotate(part, source_id=source.id)))
    sections.append(Section("Sources", (), replace(list_sources(kb), title=None)))
    filtered = f" (filtered: {wanted.described()})" if part is not kb else ""
    heading = kb.heading
    return Result(
        fields=KEY_FIGURE_FIELDS,
        records=key_figures,
        title=(heading.title if heading else f"Fact sheet: {', '.join(source.id for source in primary)}") + filtered,
        lead=(heading.lead,) if heading and heading.lead else (),
        sections=tuple(sections),
    )


def _key_figures_section(key_figures: tuple[dict[str, Any], ...], *, filtered: bool) -> Section:
    if not key_figures:
        return Section("Key figures", (f"No claim{' that passes the filters' if filtered else ''} states a figure.",))
    return Section(
        "Key figures",
        (
            "Stated and forecast figures of the article, figures kzcn derives from them (with the arithmetic), "
            "and what other sources report; each with the words it comes from.",
        ),
        Result(fields=KEY_FIGURE_FIELDS, records=key_figures),
    )


def _claims_text(kb: KnowledgeBase, part: KnowledgeBase, filters: Filters) -> tuple[str, ...]:
    """How many claims the sheet covers and how much evidence is quoted about them; with filters, which ones."""
    claims = sum(1 for fact in part.facts if part.is_claim(fact))
    if not kb.facts:
        return ("No claims yet: the knowledge base records no fact of the article (kzcn init wrote one to copy).",)
    if part is kb:
        # The sources the evidence quotes: a work the article only mentions (the documentary) quotes nothing.
        quoted = len({fact.source for fact in kb.facts if not kb.is_claim(fact)})
        return (
            f"{counted(claims, 'claim')} of the article, each quoted verbatim; "
            f"{counted(len(kb.facts) - claims, 'fact')} of {counted(quoted, 'other source')} are quoted as evidence "
            "about them.",
        )
    every = sum(1 for fact in kb.facts if kb.is_claim(fact))
    evidence = [fact for fact in part.facts if not part.is_claim(fact)]
    sources = len({fact.source for fact in evidence})
    return (
        f"Filtered: {filters.described()}. Claims that pass: {claims} of the article's {every}, each quoted verbatim; "
        f"their reviews cite {counted(len(evidence), 'fact')} of {counted(sources, 'other source')} as evidence.",
        "The key figures, the chart, the reviews, the caveats and the marks in the text are those of these claims; a "
        "figure kzcn derives is shown only when every fact it is computed from is. The source and the list of "
        "sources are shown whole.",
    )


def _revenue_section(kb: KnowledgeBase) -> list[Section]:
    """The transport-income series: the article's figures beside what other sources record for each year (issue
    24), without the gaps kzcn computes between the two; if the knowledge base has the series."""
    from kzcn.queries.figures import REVENUE_SERIES, revenue

    if not any(fact.series == REVENUE_SERIES for fact in kb.facts):
        return []
    series = revenue(kb)
    records = {row["id"] for row in series.records if row["role"] == "record"}
    shown = tuple(row for row in series.records if not (row["derived"] and records.intersection(row["inputs"])))
    return [
        Section(
            "Transport income: the article's figures beside the record",
            (
                "The article's stated figures in full bars, its forecast in hatched ones, and what other sources "
                "record in dotted ones; a record in another currency is listed, not drawn, since kzcn converts no "
                "currency at a rate no source gives. Derived figures are listed, not drawn.",
            ),
            replace(series, records=shown, notes=(), title=None, table_fields=("year", "basis", "text", "id")),
        )
    ]
