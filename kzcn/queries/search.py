"""One search across the knowledge base: the article's claims, the evidence facts, the reviews and the source texts."""

from __future__ import annotations

from collections.abc import Iterator

from kzcn.model.records import KnowledgeBase
from kzcn.model.result import WHOLE, WORDS, Field, Result
from kzcn.model.wording import counted
from kzcn.queries.filters import Filters, contains_all, search_fold, search_terms

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)
if TYPE_CHECKING:
    from typing import Any

HIT_KINDS = ("claim", "evidence", "review", "source text")
"""What a hit can be, in the order they are listed."""

SEARCH_FIELDS = (
    Field("hit", "Hit", styled=True, give_way=2),
    Field("id", "ID", shape=WHOLE),
    Field("where", "Where", shape=WORDS, give_way=3),
    Field("text", "Text", searched=True, main=True),
    Field("paragraph", "¶", shape=WHOLE, missing="—", json_type="integer?"),
    Field("see", "See it with", shape=WORDS, give_way=4),
)

_NOUNS = {"claim": "claim", "evidence": "evidence fact", "review": "review", "source text": "source paragraph"}
"""How the title counts each kind of hit."""

_AROUND = 100
"""Characters of a source paragraph shown on each side of the first term found, cut at a space."""


def _excerpt(text: str, term: str) -> str:
    """The words of a paragraph around the first place `term` stands, "…" where it is cut."""
    flat = " ".join(text.split())
    at = search_fold(flat).find(search_fold(term))
    start, end = max(0, at - _AROUND), min(len(flat), at + len(term) + _AROUND)
    if start > 0:
        space = flat.find(" ", start, at)
        start = space + 1 if space >= 0 else start
    if end < len(flat):
        space = flat.rfind(" ", at + len(term), end)
        end = space if space >= 0 else end
    return ("…" if start > 0 else "") + flat[start:end] + ("…" if end < len(flat) else "")


def _fact_hits(kb: KnowledgeBase, terms: list[str], kzcn: str) -> Iterator[dict[str, Any]]:
    wanted = Filters(terms=tuple(terms))  # the rule of `kzcn facts TEXT`, claims and evidence alike
    for fact in kb.facts:
        if not wanted.found_in(fact):
            continue
        claim = kb.is_claim(fact)
        paragraphs = sorted({quote.paragraph for quote in fact.quotes})
        yield {
            "hit": "claim" if claim else "evidence",
            "id": fact.id,
            "where": f"{fact.source} " + ", ".join(f"¶{number}" for number in paragraphs),
            "text": fact.statement,
            "paragraph": paragraphs[0] if paragraphs else None,
            "see": f"{kzcn} show {fact.id}",
        }


def _review_hits(kb: KnowledgeBase, terms: list[str], kzcn: str) -> Iterator[dict[str, Any]]:
    for review in kb.reviews:
        said = [" ".join(text.split()) for text in (review.summary, review.outcome_summary, review.searched) if text]
        if all(any(contains_all(text, [term]) for text in said) for term in terms):
            yield {
                "hit": "review",
                "id": review.claim,
                "where": f"review of {review.claim}",
                "text": review.summary,
                "paragraph": None,
                "see": f"{kzcn} review {review.claim}",
            }


def _text_hits(kb: KnowledgeBase, terms: list[str], kzcn: str) -> Iterator[dict[str, Any]]:
    from kzcn.model.text import paragraphs

    for source in kb.sources:
        if source.text is None:
            continue
        for number, span in enumerate(paragraphs(source.text), 1):
            paragraph = source.text[span.start : span.end]
            if contains_all(" ".join(paragraph.split()), terms):  # a paragraph's line breaks are spaces
                yield {
                    "hit": "source text",
                    "id": source.id,
                    "where": f"{source.id} ¶{number}",
                    "text": _excerpt(paragraph, terms[0]),
                    "paragraph": number,
                    "see": f"{kzcn} article --source {source.id} --paragraph {number}",
                }


def search(kb: KnowledgeBase, text: str, *, kzcn: str = "kzcn") -> Result:
    """Every claim, evidence fact, review and paragraph of a source text that holds every term of `text` (words in
    any order, a "quoted phrase" as it stands, ignoring case), each with its kind and the command that shows it:
    `kzcn` begins that command ("kzcn --facts my.yaml" for a knowledge base other than the shipped one)."""
    terms = search_terms(text)
    asked = " ".join(text.split())
    asked = asked if len(asked) <= 60 else asked[:59] + "…"  # a message quotes a long search, never repeats it
    hits = [*_fact_hits(kb, terms, kzcn), *_review_hits(kb, terms, kzcn), *_text_hits(kb, terms, kzcn)]
    hits.sort(key=lambda hit: HIT_KINDS.index(hit["hit"]))  # stable: each kind in the knowledge base's order
    tally = ", ".join(
        counted(count, _NOUNS[kind]) for kind in HIT_KINDS if (count := sum(1 for hit in hits if hit["hit"] == kind))
    )
    return Result(
        fields=SEARCH_FIELDS,
        table_fields=("hit", "id", "text", "where", "see"),
        records=tuple(hits),
        title=f"{counted(len(hits), 'hit')} for {asked}" + (f": {tally}" if tally else ""),
        empty_message=f"Nothing matches {asked} in the claims, evidence facts, reviews or source texts.",
        highlight=tuple(terms),
        legends=(
            (
                "hit",
                "claim: the article's; evidence: another source's fact; review: the knowledge base's judgement of a "
                "claim; source text: a paragraph of a stored text.",
            ),
        ),
    )
