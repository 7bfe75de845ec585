"""Overview queries: the sources and what is known of them, and counts of facts by facet, each as a Result."""

from __future__ import annotations

from collections import Counter

from kzcn.model.records import KnowledgeBase
from kzcn.model.result import WHOLE, Field, Result
from kzcn.model.wording import counted
from kzcn.queries.facets import facet_counts

SOURCE_FIELDS = (
    Field("id", "ID", shape=WHOLE),
    Field("role", "Role", styled=True),
    Field("kind", "Kind"),
    Field("title", "Title", missing="unknown", json_type="string?"),
    Field("author", "Author", missing="unknown", json_type="string?"),
    Field("publisher", "Publisher", missing="unknown", json_type="string?"),
    Field("published", "Published", missing="unknown", json_type="string?"),
    Field("language", "Language", missing="unknown", json_type="string?"),
    Field("url", "URL", missing="unknown", links=True, json_type="string?"),
    Field("view_count", "Views", missing="unknown", shape=WHOLE, json_type="integer?"),
    Field("sha256", "SHA-256", missing="no text", json_type="string?"),
    Field("facts", "Facts citing it", shape=WHOLE, json_type="integer"),
    Field("quoted_by", "Facts quoting it", shape=WHOLE, json_type="integer"),
    Field("cited_in", "Cited in", json_type="string?"),
    Field("cited_in_paragraph", "Cited in ¶", json_type="integer?"),
    Field("retrieved", "Retrieved", missing="—", json_type="string?"),
    Field("notes", "Notes", json_type="string?"),
)


def list_sources(kb: KnowledgeBase) -> Result:
    """Every source with what is known of it and how many facts cite it."""
    # One pass over the facts, not one per source: 48 sources times 30,000 facts was most of a fact sheet's time.
    quoting: Counter[str] = Counter(fact.source for fact in kb.facts)
    citing: Counter[str] = Counter()
    for fact in kb.facts:
        citing.update({fact.source, *fact.refers_to})
    records = []
    for source in kb.sources:
        records.append(
            {
                "id": source.id,
                "role": source.role,
                "kind": source.kind,
                "title": source.title,
                "author": source.author,
                "publisher": source.publisher,
                "published": source.published,
                "language": source.language,
                "url": source.url,
                "view_count": source.view_count,
                "sha256": source.sha256,
                "facts": citing[source.id],
                "quoted_by": quoting[source.id],
                "cited_in": source.cited_in[0] if source.cited_in else None,
                "cited_in_paragraph": source.cited_in[1] if source.cited_in else None,
                "retrieved": source.retrieved,
                "notes": source.notes,
            }
        )
    return Result(
        fields=SOURCE_FIELDS,
        table_fields=("id", "role", "publisher", "published", "language", "facts", "view_count", "url"),
        records=tuple(records),
        title=counted(len(records), "source"),
        notes=(
            "role: primary = the article whose claims kzcn records; evidence = a page quoted about those claims; "
            "cited = a work the article only mentions. unknown: the source does not say.",
        ),
    )


STAT_FIELDS = (
    Field("facet", "Facet"),
    Field("value", "Value", shape=WHOLE, missing="no year given", json_type="string?"),
    Field("count", "Facts", shape=WHOLE, json_type="integer"),
)


STAT_FACETS = ("kind", "modality", "verdict", "topic", "entity", "source", "year")
"""The facets `kzcn stats` counts, in order; verdict counts the claims of the primary source (the article) only."""


def stats(kb: KnowledgeBase) -> Result:
    """How many facts there are of each kind, modality, verdict, topic, entity, source and year."""
    records = []
    for facet in STAT_FACETS:
        counts = facet_counts(kb, facet)
        for value, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            records.append({"facet": facet, "value": value, "count": count})
        if facet == "year":
            # Facts without a year: null in JSON (unknown is null), "no year given" in tables.
            records.append({"facet": facet, "value": None, "count": sum(1 for f in kb.facts if not f.time)})
    return Result(
        fields=STAT_FIELDS,
        records=tuple(records),
        title=f"{counted(len(kb.facts), 'fact')} from {counted(len(kb.sources), 'source')}",
        notes=(
            "A fact counts once under each of its topics and entities. Verdicts are the knowledge base's reviews of "
            "the article's checkable claims (unreviewed: none yet); evidence facts have none.",
        ),
    )
