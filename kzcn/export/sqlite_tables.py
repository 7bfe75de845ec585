"""The SQLite export's tables of the knowledge base proper: sources, facts, quotes, links, relations, derived."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from typing import Any

from kzcn.export.sqlite_registry import Export, Row, number, one_of, table
from kzcn.model.derive import RESULT_QUALIFIERS
from kzcn.model.records import (
    FACT_KINDS,
    MODALITIES,
    OUTCOMES,
    RELATION_ROLES,
    SOURCE_ROLES,
    UNREVIEWED,
    VERDICTS,
    Fact,
)
from kzcn.queries.facts import OTHER_FACT_FIELDS

# The columns that hold either kind of number (an amount as written: 3 or 1.3) are NUMERIC: SQLite stores 3 as an
# integer, exact however large (3000000000), and 1.3 as a real. Tables are not STRICT, which needs SQLite 3.37
# (Python 3.10 on Debian 11 has 3.34); the CHECK constraints keep the flags 0 or 1.


@table(
    "sources",
    f"""
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK {one_of("role", SOURCE_ROLES)},
    kind TEXT NOT NULL,
    title TEXT,
    author TEXT,
    publisher TEXT,
    published TEXT,
    language TEXT,
    url TEXT,
    view_count INTEGER,
    notes TEXT,
    sha256 TEXT,
    cited_in TEXT,
    cited_in_paragraph INTEGER,
    retrieved TEXT,
    text TEXT
    """,
)
def _sources(export: Export) -> Iterator[Row]:
    # cited_in has no foreign key: it may name a source that cites this one and comes later in the file.
    for position, source in enumerate(export.kb.sources, 1):
        cited, paragraph = source.cited_in or (None, None)
        yield (
            source.id,
            position,
            # Datasette labels a link to a source by its first column called name or title: title alone is NULL
            # where the source gives none, and the article's links read "None" (issue 23, item 10).
            source.title if source.title is not None else f"{source.id} (title unknown)",
            source.role,
            source.kind,
            source.title,
            source.author,
            source.publisher,
            source.published,
            source.language,
            source.url,
            number(source.view_count),
            source.notes,
            source.sha256,
            cited,
            paragraph,
            source.retrieved,
            source.text,
        )


_COLUMN_TYPES = {"str": "TEXT NOT NULL", "str | None": "TEXT", "int": "INTEGER NOT NULL", "int | None": "INTEGER"}
"""The SQL type of a fact field the facts table shows as it is, by its annotation; any other value is JSON text."""


def _column_type(name: str) -> str:
    annotation = next(field.type for field in dataclasses.fields(Fact) if field.name == name)
    return _COLUMN_TYPES.get(str(annotation), "TEXT")


def _column_value(value: Any) -> Any:
    if value is None or isinstance(value, (str, int)):
        return number(value) if isinstance(value, int) else value
    return json.dumps(value, default=vars, ensure_ascii=False)


@table(
    "facts",
    f"""
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK {one_of("kind", FACT_KINDS)},
    modality TEXT NOT NULL CHECK {one_of("modality", MODALITIES)},
    statement TEXT NOT NULL,
    quote_text TEXT NOT NULL,
    quantity_text TEXT,
    time_text TEXT,
    source TEXT NOT NULL REFERENCES sources (id),
    forecast INTEGER NOT NULL CHECK {one_of("forecast", (0, 1))},
    time_year INTEGER,
    time_kind TEXT,
    time_inferred TEXT,
    amount NUMERIC,
    unit TEXT,
    scale TEXT,
    qualifier TEXT,
    value NUMERIC,
    attributed_to TEXT,
    condition TEXT,
    series TEXT,
    note TEXT,
    measure TEXT,
    verdict TEXT CHECK {one_of("verdict", (*VERDICTS, UNREVIEWED))},
    outcome TEXT CHECK {one_of("outcome", OUTCOMES)},
    evidence INTEGER NOT NULL CHECK {one_of("evidence", (0, 1))}
    """
    + "".join(f",\n    {name} {_column_type(name)}" for name in OTHER_FACT_FIELDS),
)
def _facts(export: Export) -> Iterator[Row]:
    """Every fact, the article's claims and the evidence of other sources alike (`evidence` tells them apart)."""
    from kzcn.model.wording import quantity_text, time_text
    from kzcn.queries.facets import outcome_of, verdict_of

    kb = export.kb
    for position, fact in enumerate(kb.facts, 1):
        quantity, time = fact.quantity, fact.time
        yield (
            fact.id,
            position,
            fact.kind,
            fact.modality,
            fact.statement,
            "\n".join(quote.text for quote in fact.quotes),  # what the full-text index reads, with the statement
            quantity_text(quantity),
            time_text(time),
            fact.source,
            int(fact.kind == "forecast"),
            time.year if time else None,
            time.kind if time else None,
            time.inferred if time else None,
            number(quantity.amount) if quantity else None,
            quantity.unit if quantity else None,
            quantity.scale if quantity else None,
            quantity.qualifier if quantity else None,
            number(quantity.value) if quantity else None,
            fact.attributed_to,
            fact.condition,
            fact.series,
            fact.note,
            fact.measure,
            verdict_of(fact, kb),
            outcome_of(fact, kb),
            int(not kb.is_claim(fact)),
            *(_column_value(getattr(fact, name)) for name in OTHER_FACT_FIELDS),
        )


@table(
    "quotes",
    """
    fact TEXT NOT NULL REFERENCES facts (id),
    position INTEGER NOT NULL,
    source TEXT NOT NULL REFERENCES sources (id),
    paragraph INTEGER NOT NULL,
    text TEXT NOT NULL,
    start_offset INTEGER,
    end_offset INTEGER,
    PRIMARY KEY (fact, position)
    """,
)
def _quotes(export: Export) -> Iterator[Row]:
    """Each quote with its span in the source text: substr(sources.text, start_offset + 1, end_offset -
    start_offset) is the passage as the source writes it (its quotes and spaces may differ from the quote's)."""
    from kzcn.model.text import IndexedSource

    indexed = {source.id: IndexedSource.of(source.text) for source in export.kb.sources if source.text is not None}
    for fact in export.kb.facts:
        for position, quote in enumerate(fact.quotes, 1):
            source = indexed.get(fact.source)
            span = source.span_of(quote.text, quote.paragraph) if source else None
            start, end = (span.start, span.end) if span else (None, None)
            yield (fact.id, position, fact.source, quote.paragraph, quote.text, start, end)


@table(
    "fact_topics",
    "fact TEXT NOT NULL REFERENCES facts (id),\n    topic TEXT NOT NULL,\n    PRIMARY KEY (fact, topic)",
)
def _topics(export: Export) -> Iterator[Row]:
    for fact in export.kb.facts:
        for topic in dict.fromkeys(fact.topics):
            yield (fact.id, topic)


@table(
    "fact_entities",
    "fact TEXT NOT NULL REFERENCES facts (id),\n    entity TEXT NOT NULL,\n    PRIMARY KEY (fact, entity)",
)
def _entities(export: Export) -> Iterator[Row]:
    for fact in export.kb.facts:
        for entity in dict.fromkeys(fact.entities):
            yield (fact.id, entity)


@table(
    "fact_refers_to",
    "fact TEXT NOT NULL REFERENCES facts (id),\n    source TEXT NOT NULL REFERENCES sources (id),\n"
    "    PRIMARY KEY (fact, source)",
)
def _refers_to(export: Export) -> Iterator[Row]:
    for fact in export.kb.facts:
        for source in dict.fromkeys(fact.refers_to):
            yield (fact.id, source)


@table(
    "relations",
    """
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    left_role TEXT NOT NULL,
    left_fact TEXT NOT NULL REFERENCES facts (id),
    right_role TEXT NOT NULL,
    right_fact TEXT NOT NULL REFERENCES facts (id),
    reason TEXT
    """,
)
def _relations(export: Export) -> Iterator[Row]:
    for relation in export.kb.relations:
        left_role, right_role = RELATION_ROLES[relation.kind]
        yield (relation.id, relation.kind, left_role, relation.left, right_role, relation.right, relation.reason)


@table(
    "derived",
    f"""
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    operation TEXT NOT NULL,
    formula TEXT NOT NULL,
    arithmetic TEXT NOT NULL,
    text TEXT NOT NULL,
    amount NUMERIC NOT NULL,
    unit TEXT NOT NULL,
    scale TEXT NOT NULL,
    value NUMERIC NOT NULL,
    year INTEGER,
    forecast INTEGER NOT NULL CHECK {one_of("forecast", (0, 1))},
    exact INTEGER NOT NULL CHECK {one_of("exact", (0, 1))},
    qualifier TEXT NOT NULL CHECK {one_of("qualifier", RESULT_QUALIFIERS)},
    comparable TEXT,
    series TEXT
    """,
)
def _derived(export: Export) -> Iterator[Row]:
    from kzcn.queries.figures import figure_record

    for position, figure in enumerate(export.figures(), 1):
        # The same amounts and words as `kzcn revenue` and `kzcn totals`.
        record = figure_record(figure, export.kb.facts_by_id)
        yield (
            figure.id,
            position,
            figure.label,
            figure.operation,
            figure.formula,
            figure.arithmetic,
            record["text"],
            number(record["amount"]),
            figure.unit,
            figure.scale,
            number(record["value"]),
            figure.year,
            int(figure.based_on_forecast),
            int(figure.exact),
            figure.qualifier,
            figure.comparable,
            figure.series,
        )


@table(
    "derived_inputs",
    """
    derived TEXT NOT NULL REFERENCES derived (id),
    position INTEGER NOT NULL,
    role TEXT NOT NULL,
    fact TEXT NOT NULL REFERENCES facts (id),
    PRIMARY KEY (derived, role)
    """,
)
def _derived_inputs(export: Export) -> Iterator[Row]:
    for figure in export.figures():
        for position, item in enumerate(figure.inputs, 1):
            yield (figure.id, position, item.role, item.fact_id)


@table(
    "fact_exceptions",
    """
    fact TEXT NOT NULL REFERENCES facts (id),
    position INTEGER NOT NULL,
    rule TEXT NOT NULL,
    reason TEXT NOT NULL,
    words TEXT,
    PRIMARY KEY (fact, position)
    """,
)
def _exceptions(export: Export) -> Iterator[Row]:
    for fact in export.kb.facts:
        for position, exemption in enumerate(fact.exceptions, 1):
            yield (fact.id, position, exemption.rule, exemption.reason, ", ".join(exemption.words) or None)
