"""schema.org ClaimReview JSON-LD for every reviewed claim: known fields only, nothing invented."""

from __future__ import annotations

from typing import Any

from kzcn.errors import UsageError
from kzcn.escape import is_web_url
from kzcn.model.records import KnowledgeBase, Review, Source
from kzcn.queries.filters import NO_FILTERS, Filters

RATINGS = {"supported": 5, "partly-supported": 4, "not-supported": 2, "contradicted": 1}
"""ratingValue on a 1 (worst) to 5 (best) scale; not-checkable and unverified judge no truth, so they carry only
their name (alternateName), never a number."""

BEST_RATING, WORST_RATING = 5, 1


def _creative_work(source: Source) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork"}
    known = {
        "headline": source.title,
        "url": source.url if source.url is not None and is_web_url(source.url) else None,
        "datePublished": source.published,
        "inLanguage": source.language,
    }
    work |= {key: value for key, value in known.items() if value is not None}
    if source.author is not None:
        work["author"] = {"@type": "Person", "name": source.author}
    if source.publisher is not None:
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    return work


def _rating(review: Review) -> dict[str, Any]:
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": review.verdict}
    if review.verdict in RATINGS:
        rating |= {"ratingValue": RATINGS[review.verdict], "bestRating": BEST_RATING, "worstRating": WORST_RATING}
    return rating


def claim_reviews(
    kb: KnowledgeBase, *, url_base: str | None = None, filters: Filters = NO_FILTERS
) -> list[dict[str, Any]]:
    """One ClaimReview object per review whose claim passes the filters, in file order. `url_base` is where the
    reviews will be published (each review's url is it plus #claim-id); without it, `url` is left out, since kzcn
    publishes nothing itself. Only http(s) URLs are written: a `javascript:` one is left out, as is any other."""
    if url_base is not None and not is_web_url(url_base):
        raise UsageError(f"--url-base {url_base!r} is not an http or https URL; give where the reviews are published")
    wanted = filters.checked(kb)
    documents = []
    for review in kb.reviews:
        fact = kb.facts_by_id[review.claim]
        if not wanted.matches(fact, kb):
            continue
        claim: dict[str, Any] = {"@type": "Claim", "appearance": _creative_work(kb.sources_by_id[fact.source])}
        document: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": fact.statement,
            "itemReviewed": claim,
            "reviewRating": _rating(review),
            "reviewBody": review.summary,
        }
        if url_base is not None:
            document["url"] = f"{url_base}#{fact.id}"
        if kb.reviewer is not None:
            author: dict[str, Any] = {"@type": "Organization", "name": kb.reviewer.name}
            if kb.reviewer.url is not None and is_web_url(kb.reviewer.url):
                author["url"] = kb.reviewer.url
            document["author"] = author
        if review.date is not None:
            document["datePublished"] = review.date
        documents.append(document)
    return documents
