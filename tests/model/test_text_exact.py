"""kzcn.model.text called directly: exact spans, offsets, number readings and where a quote or misquote stands."""

from __future__ import annotations

import hashlib

import pytest

from kzcn.model.numbers import NumberToken, number_tokens, numbers_in
from kzcn.model.text import (
    MAX_CANDIDATES,
    MAX_POSTINGS,
    IndexedSource,
    Span,
    _WordIndex,
    fingerprint,
    fold,
    normal_form,
    normalise,
    paragraphs,
    with_lf_line_ends,
)

# Three paragraphs; the second has doubled spaces inside it, the third repeats a phrase of the second.
SOURCE = "Intro here.\n\nIn  2017 the port   handled 40 trains. The port grew.\n\nAgain the port handled 40 trains."


def test_normalise_folds_white_space_runs_and_keeps_each_characters_offset() -> None:
    assert normalise("  a\u00a0\u00a0b\n") == ("a b", [2, 3, 5])
    assert normalise("ab ") == ("ab", [0, 1])
    assert normalise("a \n b  c") == ("a b c", [0, 1, 4, 5, 7])
    assert normalise("") == ("", [])
    assert normalise("   ") == ("", [])


def test_normalise_folds_typographic_quotes_and_dashes() -> None:
    assert normalise("“new” — it’s\tok")[0] == '"new" - it\'s ok'


def test_fold_is_the_normalised_quote() -> None:
    assert fold("  “a”\n\tb ") == '"a" b'
    assert fold("") == ""


def test_fingerprint_is_the_sha256_of_the_utf8_text() -> None:
    assert fingerprint("é") == hashlib.sha256(b"\xc3\xa9").hexdigest()
    assert fingerprint("é") == "4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c"


def test_paragraphs_are_trimmed_stretches_between_blank_lines() -> None:
    text = "\n\nA.\n \nB b.\n\n[…]\n\n  C.  \n\n"
    assert paragraphs(text) == [Span(2, 4), Span(7, 11), Span(20, 22)]
    assert [text[span.start : span.end] for span in paragraphs(text)] == ["A.", "B b.", "C."]


def test_a_leading_and_trailing_white_space_is_no_part_of_a_paragraph() -> None:
    text = "  Lead.  \n\nEnd.\t "
    assert paragraphs(text) == [Span(2, 7), Span(11, 15)]
    assert paragraphs(" Lead. \n\nEnd. ") == [Span(1, 6), Span(9, 13)]


def test_a_text_of_one_paragraph_and_an_empty_text() -> None:
    assert paragraphs("One line.") == [Span(0, 9)]
    assert paragraphs("A\n\n") == [Span(0, 1)]
    assert paragraphs("") == []
    assert paragraphs("[…]") == []


def test_number_tokens_say_where_each_number_stands_and_how_it_is_written() -> None:
    assert number_tokens("In 2017, two of 1,300 trains; Twelve 1.5 and 1.300 or 1,5 1.2.3 A1 4th") == (
        NumberToken(3, 7, frozenset({2017}), True),
        NumberToken(9, 12, frozenset({2}), False),
        NumberToken(16, 21, frozenset({1300}), True),
        NumberToken(30, 36, frozenset({12}), False),
        NumberToken(37, 40, frozenset({1.5}), True),
        NumberToken(45, 50, frozenset({1.3, 1300}), True),
        NumberToken(54, 57, frozenset({1.5}), True),
    )
    assert number_tokens("7") == (NumberToken(0, 1, frozenset({7}), True),)


@pytest.mark.parametrize(
    ("token", "values"),
    [
        ("12", {12}),
        ("1,556", {1556}),
        ("1,300", {1300}),
        ("1.300", {1.3, 1300}),
        ("1,3", {1.3}),
        ("1,5", {1.5}),
        ("1,30", {1.3}),
        ("1.23", {1.23}),
        ("2.5", {2.5}),
        ("10.75", {10.75}),
        ("1.234.567", {1234567}),
        ("1,234,567", {1234567}),
        ("1.2.3", set()),
        ("1" + "0" * 5000, set()),
    ],
)
def test_a_number_in_digits_reads_as_every_value_it_can_mean(token: str, values: set[float]) -> None:
    assert numbers_in(f"it was {token} then") == values


def test_number_words_read_in_any_case() -> None:
    assert numbers_in("Two or TEN, a dozen") == {2, 10, 12}


def test_every_number_word_reads_as_its_value_alone_and_only_as_a_whole_word() -> None:
    words = "zero one two three four five six seven eight nine ten eleven twelve dozen hundred thousand"
    assert [token.values for token in number_tokens(words)] == [
        frozenset({value}) for value in (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 12, 100, 1000)
    ]
    assert [token.values for token in number_tokens(words.upper())] == [token.values for token in number_tokens(words)]
    assert number_tokens("often stone seventh twos tenfold anyone Dozens eighty") == ()


def test_an_indexed_source_keeps_its_text_and_paragraphs() -> None:
    source = IndexedSource.of(SOURCE)
    assert source.text == SOURCE
    assert source.paragraphs == (Span(0, 11), Span(13, 66), Span(68, 101))
    assert source.normalised[0] == ("Intro here.", list(range(11)))


def test_find_tries_the_given_paragraph_first_then_the_others_in_order() -> None:
    source = IndexedSource.of(SOURCE)
    assert source.find("the port handled 40 trains", 3) == (3, 6)
    assert source.find("the port handled 40 trains", 2) == (2, 9)
    assert source.find("the port handled 40 trains", 1) == (2, 9)
    assert source.find("the port handled 40 trains", 0) == (2, 9)
    assert source.find("the port handled 40 trains", 4) == (2, 9)


def test_find_reaches_every_paragraph_from_any_given_one() -> None:
    source = IndexedSource.of(SOURCE)
    assert source.find("Intro", 1) == (1, 0)
    assert source.find("Intro", 2) == (1, 0)
    assert source.find("Intro", 3) == (1, 0)
    assert source.find("Again", 1) == (3, 0)
    assert source.find("The port grew.", 3) == (2, 39)


def test_find_gives_the_first_place_in_a_paragraph() -> None:
    source = IndexedSource.of("the port grew and the port grew")
    assert source.find("the port grew", 1) == (1, 0)


def test_find_of_nothing_or_of_a_missing_quote_is_none() -> None:
    source = IndexedSource.of(SOURCE)
    assert source.find("  ", 1) is None
    assert source.find("nowhere", 1) is None


def test_span_of_maps_a_quote_back_to_the_original_text() -> None:
    source = IndexedSource.of(SOURCE)
    span = source.span_of("the port handled 40", 2)
    assert span == Span(22, 43)
    assert SOURCE[span.start : span.end] == "the port   handled 40"
    assert source.span_of("Intro", 1) == Span(0, 5)
    assert source.span_of("trains.", 3) == Span(94, 101)
    assert source.span_of("grew", 2) == Span(61, 65)


def test_span_of_gives_the_first_place_in_its_paragraph() -> None:
    source = IndexedSource.of("the port grew and the port grew")
    assert source.span_of("the port grew", 1) == Span(0, 13)


@pytest.mark.parametrize(
    ("quote", "paragraph"),
    [("Intro", 2), ("Again", 0), ("Again", 4), ("Intro", 0), ("", 2), ("   ", 1), ("nowhere", 1)],
)
def test_span_of_is_none_outside_the_given_paragraph(quote: str, paragraph: int) -> None:
    assert IndexedSource.of(SOURCE).span_of(quote, paragraph) is None


def test_equivalent_names_the_paragraph_and_its_form() -> None:
    source = IndexedSource.of("Intro.\n\nMore.\n\nThe Cafe\u0301 opened.")
    assert source.equivalent("Caf\u00e9") == (3, "NFD")
    assert source.equivalent("") is None
    assert source.equivalent("Bistro") is None


def test_normal_form_says_how_a_text_is_written() -> None:
    assert normal_form("abc") == "NFC"
    assert normal_form("e\u0301") == "NFD"
    assert normal_form("\u00e9e\u0301") == "mixed"


def test_the_word_index_numbers_words_across_paragraphs_and_pairs_them_within_one() -> None:
    index = _WordIndex.of(["The port, - the Port", "port grew"])
    assert index.starts == [0, 4, 10, 12, 16, 0, 5]
    assert index.paragraph_of == [0, 0, 0, 0, 0, 1, 1]
    assert index.first_of == [0, 5, 7]
    assert index.pairs == {
        ("the", "port"): [0, 3],
        ("port", "-"): [1],
        ("-", "the"): [2],
        ("port", "grew"): [5],
    }
    assert index.singles == {"the": [0, 3], "port": [1, 4, 5], "-": [2], "grew": [6]}


def test_the_word_index_keeps_at_most_max_postings_places_per_key() -> None:
    index = _WordIndex.of([" ".join(["of", "the"] * (MAX_POSTINGS + 10))])
    assert len(index.singles["of"]) == MAX_POSTINGS
    assert len(index.pairs[("of", "the")]) == MAX_POSTINGS
    assert index.pairs[("of", "the")][:3] == [0, 2, 4]


def test_candidates_are_the_starts_with_most_votes_earliest_first_among_equals() -> None:
    index = _WordIndex.of(["The port, - the Port", "port grew"])
    assert index.candidates("the port grew") == [0, 3, 5]
    assert index.candidates("port - the port") == [1, 0]
    assert index.candidates("") == []
    assert index.candidates("zzz qqq") == []


def test_candidates_fall_back_to_single_words_when_no_pair_stands() -> None:
    index = _WordIndex.of(["alpha beta gamma", "delta"])
    assert index.candidates("beta zzz delta") == [1, 3]


def test_candidates_are_at_most_max_candidates() -> None:
    index = _WordIndex.of([" ".join(["the", "port"] * 20)])
    assert index.candidates("the port") == [2 * number for number in range(MAX_CANDIDATES)]


def test_closest_finds_the_passage_a_misquote_was_taken_from() -> None:
    source = IndexedSource.of(SOURCE)
    assert source.closest("Indeed the port handled 41 trains") == (
        3,
        "the port handled 40 trains.",
        pytest.approx(0.8333333333333334),
    )
    assert source.closest("In 2017 a port handled 40 trains") == (
        2,
        "In 2017 the port handled 40 trains.",
        pytest.approx(0.9253731343283582),
    )
    assert source.closest("again the port handeld 40 trains") == (
        3,
        "Again the port handled 40 trains.",
        pytest.approx(0.9230769230769231),
    )


def test_closest_of_a_verbatim_quote_is_that_quote_in_whole_words() -> None:
    source = IndexedSource.of("Officials say the port handled 4 trains daily and more.")
    assert source.closest("the port handled 4 trains") == (1, "the port handled 4 trains", 1.0)
    assert source.closest("port handled 4") == (1, "port handled 4", 1.0)
    assert source.closest("and more.") == (1, "and more.", 1.0)


def test_closest_of_a_long_quote_compares_every_character() -> None:
    sentence = " ".join(f"word{number} and the figure of {number} trains" for number in range(12))
    source = IndexedSource.of("Intro.\n\n" + sentence + " Then more words follow here.")
    assert len(sentence) > 200
    assert source.closest(sentence) == (2, sentence, 1.0)


def test_closest_prefers_the_first_of_equally_close_passages() -> None:
    twice = IndexedSource.of(
        "Officials say the corridor earned billions.\n\nOfficials say the corridor earned billions."
    )
    assert twice.closest("the earned corridor billions") == (
        1,
        "the corridor earned billions.",
        pytest.approx(0.7368421052631579),
    )
    source = IndexedSource.of("The corridor earned 2 billion.\n\nThe corridor earned 2 billion.")
    assert source.closest("the corridor earned 3 billions") == (
        1,
        "The corridor earned 2 billion.",
        pytest.approx(0.9),
    )


def test_closest_of_nothing_alike_is_the_empty_passage() -> None:
    assert IndexedSource.of(SOURCE).closest("zzz qqq") == (1, "", 0.0)


def test_closest_compares_starts_within_two_words_of_where_the_word_pairs_agree() -> None:
    # The pairs agree on "d" (3); the starts tried are words 1 to 5, so a start at word 0 is never compared.
    assert IndexedSource.of("a b c d port handled forty trains").closest("abcd port handled forty trains") == (
        1,
        "b c d port handled forty trains",
        pytest.approx(0.9508196721311475),
    )
    # The pairs agree on "rrrrrr" (1), three words before the quote's own words: starts 0 to 3 are compared.
    source = IndexedSource.of("qqqqqq rrrrrr ssssss tttttt the port handled forty trains")
    assert source.closest("x y z the port handled forty trains") == (
        1,
        "tttttt the port handled forty trains",
        pytest.approx(0.8450704225352113),
    )


def test_closest_finds_a_misquote_of_a_long_passage_of_common_characters() -> None:
    # Over 200 characters of a few letters: a matcher that skips popular characters would find nothing alike.
    text = " ".join(["the port"] * 40)
    assert IndexedSource.of(text).closest("X" + text[1:]) == (1, text, pytest.approx(0.9972144846796658))


@pytest.mark.parametrize(
    "separator",
    ["\n\n", "\r\n\r\n", "\r\r", "\u2028\u2028", "\u2029", "\n\u2003\n", "\r\n \t\r\n", "\n\u200b\n", "\n\n\n"],
    ids=[
        "lf",
        "crlf",
        "cr",
        "line-separator",
        "paragraph-separator",
        "em-space-line",
        "blank-crlf",
        "zwsp-line",
        "two",
    ],
)
def test_paragraphs_split_as_a_reader_sees_them_whatever_the_line_ends(separator: str) -> None:
    # Issue 20, case 5: CRLF, lone CR, U+2028/U+2029 or an em-space "blank" line made the whole text one paragraph,
    # so a quote across two visible paragraphs passed.
    text = f"First one.{separator}Second one."
    assert [text[span.start : span.end] for span in paragraphs(text)] == ["First one.", "Second one."]
    assert IndexedSource.of(text).find("First one. Second one.", 1) is None


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r", "\u2028"])
def test_a_single_line_end_of_any_kind_stays_inside_its_paragraph(line_end: str) -> None:
    text = f"One line{line_end}and the next."
    assert [(span.start, span.end) for span in paragraphs(text)] == [(0, len(text))]


def test_line_ends_read_as_line_feeds_in_place() -> None:
    assert with_lf_line_ends("a\r\nb\rc\u2028d\u2029e\nf") == "a \nb\nc\nd\ne\nf"
    assert len(with_lf_line_ends("a\r\nb")) == len("a\r\nb")


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("$ 1\u200b3 billion", set()),  # a reader sees 13: no number rather than 1 and 3
        ("1,\u200b300 trains", set()),
        ("the 4t\u200bh time", set()),  # an ordinal, however written (found by the property test)
        ("KZT7,2\u200b40", set()),  # no shorter number read out of a longer one
        ("KZT7\u200b,240", set()),
        ("two\u200bа", set()),  # a number word runs on into a Cyrillic a
        ("a,2 b", {2}),  # a comma after a letter separates, as a reader sees it
        ("1,300 and .5", {1300}),  # the 5 of .5 is no number of its own
        ("KZT7,240 and 13 and two", {7240, 13, 2}),
    ],
)
def test_the_number_reader_never_reads_across_an_invisible_character(text: str, numbers: set[int]) -> None:
    assert numbers_in(text) == numbers
