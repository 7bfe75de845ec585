"""Claim cards: each reviewed claim of the article with its words, its verdict, what the record shows, the evidence."""

from __future__ import annotations

from dataclasses import replace

from kzcn.model.records import UNREVIEWED, Fact, KnowledgeBase, Review
from kzcn.model.result import WHOLE, Card, Cited, Field, Result, Section
from kzcn.queries.caveats import caveats_of
from kzcn.queries.reviews import OUTCOME_MEANINGS, VERDICT_MEANINGS

_HOW_SURELY = {
    "asserted": "the author, as a fact",
    "predicted": "the author, as a prediction",
    "hedged": "the author, as a possibility (hedged)",
}
"""Who makes a claim of the author's own, and how surely, in words."""


def says_in_words(fact: Fact) -> str:
    """Who makes the claim and how surely: "the author, as a prediction", "unnamed, as the article reports"."""
    if fact.modality == "reported" or fact.attributed_to:
        return f"{fact.attributed_to or 'unnamed'}, as the article reports"
    if fact.modality == "conditional":
        return f"the author, on a condition: {fact.condition}" if fact.condition else "the author, on a condition"
    if fact.kind == "opinion" and fact.modality == "asserted":
        return "the author, as a view"  # an opinion asserted is a view held, never "as a fact"
    return _HOW_SURELY.get(fact.modality, f"the author ({fact.modality})")


def words_of(fact: Fact) -> str:
    """A fact's own words as its source writes them: its quotes, joined by " […] "."""
    return " […] ".join(quote.text for quote in fact.quotes)


def _cited(kb: KnowledgeBase, review: Review) -> tuple[Cited, ...]:
    items = []
    for item in review.evidence:
        fact = kb.facts_by_id[item.fact]
        source = kb.sources_by_id[fact.source]
        items.append(
            Cited(
                fact=fact.id,
                bearing=item.bearing,
                quote=words_of(fact),
                note=item.note,
                publisher=source.publisher,
                published=source.published,
                language=source.language,
                url=source.url,
            )
        )
    return tuple(items)


def card(kb: KnowledgeBase, fact: Fact) -> Card:
    """The card of one claim: with its review where it has one, else unreviewed (verdict None)."""
    review = kb.reviews_by_claim.get(fact.id)
    verdict = review.verdict if review else None
    return Card(
        claim=fact.id,
        kind=fact.kind,
        statement=fact.statement,
        quote=words_of(fact),
        paragraphs=tuple(sorted({quote.paragraph for quote in fact.quotes})),
        says=says_in_words(fact),
        verdict=verdict,
        verdict_meaning=VERDICT_MEANINGS.get(verdict, "no review yet") if verdict else "no review yet",
        summary=review.summary if review else None,
        outcome=review.outcome if review else None,
        outcome_summary=(
            f"{OUTCOME_MEANINGS[review.outcome]}: {review.outcome_summary}"
            if review and review.outcome and review.outcome_summary
            else None
        ),
        evidence=_cited(kb, review) if review else (),
        caveats=tuple(caveat.partition(": ")[2] for caveat in caveats_of([fact.id], kb.facts_by_id)),
    )


def cards(kb: KnowledgeBase) -> tuple[Card, ...]:
    """A card for each claim of the article with a checkable premise: every claim reviewed, but an opinion whose
    review finds nothing to check (not-checkable, no evidence), which the sheet lists compactly instead."""
    return tuple(card(kb, fact) for fact in kb.facts if kb.is_claim(fact) and not is_compact(kb, fact))


def is_compact(kb: KnowledgeBase, fact: Fact) -> bool:
    """A claim listed compactly, not carded: one with no review yet, or whose review judges nothing against the
    record (not-checkable, and no evidence: an opinion, most often)."""
    review = kb.reviews_by_claim.get(fact.id)
    return review is None or (review.verdict == "not-checkable" and not review.evidence)


_NOT_BORNE_OUT = ("contradicted", "not-supported", "partly-supported", "unverified")
"""Verdicts of a claim the record does not bear out in full, worst first."""


def tally(kb: KnowledgeBase) -> tuple[tuple[str, int], ...]:
    """How many of the article's checkable claims have each verdict, in the scale's order; unreviewed last."""
    from kzcn.model.records import VERDICTS
    from kzcn.queries.facets import verdict_of

    verdicts = [verdict_of(fact, kb) for fact in kb.facts if kb.is_claim(fact)]
    counted = [(verdict, verdicts.count(verdict)) for verdict in (*VERDICTS, UNREVIEWED)]
    return tuple((verdict, count) for verdict, count in counted if count)


def findings(kb: KnowledgeBase) -> tuple[str, ...]:
    """The few findings a reader most needs, in sentences: every claim the record contradicts or does not support,
    then the largest figures it bears out only in part or not at all, then each forecast of a figure with what became
    of it. The claim is in the knowledge base's words, never in quotation marks: the article's are on its card."""
    reviewed = [
        (fact, review)
        for fact in kb.facts
        if kb.is_claim(fact) and (review := kb.reviews_by_claim.get(fact.id)) is not None and fact.kind != "forecast"
    ]
    worst = [(fact, review) for fact, review in reviewed if review.verdict in _NOT_BORNE_OUT[:2]]
    figures = [
        (fact, review)
        for fact, review in reviewed
        if review.verdict in _NOT_BORNE_OUT[2:] and fact.quantity is not None
    ]
    # Python compares an int with a float exactly, and never overflows doing so: a 400-digit value sorts too.
    figures.sort(key=lambda pair: (_NOT_BORNE_OUT.index(pair[1].verdict), -_size(pair[0])))
    lines = [
        f"{badge_word(review.verdict)}: {fact.statement} {review.summary}" for fact, review in [*worst, *figures[:3]]
    ]
    return (*lines, *_forecast_findings(kb))


def _forecast_findings(kb: KnowledgeBase) -> list[str]:
    """Each forecast of the article with a figure or a verdict to tell, and what became of it."""
    lines = []
    for fact in kb.facts:
        review = kb.reviews_by_claim.get(fact.id)
        if not (kb.is_claim(fact) and fact.kind == "forecast" and review is not None and review.outcome is not None):
            continue
        if fact.quantity is None and review.verdict == "not-checkable":
            continue  # a forecast with nothing to count or check: its card says so
        lines.append(
            f"Forecast: {fact.statement} Made as the article reports it? {review.verdict}. What became of it? "
            f"{review.outcome}: {OUTCOME_MEANINGS[review.outcome]}."
        )
    return lines


def badge_word(verdict: str) -> str:
    """A verdict at the start of a sentence: "Not-supported"."""
    return verdict[:1].upper() + verdict[1:]


def _size(fact: Fact) -> int | float:
    """A figure's size in its base units, to put the largest first (units are not compared: a rank is enough)."""
    return fact.quantity.value if fact.quantity is not None else 0


COMPACT_FIELDS = (
    Field("claim", "Claim", shape=WHOLE),
    Field("statement", "The claim (kzcn's words)", main=True),
    Field("verdict", "Verdict", styled=True, missing="—", json_type="string?"),
)
"""The claims listed compactly: opinions with no premise to check, and claims not reviewed yet."""


def claim_sections(kb: KnowledgeBase, *, filtered: bool) -> list[Section]:
    """How a fact sheet opens: the verdicts counted and the findings that matter most, a card per claim the record
    can judge, then the others listed compactly."""
    from kzcn.queries.reviews import list_reviews

    claims = [fact for fact in kb.facts if kb.is_claim(fact)]
    if not claims:
        return []
    carded = cards(kb)
    ids = {item.claim for item in carded}
    counts = tally(kb)
    which = "the claims that pass the filters" if filtered else "the article's claims"
    summary = (
        f"The knowledge base's verdicts on {which}: "
        + ", ".join(f"{count} {verdict}" for verdict, count in counts)
        + ". A verdict is its judgement against other sources, never the article's words.",
        *findings(kb),
    )
    reviews = list_reviews(kb)
    compact = [fact for fact in claims if fact.id not in ids]
    sections = [Section("In short", summary, tally=counts)]
    if carded:
        sections.append(
            Section(
                "What the article claims, and what the record shows",
                (),
                replace(reviews, records=tuple(row for row in reviews.records if row["claim"] in ids), title=None),
                cards=carded,
            )
        )
    if compact:
        sections.append(
            Section(
                "The other claims",
                (
                    "Opinions and predictions with nothing a record could bear on (not-checkable, or — for an opinion "
                    "not reviewed), and claims not reviewed yet (unreviewed):",
                ),
                Result(
                    fields=COMPACT_FIELDS,
                    records=tuple(
                        {"claim": fact.id, "statement": fact.statement, "verdict": _verdict(kb, fact)}
                        for fact in compact
                    ),
                ),
            )
        )
    return sections


def _verdict(kb: KnowledgeBase, fact: Fact) -> str | None:
    """The claim's verdict as every view gives it: unreviewed for a checkable claim without a review, none for an
    opinion without one (an opinion is never "unreviewed": --verdict unreviewed does not find it)."""
    from kzcn.queries.facets import verdict_of

    return verdict_of(fact, kb)
