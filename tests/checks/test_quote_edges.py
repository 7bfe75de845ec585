"""A verified quote reads as its source does: it begins and ends on word and number edges, carries a word, and holds
nothing invisible (issue 20, cases 1 and 2)."""

from __future__ import annotations

from typing import Any

from checks.test_check_exact import checked, problems_of

from builders import fact_data, small_kb, source_data

SOURCE = "The port earned $ 13 billion. The venture was unprofitable.\n\nIt exports grain; the port grew."
HIDDEN = "The port earned $ 1\u200b3 billion. Trade and\u200bthe port grew."
STATEMENT = "The port earned $3 billion."


def kb_quoting(*quotes: tuple[int, str], text: str = SOURCE, **changes: Any) -> dict[str, Any]:
    """A knowledge base of one fact of `doc` (whose text is `text`) with the given (paragraph, quote) pairs."""
    fact = fact_data(
        id="claim", statement=changes.pop("statement", "Something happened."), quotes=[
            {"paragraph": paragraph, "text": quote} for paragraph, quote in quotes
        ], **changes
    )  # fmt: skip
    return small_kb(sources=[source_data(text=text)], facts=[fact], relations=[], derived=[])


def earned(amount: int | float, *quotes: str, text: str = SOURCE) -> dict[str, Any]:
    """A statistic of `amount` billion dollars quoting the given words of paragraph 1."""
    return kb_quoting(
        *((1, quote) for quote in quotes),
        text=text,
        statement=f"The port earned ${amount} billion.",
        kind="statistic",
        quantity={"amount": amount, "unit": "USD", "scale": "billion"},
    )


EDGE_FIX = "a quote begins and ends on a word's or number's edge, so that it cannot change a figure or a word"


def test_a_quote_that_starts_inside_a_number_is_refused() -> None:
    assert problems_of(earned(3, "3 billion")) == [
        f"facts[0].quotes[0].text: the quote starts inside the number '13'; {EDGE_FIX}: quote the whole number"
    ]


def test_a_number_split_across_two_quotes_is_refused_at_both_cuts() -> None:
    assert problems_of(earned(13, "earned $ 1", "3 billion")) == [
        f"facts[0].quotes[0].text: the quote ends inside the number '13'; {EDGE_FIX}: quote the whole number",
        f"facts[0].quotes[1].text: the quote starts inside the number '13'; {EDGE_FIX}: quote the whole number",
        "facts[0].quantity.amount: the amount 13 does not appear in the fact's quotes (numbers there: 1, 3); "
        "quote the words that give it",
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
        f"facts[0].quotes[0].text: the quote starts inside the number '1.3'; {EDGE_FIX}: quote the whole number"
    ]


def test_an_invisible_character_inside_a_quoted_number_is_refused_and_never_read_as_a_number() -> None:
    assert problems_of(earned(13, "$ 1\u200b3 billion", text=HIDDEN)) == [
        "facts[0].quotes[0].text: the quoted number '1\\u200b3' holds an invisible character (U+200B ZERO WIDTH "
        "SPACE): a reader sees '13'; remove it from the source text (and update its sha256)",
        "facts[0].quantity.amount: the amount 13 does not appear in the fact's quotes (numbers there: none); "
        "quote the words that give it",
    ]
    # Reading past it, the eye sees 13: a quote of "3 billion" starts inside that number.
    assert problems_of(earned(3, "3 billion", text=HIDDEN)) == [
        f"facts[0].quotes[0].text: the quote starts inside the number '1\\u200b3'; {EDGE_FIX}: quote the whole number"
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


def test_an_evidence_source_with_the_fingerprint_of_a_primary_source_is_refused() -> None:
    # Issue 20, case 4, at the source: the same text under another name is no independent evidence.
    data = kb_quoting((1, "The venture was unprofitable."))
    data["sources"].append(source_data(id="ministry", role="evidence", title="Ministry of Transport", text=SOURCE))
    assert problems_of(data) == [
        "sources[1].sha256: evidence source 'ministry' has the text of the primary source 'doc' (the same "
        "fingerprint): a text cannot be evidence about itself; quote an independent source"
    ]
