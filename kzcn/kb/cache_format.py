"""The parse cache's entry format: the model as JSON arrays of plain values, read back with every value checked."""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Callable, Sequence
from itertools import accumulate, chain, pairwise
from operator import attrgetter

from kzcn.model import records
from kzcn.model.records import (
    BEARINGS,
    FACT_KINDS,
    MODALITIES,
    OUTCOMES,
    QUALIFIERS,
    RELATION_KINDS,
    SCALES,
    SOURCE_ROLES,
    TIME_KINDS,
    VERDICTS,
    EvidenceItem,
    Fact,
    KnowledgeBase,
    Quantity,
    Quote,
    Relation,
    Review,
    Source,
    TimeRef,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)
if TYPE_CHECKING:
    from typing import Any

# 12: an exception may name the words it excuses; 11: the fact sheet's heading;
# 10: reviews declare a short claim; 9: inferred years; 8: evidence says why it is kept;
# 7: reviews judge a forecast's outcome apart;
# 6: derived figures declare comparability;
# 5: sealed by the user's secret (kzcn/kb/cache.py);
# 4: fields in dataclass order
FORMAT = "kzcn-cache-12"
"""The entry format: the first line of an entry file and the first value of its JSON; any other is ignored."""

# JSON, not pickle or marshal: pickle runs whatever a tampered file names, and marshal trusts the counts it reads
# (a 5-byte entry declaring a tuple of 2**27 items made marshal.loads allocate 1 GiB). A JSON container holds only
# what its bytes spell out, and json.loads refuses deep nesting with RecursionError. Every text is stored once in
# a table and referred to by index: a knowledge base may repeat one long text through YAML aliases 100,000 times.
#
# An entry is [FORMAT, the text table, then the knowledge base's fields]. A record is the list of its fields' values
# in the order its dataclass declares them, each written as the field's annotation says: str as its index in the
# table; int, bool and int | float as themselves; X | None as null or X; tuple[X, ...] as a list of X; tuple[X, Y]
# as [X, Y]; a record of kzcn.model.records as its own list. A new field of a record is therefore cached with no
# change here; only a field whose values are restricted further has a line in CHOICES or RANGES.

CHOICES: dict[tuple[type, str], frozenset[str]] = {
    (Source, "role"): frozenset(SOURCE_ROLES),
    (Fact, "kind"): frozenset(FACT_KINDS),
    (Fact, "modality"): frozenset(MODALITIES),
    (TimeRef, "kind"): frozenset(TIME_KINDS),
    (Quantity, "scale"): frozenset(SCALES),
    (Quantity, "qualifier"): frozenset(QUALIFIERS),
    (Relation, "kind"): frozenset(RELATION_KINDS),
    (Review, "verdict"): frozenset(VERDICTS),
    (Review, "outcome"): frozenset(OUTCOMES),
    (EvidenceItem, "bearing"): frozenset(BEARINGS),
}
"""Text fields that hold one of a fixed set of values: later code looks them up in tables (a modality's words, a
scale's factor), so a tampered one must not get that far. A derived figure's operation is not among them: derive
reports an unknown one itself, and importing its registry here would load decimal on every warm start."""

RANGES: dict[tuple[type, str], tuple[int, int]] = {
    (Source, "view_count"): (0, 10**15),
    (Source, "cited_in"): (1, 10**6),
    (Quote, "paragraph"): (1, 10**6),
    (TimeRef, "year"): (1, 9999),
}
"""The whole numbers' ranges, the ones schema.SchemaReader accepts; a whole number of another field is any int."""

SHARED = frozenset({TimeRef})
"""Records rebuilt once per entry and shared by every record with an equal one: most facts share a few years."""


class InvalidEntry(Exception):
    """The entry is not one this kzcn wrote: a value has the wrong type or is out of range."""


@dataclasses.dataclass(frozen=True)
class Shape:
    """How one annotation's values are written: a leaf (text, whole, number, flag), a record, or made of parts."""

    form: str
    """text, whole, number, flag, optional (null or parts[0]), many (a list of parts[0]), fixed (one of each
    part, in order) or record."""
    parts: tuple[Shape, ...] = ()
    """The shapes the value is made of, for optional, many and fixed."""
    record: type | None = None
    """The dataclass, for a record."""


_LEAVES = {"str": Shape("text"), "int": Shape("whole"), "int | float": Shape("number"), "bool": Shape("flag")}


def shape_of(annotation: str) -> Shape:
    """The shape of a field's annotation as kzcn.model.records writes it (a string: the module postpones them)."""
    if annotation in _LEAVES:
        return _LEAVES[annotation]
    if annotation.endswith(" | None"):
        return Shape("optional", (shape_of(annotation.removesuffix(" | None")),))
    if annotation.startswith("tuple[") and annotation.endswith("]"):
        parts = _top_level_parts(annotation[len("tuple[") : -1])
        if parts[-1] == "...":
            return Shape("many", (shape_of(parts[0]),))
        return Shape("fixed", tuple(map(shape_of, parts)))
    record = getattr(records, annotation, None)
    if isinstance(record, type) and dataclasses.is_dataclass(record):
        return Shape("record", record=record)
    raise TypeError(f"the cache cannot store a field annotated {annotation!r}")


def _top_level_parts(arguments: str) -> list[str]:
    """ "tuple[str, str], ..." is ["tuple[str, str]", "..."]: commas inside brackets belong to their part."""
    parts, depth, start = [], 0, 0
    for position, character in enumerate(arguments):
        depth += {"[": 1, "]": -1}.get(character, 0)
        if character == "," and depth == 0:
            parts.append(arguments[start:position].strip())
            start = position + 1
    parts.append(arguments[start:].strip())
    return parts


_FIELD_SHAPES: dict[type, tuple[tuple[str, Shape], ...]] = {}


def field_shapes(record: type) -> tuple[tuple[str, Shape], ...]:
    """Each field of a record with its shape, in declaration order; worked out on first use, not at import."""
    shapes = _FIELD_SHAPES.get(record)
    if shapes is None:
        fields = dataclasses.fields(record)
        shapes = _FIELD_SHAPES[record] = tuple((field.name, shape_of(str(field.type))) for field in fields)
    return shapes


def encode(kb: KnowledgeBase) -> bytes:
    """The knowledge base as the bytes of one entry."""
    table: dict[str, int] = {}

    def text(value: str) -> int:
        index = table.get(value)
        if index is None:
            index = table[value] = len(table)
        return index

    fields = _Writer(text).writer(KnowledgeBase)(kb)
    # The table after the fields: every text in them has been entered in it by now.
    payload = [FORMAT, list(table), *fields]
    # ASCII only: a lone surrogate (YAML's "\ud800") is escaped instead of failing to encode.
    return json.dumps(payload, separators=(",", ":"), allow_nan=False).encode("ascii")


def decode(data: bytes) -> KnowledgeBase:
    """The knowledge base an entry holds; InvalidEntry, or any exception json or indexing raises, if it is not a
    good one (the caller ignores the entry on any exception)."""
    payload = json.loads(data)
    if type(payload) is not list or len(payload) != 2 + len(field_shapes(KnowledgeBase)) or payload[0] != FORMAT:
        raise InvalidEntry("not an entry of this format")
    strings = payload[1]
    if type(strings) is not list or not all(type(item) is str for item in strings):
        raise InvalidEntry("the text table holds something other than text")
    # Every text is strings[index]: anything but an int in range raises (TypeError, IndexError), so what comes
    # out is always a str from the table.
    [kb] = _Reader(strings.__getitem__).records(KnowledgeBase, [payload[2:]])
    _check_references(kb)
    return kb  # type: ignore[no-any-return]


class _Writer:
    """Writes records as lists, record by record, so that the table numbers texts in order of first use: the ones
    every record repeats (kinds, units, topics) come early and take few digits."""

    def __init__(self, text: Callable[[str], int]) -> None:
        self.text = text
        self.writers: dict[type, Callable[[Any], list[Any]]] = {}

    def writer(self, record: type) -> Callable[[Any], list[Any]]:
        """What writes one record as the list of its fields' values, in declaration order."""
        write = self.writers.get(record)
        if write is None:
            shapes = field_shapes(record)
            values_of = attrgetter(*(name for name, _ in shapes))
            encoders = tuple(self.encoder(shape) for _, shape in shapes)

            def write(item: Any) -> list[Any]:
                return [encode(value) for encode, value in zip(encoders, values_of(item), strict=True)]

            self.writers[record] = write
        return write

    def encoder(self, shape: Shape) -> Callable[[Any], Any]:
        """What writes one value of `shape`."""
        form = shape.form
        if form == "text":
            return self.text
        if form == "record":
            assert shape.record is not None
            return self.writer(shape.record)
        parts = [self.encoder(part) for part in shape.parts]
        if form == "optional":
            [inner] = parts
            return lambda value: None if value is None else inner(value)
        if form == "many":
            [each] = parts
            return lambda values: [each(value) for value in values]
        if form == "fixed":
            return lambda values: [encode(value) for encode, value in zip(parts, values, strict=True)]
        return _as_it_is  # whole, number, flag


def _as_it_is(value: Any) -> Any:
    return value


class _Reader:
    """Rebuilds records from lists, every value checked, every text read from the entry's table by `text`.

    It works a field at a time over all the records of a list (every fact's id, then every fact's kind, ...), not a
    record at a time: a field's values are then read and checked in a few calls that loop in C (map over the
    table, the set of the values' types, min and max for a range), where a record at a time would cost a Python
    call per field of every record. A warm start of 30,000 facts stays as fast as with a reader written by hand.
    """

    def __init__(self, text: Callable[[Any], str]) -> None:
        self.read_text = text

    def records(self, record: type, rows: Sequence[Any]) -> list[Any]:
        """The records that lists of their fields' values hold."""
        shapes = field_shapes(record)
        if not set(map(type, rows)) <= _LIST or not set(map(len, rows)) <= {len(shapes)}:
            raise InvalidEntry(f"a {record.__name__} is not a list of its {len(shapes)} fields")
        if record not in SHARED:
            return self.rebuilt(record, shapes, rows)
        # Each distinct list once. A list hashing equal to one read before (2017.0 for 2017) gets that checked
        # record: the same value.
        keys = list(map(tuple, rows))
        distinct = list(dict.fromkeys(keys))
        made = dict(zip(distinct, self.rebuilt(record, shapes, distinct), strict=True))
        return list(map(made.__getitem__, keys))

    def rebuilt(self, record: type, shapes: tuple[tuple[str, Shape], ...], rows: Sequence[Any]) -> list[Any]:
        if not rows:
            return []
        transposed = zip(shapes, zip(*rows, strict=True), strict=True)
        columns = [self.values(shape, record, name, column) for (name, shape), column in transposed]
        names = [name for name, _ in shapes]
        new, made = object.__new__, []
        # Made as pickle made records, by filling the instance's dict: a frozen dataclass's __init__ sets each field
        # through object.__setattr__, which made rebuilding 30,000 facts take 0.17 s instead of 0.12 s. Key by key,
        # in declaration order: the instances then share one table of keys, where a dict merged in would not.
        for values in zip(*columns, strict=True):
            rebuilt: Any = new(record)
            rebuilt.__dict__.update(zip(names, values, strict=True))
            made.append(rebuilt)
        return made

    def values(self, shape: Shape, record: type, name: str, values: Sequence[Any]) -> Sequence[Any]:
        """Values of one shape read and checked: field `name` of `record` (or a part of it), of every record."""
        if shape.form == "record":
            assert shape.record is not None
            return self.records(shape.record, values)
        return _READERS[shape.form](self, shape, f"{record.__name__}.{name}", (record, name), values)

    # One method per leaf or compound form (_READERS): each gets the values' label ("Fact.kind") for its refusals
    # and the (record, field) its CHOICES or RANGES are listed under.

    def text(self, shape: Shape, label: str, where: tuple[type, str], values: Sequence[Any]) -> Sequence[Any]:
        texts = list(map(self.read_text, values))
        choices = CHOICES.get(where)
        if choices is not None and not choices.issuperset(texts):
            wrong = next(value for value in texts if value not in choices)
            raise InvalidEntry(f"{label}: {wrong!r} is not one of {sorted(choices)}")
        return texts

    def whole(self, shape: Shape, label: str, where: tuple[type, str], values: Sequence[Any]) -> Sequence[Any]:
        whole = set(map(type, values)) <= _WHOLE
        if where not in RANGES:
            if not whole:
                raise InvalidEntry(f"{label}: expected a whole number")
            return values
        low, high = RANGES[where]
        if not (whole and (not values or low <= min(values) <= max(values) <= high)):
            raise InvalidEntry(f"{label}: expected a whole number from {low} to {high}")
        return values

    def number(self, shape: Shape, label: str, where: tuple[type, str], values: Sequence[Any]) -> Sequence[Any]:
        floats = [value for value in values if type(value) is float]
        if not set(map(type, values)) <= _NUMBER or not all(map(math.isfinite, floats)):
            raise InvalidEntry(f"{label}: expected a finite number")
        return values

    def flag(self, shape: Shape, label: str, where: tuple[type, str], values: Sequence[Any]) -> Sequence[Any]:
        if not set(map(type, values)) <= _FLAG:
            raise InvalidEntry(f"{label}: expected true or false")
        return values

    def optional(self, shape: Shape, label: str, where: tuple[type, str], values: Sequence[Any]) -> Sequence[Any]:
        [inner] = shape.parts
        if inner == _TEXT and where not in CHOICES:  # the commonest optional value, read in one step
            text = self.read_text
            return [None if value is None else text(value) for value in values]
        present = iter(self.values(inner, *where, [value for value in values if value is not None]))
        return [None if value is None else next(present) for value in values]

    def many(self, shape: Shape, label: str, where: tuple[type, str], values: Sequence[Any]) -> Sequence[Any]:
        _lists(label, values)
        [each] = shape.parts
        if each == _TEXT and where not in CHOICES:  # the commonest list, read in one step
            text = self.read_text
            return [tuple(map(text, texts)) for texts in values]
        flat = tuple(self.values(each, *where, list(chain.from_iterable(values))))
        return [flat[start:end] for start, end in pairwise(accumulate(map(len, values), initial=0))]

    def fixed(self, shape: Shape, label: str, where: tuple[type, str], values: Sequence[Any]) -> Sequence[Any]:
        """Transposed, each part read as a column, and put back together."""
        _lists(label, values)
        if not set(map(len, values)) <= {len(shape.parts)}:
            raise InvalidEntry(f"{label}: expected a list of {len(shape.parts)}")
        if not values:
            return []
        transposed = zip(shape.parts, zip(*values, strict=True), strict=True)
        return list(zip(*(self.values(part, *where, column) for part, column in transposed), strict=True))


_READERS: dict[str, Callable[[_Reader, Shape, str, tuple[type, str], Sequence[Any]], Sequence[Any]]] = {
    "text": _Reader.text,
    "whole": _Reader.whole,
    "number": _Reader.number,
    "flag": _Reader.flag,
    "optional": _Reader.optional,
    "many": _Reader.many,
    "fixed": _Reader.fixed,
}
"""The reader of each form but record (`_Reader.records`)."""


def _lists(label: str, values: Sequence[Any]) -> None:
    if not set(map(type, values)) <= _LIST:
        raise InvalidEntry(f"{label}: expected a list")


_LIST, _WHOLE, _NUMBER, _FLAG = frozenset({list}), frozenset({int}), frozenset({int, float}), frozenset({bool})
_TEXT = Shape("text")


def _check_references(kb: KnowledgeBase) -> None:
    """Every id unique and every reference resolving, as the check left them: later code indexes by id."""
    source_ids = set(kb.sources_by_id)
    fact_ids = set(kb.facts_by_id)
    if len(source_ids) != len(kb.sources) or len(fact_ids) != len(kb.facts):
        raise InvalidEntry("an id is used twice")
    for source in kb.sources:
        if source.cited_in is not None and source.cited_in[0] not in source_ids:
            raise InvalidEntry(f"source {source.id!r} is cited in an unknown source")
    for fact in kb.facts:
        if fact.source not in source_ids or not source_ids.issuperset(fact.refers_to):
            raise InvalidEntry(f"fact {fact.id!r} names an unknown source")
    _check_fact_references(kb, fact_ids)


def _check_fact_references(kb: KnowledgeBase, fact_ids: set[str]) -> None:
    """Every fact that relations, derived figures, reviews and comparisons name exists."""
    for relation in kb.relations:
        if relation.left not in fact_ids or relation.right not in fact_ids:
            raise InvalidEntry(f"relation {relation.id!r} names an unknown fact")
    for spec in kb.derived:
        if not fact_ids.issuperset(fact_id for _, fact_id in spec.inputs):
            raise InvalidEntry(f"derived figure {spec.id!r} names an unknown fact")
    for review in kb.reviews:
        if review.claim not in fact_ids or not fact_ids.issuperset(item.fact for item in review.evidence):
            raise InvalidEntry(f"the review of {review.claim!r} names an unknown fact")
    for comparison in kb.comparisons:
        if not fact_ids.issuperset(comparison.facts):
            raise InvalidEntry(f"comparison {comparison.id!r} names an unknown fact")
