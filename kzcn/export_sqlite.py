"""The knowledge base as a typed SQLite database: one table per entity, keys declared, a full-text index, views.

A table is one function registered with `@table(...)`: its CREATE TABLE statement and a generator of its rows.
Adding a table is one more such function; nothing else changes. Standard library only.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from kzcn.errors import UsageError
from kzcn.model import BEARINGS, FACT_KINDS, MODALITIES, RELATION_ROLES, SOURCE_ROLES, VERDICTS, KnowledgeBase
from kzcn.reviews import UNREVIEWED

Row = tuple[Any, ...]

SQLITE_INTEGER_RANGE = (-(2**63), 2**63 - 1)
"""What an SQLite INTEGER holds; a whole number beyond it (a knowledge base may state one) is stored as REAL."""


class OutputFileError(UsageError):
    """The file to write cannot be used: it exists (without --force), is a directory, or is the knowledge base."""


@dataclass(frozen=True)
class Table:
    name: str
    """The table's name in the database."""
    schema: str
    """Its CREATE TABLE statement: typed columns, primary and foreign keys."""
    rows: Callable[[Export], Iterable[Row]]
    """Its rows, in the column order of `schema`."""


TABLES: list[Table] = []
"""Every table, in creation order: a table's foreign keys name only tables before it."""


def table(name: str, columns: str) -> Callable[[Callable[[Export], Iterable[Row]]], Callable[[Export], Iterable[Row]]]:
    """Registers a table: `columns` is the body of its CREATE TABLE, the function yields its rows."""

    def register(rows: Callable[[Export], Iterable[Row]]) -> Callable[[Export], Iterable[Row]]:
        TABLES.append(Table(name, f"CREATE TABLE {name} (\n{columns.strip()}\n)", rows))
        return rows

    return register


@dataclass
class Export:
    """What the row functions read: the knowledge base, and what is computed once for several tables."""

    kb: KnowledgeBase

    def figures(self) -> list[Any]:
        from kzcn.derive import derive_all

        if not hasattr(self, "_figures"):
            self._figures = derive_all(self.kb)
        return self._figures


def number(value: int | float | None) -> int | float | None:
    """A number SQLite can hold: a whole number past 64 bits becomes the nearest float."""
    if isinstance(value, int) and not SQLITE_INTEGER_RANGE[0] <= value <= SQLITE_INTEGER_RANGE[1]:
        return float(value)
    return value


def one_of(values: Iterable[str]) -> str:
    """The body of a CHECK (column IN (...)): the values as SQL strings."""
    return ", ".join("'" + value.replace("'", "''") + "'" for value in values)


# The columns that hold either kind of number (an amount as written: 3 or 1.3) are NUMERIC: SQLite stores 3 as an
# integer, exact however large (3000000000), and 1.3 as a real. Tables are not STRICT, which needs SQLite 3.37
# (Python 3.10 on Debian 11 has 3.34); the CHECK constraints keep the flags 0 or 1.


@table(
    "sources",
    f"""
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ({one_of(SOURCE_ROLES)})),
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


@table(
    "facts",
    f"""
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ({one_of(FACT_KINDS)})),
    modality TEXT NOT NULL CHECK (modality IN ({one_of(MODALITIES)})),
    statement TEXT NOT NULL,
    quantity_text TEXT,
    time_text TEXT,
    source TEXT NOT NULL REFERENCES sources (id),
    forecast INTEGER NOT NULL CHECK (forecast IN (0, 1)),
    time_year INTEGER,
    time_kind TEXT,
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
    verdict TEXT CHECK (verdict IN ({one_of((*VERDICTS, UNREVIEWED))})),
    evidence INTEGER NOT NULL CHECK (evidence IN (0, 1))
    """,
)
def _facts(export: Export) -> Iterator[Row]:
    """Every fact, the article's claims and the evidence of other sources alike (`evidence` tells them apart)."""
    from kzcn.query import verdict_of
    from kzcn.wording import quantity_text, time_text

    kb = export.kb
    for position, fact in enumerate(kb.facts, 1):
        quantity, time = fact.quantity, fact.time
        yield (
            fact.id,
            position,
            fact.kind,
            fact.modality,
            fact.statement,
            quantity_text(quantity),
            time_text(time),
            fact.source,
            int(fact.kind == "forecast"),
            time.year if time else None,
            time.kind if time else None,
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
            int(not kb.is_claim(fact)),
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
    from kzcn.text import IndexedSource

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
    """
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
    forecast INTEGER NOT NULL CHECK (forecast IN (0, 1)),
    exact INTEGER NOT NULL CHECK (exact IN (0, 1)),
    series TEXT
    """,
)
def _derived(export: Export) -> Iterator[Row]:
    from kzcn.figures import figure_record

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
    PRIMARY KEY (fact, position)
    """,
)
def _exceptions(export: Export) -> Iterator[Row]:
    for fact in export.kb.facts:
        for position, exemption in enumerate(fact.exceptions, 1):
            yield (fact.id, position, exemption.rule, exemption.reason)


@table(
    "reviews",
    f"""
    claim TEXT PRIMARY KEY REFERENCES facts (id),
    position INTEGER NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ({one_of(VERDICTS)})),
    summary TEXT NOT NULL,
    searched TEXT,
    date TEXT
    """,
)
def _reviews(export: Export) -> Iterator[Row]:
    """The reviews as written; a checkable claim without one has no row here (its facts.verdict is unreviewed)."""
    for position, review in enumerate(export.kb.reviews, 1):
        yield (review.claim, position, review.verdict, review.summary, review.searched, review.date)


@table(
    "review_evidence",
    f"""
    claim TEXT NOT NULL REFERENCES reviews (claim),
    position INTEGER NOT NULL,
    fact TEXT NOT NULL REFERENCES facts (id),
    bearing TEXT NOT NULL CHECK (bearing IN ({one_of(BEARINGS)})),
    note TEXT,
    PRIMARY KEY (claim, position)
    """,
)
def _review_evidence(export: Export) -> Iterator[Row]:
    """Each review's evidence items in the review's order: strongest and most official first."""
    for review in export.kb.reviews:
        for position, item in enumerate(review.evidence, 1):
            yield (review.claim, position, item.fact, item.bearing, item.note)


@table(
    "comparisons",
    """
    id TEXT PRIMARY KEY,
    first_fact TEXT NOT NULL REFERENCES facts (id),
    second_fact TEXT NOT NULL REFERENCES facts (id),
    comparable INTEGER NOT NULL CHECK (comparable IN (0, 1)),
    reason TEXT NOT NULL
    """,
)
def _comparisons(export: Export) -> Iterator[Row]:
    for comparison in export.kb.comparisons:
        first, second = comparison.facts
        yield (comparison.id, first, second, int(comparison.comparable), comparison.reason)


INDEXES = (
    "CREATE INDEX facts_source ON facts (source)",
    "CREATE INDEX quotes_source ON quotes (source, paragraph)",
    "CREATE INDEX fact_topics_topic ON fact_topics (topic)",
    "CREATE INDEX fact_entities_entity ON fact_entities (entity)",
    "CREATE INDEX derived_inputs_fact ON derived_inputs (fact)",
    "CREATE INDEX review_evidence_fact ON review_evidence (fact)",
)

FULL_TEXT = (
    # An external-content FTS5 index would save the copy, but then every reader's query must join back; a plain
    # one is self-contained: SELECT fact FROM facts_fts WHERE facts_fts MATCH 'grain'.
    "CREATE VIRTUAL TABLE facts_fts USING fts5(fact UNINDEXED, statement, quotes, tokenize = 'unicode61')",
    "INSERT INTO facts_fts (fact, statement, quotes) SELECT f.id, f.statement, "
    "(SELECT group_concat(q.text, char(10)) FROM quotes q WHERE q.fact = f.id) FROM facts f ORDER BY f.position",
)

VIEWS = (
    """CREATE VIEW fact_quotes AS
SELECT f.id AS fact, f.kind, f.statement, q.source, s.title AS source_title, q.paragraph, q.text AS quote,
       q.start_offset, q.end_offset
FROM facts f JOIN quotes q ON q.fact = f.id JOIN sources s ON s.id = q.source
ORDER BY f.position, q.position""",
    # The claims `kzcn review` lists, in its order: each review, then each checkable claim without one.
    """CREATE VIEW claim_reviews AS
SELECT f.id AS claim, f.kind, f.statement, f.verdict, r.summary,
       (SELECT count(*) FROM review_evidence e WHERE e.claim = f.id) AS evidence_count,
       (SELECT count(*) FROM review_evidence e WHERE e.claim = f.id AND e.bearing = 'corroborates') AS corroborating,
       (SELECT count(*) FROM review_evidence e WHERE e.claim = f.id AND e.bearing = 'contradicts') AS contradicting,
       r.searched, r.date
FROM facts f LEFT JOIN reviews r ON r.claim = f.id
WHERE f.evidence = 0 AND (r.claim IS NOT NULL OR f.verdict = 'unreviewed')
ORDER BY r.position IS NULL, r.position, f.position""",
    # The article's own series as `kzcn revenue` shows it: stated, forecast and derived rows. Its record and gap
    # rows are not here: records are evidence facts that reviews cite (join review_evidence) and gaps are computed
    # from the comparisons declared comparable; `kzcn revenue` shows both.
    """CREATE VIEW revenue AS
SELECT * FROM (
SELECT time_year AS year, CASE kind WHEN 'forecast' THEN 'forecast' ELSE 'stated' END AS basis,
       quantity_text AS text, id, amount, unit, scale, value, forecast, 0 AS derived
FROM facts WHERE series = 'transport-income' AND amount IS NOT NULL AND time_year IS NOT NULL AND evidence = 0
UNION ALL
SELECT year, CASE forecast WHEN 1 THEN 'derived from forecast' ELSE 'derived' END, text, id, amount, unit,
       scale, value, forecast, 1
FROM derived WHERE series = 'transport-income'
) ORDER BY year IS NULL, year, derived""",
)


def write_database(kb: KnowledgeBase, connection: sqlite3.Connection) -> None:
    """Creates every table, index and view in an empty database and fills them from the knowledge base."""
    export = Export(kb)
    with connection:
        for spec in TABLES:
            connection.execute(spec.schema)
            rows = iter(spec.rows(export))
            first = next(rows, None)
            if first is not None:
                marks = ", ".join("?" * len(first))
                connection.execute(f"INSERT INTO {spec.name} VALUES ({marks})", first)
                connection.executemany(f"INSERT INTO {spec.name} VALUES ({marks})", rows)
        for statement in (*INDEXES, *FULL_TEXT, *VIEWS):
            connection.execute(statement)
        connection.execute("PRAGMA user_version = 2")  # the layout's version, for readers that check it (2: reviews)


def refuse_target(target: str, kb_path: str, *, force: bool) -> None:
    """OutputFileError unless `target` may be written: never the knowledge base, an existing file only with force."""
    if os.path.isdir(target):
        raise OutputFileError(f"{target} is a directory; name the database file to write")
    directory = os.path.dirname(os.path.abspath(target))
    if not os.path.isdir(directory):
        raise OutputFileError(f"cannot write {target}: the directory {directory} does not exist")
    same = os.path.realpath(target) == os.path.realpath(kb_path)
    if not same and os.path.exists(target) and os.path.exists(kb_path):
        same = os.path.samefile(target, kb_path)
    if same:
        raise OutputFileError(f"{target} is the knowledge base being exported; name another file")
    if os.path.lexists(target) and not force:
        raise OutputFileError(f"{target} exists; add --force to replace it")


def export_sqlite(kb: KnowledgeBase, target: str, *, force: bool = False) -> None:
    """Writes the knowledge base to `target` as a new SQLite database, atomically: a reader sees the old file or the
    whole new one, and a failure leaves no partial file behind."""
    refuse_target(target, kb.path, force=force)
    directory = os.path.dirname(os.path.abspath(target))
    try:
        descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=".kzcn-export-", suffix=".sqlite")
    except OSError as error:  # name the file asked for, not the temporary one
        raise OSError(error.errno, error.strerror, target) from None
    os.close(descriptor)
    try:
        connection = sqlite3.connect(temporary)
        try:
            # No journal: the file is private until the rename below, and a failure deletes it anyway.
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            try:
                write_database(kb, connection)
            except sqlite3.OperationalError as error:
                if "fts5" in str(error):
                    raise UsageError("this Python's SQLite has no FTS5 full-text search; kzcn needs it") from None
                raise
        finally:
            connection.close()
        with open(temporary, "rb+") as written:
            os.fsync(written.fileno())  # on disk before the rename makes it visible
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
