"""A verified quote reads as its source does: it begins and ends on word and number edges, carries a word, and holds
nothing invisible (issue 20, cases 1 and 2)."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from checks.test_check_exact import checked, problems_of

from builders import fact_data, small_kb, source_data

SOURCE = "The port earned $ 13 billion. The venture was unprofitable.\n\nIt exports grain; the port grew."
HIDDEN = "The port earned $ 1\u200b3 billion. Trade and\u200bthe port grew."
STATEMENT = "The port earned $3 billion."


def kb_quoting(*quotes: tuple[int, str], text: str = SOURCE, **changes: Any) -> dict[str, Any]:
    """A knowledge base of one fact of `doc` (whose text is `text`) with the given (paragraph, quote) pairs."""
    fact = fact_data(
        id="claim", statement=changes.pop("statement", " ".join(quotes[0][1].split())), quotes=[
            {"paragraph": paragraph, "text": quote} for paragraph, quote in quotes
        ], **changes
    )  # fmt: skip
    return small_kb(sources=[source_data(text=text)], facts=[fact], relations=[], derived=[])


def earned(amount: int | float, *quotes: str, text: str = SOURCE) -> dict[str, Any]:
    """A statistic of `amount` billion dollars quoting the given words of paragraph 1."""
    return kb_quoting(
        *((1, quote) for quote in quotes),
        text=text,
        statement=" ".join(quotes),
        kind="statistic",
        quantity={"amount": amount, "unit": "USD", "scale": "billion"},
    )


STATEMENT_LACKS_13 = (
    "facts[0].statement: the statement does not give the fact's amount 13 ($13 billion); state the figure the fact "
    "records [statement-numbers]"
)
UNIT_NOT_PRINTED = (
    "facts[0].quantity.unit: the unit USD is printed in no quote; quote the words that give it, or record the unit "
    "they give [unit-cue]"
)
EDGE_FIX = "a quote begins and ends on a word's or number's edge, so that it cannot change a figure or a word"


def test_a_quote_that_starts_inside_a_number_is_refused() -> None:
    assert problems_of(earned(3, "3 billion")) == [
        f"facts[0].quotes[0].text: the quote starts inside the number '13'; {EDGE_FIX}: quote the whole number",
        UNIT_NOT_PRINTED,
    ]


def test_a_number_split_across_two_quotes_is_refused_at_both_cuts() -> None:
    assert problems_of(earned(13, "earned $ 1", "3 billion")) == [
        f"facts[0].quotes[0].text: the quote ends inside the number '13'; {EDGE_FIX}: quote the whole number",
        f"facts[0].quotes[1].text: the quote starts inside the number '13'; {EDGE_FIX}: quote the whole number",
        "facts[0].quantity.amount: the amount 13 does not appear in the fact's quotes (numbers there: 1, 3); "
        "quote the words that give it",
        STATEMENT_LACKS_13,
    ]


def test_a_quote_cut_out_of_a_longer_word_is_refused() -> None:
    assert problems_of(kb_quoting((1, "profitable."))) == [
        f"facts[0].quotes[0].text: the quote starts inside the word 'unprofitable'; {EDGE_FIX}: quote the whole word"
    ]


def test_a_quote_must_carry_a_whole_word() -> None:
    assert problems_of(kb_quoting((1, "$"))) == [
        "facts[0].quotes[0].text: the quote '$' holds no whole word or number; quote the words that make the claim"
    ]
    # A one-letter quote always stands inside some word here: that is the message it gets.
    assert problems_of(kb_quoting((1, "n"))) == [
        f"facts[0].quotes[0].text: the quote starts inside the word 'earned'; {EDGE_FIX}: quote the whole word"
    ]


def test_the_place_on_word_edges_is_the_one_verified() -> None:
    # "port" first stands inside "exports": the quote is the whole word "port" after it.
    assert problems_of(kb_quoting((2, "port"))) == []
    assert problems_of(kb_quoting((1, "The port earned $ 13 billion."))) == []


def test_a_whole_number_with_a_decimal_part_is_whole_and_its_parts_are_not() -> None:
    text = "Income was $ 1.3 billion in all."
    assert problems_of(earned(1.3, "$ 1.3 billion", text=text)) == []
    assert problems_of(earned(3, "3 billion", text=text)) == [
        f"facts[0].quotes[0].text: the quote starts inside the number '1.3'; {EDGE_FIX}: quote the whole number",
        UNIT_NOT_PRINTED,
    ]


def test_an_invisible_character_inside_a_quoted_number_is_refused_and_never_read_as_a_number() -> None:
    assert problems_of(earned(13, "$ 1\u200b3 billion", text=HIDDEN)) == [
        "facts[0].quotes[0].text: the quoted number '1\\u200b3' holds an invisible character (U+200B ZERO WIDTH "
        "SPACE): a reader sees '13'; remove it from the source text (and update its sha256)",
        "facts[0].quantity.amount: the amount 13 does not appear in the fact's quotes (numbers there: none); "
        "quote the words that give it",
        STATEMENT_LACKS_13,
    ]
    # Reading past it, the eye sees 13: a quote of "3 billion" starts inside that number.
    assert problems_of(earned(3, "3 billion", text=HIDDEN)) == [
        f"facts[0].quotes[0].text: the quote starts inside the number '1\\u200b3'; {EDGE_FIX}: quote the whole number",
        UNIT_NOT_PRINTED,
    ]


def test_an_invisible_character_between_words_needs_a_reason() -> None:
    quoting = kb_quoting((1, "Trade and\u200bthe port grew."), text=HIDDEN)
    assert problems_of(quoting) == [
        "facts[0].quotes[0].text: the quote holds an invisible character (U+200B ZERO WIDTH SPACE) at offset 9, "
        "which can hide what a reader sees; remove it from the source text, or give the reason it stays: "
        "exceptions: [{rule: invisible-character, reason: ...}] [invisible-character]"
    ]
    reason = [{"rule": "invisible-character", "reason": "the publisher's page has it between two words"}]
    excused = kb_quoting((1, "Trade and\u200bthe port grew."), text=HIDDEN, exceptions=reason)
    assert checked(excused) == ([], [])
    needless = kb_quoting((1, "The venture was unprofitable."), exceptions=reason)
    assert checked(needless) == (
        [],
        ["kb.yaml: fact claim: the exception to invisible-character excuses nothing; remove it"],
    )


@pytest.mark.parametrize(
    ("copy", "how"),
    [
        (SOURCE, "is the text of"),
        (SOURCE + "\n", "is the text of"),  # another fingerprint, the same text
        (SOURCE.replace("\n\n", "\n\n[…]\n\n"), "is the text of"),  # the evidence pack's elision lines
        (SOURCE.replace("port", "po\u200brt", 1), "is the text of"),  # an invisible character
        (unicodedata.normalize("NFD", SOURCE.replace("venture", "vénture")), "is the text of"),
        ("Reprinted: " + SOURCE.replace("\n", "\r\n"), "holds the whole text of"),
    ],
    ids=["identical", "newline", "elisions", "zwsp", "nfd", "crlf-reprint"],
)
def test_an_evidence_source_that_is_the_primary_text_is_refused(copy: str, how: str) -> None:
    # Issue 20, case 4, at the source, and the adversarial round's bypasses of it: the same words under another
    # name are no independent evidence, however their bytes differ.
    text = SOURCE.replace("venture", "vénture") if "vénture" in unicodedata.normalize("NFC", copy) else SOURCE
    data = kb_quoting((1, "The port earned $ 13 billion."), text=text)
    data["sources"].append(source_data(id="ministry", role="evidence", title="Ministry of Transport", text=copy))
    assert problems_of(data) == [
        f"sources[1].text: evidence source 'ministry' {how} the primary source 'doc': a text cannot be evidence "
        "about itself; quote an independent source"
    ]


@pytest.mark.parametrize(
    ("text", "quoted", "cut"),
    [
        ("The port served 1\u2009300 cities.", "300 cities", "starts inside the number '1\\u2009300'"),
        ("The port served 1\u00a0300 cities.", "300 cities", "starts inside the number '1\\xa0300'"),
        ("The port served 1'300 cities.", "300 cities", 'starts inside the number "1\'300"'),
        (
            "It cost \u0661\u066c\u0663\u0660\u0660 tenge.",
            "\u0663\u0660\u0660 tenge",
            "starts inside the number '\u0661\u066c\u0663\u0660\u0660'",
        ),
        ("It cost $ 1\uff0e3 billion.", "3 billion", "starts inside the number '1\uff0e3'"),
        ("It cost 3\u20444 billion.", "4 billion", "starts inside the number '3\u20444'"),
        ("It cost 3/4 billion.", "4 billion", "starts inside the number '3/4'"),
        ("The port served 1\x1f300 cities.", "300 cities", "starts inside the number '1\\x1f300'"),
        ("The balance was \u22125 billion.", "5 billion", "starts inside the number '\u22125'"),
        ("The unprofitable-300 line.", "-300 line", "starts inside the word 'unprofitable-'"),
    ],
)
def test_a_quote_never_starts_inside_a_number_however_its_digits_are_joined(text: str, quoted: str, cut: str) -> None:
    # The adversarial round of issue 20: thin and no-break spaces, apostrophes, Arabic and fullwidth separators,
    # fraction slashes, control characters and minus signs all let a quote start inside a number.
    problems = problems_of(kb_quoting((1, quoted), text=text))
    assert problems[0].startswith(f"facts[0].quotes[0].text: the quote {cut}; "), problems


@pytest.mark.parametrize(
    ("text", "quoted", "amount"),
    [
        ("It served 10\u00b2 cities.", "It served 10\u00b2 cities.", 10),
        ("The line is 1\u00bd km long.", "The line is 1\u00bd km long.", 1),
        ("It served 1O cities.", "It served 1O cities.", 1),
        ("It served 1\u0417 cities.", "It served 1\u0417 cities.", 1),
        ("It cost $ 1\u09ea billion.", "It cost $ 1\u09ea billion.", 14),
        ("In 2019 the balance was \u22125 billion.", "In 2019 the balance was \u22125 billion.", 5),
    ],
)
def test_a_figure_is_never_read_short_of_what_the_source_shows(text: str, quoted: str, amount: int) -> None:
    # 10² is not 10, 1½ not 1, 1O (a letter O) not 1, digits of two scripts no number, −5 not 5.
    data = kb_quoting((1, quoted), text=text, kind="statistic", quantity={"amount": amount, "unit": "USD"})
    assert any(f"the amount {amount} does not appear in the fact's quotes" in problem for problem in problems_of(data))


def test_a_negative_figure_can_be_recorded() -> None:
    text = "In 2019 the balance was \u22125 billion dollars."
    data = kb_quoting(
        (1, text), text=text, kind="statistic", statement="In 2019 the balance was -5 billion dollars.",
        quantity={"amount": -5, "unit": "USD", "scale": "billion"}, time={"year": 2019, "kind": "point"},
    )  # fmt: skip
    assert problems_of(data) == []
