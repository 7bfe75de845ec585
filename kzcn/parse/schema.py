"""The knowledge-base schema: plain YAML data to the frozen model, with every type or shape problem located."""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable
from typing import Any, TypeVar

from kzcn.errors import Problem
from kzcn.model.derive import OPERATIONS
from kzcn.model.records import (
    FACT_KINDS,
    MODALITIES,
    QUALIFIERS,
    RELATION_KINDS,
    RELATION_ROLES,
    SCALES,
    SOURCE_ROLES,
    TIME_KINDS,
    DerivedSpec,
    Exemption,
    Fact,
    KnowledgeBase,
    Quantity,
    Quote,
    Relation,
    Source,
    TimeRef,
)
from kzcn.model.text import WORD, fingerprint
from kzcn.parse.review_schema import read_comparison, read_heading, read_review, read_reviewer
from kzcn.parse.yamlfields import FieldReader, describe, key_text

FORMAT_VERSION = 1
"""The knowledge-base format this kzcn reads (the top-level `kzcn:` key)."""

_SHA256 = re.compile(r"^[0-9a-f]{64}\Z")


@functools.cache
def _field_names(model: type) -> frozenset[str]:
    """The YAML fields of a record: its model's field names, declared once, in kzcn.model.records. Kept per model:
    asked for each exception and each entry of a list of records (60,000 times at 30,000 facts)."""
    return frozenset(field.name for field in dataclasses.fields(model))


# What a file must spell out, even as null: a title, author or date left out would read as "unknown" by accident.
_TOP_FIELDS = {
    "kzcn",
    "sources",
    "facts",
    "relations",
    "derived",
    "reviews",
    "comparisons",
    "reviewer",
    "aliases",
    "report",
}
_SOURCE_FIELDS = _field_names(Source)
_SOURCE_REQUIRED = {"id", "kind", "title", "author", "published"}
_FACT_FIELDS = _field_names(Fact)
_FACT_REQUIRED = {"id", "statement", "kind", "modality", "topics", "entities", "source", "quotes"}

_Record = TypeVar("_Record")


def _kept(records: list[_Record | None]) -> tuple[_Record, ...]:
    """The records that were read, in file order."""
    return tuple(record for record in records if record is not None)


class SchemaReader(FieldReader):
    """Reads the loaded document into the model: sources, facts, relations and derived figures."""

    # -- records -------------------------------------------------------------------------------------------------

    def read(self) -> KnowledgeBase | None:
        """The knowledge base, with the records that failed left out (their problems reported); None when the
        document is not a mapping at all."""
        data = self.loaded.data
        if not isinstance(data, dict):
            found = describe(data, self.loaded.root[2])
            message = f"expected a mapping with `sources:` and `facts:` at the top, found {found}"
            self.problems.append(Problem(self.file, message, self.loaded.root[0], self.loaded.root[1]))
            return None
        self.mapping(data, (), _TOP_FIELDS, {"sources", "facts"})
        self.format_version(data)
        source_items = self.sequence(data, "sources", ())
        sources = self.each(source_items, "sources", self.source)
        fact_items = self.sequence(data, "facts", ())
        facts = self.each(fact_items, "facts", self.fact)
        relations = self.each(self.sequence(data, "relations", ()), "relations", self.relation)
        derived = self.each(self.sequence(data, "derived", ()), "derived", self.derived)
        reviews = self.each(self.sequence(data, "reviews", ()), "reviews", functools.partial(read_review, self))
        comparisons = self.each(
            self.sequence(data, "comparisons", ()), "comparisons", functools.partial(read_comparison, self)
        )
        reviewer = read_reviewer(self, data.get("reviewer"), ("reviewer",))
        heading = read_heading(self, data.get("report"), ("report",))
        aliases = self.aliases(data)
        if "sources" in data and not sources:
            self.report(("sources",), "expected at least one source")
        # Records that failed are left out, but the rest still go on to the semantic check, so one run reports
        # the problems of every record; `positions` maps each kept record back to its place in the file.
        read: dict[str, list[Any]] = {
            "sources": sources,
            "facts": facts,
            "relations": relations,
            "derived": derived,
            "reviews": reviews,
            "comparisons": comparisons,
        }
        self.positions = {
            name: [index for index, item in enumerate(items) if item is not None] for name, items in read.items()
        }
        records = [*source_items, *fact_items]  # read once above: reading again would report a non-list twice
        self.declared_ids = {key_text(item.get("id")) for item in records if isinstance(item, dict)}
        return KnowledgeBase(
            sources=_kept(sources),
            facts=_kept(facts),
            relations=_kept(relations),
            derived=_kept(derived),
            reviews=_kept(reviews),
            comparisons=_kept(comparisons),
            reviewer=reviewer,
            heading=heading,
            aliases=aliases,
            path=self.file,
        )

    def aliases(self, data: dict[str, Any]) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """`aliases: {Entity: [other name, ...]}`: the names the sources give an entity besides its own."""
        value = data.get("aliases")
        if value is None:
            return ()
        if not isinstance(value, dict):
            self._wrong(data, "aliases", ("aliases",), "a mapping of entity to a list of its other names")
            return ()
        found = []
        for entity in value:
            if not isinstance(entity, str) or not entity.strip():
                self.report(("aliases",), f"expected an entity's name as text, found {entity!r}")
                continue
            found.append((entity, self.text_list(value, entity, ("aliases",), minimum=1)))
        return tuple(found)

    def format_version(self, data: dict[str, Any]) -> None:
        """Reports a `kzcn:` format version other than the one this kzcn reads; the key itself may be left out."""
        if "kzcn" in data:
            version = self.integer(data, "kzcn", (), low=0, high=10**6)
            if version is not None and version != FORMAT_VERSION:
                self.report(("kzcn",), f"this kzcn reads format version {FORMAT_VERSION}, found {version}")

    def each(
        self, items: list[Any], name: str, read: Callable[[Any, tuple[str | int, ...]], _Record | None]
    ) -> list[_Record | None]:
        """Every item of the top-level list `name` read into its record; None in place of each that failed."""
        return [read(item, (name, index)) for index, item in enumerate(items)]

    def source(self, item: Any, path: tuple[str | int, ...]) -> Source | None:
        if not self.mapping(item, path, _SOURCE_FIELDS, _SOURCE_REQUIRED):
            return None
        source_id = self.text(item, "id", path, kebab_id=True)
        kind = self.text(item, "kind", path)
        optional = {
            key: self.text(item, key, path, nullable=True)
            for key in ("title", "author", "publisher", "published", "language", "url", "notes", "retrieved")
        }
        view_count = self.integer(item, "view_count", path, low=0, high=10**15, nullable=True)
        furniture = tuple(self.text_list(item, "furniture", path)) if "furniture" in item else ()
        role = self.text(item, "role", path, choices=SOURCE_ROLES) if "role" in item else "primary"
        text = self.text(item, "text", path, nullable=True)
        sha256 = self.text(item, "sha256", path, nullable=True)
        digest_hint = f"; the text's digest is {fingerprint(text)}" if text is not None else ""
        if sha256 is not None and not _SHA256.match(sha256):
            self.report((*path, "sha256"), f"expected 64 lower-case hexadecimal digits (a SHA-256 digest){digest_hint}")
            sha256 = None  # reported: the fingerprint check has nothing to compare
        if text is not None and item.get("sha256") is None:
            self.report(path, f"a source with `text` needs its `sha256`{digest_hint}")
        cited_in = None
        if "cited_in" in item:
            where = item["cited_in"]
            here = (*path, "cited_in")
            if self.mapping(where, here, {"source", "paragraph"}, {"source", "paragraph"}):
                cited_source = self.text(where, "source", here, kebab_id=True)
                paragraph = self.integer(where, "paragraph", here, low=1, high=10**6)
                if cited_source is not None and paragraph is not None:
                    cited_in = (cited_source, paragraph)
        # A source whose id and text are sound is kept even if its other fields are not, so that the facts quoting
        # it are still checked in the same run (the knowledge base is unusable anyway: its problems are reported).
        if source_id is None or kind is None or ("text" in item and item["text"] is not None and text is None):
            return None
        return Source(
            id=source_id,
            kind=kind,
            view_count=view_count,
            text=text,
            sha256=sha256,
            cited_in=cited_in,
            role=role or "primary",
            furniture=furniture,
            **optional,
        )

    def fact(self, item: Any, path: tuple[str | int, ...]) -> Fact | None:
        before = len(self.problems)
        if not self.mapping(item, path, _FACT_FIELDS, _FACT_REQUIRED):
            return None
        fact_id = self.text(item, "id", path, kebab_id=True)
        statement = self.text(item, "statement", path)
        kind = self.text(item, "kind", path, choices=FACT_KINDS)
        modality = self.text(item, "modality", path, choices=MODALITIES)
        topics = self.text_list(item, "topics", path, minimum=1, kebab=True)
        entities = self.text_list(item, "entities", path)
        source = self.text(item, "source", path, kebab_id=True)
        quotes = self.quotes(item, path)
        time = self.time(item, path)
        quantity = self.quantity(item, path)
        attributed_to = self.text(item, "attributed_to", path, nullable=True)
        series = self.text(item, "series", path, kebab_id=True, nullable=True)
        refers_to = self.text_list(item, "refers_to", path, kebab=True)
        note = self.text(item, "note", path, nullable=True)
        measure = self.text(item, "measure", path, nullable=True)
        kept_because = self.text(item, "kept_because", path, nullable=True)
        condition = self.text(item, "condition", path, nullable=True)
        exceptions = self.exemptions(item, path)
        if len(self.problems) > before or None in (fact_id, statement, kind, modality, source):
            return None
        assert fact_id and statement and kind and modality and source
        return Fact(
            id=fact_id,
            statement=statement,
            kind=kind,
            modality=modality,
            topics=topics,
            entities=entities,
            source=source,
            quotes=quotes,
            time=time,
            quantity=quantity,
            attributed_to=attributed_to,
            series=series,
            refers_to=refers_to,
            note=note,
            measure=measure,
            kept_because=kept_because,
            condition=condition,
            exceptions=exceptions,
        )

    def exemptions(self, item: dict[str, Any], path: tuple[str | int, ...]) -> tuple[Exemption, ...]:
        """A fact's exceptions to the check's heuristic rules; whether each rule exists is the check's to say."""
        found = []
        for index, entry in enumerate(self.sequence(item, "exceptions", path)):
            here = (*path, "exceptions", index)
            if not self.mapping(entry, here, _field_names(Exemption), {"rule", "reason"}):
                continue
            rule = self.text(entry, "rule", here, kebab_id=True)
            reason = self.text(entry, "reason", here, what="text (why the rule does not apply here)")
            words = self.text_list(entry, "words", here, minimum=1)
            apart = [number for number, word in enumerate(words) if not WORD.fullmatch(word)]
            for number in apart:
                self.report(
                    (*here, "words", number),
                    f"{words[number]!r} is not one word: name each word the statement adds on its own, letters only",
                )
            if words and rule != "statement-words":
                self.report((*here, "words"), "only an exception to statement-words names the words it excuses")
            elif rule is not None and reason is not None and not apart:
                found.append(Exemption(rule, reason, words))
        return tuple(found)

    def quotes(self, item: dict[str, Any], path: tuple[str | int, ...]) -> tuple[Quote, ...]:
        entries = self.sequence(item, "quotes", path)
        # `quotes: null` is no quote either; any other value that is not a list is reported by `sequence`.
        if "quotes" in item and (item["quotes"] is None or isinstance(item["quotes"], list)) and not entries:
            self.report((*path, "quotes"), "expected at least one quote: every fact is traceable to its source")
        quotes = []
        for index, entry in enumerate(entries):
            here = (*path, "quotes", index)
            if not self.mapping(entry, here, _field_names(Quote), {"paragraph", "text"}):
                continue
            paragraph = self.integer(entry, "paragraph", here, low=1, high=10**6)
            text = self.text(entry, "text", here)
            shared = self.text(entry, "shared", here, nullable=True, what="text (why another fact quotes it too)")
            if paragraph is not None and text is not None:
                quotes.append(Quote(paragraph, text, shared))
        return tuple(quotes)

    def time(self, item: dict[str, Any], path: tuple[str | int, ...]) -> TimeRef | None:
        if "time" not in item or item["time"] is None:
            return None
        here = (*path, "time")
        value = item["time"]
        if not self.mapping(value, here, _field_names(TimeRef), {"year"}):
            return None
        year = self.integer(value, "year", here, low=1, high=9999)
        kind = self.text(value, "kind", here, choices=TIME_KINDS) if "kind" in value else "point"
        inferred = self.text(value, "inferred", here, nullable=True)
        if year is None or kind is None:
            return None
        return TimeRef(year, kind, inferred)

    def quantity(self, item: dict[str, Any], path: tuple[str | int, ...]) -> Quantity | None:
        if "quantity" not in item or item["quantity"] is None:
            return None
        here = (*path, "quantity")
        value = item["quantity"]
        if not self.mapping(value, here, _field_names(Quantity), {"amount", "unit"}):
            return None
        amount = self.number(value, "amount", here)
        unit = self.text(value, "unit", here)
        scale = self.text(value, "scale", here, choices=tuple(SCALES)) if "scale" in value else "one"
        qualifier = self.text(value, "qualifier", here, choices=QUALIFIERS) if "qualifier" in value else "exact"
        if amount is None or unit is None or scale is None or qualifier is None:
            return None
        return Quantity(amount, unit, scale, qualifier)

    def relation(self, item: Any, path: tuple[str | int, ...]) -> Relation | None:
        kind = item.get("kind") if isinstance(item, dict) else None
        roles = RELATION_ROLES.get(kind, ()) if isinstance(kind, str) else ()
        before = len(self.problems)
        if not self.mapping(item, path, {"id", "kind", "reason", *roles}, {"id", "kind", *roles}):
            return None
        relation_id = self.text(item, "id", path, kebab_id=True)
        kind = self.text(item, "kind", path, choices=RELATION_KINDS)
        ends = [self.text(item, role, path, kebab_id=True) for role in roles]
        reason = self.text(item, "reason", path, nullable=True)
        if len(self.problems) > before or relation_id is None or kind is None or None in ends or len(ends) != 2:
            return None
        return Relation(relation_id, kind, str(ends[0]), str(ends[1]), reason)

    def derived(self, item: Any, path: tuple[str | int, ...]) -> DerivedSpec | None:
        before = len(self.problems)
        if not self.mapping(
            item,
            path,
            {"id", "label", "operation", "inputs", "series", "comparable"},
            {"id", "label", "operation", "inputs"},
        ):
            return None
        derived_id = self.text(item, "id", path, kebab_id=True)
        label = self.text(item, "label", path)
        operation = self.text(item, "operation", path, choices=tuple(OPERATIONS))
        series = self.text(item, "series", path, kebab_id=True, nullable=True)
        comparable = self.text(item, "comparable", path, nullable=True)
        inputs: list[tuple[str, str]] = []
        if operation is not None and "inputs" in item:  # a missing `inputs` is already reported as missing
            roles = OPERATIONS[operation].roles
            here = (*path, "inputs")
            value = item["inputs"]
            if self.mapping(value, here, set(roles), set(roles)):
                for role in roles:
                    fact_id = self.text(value, role, here, kebab_id=True)
                    if fact_id is not None:
                        inputs.append((role, fact_id))
        if len(self.problems) > before or derived_id is None or label is None or operation is None:
            return None
        return DerivedSpec(derived_id, label, operation, tuple(inputs), series, comparable)
