"""The part of a knowledge base that filters keep for an output of the whole (the fact sheet, the SQLite export)."""

from __future__ import annotations

from dataclasses import replace

from kzcn.model.records import KnowledgeBase
from kzcn.queries.filters import NO_FILTERS, Filters


def kept_part(kb: KnowledgeBase, filters: Filters) -> KnowledgeBase:
    """The knowledge base cut down to the claims that pass `filters` (already `checked` against it), and whatever
    goes with them, so that nothing kept names anything left out:

    - the reviews of those claims, and every fact a kept review cites as evidence;
    - the relations, derived figures and comparisons whose facts are all kept (a derived figure with one input left
      out would be a number with no source in the output, so it goes too);
    - every source: the filters choose claims, not sources. The list of sources is short, the primary source's
      text is what the quotes' offsets point into, and a source's `cited_in` (which names another source) never
      dangles.

    Evidence that no kept review cites is left out. Without filters, the knowledge base itself, all of it."""
    if filters == NO_FILTERS:
        return kb
    claims = {fact.id for fact in kb.facts if kb.is_claim(fact) and filters.matches(fact, kb)}
    reviews = tuple(review for review in kb.reviews if review.claim in claims)
    kept = claims | {item.fact for review in reviews for item in review.evidence}
    return replace(
        kb,
        facts=tuple(fact for fact in kb.facts if fact.id in kept),
        reviews=reviews,
        relations=tuple(relation for relation in kb.relations if {relation.left, relation.right} <= kept),
        derived=tuple(spec for spec in kb.derived if {fact for _role, fact in spec.inputs} <= kept),
        comparisons=tuple(comparison for comparison in kb.comparisons if set(comparison.facts) <= kept),
    )
