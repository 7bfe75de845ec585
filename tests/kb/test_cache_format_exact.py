"""The cache entry format, exactly: the bytes of an entry, every field read back, and each refusal's message."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import fields
from typing import Any

import pytest

from builders import fact, knowledge_base, quote, source
from kzcn.kb.cache_format import InvalidEntry, decode, encode
from kzcn.model.records import (
    Comparison,
    DerivedSpec,
    EvidenceItem,
    Exemption,
    Fact,
    Heading,
    KnowledgeBase,
    Quantity,
    Quote,
    Relation,
    Review,
    Reviewer,
    Source,
    TimeRef,
)


def minimal_kb() -> KnowledgeBase:
    """One source with no optional field, one fact with nothing but what a fact must have."""
    bare = fact(id="f", statement="S.", kind="event", quotes=(quote(text="q"),))
    return knowledge_base(sources=(source(language=None, text=None),), facts=(bare,), path="kb.yaml")


def full_kb() -> KnowledgeBase:
    """Every record kind and every optional field, each with its own text; and the same fields left out elsewhere."""
    primary = source(language=None, text=None)
    evidence = source(
        id="ev",
        kind="report",
        title="The report",
        author="A. Author",
        publisher="The Publisher",
        published="2020-05-01",
        language="de",
        url="https://example.org/report",
        view_count=0,
        notes="Read in print.",
        text="Body of the report.",
        sha256="ab" * 32,
        cited_in=("doc", 3),
        role="evidence",
        retrieved="2021-01-02",
        furniture=("Views: 7", "Share this page"),
    )
    full_fact = fact(
        id="income-2017",
        statement="The corridor earned $2 billion in 2017.",
        kind="statistic",
        modality="conditional",
        topics=("trade", "transport"),
        entities=("Corridor", "Port"),
        source="ev",
        quotes=(Quote(1, "earned $ 2 billion"), Quote(1_000_000, "in 2017", "the year two figures share")),
        time=TimeRef(2017, "point"),
        quantity=Quantity(2, "USD", "billion", "about"),
        attributed_to="officials",
        condition="if the corridor opens",
        exceptions=(Exemption("hedge-cue", "quoted as said"), Exemption("statement-words", "a name", ("record",))),
        series="transport-income",
        refers_to=("doc", "ev"),
        note="Rounded in the source.",
        measure="revenue",
        kept_because="Shows the revenue.",
    )
    bare_fact = fact(
        id="trains-2017",
        statement="The port handled 40.5 thousand trains in 2017.",
        kind="forecast",
        modality="reported",
        topics=("transport",),
        entities=(),
        source="doc",
        quotes=(Quote(2, "40.5 thousand trains"),),
        time=TimeRef(2017, "point"),
        quantity=Quantity(40.5, "trains", "thousand", "exact"),
    )
    timeless_fact = fact(
        id="grew",
        statement="Trade grew.",
        kind="opinion",
        modality="hedged",
        topics=(),
        entities=(),
        source="doc",
        quotes=(),
        time=TimeRef(9999, "target", "the page's date"),
    )
    return knowledge_base(
        sources=(primary, evidence),
        facts=(full_fact, bare_fact, timeless_fact),
        relations=(
            Relation("within", "part-of", "trains-2017", "income-2017", "Trains earn part of the income."),
            Relation("rises", "increase", "income-2017", "grew"),
        ),
        derived=(
            DerivedSpec(
                "share", "Share of trains", "share", (("part", "trains-2017"), ("whole", "income-2017")), None, "Both."
            ),
            DerivedSpec("growth", "Growth", "annual-growth", (("from", "income-2017"), ("to", "grew")), "a-series"),
        ),
        path="facts/kb.yaml",
        warnings=("a quote is used twice", "another warning"),
        reviews=(
            Review(
                "income-2017",
                "partly-supported",
                "The report gives less.",
                (EvidenceItem("trains-2017", "qualifies", "Only trains."), EvidenceItem("grew", "context")),
                "The statistics office.",
                "2024-03-04",
            ),
            Review("grew", "not-checkable", "An opinion."),
            Review("trains-2017", "supported", "Made.", (), None, "2024-03-05", "not-met", "The count fell short."),
        ),
        comparisons=(
            Comparison("cmp-yes", ("income-2017", "trains-2017"), True, "Same unit."),
            Comparison("cmp-no", ("grew", "income-2017"), False, "Not a figure."),
        ),
        reviewer=Reviewer("The desk", "https://example.org/desk"),
        aliases=(("Kazakhstan", ("our country", "us")), ("China", ("the PRC",))),
        heading=Heading("What the article claims", "A lead."),
    )


def test_an_entry_is_compact_json_with_every_text_in_a_table_in_order_of_first_use() -> None:
    expected = (
        '["kzcn-cache-12",["doc","article","primary","f","S.","event","asserted","q","kb.yaml"],'
        "[[0,1,null,null,null,null,null,null,null,null,null,null,null,2,null,[]]],"
        "[[3,4,5,6,[],[],0,[[1,7,null]],null,null,null,null,[],null,[],null,null,null]],"
        "[],[],8,[],[],[],null,[],null]"
    )
    assert encode(minimal_kb()) == expected.encode("ascii")


def test_every_field_of_every_record_comes_back_as_it_was() -> None:
    kb = full_kb()
    back = decode(encode(kb))
    assert back == kb
    # Fields the knowledge base's equality leaves out, and records compared one by one for a clear failure.
    assert back.warnings == ("a quote is used twice", "another warning")
    assert back.path == "facts/kb.yaml"
    assert back.sources == kb.sources
    assert back.facts == kb.facts
    assert back.relations == kb.relations
    assert back.derived == kb.derived
    assert back.reviews == kb.reviews
    assert back.comparisons == kb.comparisons
    assert back.reviewer == Reviewer("The desk", "https://example.org/desk")


def test_records_rebuilt_without_their_constructor_have_exactly_their_fields() -> None:
    back = decode(encode(full_kb()))
    fact = back.facts[0]
    records: list[tuple[Any, type]] = [
        (fact, Fact),
        (fact.quotes[0], Quote),
        (fact.time, TimeRef),
        (fact.quantity, Quantity),
        (fact.exceptions[0], Exemption),
        (back.relations[0], Relation),
        (back.derived[0], DerivedSpec),
    ]
    for record, cls in records:
        assert type(record) is cls
        assert set(vars(record)) == {field.name for field in fields(cls)}


def test_amounts_keep_their_type_whole_or_decimal() -> None:
    back = decode(encode(full_kb()))
    assert [type(fact.quantity.amount) for fact in back.facts if fact.quantity] == [int, float]
    assert [fact.quantity.amount for fact in back.facts if fact.quantity] == [2, 40.5]


def test_facts_of_the_same_year_share_one_time_record() -> None:
    back = decode(encode(full_kb()))
    assert back.facts[0].time == TimeRef(2017, "point")
    assert back.facts[0].time is back.facts[1].time
    assert back.facts[2].time == TimeRef(9999, "target", "the page's date")


def test_a_knowledge_base_with_no_reviewer_and_no_optional_records_comes_back_empty() -> None:
    back = decode(encode(minimal_kb()))
    assert back == minimal_kb()
    assert (back.relations, back.derived, back.reviews, back.comparisons, back.reviewer) == ((), (), (), (), None)
    assert back.warnings == ()
    assert back.reviewer is None
    assert back.facts[0].time is None and back.facts[0].quantity is None


def test_a_reviewer_without_a_url_comes_back_without_one() -> None:
    kb = KnowledgeBase(minimal_kb().sources, minimal_kb().facts, path="kb.yaml", reviewer=Reviewer("The desk"))
    assert decode(encode(kb)).reviewer == Reviewer("The desk", None)


def test_text_outside_ascii_is_escaped_and_read_back() -> None:
    kb = minimal_kb()
    fact = Fact(**{**vars(kb.facts[0]), "statement": "Über 5 € and a lone \ud800."})
    entry = encode(KnowledgeBase(kb.sources, (fact,), path="kb.yaml"))
    assert entry.isascii()
    assert b'"\\u00dcber 5 \\u20ac and a lone \\ud800."' in entry
    assert decode(entry).facts[0].statement == "Über 5 € and a lone \ud800."


@pytest.mark.parametrize("amount", [math.inf, -math.inf, math.nan])
def test_a_non_finite_amount_cannot_be_encoded(amount: float) -> None:
    kb = minimal_kb()
    fact = Fact(**{**vars(kb.facts[0]), "quantity": Quantity(amount, "USD")})
    with pytest.raises(ValueError, match="Out of range float values are not JSON compliant"):
        encode(KnowledgeBase(kb.sources, (fact,), path="kb.yaml"))


# Tampered entries: each change is made to the JSON of full_kb's entry, and must be refused with its own message.


def payload_of(kb: KnowledgeBase) -> list[Any]:
    payload: list[Any] = json.loads(encode(kb))
    return payload


def index_of(payload: list[Any], value: str) -> int:
    """The table index of `value`, entered at the end of the table if it is not there yet."""
    table: list[Any] = payload[1]
    if value not in table:
        table.append(value)
    return table.index(value)


def decode_changed(change: Callable[[list[Any]], None], kb: KnowledgeBase | None = None) -> KnowledgeBase:
    payload = payload_of(kb or full_kb())
    change(payload)
    return decode(json.dumps(payload).encode())


SOURCES, FACTS, RELATIONS, DERIVED, REVIEWS, COMPARISONS = 2, 3, 4, 5, 8, 9
EV, FULL, BARE = 1, 0, 1  # the evidence source, the fact with every field, the fact with few
# A record's values are in the order its dataclass declares its fields.
VIEWS, CITED_IN, ROLE = (
    next(i for i, f in enumerate(fields(Source)) if f.name == n) for n in ("view_count", "cited_in", "role")
)
KIND, SOURCE, QUOTES, TIME, QUANTITY, REFERS_TO, MODALITY = (
    next(i for i, f in enumerate(fields(Fact)) if f.name == n)
    for n in ("kind", "source", "quotes", "time", "quantity", "refers_to", "modality")
)


def refusal(change: Callable[[list[Any]], None]) -> str:
    with pytest.raises(InvalidEntry) as refused:
        decode_changed(change)
    return str(refused.value)


@pytest.mark.parametrize(
    "content",
    [b"null", b"7", b'"kzcn-cache-11"', b'{"kzcn-cache-11": 1}', b'["kzcn-cache-11"]', b'["kzcn-cache-11",[]]'],
    ids=["null", "number", "string", "object", "one item", "two items"],
)
def test_json_that_is_not_an_eleven_item_list_is_not_an_entry(content: bytes) -> None:
    with pytest.raises(InvalidEntry, match=r"^not an entry of this format$"):
        decode(content)


@pytest.mark.parametrize("length", [12, 14])
def test_a_list_of_another_length_is_not_an_entry(length: int) -> None:
    payload = payload_of(minimal_kb())
    payload = [*payload, None, None][:length]
    with pytest.raises(InvalidEntry, match=r"^not an entry of this format$"):
        decode(json.dumps(payload).encode())


def test_an_entry_of_another_format_is_refused() -> None:
    assert refusal(lambda p: p.__setitem__(0, "kzcn-cache-3")) == "not an entry of this format"


@pytest.mark.parametrize(
    "table", [["doc", 7], {"doc": "doc"}, "doc"], ids=["holds a number", "is an object", "is a string"]
)
def test_a_text_table_that_is_not_a_list_of_texts_is_refused(table: Any) -> None:
    assert refusal(lambda p: p.__setitem__(1, table)) == "the text table holds something other than text"


@pytest.mark.parametrize(
    ("position", "name"),
    [(SOURCES, "sources"), (FACTS, "facts"), (RELATIONS, "relations"), (DERIVED, "derived"), (REVIEWS, "reviews"),
     (COMPARISONS, "comparisons"), (7, "warnings")],
)  # fmt: skip
def test_a_record_list_that_is_not_a_list_is_refused(position: int, name: str) -> None:
    assert refusal(lambda p: p.__setitem__(position, {"0": 1})) == f"KnowledgeBase.{name}: expected a list"


def test_a_source_that_is_not_a_list_is_refused() -> None:
    assert refusal(lambda p: p[SOURCES].__setitem__(0, {"id": 0})) == "a Source is not a list of its 16 fields"


@pytest.mark.parametrize("views", [0, 10**15])
def test_view_counts_from_zero_to_a_quadrillion_are_read(views: int) -> None:
    kb = decode_changed(lambda p: p[SOURCES][EV].__setitem__(VIEWS, views))
    assert kb.sources[EV].view_count == views


@pytest.mark.parametrize("views", [-1, 10**15 + 1, 1.0, True, "7"])
def test_a_view_count_out_of_range_or_not_whole_is_refused(views: Any) -> None:
    message = refusal(lambda p: p[SOURCES][EV].__setitem__(VIEWS, views))
    assert message == "Source.view_count: expected a whole number from 0 to 1000000000000000"


@pytest.mark.parametrize("paragraph", [1, 10**6])
def test_a_source_cited_in_the_first_or_last_paragraph_is_read(paragraph: int) -> None:
    kb = decode_changed(lambda p: p[SOURCES][EV][CITED_IN].__setitem__(1, paragraph))
    assert kb.sources[EV].cited_in == ("doc", paragraph)


@pytest.mark.parametrize("paragraph", [0, 10**6 + 1, "3", None])
def test_a_citing_paragraph_out_of_range_is_refused(paragraph: Any) -> None:
    message = refusal(lambda p: p[SOURCES][EV][CITED_IN].__setitem__(1, paragraph))
    assert message == "Source.cited_in: expected a whole number from 1 to 1000000"


def test_a_citation_that_is_not_a_list_is_refused() -> None:
    message = refusal(lambda p: p[SOURCES][EV].__setitem__(CITED_IN, {"0": 0, "1": 3}))
    assert message == "Source.cited_in: expected a list"


def test_an_unknown_source_role_is_refused_with_the_roles() -> None:
    message = refusal(lambda p: p[SOURCES][EV].__setitem__(ROLE, index_of(p, "secondary")))
    assert message == "Source.role: 'secondary' is not one of ['cited', 'evidence', 'primary']"


def test_an_unknown_fact_kind_is_refused() -> None:
    message = refusal(lambda p: p[FACTS][BARE].__setitem__(KIND, index_of(p, "rumour")))
    assert message == "Fact.kind: 'rumour' is not one of ['event', 'forecast', 'opinion', 'statistic']"


@pytest.mark.parametrize("paragraph", [1, 10**6])
def test_quotes_from_the_first_to_the_millionth_paragraph_are_read(paragraph: int) -> None:
    kb = decode_changed(lambda p: p[FACTS][BARE][QUOTES][0].__setitem__(0, paragraph))
    assert kb.facts[BARE].quotes == (Quote(paragraph, "40.5 thousand trains"),)


@pytest.mark.parametrize("paragraph", [0, 10**6 + 1, 1.0, True, "1"])
def test_a_quote_paragraph_out_of_range_or_not_whole_is_refused(paragraph: Any) -> None:
    message = refusal(lambda p: p[FACTS][BARE][QUOTES][0].__setitem__(0, paragraph))
    assert message == "Quote.paragraph: expected a whole number from 1 to 1000000"


@pytest.mark.parametrize("year", [1, 9999])
def test_years_from_1_to_9999_are_read(year: int) -> None:
    kb = decode_changed(lambda p: p[FACTS][FULL][TIME].__setitem__(0, year))
    assert kb.facts[FULL].time == TimeRef(year, "point")
    assert kb.facts[BARE].time == TimeRef(2017, "point")


@pytest.mark.parametrize("year", [0, 10_000, 2017.0, True])
def test_a_year_out_of_range_or_not_whole_is_refused(year: Any) -> None:
    message = refusal(lambda p: p[FACTS][FULL][TIME].__setitem__(0, year))
    assert message == "TimeRef.year: expected a whole number from 1 to 9999"


def test_an_unknown_time_kind_is_refused() -> None:
    message = refusal(lambda p: p[FACTS][FULL][TIME].__setitem__(1, index_of(p, "end")))
    assert message == "TimeRef.kind: 'end' is not one of ['point', 'start', 'target']"


@pytest.mark.parametrize("amount", [math.inf, -math.inf, math.nan, "2", True, None])
def test_an_amount_that_is_not_a_finite_number_is_refused(amount: Any) -> None:
    message = refusal(lambda p: p[FACTS][FULL][QUANTITY].__setitem__(0, amount))
    assert message == "Quantity.amount: expected a finite number"


def test_an_unknown_scale_is_refused_with_the_scales() -> None:
    message = refusal(lambda p: p[FACTS][FULL][QUANTITY].__setitem__(2, index_of(p, "dozen")))
    assert message == "Quantity.scale: 'dozen' is not one of ['billion', 'million', 'one', 'thousand', 'trillion']"


def test_an_unknown_qualifier_is_refused_with_the_qualifiers() -> None:
    message = refusal(lambda p: p[FACTS][FULL][QUANTITY].__setitem__(3, index_of(p, "dozen")))
    assert message == (
        "Quantity.qualifier: 'dozen' is not one of ['about', 'at-least', 'at-most', 'exact', 'less-than', 'more-than']"
    )


def test_an_unknown_modality_is_refused() -> None:
    message = refusal(lambda p: p[FACTS][BARE].__setitem__(MODALITY, index_of(p, "rumoured")))
    assert message == (
        "Fact.modality: 'rumoured' is not one of ['asserted', 'conditional', 'hedged', 'predicted', 'reported']"
    )


def test_a_fact_from_an_unknown_source_is_refused() -> None:
    message = refusal(lambda p: p[FACTS][BARE].__setitem__(SOURCE, index_of(p, "nowhere")))
    assert message == "fact 'trains-2017' names an unknown source"


def test_a_fact_referring_to_an_unknown_source_is_refused() -> None:
    message = refusal(lambda p: p[FACTS][FULL][REFERS_TO].append(index_of(p, "nowhere")))
    assert message == "fact 'income-2017' names an unknown source"


def test_an_unknown_relation_kind_is_refused_with_the_kinds() -> None:
    message = refusal(lambda p: p[RELATIONS][0].__setitem__(1, index_of(p, "decrease")))
    assert message == "Relation.kind: 'decrease' is not one of ['increase', 'part-of']"


def test_an_unknown_verdict_is_refused_with_the_verdicts() -> None:
    message = refusal(lambda p: p[REVIEWS][0].__setitem__(1, index_of(p, "true")))
    assert message == (
        "Review.verdict: 'true' is not one of ['contradicted', 'not-checkable', 'not-supported', 'partly-supported', "
        "'supported', 'unverified']"
    )


def test_an_unknown_bearing_is_refused_with_the_bearings() -> None:
    message = refusal(lambda p: p[REVIEWS][0][3][0].__setitem__(1, index_of(p, "supports")))
    assert message == (
        "EvidenceItem.bearing: 'supports' is not one of "
        "['attributes', 'context', 'contradicts', 'corroborates', 'outcome', 'qualifies']"
    )


def test_a_review_that_is_not_a_list_is_refused() -> None:
    assert refusal(lambda p: p[REVIEWS].__setitem__(0, {"claim": 0})) == "a Review is not a list of its 9 fields"


@pytest.mark.parametrize("comparable", [1, 0, None, "true"])
def test_a_comparable_flag_that_is_not_true_or_false_is_refused(comparable: Any) -> None:
    message = refusal(lambda p: p[COMPARISONS][0].__setitem__(2, comparable))
    assert message == "Comparison.comparable: expected true or false"


def test_a_reviewer_that_is_not_a_list_is_refused() -> None:
    assert refusal(lambda p: p.__setitem__(10, {"name": 0})) == "a Reviewer is not a list of its 2 fields"


def test_a_source_id_used_twice_is_refused() -> None:
    assert refusal(lambda p: p[SOURCES].append(p[SOURCES][0])) == "an id is used twice"


def test_a_fact_id_used_twice_is_refused() -> None:
    assert refusal(lambda p: p[FACTS][BARE].__setitem__(0, index_of(p, "grew"))) == "an id is used twice"


def test_a_source_cited_in_an_unknown_source_is_refused() -> None:
    message = refusal(lambda p: p[SOURCES][EV][CITED_IN].__setitem__(0, index_of(p, "nowhere")))
    assert message == "source 'ev' is cited in an unknown source"


@pytest.mark.parametrize("side", [2, 3], ids=["left", "right"])
def test_a_relation_to_an_unknown_fact_is_refused(side: int) -> None:
    message = refusal(lambda p: p[RELATIONS][1].__setitem__(side, index_of(p, "nowhere")))
    assert message == "relation 'rises' names an unknown fact"


def test_a_derived_figure_from_an_unknown_fact_is_refused() -> None:
    message = refusal(lambda p: p[DERIVED][1][3][1].__setitem__(1, index_of(p, "nowhere")))
    assert message == "derived figure 'growth' names an unknown fact"


def test_a_review_of_an_unknown_claim_is_refused() -> None:
    message = refusal(lambda p: p[REVIEWS][1].__setitem__(0, index_of(p, "nowhere")))
    assert message == "the review of 'nowhere' names an unknown fact"


def test_a_review_citing_an_unknown_fact_as_evidence_is_refused() -> None:
    message = refusal(lambda p: p[REVIEWS][0][3][1].__setitem__(0, index_of(p, "nowhere")))
    assert message == "the review of 'income-2017' names an unknown fact"


@pytest.mark.parametrize("side", [0, 1], ids=["first", "second"])
def test_a_comparison_of_an_unknown_fact_is_refused(side: int) -> None:
    message = refusal(lambda p: p[COMPARISONS][1][1].__setitem__(side, index_of(p, "nowhere")))
    assert message == "comparison 'cmp-no' names an unknown fact"


def test_a_source_of_the_wrong_length_is_refused_by_its_length() -> None:
    # A list, but one field short: refused for its length, not later by a failed unpacking.
    assert refusal(lambda p: p[SOURCES][0].pop()) == "a Source is not a list of its 16 fields"


def test_field_shapes_are_worked_out_from_the_records_annotations_on_first_use() -> None:
    # The shapes are cached after the first use; cleared here, so that the working-out itself is what is tested.
    from kzcn.kb.cache_format import _FIELD_SHAPES, Shape, field_shapes

    _FIELD_SHAPES.clear()
    shapes = dict(field_shapes(Fact))
    assert list(shapes) == [field.name for field in fields(Fact)]
    assert shapes["quotes"] == Shape("many", (Shape("record", record=Quote),))
    assert shapes["time"] == Shape("optional", (Shape("record", record=TimeRef),))
    assert field_shapes(Fact) is field_shapes(Fact)  # worked out once
