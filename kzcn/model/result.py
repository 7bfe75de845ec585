"""Result objects: what a command found, as records with named fields, ready for any renderer."""

from __future__ import annotations

from dataclasses import dataclass

from kzcn.errors import UsageError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)

if TYPE_CHECKING:
    from typing import Any

    from kzcn.model.document import Document

WHOLE = "whole"
"""A column shape: ids and numbers, never split or wrapped, and the last to give way on a narrow terminal."""
WORDS = "words"
"""A column shape: a figure or time in words ("since 2017"), wrapped only between words, given room after prose."""
PROSE = "prose"
"""A column shape: sentences, wrapped between words to fit."""


@dataclass(frozen=True)
class Field:
    """One field of a result's records: its key, label and how a table shows it."""

    key: str
    """The snake_case key in JSON, and the CSV header."""
    header: str
    """The column title in tables, or the label in a record."""
    missing: str = "—"
    """What a table shows for None: "unknown" where the source says nothing, "—" where nothing applies."""
    shape: str = PROSE
    """How a table treats the column: WHOLE, WORDS or PROSE."""
    styled: bool = False
    """True when the values are categories (kinds, bases) that a table styles apart."""
    searched: bool = False
    """True when a free-text search looks in this field, so a table highlights what matched there."""
    item_prefix: str = ""
    """Put before each item of a list value in tables: "¶" shows paragraphs 1 and 2 as ¶1, ¶2."""
    joiner: str = "; "
    """Between the items of a list value in tables."""
    item_format: str = ""
    """How every format but JSON writes an object item of a list value: "¶{paragraph}: {text}" for a quote."""
    flag: str | None = None
    """A boolean field of the same record; when it is true, tables add `flag_text` after this field's value."""
    flag_text: str = ""
    """What tables add when `flag` is true: " (forecast)"."""

    footnote: bool = False
    """True when formats made for reading (Markdown, HTML) show the value as a numbered footnote, not a column."""
    give_way: int | None = None
    """On a terminal too narrow for every default column, the higher ranks give way first; None ranks by shape:
    prose 2, figures in words 1, ids and numbers 0 (they go last)."""
    main: bool = False
    """True for the words a reader came for (a claim, a figure's label): a table keeps room to read them, or shows
    each record as a card, its ids on a first line and these words below."""

    links: bool = False
    """True when the value holds web addresses, which the formats made for reading show as links (http and https
    only); a statement's text never becomes a link."""
    json_type: str = "string"
    """The value's type in JSON, as `kzcn schema` declares it: string, integer, number, boolean or object, then "[]"
    for a list of them, then "?" where it may be null: "integer?", "string[]", "object[]"."""

    @property
    def give_way_rank(self) -> int:
        """The rank `give_way` sets, or the shape's."""
        if self.give_way is not None:
            return self.give_way
        return {PROSE: 2, WORDS: 1}.get(self.shape, 0)

    def item_text(self, item: Any, *, prefixed: bool = True) -> str:
        """One item of a list value as text: an object through `item_format`, anything else after `item_prefix`."""
        if isinstance(item, dict):
            if self.item_format:
                return self.item_format.format_map(item)
            return ", ".join(f"{key}: {value}" for key, value in item.items())
        return f"{self.item_prefix}{item}" if prefixed else str(item)


@dataclass(frozen=True)
class Context:
    """A paragraph of a thing's source, and where its quote stands in it, shown under its record."""

    paragraph: int
    """The paragraph's number in its source."""
    text: str
    """The paragraph as the source writes it."""
    start: int
    """Offset of the quote inside `text`, or -1 if it is not found there."""
    end: int
    """Offset just past the quote."""


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: a label, a value and how it is drawn."""

    label: str
    """What the bar stands for: "2017 stated"."""
    share: float
    """Its length as a fraction of the longest bar, from 0 to 1."""
    fill: str
    """How it is drawn: solid, dense, light or medium, each drawn distinctly by every renderer, so bars differ
    without colour."""
    text: str
    """The figure in words, printed after the bar."""


@dataclass(frozen=True)
class Chart:
    """A bar chart under a table."""

    bars: tuple[Bar, ...]
    """The bars, top to bottom."""
    legend: tuple[tuple[str, str], ...]
    """(fill, meaning) pairs that say what each fill stands for."""


@dataclass(frozen=True)
class Cited:
    """One piece of evidence on a claim card: a short quotation of another source, and where it comes from."""

    fact: str
    """The evidence fact's id."""
    bearing: str
    """How it bears on the claim: corroborates, contradicts, qualifies, attributes, outcome or context."""
    quote: str
    """The source's own words, its quotes joined by " […] "."""
    note: str | None
    """How it bears, in the review's words; None for none."""
    publisher: str | None
    """Who published it; None where the page does not say."""
    published: str | None
    """When, as the page dates itself; None where it does not."""
    language: str | None
    """The quote's language (BCP 47: en, ru, tr); None where unknown."""
    url: str | None
    """Where the page is; None where the knowledge base has no address for it."""


@dataclass(frozen=True)
class Card:
    """A claim of the article with its review: what a fact-checking desk publishes for each claim."""

    claim: str
    """The claim's id."""
    kind: str
    """statistic, event, forecast or opinion."""
    statement: str
    """The claim in the knowledge base's words."""
    quote: str
    """The article's own words, its quotes joined by " […] "."""
    paragraphs: tuple[int, ...]
    """Where they stand in the article."""
    says: str
    """Who makes the claim and how surely, in words: "the author, as a prediction"."""
    verdict: str | None
    """The knowledge base's verdict; None where the claim has no review yet."""
    verdict_meaning: str
    """What the verdict means, in words."""
    summary: str | None
    """What the record shows: the review's reasoning."""
    outcome: str | None = None
    """For a forecast: what became of it (met, not-met, too-early, not-found); None otherwise."""
    outcome_summary: str | None = None
    """Why that outcome, in the review's words."""
    evidence: tuple[Cited, ...] = ()
    """The evidence, strongest first, as the review lists it."""
    caveats: tuple[str, ...] = ()
    """What a reader should know about the claim's figures or the review."""


@dataclass(frozen=True)
class Section:
    """One section of a fact sheet: a heading, prose, and a table, chart or document."""

    heading: str
    """The section's heading."""
    text: tuple[str, ...] = ()
    """Paragraphs of prose, before anything else in it."""
    result: Result | None = None
    """A table, a chart or an annotated document, rendered as such."""
    cards: tuple[Card, ...] = ()
    """Claim cards, shown by the formats made for reading instead of `result`, which machine formats give."""
    tally: tuple[tuple[str, int], ...] = ()
    """(verdict, how many claims have it): a line of counts the formats made for reading draw as badges."""


@dataclass(frozen=True)
class Result:
    """What a query found: records with named fields, and what a renderer may show beside them."""

    fields: tuple[Field, ...]
    """Every field a record has, in output order."""
    records: tuple[dict[str, Any], ...]
    """The rows: one dict per fact, source, figure or count (str, int, float, bool, None, or lists of them)."""
    table_fields: tuple[str, ...] = ()
    """The fields a table shows by default (all if empty), most important first; machine formats show every field."""
    single: bool = False
    """True when the command asked for one thing by its id (`show ID`): JSON is then one object, its one record; every
    other result is a JSON array of records, whatever its filters (the JSON contract, docs/scripting.md)."""
    record_fields: tuple[Field, ...] = ()
    """For one thing asked for: the fields a table lays out as labels beside values, instead of a one-row table."""
    title: str | None = None
    """A heading for tables."""
    empty_message: str = "Nothing matches."
    """The line said (on stderr) when there are no records."""
    notes: tuple[str, ...] = ()
    """Footnotes under a table: units, sources, what derived means. Never in machine formats."""
    legends: tuple[tuple[str, str], ...] = ()
    """(field key, text): footnotes that explain one column, shown only when that column is."""
    highlight: tuple[str, ...] = ()
    """Words to highlight in the searched fields of tables (a free-text search)."""
    context: tuple[Context, ...] | None = None
    """Paragraphs around a thing's quotes, shown under its record; None where the thing has no source text."""
    chart: Chart | None = None
    """A bar chart shown under the table of the whole result."""
    document: Document | None = None
    """An annotated text, shown instead of a table by the formats made for reading (table, Markdown, HTML)."""
    sections: tuple[Section, ...] = ()
    """A fact sheet's sections, shown instead of a table by the formats made for reading."""
    lead: tuple[str, ...] = ()
    """Paragraphs under a fact sheet's title, before its sections."""

    def select(self, wanted: list[str] | None, *, table: bool) -> tuple[Field, ...]:
        """The fields to output: those asked for with --fields, in that order, else the format's default."""
        by_key = {item.key: item for item in self.fields}
        if wanted:
            unknown = [key for key in wanted if key not in by_key]
            if unknown:
                raise UsageError(
                    f"unknown field{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} for this command; "
                    f"valid fields: {', '.join(by_key)}"
                )
            repeated = sorted({key for key in wanted if wanted.count(key) > 1}, key=wanted.index)
            if repeated:
                # One rule for every format: JSON cannot carry a key twice, so no format repeats a column.
                raise UsageError(f"--fields names {', '.join(repeated)} more than once; name each field once")
            return tuple(by_key[key] for key in wanted)
        if table and self.table_fields:
            return tuple(by_key[key] for key in self.table_fields)
        return self.fields
