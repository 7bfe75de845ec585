"""kzcn.checks.wording through the check: a claim's statement, attribution, modality and unit against its quotes'
words (issue 21), each rule with its exact message, its place, and a reasoned exception that silences it."""

from __future__ import annotations

from typing import Any

import pytest
from checks.test_check_exact import checked, problems_of

from builders import small_kb

TRAINS, FORECAST, CITIES, OPINION = 0, 3, 4, 5  # small_kb's facts by index


def changed(index: int, **fields: Any) -> dict[str, Any]:
    data = small_kb()
    data["facts"][index].update(fields)
    return data


def test_small_kb_passes_every_wording_rule() -> None:
    assert checked(small_kb()) == ([], [])


@pytest.mark.parametrize(
    ("index", "fields", "message"),
    [
        (
            TRAINS,
            {"statement": "The port handled a record 40 trains in 2017."},
            "facts[0].statement: the statement says 'record', which no quote says (nor the sentence it stands in, "
            "nor the fact's entities, topics, attribution or condition); say only what the quotes say, or quote the "
            "words that say it [statement-words]",
        ),
        (
            CITIES,
            {"statement": "More than 10 cities are not served."},
            "facts[4].statement: the statement holds 1 negation(s) and its quotes 0: one of them says the opposite "
            "of the other; state what the quotes state [negation]",
        ),
        (
            FORECAST,
            {"attributed_to": "President Nazarbayev"},
            "facts[3].attributed_to: attributed to 'President Nazarbayev', but 'President', 'Nazarbayev' stands in no "
            "quote and not in the source's title, author, publisher or notes; name whom the quotes name, or an "
            "unnamed form they support ('unnamed forecasts') [attribution-cue]",
        ),
        (
            FORECAST,
            {"modality": "predicted", "attributed_to": None},
            "facts[3].modality: the quotes attribute the claim ('according to'), but the modality is predicted; "
            "write modality: reported with attributed_to, and keep the attribution in the statement [reported-cue]",
        ),
        (
            TRAINS,
            {"quantity": {"amount": 40, "unit": "wagons"}},
            "facts[0].quantity.unit: the unit wagons is printed in no quote; quote the words that give it, or record "
            "the unit they give [unit-cue]",
        ),
    ],
    ids=["added-word", "negation", "attribution", "reported", "unit"],
)
def test_a_statement_or_field_that_says_what_the_quotes_do_not_is_refused(
    index: int, fields: dict[str, Any], message: str
) -> None:
    data = changed(index, **{key: value for key, value in fields.items() if value is not None})
    for key in (key for key, value in fields.items() if value is None):
        data["facts"][index].pop(key, None)
    assert message in problems_of(data)


def test_a_reasoned_exception_silences_a_wording_rule_and_only_it() -> None:
    reason = [{"rule": "statement-words", "reason": "the port's own record, in its report's words"}]
    data = changed(TRAINS, statement="The port handled a record 40 trains in 2017.", exceptions=reason)
    assert checked(data) == ([], [])
    unused = changed(TRAINS, exceptions=reason)
    assert checked(unused) == (
        [],
        ["kb.yaml: fact trains-2017: the exception to statement-words excuses nothing; remove it"],
    )


def test_an_exception_that_names_its_words_excuses_those_words_alone() -> None:
    # Issue 21's meaning mutations: a word added to a statement excused from statement-words passed, whatever it was.
    named = [{"rule": "statement-words", "reason": "the port's own record, in its report's words", "words": ["record"]}]
    data = changed(TRAINS, statement="The port handled a record 40 trains in 2017.", exceptions=named)
    assert checked(data) == ([], [])
    data["facts"][TRAINS]["statement"] = "The port handled a record 40 hostile trains in 2017."
    assert problems_of(data) == [
        "facts[0].statement: the statement says 'hostile', which no quote says (nor the sentence it stands in, nor "
        "the fact's entities, topics, attribution or condition); say only what the quotes say, or quote the words "
        "that say it [statement-words]"
    ]
    needless = changed(TRAINS, exceptions=[{**named[0], "words": ["record", "port"]}])
    assert checked(needless) == (
        [
            "facts[0].exceptions[0].words: the exception names 'record', 'port', which the statement "
            "does not add to its quotes; name only the words it adds [statement-words]"
        ],
        ["kb.yaml: fact trains-2017: the exception to statement-words excuses nothing; remove it"],
    )


def test_only_an_exception_to_statement_words_names_words() -> None:
    from builders import dump
    from kzcn.errors import KnowledgeBaseError
    from kzcn.kb.load import parse_knowledge_base

    data = changed(TRAINS, exceptions=[{"rule": "negation", "reason": "a test of the field", "words": ["record"]}])
    with pytest.raises(KnowledgeBaseError) as caught:
        parse_knowledge_base("kb.yaml", dump(data))
    assert [f"{problem.path}: {problem.message}" for problem in caught.value.problems] == [
        "facts[0].exceptions[0].words: only an exception to statement-words names the words it excuses"
    ]


def test_a_misquoted_fact_gets_no_wording_findings_until_its_quotes_stand() -> None:
    # The words of a misquote say nothing: its one fix is to quote, and one message says so.
    data = changed(TRAINS, statement="The port handled a record 40 trains in 2017.")
    data["facts"][TRAINS]["quotes"][0]["text"] = "In 2017 the port handled 40 wagons."
    assert [problem.split(":")[0] for problem in problems_of(data)] == ["facts[0].quotes[0].text"]


def with_sentence(sentence: str) -> dict[str, Any]:
    """small_kb with its first paragraph's second sentence replaced."""
    from builders import fingerprinted

    data = small_kb()
    text = data["sources"][0]["text"].replace("Trade between the two countries grew quickly.", sentence)
    data["sources"][0] = fingerprinted(
        {key: value for key, value in data["sources"][0].items() if key != "sha256"} | {"text": text}
    )
    return data


def test_entities_named_in_another_order_than_the_quote_are_refused() -> None:
    data = with_sentence("China exports grain to Kazakhstan.")
    opinion = data["facts"][OPINION]
    opinion.update(
        kind="event",
        statement="Kazakhstan exports grain to China.",
        entities=["Kazakhstan", "China"],
        quotes=[{"paragraph": 1, "text": "China exports grain to Kazakhstan."}],
    )
    assert problems_of(data) == [
        "facts[5].statement: the quote names Kazakhstan and China in one order and the statement in the other; who "
        "does what to whom is the quote's [entity-order]"
    ]
    opinion["statement"] = "China exports grain to Kazakhstan."
    assert problems_of(data) == []


OPINION_AS_FACT = (
    "facts[5].statement: an opinion of the author's worded as a stated fact, or as someone else's view; say it is "
    'the author\'s ("In the author\'s view, ...", "The author holds that ..."), or, where the article reports it, '
    "write modality: reported with attributed_to [opinion-frame]"
)


@pytest.mark.parametrize(
    "statement",
    [
        "Trade grew quickly.",
        # A frame that gives the author's view to no one, or to someone else (an adversarial review, issue 21).
        "Trade grew quickly, it is held.",
        "It is thought that trade grew quickly.",
    ],
)
def test_an_opinion_of_the_authors_says_it_is_the_authors(statement: str) -> None:
    # Issue 21: an opinion filed as an event, or an event as an opinion, passed: the kind was read nowhere else.
    assert problems_of(changed(OPINION, statement=statement)) == [OPINION_AS_FACT]


def test_a_stated_fact_gives_no_ones_view() -> None:
    assert problems_of(changed(OPINION, kind="event", statement="In the author's view, trade grew quickly.")) == [
        "facts[5].statement: the statement says \"author's\", 'view', which no quote says (nor the sentence it "
        "stands in, nor the fact's entities, topics, attribution or condition); say only what the quotes say, or "
        "quote the words that say it [statement-words]",
        "facts[5].kind: an event whose statement gives someone's view (\"in the author's view\"); a view is an "
        "opinion: write kind: opinion, or state the fact without the view (a record of what people hold, a "
        "survey's, declares an exception: {rule: opinion-frame, reason: ...}) [opinion-frame]",
    ]


@pytest.mark.parametrize(
    "statement",
    [
        "In the author's view, trade grew quickly.",
        "In the author’s opinion, trade grew quickly.",
        "The author holds that trade grew quickly.",
        "The author argues that trade grew quickly.",
        "According to the author, trade grew quickly.",
    ],
)
def test_the_ways_a_statement_says_it_gives_the_authors_view(statement: str) -> None:
    assert problems_of(changed(OPINION, statement=statement)) == []


def test_the_frames_words_are_allowed_as_words_not_as_the_first_letters_of_others() -> None:
    # "author" let in "authoritarian", "consider" let in "considerable" (an adversarial review, issue 21).
    data = changed(OPINION, statement="In the author's view, authoritarian trade grew considerably quickly.")
    assert problems_of(data) == [
        "facts[5].statement: the statement says 'authoritarian', 'considerably', which no quote says (nor the "
        "sentence it stands in, nor the fact's entities, topics, attribution or condition); say only what the quotes "
        "say, or quote the words that say it [statement-words]"
    ]


def test_a_stated_record_of_beliefs_declares_an_exception() -> None:
    data = changed(OPINION, kind="event", statement="Some economists think that trade grew quickly.")
    assert [problem.split(": ")[0] for problem in problems_of(data)] == ["facts[5].statement", "facts[5].kind"]
    data["facts"][OPINION]["exceptions"] = [
        {"rule": "opinion-frame", "reason": "a record of what people believe, not a belief of the source's own"},
        {"rule": "statement-words", "reason": "the believers are named by the survey this test imagines"},
    ]
    assert problems_of(data) == []


@pytest.mark.parametrize(
    ("statement", "problems"),
    [
        ("Kazakhstan is using the cooperation with China.", []),
        (
            "China is using the cooperation with Kazakhstan.",
            [
                "facts[5].statement: the quote's sentence names Kazakhstan and China in one order and the statement "
                "in the other; who does what to whom is the quote's [entity-order]"
            ],
        ),
    ],
)
def test_an_entity_beside_the_quote_in_its_sentence_keeps_its_side(statement: str, problems: list[str]) -> None:
    # The quote names Kazakhstan; China stands after it in the same sentence, in no quote of the fact (issue 21: a
    # swap of "our country ... cooperation with" one of the world's largest economies passed).
    data = with_sentence("Kazakhstan is using the cooperation with China.")
    data["facts"][OPINION].update(
        kind="event",
        statement=statement,
        entities=["Kazakhstan", "China"],
        quotes=[{"paragraph": 1, "text": "Kazakhstan is using the cooperation with"}],
    )
    assert problems_of(data) == problems


def test_an_entity_on_both_sides_of_the_quote_or_in_another_quote_has_no_side() -> None:
    data = with_sentence("China said Kazakhstan is using the cooperation with China.")
    data["facts"][OPINION].update(
        kind="event",
        statement="China is using the cooperation with Kazakhstan.",
        entities=["Kazakhstan", "China"],
        quotes=[{"paragraph": 1, "text": "Kazakhstan is using the cooperation with"}],
    )
    assert problems_of(data) == []  # China before and after: no side to hold the statement to
    data = with_sentence("Kazakhstan is using the cooperation with China.")
    data["facts"][OPINION].update(
        kind="event",
        statement="China is using the cooperation with Kazakhstan.",
        entities=["Kazakhstan", "China"],
        quotes=[
            {"paragraph": 1, "text": "Kazakhstan is using the cooperation with"},
            {"paragraph": 1, "text": "China."},
        ],
    )
    # Named by a quote of its own, China's place is read from the quotes, in their order: caught there.
    assert problems_of(data) == [
        "facts[5].statement: the quote names Kazakhstan and China in one order and the statement in the other; who "
        "does what to whom is the quote's [entity-order]"
    ]


def test_a_cause_put_after_its_effect_declares_an_exception() -> None:
    data = with_sentence("Thanks to China, Kazakhstan grew.")
    data["facts"][OPINION].update(
        kind="event",
        statement="Kazakhstan grew thanks to China.",
        entities=["Kazakhstan", "China"],
        quotes=[{"paragraph": 1, "text": "Kazakhstan grew."}],
    )
    assert problems_of(data) == [
        "facts[5].statement: the quote's sentence names Kazakhstan and China in one order and the statement in the "
        "other; who does what to whom is the quote's [entity-order]"
    ]
    data["facts"][OPINION]["exceptions"] = [{"rule": "entity-order", "reason": "the cause told after its effect"}]
    assert problems_of(data) == []


def test_a_condition_or_a_hedge_in_the_quotes_keeps_its_modality() -> None:
    data = small_kb()
    text = data["sources"][0]["text"] + "\n\nIf the corridor opens, trade will grow. Trade can grow."
    from builders import fingerprinted

    data["sources"][0] = fingerprinted(
        {key: value for key, value in data["sources"][0].items() if key != "sha256"} | {"text": text}
    )
    opinion = data["facts"][OPINION]
    opinion.update(
        kind="forecast", modality="predicted", statement="Trade will grow.",
        quotes=[{"paragraph": 4, "text": "If the corridor opens, trade will grow."}],
    )  # fmt: skip
    assert "conditional-cue" in problems_of(data)[0]
    opinion.update(statement="Trade can grow.", quotes=[{"paragraph": 4, "text": "Trade can grow."}])
    assert problems_of(data) == [
        "facts[5].kind: a forecast, but its quotes have no sign of one (forecast, will, expected, by 2020, ...); "
        "quote the words that make it a forecast, or change the kind [forecast-cue]",
        "facts[5].modality: the quotes hedge ('can'), but the forecast is predicted outright; restore the hedge: "
        "modality: hedged, and keep it in the statement [hedge-lost]",
    ]


def test_a_declared_alias_names_its_entity_for_the_order_of_entities() -> None:
    data = with_sentence("Our country exports grain to the Eastern neighbor.")
    data["facts"][OPINION].update(
        kind="event",
        statement="China exports grain to Kazakhstan.",
        entities=["Kazakhstan", "China"],
        quotes=[{"paragraph": 1, "text": "Our country exports grain to the Eastern neighbor."}],
        exceptions=[{"rule": "statement-words", "reason": "the entities' own names, declared as aliases"}],
    )
    assert problems_of(data) == [  # without aliases, the quote names neither
        "facts[5].statement: the statement names China and Kazakhstan, named nowhere in the sentences that hold its "
        "quotes; quote the words that name them, declare the name the source uses under `aliases:`, or say only what "
        "the quotes say [entity-named]"
    ]
    data["aliases"] |= {"Kazakhstan": ["our country"], "China": ["the Eastern neighbor"]}
    assert problems_of(data) == [
        "facts[5].statement: the quote names Kazakhstan and China in one order and the statement in the other; who "
        "does what to whom is the quote's [entity-order]"
    ]


def test_an_entity_named_twice_stands_where_it_is_first_named() -> None:
    # "Our country" (Kazakhstan, by its alias) comes before China, "Kazakhstan" after: its first naming counts.
    data = with_sentence("Our country exports grain to China, as Kazakhstan has for years.")
    data["aliases"] |= {"Kazakhstan": ["our country"]}
    data["facts"][OPINION].update(
        kind="event",
        statement="Kazakhstan exports grain to China.",
        entities=["Kazakhstan", "China"],
        quotes=[{"paragraph": 1, "text": "Our country exports grain to China, as Kazakhstan has for years."}],
    )
    assert problems_of(data) == []
    data["facts"][OPINION]["statement"] = "China exports grain to Kazakhstan."
    assert problems_of(data) == [
        "facts[5].statement: the quote names Kazakhstan and China in one order and the statement in the other; who "
        "does what to whom is the quote's [entity-order]"
    ]


def test_aliases_must_be_a_mapping_of_names_to_lists() -> None:
    from builders import dump
    from kzcn.errors import KnowledgeBaseError
    from kzcn.kb.load import parse_knowledge_base

    data = small_kb()
    data["aliases"] = ["Kazakhstan"]
    with pytest.raises(KnowledgeBaseError) as caught:
        parse_knowledge_base("kb.yaml", dump(data))
    # Without its aliases, the entities they name go unnamed too (entity-named): only the aliases' own problem here.
    assert [f"{problem.path}: {problem.message}" for problem in caught.value.problems if problem.path == "aliases"] == [
        "aliases: expected a mapping of entity to a list of its other names, found a list"
    ]


ENTITY_FIX = "declare the name the source uses under `aliases:`"


@pytest.mark.parametrize(
    ("index", "fields", "message"),
    [
        # A statement naming an entity the knowledge base knows (here Europe, listed by another fact) that the
        # sentences of its quotes never name.
        (
            TRAINS,
            {"statement": "The port handled 40 trains from Europe in 2017."},
            "facts[0].statement: the statement names Europe, named nowhere in the sentences that hold its quotes; "
            f"quote the words that name it, {ENTITY_FIX}, or say only what the quotes say [entity-named]",
        ),
        # A listed entity its quotes' paragraphs never name, alone and with another.
        (
            TRAINS,
            {"entities": ["Port", "Vietnam"]},
            "facts[0].entities: the fact lists Vietnam, named nowhere in the paragraphs of its quotes; quote the "
            f"words that name it, {ENTITY_FIX}, or drop it from the fact [entity-named]",
        ),
        (
            TRAINS,
            {"entities": ["Japan", "Port", "South Korea"]},
            "facts[0].entities: the fact lists Japan and South Korea, named nowhere in the paragraphs of its quotes; "
            f"quote the words that name them, {ENTITY_FIX}, or drop them from the fact [entity-named]",
        ),
    ],
)
def test_an_entity_the_quotes_never_name_is_refused(index: int, fields: dict[str, Any], message: str) -> None:
    # A name the quotes lack is also a word they lack (statement-words): each rule says what it sees.
    named = [problem for problem in problems_of(changed(index, **fields)) if problem.endswith("[entity-named]")]
    assert named == [message]
    exempted = changed(index, **fields, exceptions=[{"rule": "entity-named", "reason": "named two sentences on"}])
    assert [problem for problem in problems_of(exempted) if problem.endswith("[entity-named]")] == []


def test_an_entity_is_named_by_its_name_in_either_first_case_its_stem_or_an_alias() -> None:
    # "the port" names Port; "Corridor's" the Corridor of paragraph 2 (the same stem); an alias its entity.
    assert problems_of(changed(TRAINS, entities=["Port", "Trade"])) == []
    assert problems_of(changed(TRAINS, entities=["port"])) == []
    data = changed(TRAINS, entities=["Port", "Railway"])
    assert len(problems_of(data)) == 1
    data["aliases"] |= {"Railway": ["trains"]}
    assert problems_of(data) == []


def test_a_listed_entity_may_stand_anywhere_in_the_paragraph_but_a_named_one_only_in_the_sentence() -> None:
    # Paragraph 1 holds "Trade between the two countries ..." then "In 2017 the port handled 40 trains.": the
    # trains fact may list Trade (the paragraph's subject), but its statement may not name it unquoted.
    assert problems_of(changed(TRAINS, entities=["Port", "Trade"])) == []
    data = changed(TRAINS, statement="The port of Trade handled 40 trains in 2017.")
    data["facts"][OPINION]["entities"] = ["Trade"]
    assert problems_of(data) == [
        "facts[0].statement: the statement says 'Trade', which no quote says (nor the sentence it stands in, nor the "
        "fact's entities, topics, attribution or condition); say only what the quotes say, or quote the words that "
        "say it [statement-words]",
        "facts[0].statement: the statement names Trade, named nowhere in the sentences that hold its quotes; "
        f"quote the words that name it, {ENTITY_FIX}, or say only what the quotes say [entity-named]",
    ]


def test_an_exceptions_words_are_whole_words_each_one_word() -> None:
    from builders import dump
    from kzcn.errors import KnowledgeBaseError
    from kzcn.kb.load import parse_knowledge_base

    # "state" excused "statesman" and "statement" (an adversarial review, issue 21): words are read whole.
    named = [{"rule": "statement-words", "reason": "a test", "words": ["record"]}]
    data = changed(TRAINS, statement="The port handled a recorded 40 trains in 2017.", exceptions=named)
    assert problems_of(data)[0].startswith("facts[0].exceptions[0].words: the exception names 'record'")
    data["facts"][TRAINS]["exceptions"] = [{**named[0], "words": ["state media"]}]
    with pytest.raises(KnowledgeBaseError) as caught:
        parse_knowledge_base("kb.yaml", dump(data))
    assert [f"{problem.path}: {problem.message}" for problem in caught.value.problems] == [
        "facts[0].exceptions[0].words[0]: 'state media' is not one word: name each word the statement adds on its "
        "own, letters only"
    ]


def test_words_excused_where_no_statement_is_read_excuse_nothing() -> None:
    # A claim of a source in Russian is read for its numbers only: its exception said nothing of its use.
    data = changed(TRAINS, exceptions=[{"rule": "statement-words", "reason": "a test", "words": ["nonsense"]}])
    data["sources"][0]["language"] = "ru"
    assert checked(data) == (
        [],
        ["kb.yaml: fact trains-2017: the exception to statement-words excuses nothing; remove it"],
    )


def test_a_quote_that_ends_its_sentence_lends_the_statement_no_word_of_the_next() -> None:
    # "Trade between the two countries grew quickly." ends its sentence; "trains" stands in the next one, which the
    # sentence reader took in too: a quote ending in a full stop had the next sentence's words to lend.
    data = changed(OPINION, statement="In the author's view, trade grew quickly, by trains.")
    assert problems_of(data) == [
        "facts[5].statement: the statement says 'trains', which no quote says (nor the sentence it stands in, nor "
        "the fact's entities, topics, attribution or condition); say only what the quotes say, or quote the words "
        "that say it [statement-words]"
    ]
