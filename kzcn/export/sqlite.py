"""The knowledge base as a typed SQLite database: one table per entity, keys declared, a full-text index, views.

A table is one function registered with `@table(...)` (kzcn/export/sqlite_registry.py): its CREATE TABLE statement
and a generator of its rows; the knowledge base's tables are in kzcn/export/sqlite_tables.py, the reviews' in
kzcn/export/sqlite_review_tables.py, and the one that says how the export was filtered here. Adding a table is one
more such function; nothing else changes. Standard library only.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator

from kzcn.errors import UsageError

# Importing the table modules registers their tables (the review tables import the others first).
from kzcn.export import sqlite_review_tables  # noqa: F401
from kzcn.export.files import OutputFileError, refuse_target, replacing
from kzcn.export.sqlite_registry import TABLES, Export, Row, table
from kzcn.model.records import KnowledgeBase
from kzcn.queries.filters import NO_FILTERS, Filters
from kzcn.queries.selection import kept_part

__all__ = ["TABLES", "Export", "OutputFileError", "export_sqlite", "table", "write_database"]


@table(
    "export_filters",
    "option TEXT NOT NULL,\n    value TEXT NOT NULL,\n    PRIMARY KEY (option, value)",
)
def _export_filters(export: Export) -> Iterator[Row]:
    """How the export was filtered: one row per option and value given (--topic, transport), none for the whole
    knowledge base. Every table holds only what those filters keep (`kept_part`)."""
    yield from export.filters.options_given()


INDEXES = (
    "CREATE INDEX facts_source ON facts (source)",
    "CREATE INDEX quotes_source ON quotes (source, paragraph)",
    "CREATE INDEX fact_topics_topic ON fact_topics (topic)",
    "CREATE INDEX fact_entities_entity ON fact_entities (entity)",
    "CREATE INDEX derived_inputs_fact ON derived_inputs (fact)",
    "CREATE INDEX review_evidence_fact ON review_evidence (fact)",
)

FULL_TEXT = (
    # An external-content index of `facts` (its statement and quote_text, read by rowid): Datasette's `_search` and
    # `sqlite-utils search` find it by `content=[facts]`, and `id` makes it answer alone:
    # SELECT id FROM facts_fts WHERE facts_fts MATCH 'grain'.
    "CREATE VIRTUAL TABLE facts_fts USING fts5(id UNINDEXED, statement, quote_text, content=[facts], "
    "tokenize = 'unicode61')",
    "INSERT INTO facts_fts (facts_fts) VALUES ('rebuild')",
)

VIEWS = (
    """CREATE VIEW fact_quotes AS
SELECT f.id AS fact, f.kind, f.statement, q.source, s.title AS source_title, q.paragraph, q.text AS quote,
       q.start_offset, q.end_offset
FROM facts f JOIN quotes q ON q.fact = f.id JOIN sources s ON s.id = q.source
ORDER BY f.position, q.position""",
    # The claims `kzcn review` lists, in its order: each review, then each checkable claim without one.
    """CREATE VIEW claim_reviews AS
SELECT f.id AS claim, f.kind, f.statement, f.verdict, r.outcome, r.summary,
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


def write_database(kb: KnowledgeBase, connection: sqlite3.Connection, filters: Filters = NO_FILTERS) -> None:
    """Creates every table, index and view in an empty database and fills them from the knowledge base, or from the
    part of it the filters keep (`kept_part`: the claims that pass and whatever goes with them, every source)."""
    wanted = filters.checked(kb)
    export = Export(kept_part(kb, wanted), wanted)
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
        # The layout's version, for readers that check it (2: reviews; 3: export_filters; 6: facts_fts an
        # external-content index of facts, facts.quote_text, sources.name; 7: fact_exceptions.words).
        connection.execute("PRAGMA user_version = 7")


def export_sqlite(kb: KnowledgeBase, target: str, *, force: bool = False, filters: Filters = NO_FILTERS) -> None:
    """Writes the knowledge base (or the part of it the filters keep) to `target` as a new SQLite database,
    atomically: a reader sees the old file or the whole new one, and a failure leaves no partial file behind."""
    refuse_target(target, kb.path, force=force, what="database file", source="the knowledge base being exported")
    with replacing(target, force=force, suffix=".sqlite") as temporary:
        try:
            connection = sqlite3.connect(temporary)
            try:
                # No journal: the file is private until it is named, and a failure deletes it anyway.
                connection.execute("PRAGMA journal_mode = OFF")
                connection.execute("PRAGMA synchronous = OFF")
                write_database(kb, connection, filters)
            finally:
                connection.close()
        except sqlite3.OperationalError as error:
            if "fts5" in str(error):
                raise UsageError("this Python's SQLite has no FTS5 full-text search; kzcn needs it") from None
            # "database or disk is full", "disk I/O error": the file could not be written (exit 74, not a bug).
            raise OSError(errno.EIO, f"SQLite could not write the database ({error})", target) from None
