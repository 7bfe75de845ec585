"""kzcn.queries.overview called directly on knowledge bases built in memory: the sources and the counts, exactly."""

from __future__ import annotations

from builders import fact, source
from kzcn.model.records import KnowledgeBase, Quantity, Review, TimeRef
from kzcn.model.result import Result
from kzcn.queries.overview import SOURCE_FIELDS, STAT_FIELDS, list_sources, stats

SOURCES_NOTE = (
    "role: primary = the article whose claims kzcn records; evidence = a page quoted about those claims; "
    "cited = a work the article only mentions. unknown: the source does not say."
)
STATS_NOTE = (
    "A fact counts once under each of its topics and entities. Verdicts are the knowledge base's reviews of "
    "the article's checkable claims (unreviewed: none yet); evidence facts have none."
)


ARTICLE = source(
    id="doc",
    title="Kazakhstan's corridor",
    author="A. Writer",
    publisher="The Paper",
    published="2021-03-04",
    language="en",
    url="https://example.org/a",
    view_count=1200,
    notes="The article.",
    text="Words.",
    sha256="ab" * 32,
)
BUREAU = source(
    id="bureau", language=None, text=None, kind="report", role="evidence", publisher="Bureau", retrieved="2024-01-02"
)
FILM = source(id="film", language=None, text=None, kind="documentary", role="cited", cited_in=("doc", 3))


def test_sources_list_every_source_with_what_is_known_and_how_many_facts_cite_and_quote_it() -> None:
    kb = KnowledgeBase(
        sources=(ARTICLE, BUREAU, FILM),
        facts=(
            fact(id="a", refers_to=("film",)),
            fact(id="b", refers_to=("film", "doc")),
            fact(id="c"),
            fact(id="d", source="bureau", refers_to=("film",)),
        ),
    )
    assert list_sources(kb) == Result(
        fields=SOURCE_FIELDS,
        table_fields=("id", "role", "publisher", "published", "language", "facts", "view_count", "url"),
        records=(
            {
                "id": "doc",
                "role": "primary",
                "kind": "article",
                "title": "Kazakhstan's corridor",
                "author": "A. Writer",
                "publisher": "The Paper",
                "published": "2021-03-04",
                "language": "en",
                "url": "https://example.org/a",
                "view_count": 1200,
                "sha256": "ab" * 32,
                "facts": 3,
                "quoted_by": 3,
                "cited_in": None,
                "cited_in_paragraph": None,
                "retrieved": None,
                "notes": "The article.",
            },
            {
                "id": "bureau",
                "role": "evidence",
                "kind": "report",
                "title": None,
                "author": None,
                "publisher": "Bureau",
                "published": None,
                "language": None,
                "url": None,
                "view_count": None,
                "sha256": None,
                "facts": 1,
                "quoted_by": 1,
                "cited_in": None,
                "cited_in_paragraph": None,
                "retrieved": "2024-01-02",
                "notes": None,
            },
            {
                "id": "film",
                "role": "cited",
                "kind": "documentary",
                "title": None,
                "author": None,
                "publisher": None,
                "published": None,
                "language": None,
                "url": None,
                "view_count": None,
                "sha256": None,
                "facts": 3,
                "quoted_by": 0,
                "cited_in": "doc",
                "cited_in_paragraph": 3,
                "retrieved": None,
                "notes": None,
            },
        ),
        title="3 sources",
        notes=(SOURCES_NOTE,),
    )


def test_no_sources_is_an_empty_list() -> None:
    result = list_sources(KnowledgeBase(sources=(), facts=()))
    assert (result.records, result.title) == ((), "0 sources")


def test_stats_count_each_facet_most_common_first_then_by_value_with_the_undated_last() -> None:
    kb = KnowledgeBase(
        sources=(ARTICLE, BUREAU, FILM),
        facts=(
            fact(id="a", topics=("trade", "rail"), entities=("Port",), time=TimeRef(2020, "target"), kind="forecast"),
            fact(id="b", topics=("rail",), entities=("Port", "China"), time=TimeRef(2017), quantity=Quantity(1, "t")),
            fact(id="c", topics=("trade",), time=TimeRef(2017), modality="hedged", kind="opinion"),
            fact(id="d", topics=("air",), source="bureau", time=TimeRef(2015, "start"), kind="event"),
            fact(id="e", kind="event"),
        ),
        reviews=(Review("a", "supported", "Yes."),),
    )
    assert stats(kb) == Result(
        fields=STAT_FIELDS,
        records=(
            {"facet": "kind", "value": "event", "count": 2},
            {"facet": "kind", "value": "forecast", "count": 1},
            {"facet": "kind", "value": "opinion", "count": 1},
            {"facet": "kind", "value": "statistic", "count": 1},
            {"facet": "modality", "value": "asserted", "count": 4},
            {"facet": "modality", "value": "hedged", "count": 1},
            {"facet": "verdict", "value": "unreviewed", "count": 2},
            {"facet": "verdict", "value": "supported", "count": 1},
            {"facet": "topic", "value": "rail", "count": 2},
            {"facet": "topic", "value": "trade", "count": 2},
            {"facet": "topic", "value": "air", "count": 1},
            {"facet": "entity", "value": "Port", "count": 2},
            {"facet": "entity", "value": "China", "count": 1},
            {"facet": "source", "value": "doc", "count": 4},
            {"facet": "source", "value": "bureau", "count": 1},
            {"facet": "year", "value": "2017", "count": 2},
            {"facet": "year", "value": "by 2020", "count": 1},
            {"facet": "year", "value": "since 2015", "count": 1},
            {"facet": "year", "value": None, "count": 1},
        ),
        title="5 facts from 3 sources",
        notes=(STATS_NOTE,),
    )


def test_stats_of_an_empty_knowledge_base_still_count_the_facts_without_a_year() -> None:
    result = stats(KnowledgeBase(sources=(), facts=()))
    assert (result.records, result.title) == (({"facet": "year", "value": None, "count": 0},), "0 facts from 0 sources")
