"""What a knowledge base's facts take as values, by facet (kind, topic, verdict, ...): for counts and completion.

Light on purpose: shell completion imports it on every Tab, and it needs neither the filters nor the fact table."""

from __future__ import annotations

from collections import Counter

from kzcn.model.records import CHECKABLE_KINDS, UNREVIEWED, Fact, KnowledgeBase
from kzcn.model.wording import time_text


def verdict_of(fact: Fact, kb: KnowledgeBase) -> str | None:
    """A fact's verdict: its review's; "unreviewed" for a checkable claim of the article without one; None for
    evidence and for an opinion no review judges."""
    if not kb.is_claim(fact):
        return None
    review = kb.reviews_by_claim.get(fact.id)
    return review.verdict if review else (UNREVIEWED if fact.kind in CHECKABLE_KINDS else None)


def outcome_of(fact: Fact, kb: KnowledgeBase) -> str | None:
    """What became of a forecast of the article, as its review judges it; None for any other fact, and for a
    forecast not reviewed yet."""
    review = kb.reviews_by_claim.get(fact.id) if fact.kind == "forecast" and kb.is_claim(fact) else None
    return review.outcome if review else None


def facet_counts(kb: KnowledgeBase, facet: str) -> Counter[str]:
    """How many facts take each value of a facet (a fact counts once per topic or entity it names)."""
    counts: Counter[str] = Counter()
    for fact in kb.facts:
        if facet == "kind":
            counts[fact.kind] += 1
        elif facet == "modality":
            counts[fact.modality] += 1
        elif facet == "verdict":
            verdict = verdict_of(fact, kb)
            if verdict is not None:
                counts[verdict] += 1
        elif facet == "topic":
            counts.update(fact.topics)
        elif facet == "entity":
            counts.update(fact.entities)
        elif facet == "source":
            counts[fact.source] += 1
        elif facet == "year" and fact.time is not None:
            counts[time_text(fact.time) or ""] += 1
    return counts


def facet_values(kb: KnowledgeBase, facet: str) -> list[str]:
    """The values a facet takes, for shell completion: ids, topics, entities, kinds, years or series."""
    if facet == "id":
        return [fact.id for fact in kb.facts]
    if facet == "derived":
        return [spec.id for spec in kb.derived]
    if facet == "year":
        return sorted({str(fact.time.year) for fact in kb.facts if fact.time})
    if facet == "source":
        return [source.id for source in kb.sources]
    if facet == "series":
        return sorted({fact.series for fact in kb.facts if fact.series and fact.quantity and fact.time})
    return sorted(facet_counts(kb, facet))
