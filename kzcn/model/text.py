"""Source text handling: paragraphs, quote normalisation and finding a quote in its source."""

from __future__ import annotations

import functools
import itertools
import re
import time
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from kzcn.escape import INVISIBLE
from kzcn.model.edges import edge_cut

_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\t": " ",
        "\r": " ", "\n": " ", "\u2028": " ", "\u2029": " ",
    }
)  # fmt: skip

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
"""A word as the wording check reads one: letters, an apostrophe within ("author's"); no digits."""

_LINE_END = "(?:\r\n|\r(?!\n)|[\n\x0b\x0c\x1c-\x1e\x85\u2028])"
"""Every line end str.splitlines knows but the paragraph separator: LF, CRLF, a lone CR, U+2028, ..."""
_BLANK = f"(?:[^\\S\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]|[{INVISIBLE}])*"
"""What a line a reader sees as blank may hold: white space of any kind (an em-space, say) and invisible characters."""
_PARAGRAPH_BREAK = re.compile(f"(?:{_LINE_END}{_BLANK}(?:{_LINE_END}|\u2029)|\u2029)\\s*")
"""A blank line, whatever the line ends, or a Unicode paragraph separator (U+2029): paragraphs as a reader sees them."""


@dataclass(frozen=True)
class Span:
    """A stretch of a source text: [start, end) offsets into the whole text."""

    start: int
    """Offset of the first character."""
    end: int
    """Offset just past the last character."""


def normalise(text: str) -> tuple[str, list[int]]:
    """Text with typographic quotes, dashes and all white space folded; and each kept character's original offset."""
    folded = text.translate(_FOLD)
    out: list[str] = []
    offsets: list[int] = []
    previous_space = True
    for offset, char in enumerate(folded):
        if char.isspace():  # every kind of white space, as fold() treats it (U+2003, U+3000, form feed, ...)
            if previous_space:
                continue
            previous_space = True
            char = " "
        else:
            previous_space = False
        out.append(char)
        offsets.append(offset)
    if out and out[-1] == " ":
        out.pop()
        offsets.pop()
    return "".join(out), offsets


def fingerprint(text: str) -> str:
    """The SHA-256 digest of a source text as UTF-8, as facts.yaml records it."""
    import hashlib  # only when a text is fingerprinted: a cached run never needs OpenSSL's bindings

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@functools.lru_cache(maxsize=64)
def fold(text: str) -> str:
    """The normalised form of a quote, for comparing. The last answers are kept: the check folds each quote about
    ten times (finding it, its edges, its span, its sentence), and translating by a table is slow (a sixth of a
    check's time at 30,000 facts). An ASCII text needs no table: the table's only ASCII keys are white space, which
    split() folds anyway (most quotes and statements; translating them was a twelfth of the check at 30,000 facts)."""
    return " ".join((text if text.isascii() else text.translate(_FOLD)).split())


def as_read(text: str) -> str:
    """The words of a text as a reader compares two texts: invisible characters gone, one Unicode form (NFC), the
    elision lines of a page of quotations (ELISION) dropped, typography and white space folded. Two sources with
    the same as_read are the same text, however differently their bytes spell it."""
    visible_only = re.sub(f"[{INVISIBLE}]", "", text).replace(ELISION, " ")
    return fold(unicodedata.normalize("NFC", visible_only))


ELISION = "[…]"
"""A paragraph holding only this separates two quotations of one page (as the evidence pack writes them); it is no
paragraph of its own, so quotation N is paragraph N."""


_LINE_ENDS_AS_LF = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})


def with_lf_line_ends(text: str) -> str:
    """The text with every line end written as a line feed, each character keeping its offset (so marks placed on
    the original still fit): CRLF becomes a space and a line feed, a lone CR or U+2028 a line feed. What a reader
    sees as a line break is then one, and never a raw CR that would send the cursor back over the line."""
    return text.replace("\r\n", " \n").translate(_LINE_ENDS_AS_LF)


def paragraphs(text: str) -> list[Span]:
    """The paragraphs of a text: stretches separated by blank lines (any line-end convention; a line of white space
    or invisible characters is blank) or U+2029, numbered from 1 by their position."""
    spans = []
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if text[start : match.start()].strip() not in ("", ELISION):
            spans.append(_trimmed(text, start, match.start()))
        start = match.end()
    if text[start:].strip() not in ("", ELISION):
        spans.append(_trimmed(text, start, len(text)))
    return spans


CLOSEST_SECONDS = 1.0
"""How long one closest-passage search may take before it gives up (and no passage is shown)."""
MAX_POSTINGS = 256
"""Places kept per word pair: a pair this common ("of the") says little about where a quote stands."""
MAX_CANDIDATES = 8
"""Starts, those most of the quote's word pairs agree on, compared character by character."""


@dataclass(frozen=True)
class IndexedSource:
    """A source text prepared for finding quotes: its paragraphs, normalised, with offsets back to the original."""

    text: str
    """The original text."""
    paragraphs: tuple[Span, ...]
    """Its paragraphs."""
    normalised: tuple[tuple[str, list[int]], ...]
    """Each paragraph normalised, with each character's offset in the original paragraph."""
    _word_index: dict[int, _WordIndex] = field(default_factory=dict, compare=False, repr=False)
    """The word-pair index, made by the first closest-passage search (key 0)."""
    _occurrences: dict[tuple[int, str], int] = field(default_factory=dict, compare=False, repr=False)
    """The last answers of _occurrence: the check asks it three times per quote (found? cut? where?)."""

    @classmethod
    def of(cls, text: str) -> IndexedSource:
        spans = tuple(paragraphs(text))
        return cls(text, spans, tuple(normalise(text[span.start : span.end]) for span in spans))

    def find(self, quote: str, paragraph: int) -> tuple[int, int] | None:
        """(paragraph, offset in it) where the quote stands, trying the given paragraph first; None if nowhere."""
        needle = fold(quote)
        if not needle:
            return None
        # The given paragraph, then the others lazily: a list of every index per quote made a check of 40,000
        # quotes quadratic (most of its 48 s).
        given = [paragraph - 1] if 0 < paragraph <= len(self.paragraphs) else []
        others = (index for index in range(len(self.paragraphs)) if index != paragraph - 1)
        for index in itertools.chain(given, others):
            at = self._occurrence(index, needle)
            if at >= 0:
                return index + 1, self.normalised[index][1][at]
        return None

    def _occurrence(self, index: int, needle: str) -> int:
        """Where the needle stands in paragraph `index` (from 0), normalised: the first place on word edges, else the
        first place at all (which edge_cut then explains), else -1. "port" is found in "the port", not "export"."""
        known = self._occurrences.get((index, needle))
        if known is not None:
            return known
        haystack = self.normalised[index][0]
        first = at = haystack.find(needle)
        while at >= 0 and self._cut(index, at, len(needle)) is not None:
            at = haystack.find(needle, at + 1)
        if len(self._occurrences) >= 64:
            self._occurrences.clear()
        self._occurrences[index, needle] = found = at if at >= 0 else first
        return found

    def _cut(self, index: int, at: int, length: int) -> str | None:
        """edge_cut of the needle at `at` in paragraph `index`'s normalised text, judged on the original text: the
        folding makes a thin space between two digits a plain one, which separates them."""
        offsets = self.normalised[index][1]
        span = self.paragraphs[index]
        return edge_cut(self.text[span.start : span.end], offsets[at], offsets[at + length - 1] + 1)

    def edge_cut(self, quote: str, paragraph: int) -> str | None:
        """Why the quote, where span_of places it in the given paragraph, cuts a word or number; None if it does not
        (or does not stand there)."""
        needle = fold(quote)
        if not needle or not 0 < paragraph <= len(self.paragraphs):
            return None
        at = self._occurrence(paragraph - 1, needle)
        return self._cut(paragraph - 1, at, len(needle)) if at >= 0 else None

    def span_of(self, quote: str, paragraph: int) -> Span | None:
        """Where the quote stands in the whole text, if it stands in the given paragraph."""
        if not 0 < paragraph <= len(self.paragraphs):
            return None
        offsets = self.normalised[paragraph - 1][1]
        needle = fold(quote)
        at = self._occurrence(paragraph - 1, needle) if needle else -1
        if at < 0:
            return None
        base = self.paragraphs[paragraph - 1].start
        return Span(base + offsets[at], base + offsets[at + len(needle) - 1] + 1)

    def equivalent(self, quote: str) -> tuple[int, str] | None:
        """(paragraph, its normalisation form) where the quote stands once both are in one Unicode normalisation form,
        if it stands nowhere as written: "é" as one character in one text, "e" and a combining accent in the other."""
        needle = unicodedata.normalize("NFC", fold(quote))
        for index, (haystack, _offsets) in enumerate(self.normalised):
            if needle and needle in unicodedata.normalize("NFC", haystack):
                return index + 1, normal_form(haystack)
        return None

    def closest(self, quote: str, *, seconds: float = CLOSEST_SECONDS) -> tuple[int, str, float]:
        """(paragraph, passage, similarity 0..1) of the passage most like the quote, for a helpful error; (1, "", 0.0)
        when nothing is alike or the search ran out of its `seconds`.

        Only where the quote's word pairs stand is compared, not every word of the source: comparing every start
        took 34 s for one misquote against a 262 KB source, and a 400-word misquote of a 120 KB one never ended.
        """
        deadline = time.monotonic() + seconds
        needle = unicodedata.normalize("NFC", fold(quote))
        words = self._words
        best = (1, "", 0.0)
        width = len(needle)
        tried: set[int] = set()
        for position in words.candidates(needle):
            paragraph = words.paragraph_of[position]
            haystack = self.normalised[paragraph][0]
            first = words.first_of[paragraph]
            # The start the word pairs agree on and its neighbours: a word dropped or added at the quote's start.
            for start_word in range(max(first, position - 2), min(words.first_of[paragraph + 1], position + 3)):
                if start_word in tried:
                    continue
                if time.monotonic() > deadline:
                    return best
                tried.add(start_word)
                start = words.starts[start_word]
                # Whole words only: the passage runs on to the end of the word the quote's length ends in.
                end = haystack.find(" ", start + width - 1) if start + width < len(haystack) else -1
                candidate = haystack[start : end if end >= 0 else len(haystack)].rstrip()
                matcher = SequenceMatcher(None, needle, candidate, autojunk=False)
                if matcher.real_quick_ratio() <= best[2] or matcher.quick_ratio() <= best[2]:
                    continue
                ratio = matcher.ratio()
                if ratio > best[2]:
                    best = (paragraph + 1, candidate, ratio)
        return best

    @property
    def _words(self) -> _WordIndex:
        # Built on the first search and kept: a check searches one source many times, or never.
        index = self._word_index.get(0)
        if index is None:
            index = self._word_index[0] = _WordIndex.of([haystack for haystack, _offsets in self.normalised])
        return index


def _word_key(word: str) -> str:
    return re.sub(r"\W+", "", word.casefold()) or word


@dataclass(frozen=True)
class _WordIndex:
    """Where each pair of consecutive words stands in a source's normalised paragraphs (words numbered across the
    whole text), for finding where a misquote was taken from in time near linear in the source's size."""

    starts: list[int]
    """Each word's offset in its normalised paragraph."""
    paragraph_of: list[int]
    """Each word's paragraph (from 0)."""
    first_of: list[int]
    """Each paragraph's first word, and one past the last word at the end."""
    pairs: dict[tuple[str, str], list[int]]
    """A word pair (case-folded, punctuation dropped) → its first word of each place, at most MAX_POSTINGS."""
    singles: dict[str, list[int]]
    """The same for single words: the fallback of a quote none of whose pairs stands in the source."""

    @classmethod
    def of(cls, paragraphs: list[str]) -> _WordIndex:
        starts: list[int] = []
        paragraph_of: list[int] = []
        first_of: list[int] = []
        pairs: dict[tuple[str, str], list[int]] = {}
        singles: dict[str, list[int]] = {}
        for number, haystack in enumerate(paragraphs):
            first_of.append(len(starts))
            previous = ""
            offset = 0
            for word in haystack.split(" "):
                key = _word_key(word)
                here = len(starts)
                starts.append(offset)
                paragraph_of.append(number)
                places = singles.setdefault(key, [])
                if len(places) < MAX_POSTINGS:
                    places.append(here)
                if here > first_of[-1]:
                    places = pairs.setdefault((previous, key), [])
                    if len(places) < MAX_POSTINGS:
                        places.append(here - 1)
                previous = key
                offset += len(word) + 1
        first_of.append(len(starts))
        return cls(starts, paragraph_of, first_of, pairs, singles)

    def candidates(self, needle: str) -> list[int]:
        """The words where the quote most likely starts: each place of one of its word pairs votes for the start
        it implies; the MAX_CANDIDATES with most votes, earliest first among equals."""
        keys = [_word_key(word) for word in needle.split(" ")] if needle else []
        votes: dict[int, int] = {}
        for index, pair in enumerate(itertools.pairwise(keys)):
            for place in self.pairs.get(pair, ()):
                self._vote(votes, place, index)
        if not votes:
            for index, key in enumerate(keys):
                for place in self.singles.get(key, ()):
                    self._vote(votes, place, index)
        return sorted(votes, key=lambda start: (-votes[start], start))[:MAX_CANDIDATES]

    def _vote(self, votes: dict[int, int], place: int, index: int) -> None:
        # The start the place implies, kept within its paragraph: a quote runs within one.
        start = max(place - index, self.first_of[self.paragraph_of[place]])
        votes[start] = votes.get(start, 0) + 1


def normal_form(text: str) -> str:
    """The Unicode normalisation form a text is written in: "NFC", "NFD" (NFC first when both), or "mixed"."""
    for form in ("NFC", "NFD"):
        if unicodedata.is_normalized(form, text):
            return form
    return "mixed"


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)
