"""Source-text helpers: numbers in quotes, sentences, paragraphs, normalisation."""

from __future__ import annotations

from kzcn.text import IndexedSource, fold, numbers_in, paragraphs, sentences


def test_numbers_in_digits_separators_and_words() -> None:
    assert numbers_in("$ 1.3 billion in 2017") == {1.3, 2017.0}
    assert numbers_in("Number of shows: 1,556") == {1556}  # a comma before three digits separates thousands
    assert numbers_in("1,300 and 1,3 and 1.300") == {1300, 1.3}
    assert numbers_in("the world economy number two") == {2.0}
    assert numbers_in("version 1.2.3 of 1.234.567 rows") == {1234567.0}  # 1.2.3 is no number: no reading, no crash
    assert numbers_in("no figures here") == set()


def test_sentences_keep_initials_together() -> None:
    text = "The President N. A. Nazarbayev spoke. Then “China” answered! Did it? Yes."
    [paragraph] = paragraphs(text)
    assert [text[s.start : s.end] for s in sentences(text, paragraph)] == [
        "The President N. A. Nazarbayev spoke.",
        "Then “China” answered!",
        "Did it?",
        "Yes.",
    ]


def test_quotes_match_across_typography_and_report_offsets() -> None:
    source = IndexedSource.of("First paragraph.\n\nIt said “one – two”\u00a0three.\n\n\nLast.")
    assert len(source.paragraphs) == 3
    assert source.find('said "one - two" three', 1) == (2, 3)
    assert fold("a\u00a0 b\u2014c") == "a b-c"
    span = source.span_of('"one - two"', 2)
    assert span is not None and source.text[span.start : span.end] == "“one – two”"


def test_every_kind_of_white_space_folds_alike_in_quote_and_source() -> None:
    for space in ("\u2003", "\u2002", "\u3000", "\x0c", "\u2009"):
        source = IndexedSource.of(f"In 2017 income was{space}$ 3 billion.")
        assert source.find(f"In 2017 income was{space}$ 3 billion.", 1) == (1, 0), repr(space)
        assert source.find("income was $ 3 billion", 1) == (1, 8), repr(space)
