"""schema.org ClaimReview JSON-LD for the reviewed claims: known fields only, nothing invented, every review with
its url, its rating on a documented scale and the evidence it cites."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kzcn.errors import UsageError
from kzcn.escape import is_web_url
from kzcn.model.records import CHECKABLE_KINDS, Fact, KnowledgeBase, Review, Source
from kzcn.queries.filters import NO_FILTERS, Filters

RATINGS = {"supported": 5, "partly-supported": 4, "unverified": 3, "not-checkable": 3, "not-supported": 2,
           "contradicted": 1}  # fmt: skip
"""ratingValue on a 1 (worst) to 5 (best) scale for every verdict (docs/reviews.md, "kzcn export claimreview"): 3 is the
middle, where the knowledge base neither bears the claim out nor refutes it (unverified, not-checkable)."""

BEST_RATING, WORST_RATING = 5, 1

SHORT_CLAIM = 75
"""The length Google recommends claimReviewed stay within; a longer statement needs a declared `claim_short`."""

_EXPLANATIONS = {
    "supported": "a record of the claim's measure, scope and time says so",
    "partly-supported": "records bear out part of the claim; the rest is qualified, contradicted or not found",
    "not-supported": "records of the claim's measure exist and none says so",
    "contradicted": "a record of the claim's measure says otherwise",
    "not-checkable": "no record could meet the claim: an opinion, or no time, measure or scope to check",
    "unverified": "searched, and no record of the claim's measure, scope and time was found",
}
_OUTCOMES = {"met": "met", "not-met": "not met", "too-early": "too early to tell", "not-found": "no outcome found"}


@dataclass(frozen=True)
class ClaimReviews:
    """The ClaimReview objects of an export, and what a publisher should know of them."""

    documents: tuple[dict[str, Any], ...]
    """One ClaimReview object per exported review, in file order."""
    warnings: tuple[str, ...]
    """Each claimReviewed longer than Google recommends, for lack of a declared short form."""


def claim_reviews(
    kb: KnowledgeBase, *, url_base: str | None = None, filters: Filters = NO_FILTERS, everything: bool = False
) -> ClaimReviews:
    """The ClaimReview objects of the reviews whose claim passes the filters: the checkable claims only (opinions
    too with `everything`). Each review's url is `url_base` (or the reviewer's declared url) plus #claim-id; with
    neither, UsageError, since Google requires one. Only http(s) URLs are written."""
    base = _url_base(kb, url_base)
    wanted = filters.checked(kb)
    documents, warnings = [], []
    for review in kb.reviews:
        fact = kb.facts_by_id[review.claim]
        if not wanted.matches(fact, kb) or (fact.kind not in CHECKABLE_KINDS and not everything):
            continue
        claimed = review.claim_short or fact.statement
        if len(claimed) > SHORT_CLAIM:
            warnings.append(
                f"claimReviewed of {fact.id} is {len(claimed)} characters, more than the {SHORT_CLAIM} Google "
                "recommends: declare a short form with claim_short in its review"
            )
        documents.append(_document(kb, fact, review, claimed, f"{base}#{fact.id}"))
    return ClaimReviews(tuple(documents), tuple(warnings))


def _url_base(kb: KnowledgeBase, url_base: str | None) -> str:
    if url_base is not None:
        if not is_web_url(url_base):
            raise UsageError(
                f"--url-base {url_base!r} is not an http or https URL; give where the reviews are published"
            )
        return url_base
    if kb.reviewer is not None and kb.reviewer.url is not None and is_web_url(kb.reviewer.url):
        return kb.reviewer.url
    raise UsageError(
        "every ClaimReview needs a url (Google requires one): give --url-base URL, where you publish the reviews "
        "(each url is URL#claim-id), or declare the reviewer's url in the knowledge base (reviewer: {url: ...})"
    )


def _document(kb: KnowledgeBase, fact: Fact, review: Review, claimed: str, url: str) -> dict[str, Any]:
    source = kb.sources_by_id[fact.source]
    claim: dict[str, Any] = {"@type": "Claim", "appearance": _creative_work(source)}
    if source.author is not None and fact.modality != "reported":  # the author's own claim, where known
        claim["author"] = {"@type": "Person", "name": source.author}
    if source.published is not None:
        claim["datePublished"] = source.published
    body = review.summary
    if review.outcome is not None:
        body += f" Outcome of the forecast: {_OUTCOMES[review.outcome]}. {review.outcome_summary or ''}".rstrip()
    document: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claimed,
        "itemReviewed": claim,
        "reviewRating": _rating(review),
        "reviewBody": body,
    }
    if kb.reviewer is not None:
        author: dict[str, Any] = {"@type": "Organization", "name": kb.reviewer.name}
        if kb.reviewer.url is not None and is_web_url(kb.reviewer.url):
            author["url"] = kb.reviewer.url
        document["author"] = author
    if review.date is not None:
        document["datePublished"] = review.date
    citations = _citations(kb, review)
    if citations:
        document["citation"] = citations
    return document


def _rating(review: Review) -> dict[str, Any]:
    name = review.verdict
    explanation = _EXPLANATIONS[review.verdict]
    if review.outcome is not None:  # never one word that reads as "it came true"
        name = f"forecast made as reported: {review.verdict}; outcome: {_OUTCOMES[review.outcome]}"
        explanation = f"the rating judges that the forecast was made as reported ({explanation}), not its outcome"
    return {
        "@type": "Rating",
        "alternateName": name,
        "ratingValue": RATINGS[review.verdict],
        "bestRating": BEST_RATING,
        "worstRating": WORST_RATING,
        "ratingExplanation": explanation,
    }


def _citations(kb: KnowledgeBase, review: Review) -> list[dict[str, Any]]:
    """The web pages the review's evidence quotes, once each, in the review's order."""
    cited: dict[str, dict[str, Any]] = {}
    for item in review.evidence:
        fact = kb.facts_by_id.get(item.fact)
        source = kb.sources_by_id.get(fact.source) if fact is not None else None
        if source is not None and source.url is not None and is_web_url(source.url):
            cited.setdefault(source.url, _creative_work(source))
    return list(cited.values())


def _creative_work(source: Source) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork"}
    known = {
        "headline": source.title,
        "url": source.url if source.url is not None and is_web_url(source.url) else None,
        "datePublished": source.published,
        "inLanguage": source.language,
        "description": source.notes,  # what is known of it, where its title, author and date are not
    }
    work |= {key: value for key, value in known.items() if value is not None}
    if source.author is not None:
        work["author"] = {"@type": "Person", "name": source.author}
    if source.publisher is not None:
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    return work
