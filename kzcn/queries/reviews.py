"""Review queries: the knowledge base's verdicts on the article's claims, with the evidence behind each."""

from __future__ import annotations

from kzcn.errors import NotFoundError
from kzcn.model.records import CHECKABLE_KINDS, UNREVIEWED, VERDICTS, Fact, KnowledgeBase, Review
from kzcn.model.result import WHOLE, Field, Result
from kzcn.model.wording import counted, quantity_text, time_text
from kzcn.queries.facts import closest_ids
from kzcn.queries.filters import NO_FILTERS, Filters

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)
if TYPE_CHECKING:
    from typing import Any

QUOTE_FORMAT = "¶{paragraph}: {text}"
"""How tables, CSV and Markdown write a quote object."""

VERDICT_MEANINGS = {
    "supported": "a record of the claim's measure, scope and time says so",
    "partly-supported": "records bear out part of the claim; the rest is qualified, contradicted or not found",
    "not-supported": "records of the claim's measure exist and none says so",
    "contradicted": "a record of the claim's measure says otherwise, and none says so",
    "not-checkable": "an opinion, or a claim no record could meet (no time, measure or scope)",
    "unverified": "searched, and no record of the claim's measure, scope and time was found",
}
"""The review scale in words, for docs/reviews.md, --help and the legend; for a forecast, the claim judged is that the
forecast was made as the article reports it, and `outcome` says what became of it."""

OUTCOME_MEANINGS = {
    "met": "a record of the forecast's time says it came true",
    "not-met": "a record of the forecast's time says it did not",
    "too-early": "its time had not come when it was reviewed",
    "not-found": "no record of its time was found",
}
"""What became of a forecast, in words."""

REVIEW_FIELDS = (
    Field("claim", "Claim", shape=WHOLE),
    Field("verdict", "Verdict", styled=True, missing=UNREVIEWED, json_type="string?"),
    Field("kind", "Kind", styled=True),
    Field("statement", "The claim (kzcn's words)"),
    Field("summary", "Why (kzcn's review)", main=True, json_type="string?"),
    Field("outcome", "Outcome", styled=True, missing="—", json_type="string?"),
    Field("outcome_summary", "What became of it (forecasts)", json_type="string?"),
    Field("evidence_count", "Evidence", shape=WHOLE, json_type="integer"),
    Field("topics", "Topics", json_type="string[]"),
    Field("searched", "Searched for, not found", json_type="string?"),
    Field("date", "Reviewed", json_type="string?"),
)
REVIEW_DETAIL_FIELDS = (
    *REVIEW_FIELDS,
    Field("quotes", "Quotes", json_type="object[]"),
    Field("evidence", "Evidence items", json_type="object[]"),
    Field("reviewer", "Reviewer", json_type="string?"),
)
"""Every field of `kzcn review CLAIM`'s one record: a review's, the claim's quotes, the evidence, the reviewer."""
_REVIEW_TABLE = ("claim", "verdict", "outcome", "summary", "evidence_count")


def checkable_claims(kb: KnowledgeBase) -> list[Fact]:
    """The claims of the primary sources that a review can judge: statistics, events and forecasts."""
    return [fact for fact in kb.facts if kb.is_claim(fact) and fact.kind in CHECKABLE_KINDS]


def _review_record(kb: KnowledgeBase, fact: Fact, review: Review | None) -> dict[str, Any]:
    return {
        "claim": fact.id,
        "verdict": review.verdict if review else None,
        "kind": fact.kind,
        "statement": fact.statement,
        "summary": review.summary if review else None,
        "outcome": review.outcome if review else None,
        "outcome_summary": review.outcome_summary if review else None,
        "evidence_count": len(review.evidence) if review else 0,
        "topics": list(fact.topics),
        "searched": review.searched if review else None,
        "date": review.date if review else None,
    }


def list_reviews(kb: KnowledgeBase, filters: Filters = NO_FILTERS) -> Result:
    """Every review, then every checkable claim without one (verdict unreviewed): those whose claim passes the
    filters (`Filters.matches`)."""
    wanted = filters.checked(kb)
    pairs: list[tuple[Fact, Review | None]] = [(kb.facts_by_id[review.claim], review) for review in kb.reviews]
    reviewed = {fact.id for fact, _review in pairs}
    pairs += [(fact, None) for fact in checkable_claims(kb) if fact.id not in reviewed]
    rows = [_review_record(kb, fact, review) for fact, review in pairs if wanted.matches(fact, kb)]
    counts = {
        verdict: sum(1 for row in rows if (row["verdict"] or UNREVIEWED) == verdict)
        for verdict in (*VERDICTS, UNREVIEWED)
    }
    tally = ", ".join(f"{count} {verdict}" for verdict, count in counts.items() if count)
    return Result(
        fields=REVIEW_FIELDS,
        table_fields=_REVIEW_TABLE,
        records=tuple(rows),
        title=f"{counted(len(rows), 'review')} of the article's claims" + (f": {tally}" if tally else ""),
        empty_message="No review matches.",
        legends=(("verdict", _verdict_legend()), ("outcome", _outcome_legend())),
        notes=("A verdict is the knowledge base's judgement of the claim against other sources, never the article's "
               "words; a forecast's verdict judges only that it was made as the article reports it, and its outcome "
               "what became of it. kzcn review CLAIM shows the evidence.",),
    )  # fmt: skip


def _verdict_legend() -> str:
    return "Verdicts: " + "; ".join(f"{verdict} = {meaning}" for verdict, meaning in VERDICT_MEANINGS.items()) + "."


def _outcome_legend() -> str:
    return (
        "Outcomes of forecasts: " + "; ".join(f"{name} = {meaning}" for name, meaning in OUTCOME_MEANINGS.items()) + "."
    )


def evidence_record(kb: KnowledgeBase, fact_id: str, bearing: str, note: str | None) -> dict[str, Any]:
    """One evidence item with what its fact says and where it comes from."""
    fact = kb.facts_by_id[fact_id]
    source = kb.sources_by_id[fact.source]
    return {
        "fact": fact.id,
        "bearing": bearing,
        "note": note,
        "statement": fact.statement,
        "quotes": [{"paragraph": quote.paragraph, "text": quote.text} for quote in fact.quotes],
        "quantity_text": quantity_text(fact.quantity),
        "time_text": time_text(fact.time),
        "attributed_to": fact.attributed_to,
        "source": source.id,
        "publisher": source.publisher,
        "published": source.published,
        "url": source.url,
    }


def show_review(kb: KnowledgeBase, claim_id: str) -> Result:
    """One claim with its quote, verdict, reasoning and every evidence item with its quote, source, date and URL."""
    fact = kb.facts_by_id.get(claim_id)
    if fact is None or not kb.is_claim(fact):
        claims = [item.id for item in kb.facts if kb.is_claim(item)]
        what = "" if fact is None else f" ({claim_id!r} is evidence from {fact.source!r}: kzcn show {claim_id})"
        raise NotFoundError(f"no claim of the article with id {claim_id!r}{what}{closest_ids(claims, claim_id)}")
    review = kb.reviews_by_claim.get(fact.id)
    record = _review_record(kb, fact, review)
    record["quotes"] = [{"paragraph": quote.paragraph, "text": quote.text} for quote in fact.quotes]
    items = [evidence_record(kb, item.fact, item.bearing, item.note) for item in review.evidence] if review else []
    record["evidence"] = items
    record["evidence_lines"] = [_evidence_line(item) for item in items]
    record["reviewer"] = kb.reviewer.name if kb.reviewer else None
    forecast = fact.kind == "forecast"
    shown = (
        Field("claim", "Claim"),
        Field("statement", "The claim (kzcn's words)"),
        Field("quotes", "Quotes", joiner="\n", item_format=QUOTE_FORMAT),
        Field(
            "verdict", "Verdict (was it made as reported?)" if forecast else "Verdict", missing=UNREVIEWED, styled=True
        ),
        Field("summary", "Why (kzcn's review)", missing="no review yet"),
        *(
            (
                Field("outcome", "Outcome (what became of it?)", missing="not judged yet", styled=True),
                Field("outcome_summary", "Outcome, why", missing="—"),
            )
            if forecast
            else ()
        ),
        Field("searched", "Searched for, not found", missing="—"),
        Field("evidence_lines", "Evidence", joiner="\n\n", missing="none"),
        Field("date", "Reviewed", missing="unknown"),
        Field("reviewer", "Reviewer", missing="unknown"),
    )
    return Result(fields=REVIEW_DETAIL_FIELDS, records=(record,), single=True, record_fields=shown, title=fact.id)


def _evidence_line(item: dict[str, Any]) -> str:
    where = ", ".join(part for part in (item["publisher"], item["published"]) if part) or "unknown"
    note = f" {item['note']}" if item["note"] else ""
    quotes = " […] ".join(f"“{quote['text']}”" for quote in item["quotes"])
    return f"{item['bearing']}: {item['fact']} ({where}; {item['url'] or 'no URL'}).{note}\n{quotes}"
