"""The knowledge-base schema: plain YAML data to the frozen model, with every type or shape problem located."""

from __future__ import annotations

import datetime
import json
import math
import re
from difflib import get_close_matches
from typing import Any

from kzcn.derive import OPERATIONS
from kzcn.errors import Problem
from kzcn.model import (
    FACT_KINDS,
    QUALIFIERS,
    RELATION_KINDS,
    SCALES,
    TIME_KINDS,
    DerivedSpec,
    Fact,
    KnowledgeBase,
    Quantity,
    Quote,
    Relation,
    Source,
    TimeRef,
)
from kzcn.yamlload import LoadedYaml, Position, integer_text, shortened, shown

FORMAT_VERSION = 1
"""The knowledge-base format this kzcn reads (the top-level `kzcn:` key)."""

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")  # \Z, not $: "$" also matches before a final newline
_SHA256 = re.compile(r"^[0-9a-f]{64}\Z")
# How YAML 1.1 writes integers that are not plain decimals: 010 (octal), 0x1F, 0b101, 0o17, 1:30 (base 60).
_LEGACY_INTEGER = re.compile(r"^[+-]?0[0-7_]+$|^[+-]?0[xXbBoO]|:")
_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*\Z")

_TOP_FIELDS = {"kzcn", "sources", "facts", "relations", "derived"}
_SOURCE_FIELDS = {
    "id", "kind", "title", "author", "publisher", "published", "language", "url",
    "view_count", "notes", "text", "sha256", "cited_in",
}  # fmt: skip
_SOURCE_REQUIRED = {"id", "kind", "title", "author", "published"}
_FACT_FIELDS = {
    "id", "statement", "kind", "topics", "entities", "time", "quantity", "source", "quotes",
    "attributed_to", "series", "refers_to", "note",
}  # fmt: skip
_FACT_REQUIRED = {"id", "statement", "kind", "topics", "entities", "source", "quotes"}
_RELATION_ROLES = {"part-of": ("part", "whole"), "increase": ("from", "to")}


def _digest(text: str) -> str:
    import hashlib  # only when a digest is missing or malformed: the common path never needs it

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _key_text(value: Any) -> str:
    """str(value) for a key or id YAML read as something else; a huge integer is described, since str raises."""
    return shown(value) if isinstance(value, int) and not isinstance(value, bool) else str(value)


class Locator:
    """Finds the line and column of any field path in the loaded document."""

    def __init__(self, loaded: LoadedYaml) -> None:
        self.loaded = loaded

    def at(self, path: tuple[str | int, ...]) -> Position:
        """Where the value at `path` stands; the nearest enclosing value's position if the path ends early."""
        node = self.loaded.data
        position = self.loaded.root
        for step in path:
            marks = self.loaded.positions.get(id(node))
            try:
                if isinstance(node, dict) and isinstance(marks, dict) and step in node:
                    position, node = marks[step][1], node[step]
                elif isinstance(node, list) and isinstance(step, int) and isinstance(marks, list):
                    position, node = marks[step], node[step]
                else:
                    break
            except (IndexError, KeyError, TypeError):
                break
        return position


def format_path(path: tuple[str | int, ...]) -> str:
    """facts[12].quantity.amount from ("facts", 12, "quantity", "amount")."""
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        elif _PLAIN_KEY.match(step):
            text += f".{step}" if text else step
        else:
            text += f"[{json.dumps(step)}]"
    return text


def describe(value: Any, raw: str | None) -> str:
    """What a loaded value is, in words, with YAML's reading of the written text where that surprises."""
    if isinstance(value, bool):
        word = "true" if value else "false"
        if raw is not None and raw not in ("true", "false"):
            return f"boolean {word} (YAML reads unquoted {raw!r} as {word})"
        return f"boolean {word}"
    if isinstance(value, int):
        text = integer_text(value)
        if raw is None or raw.lstrip("+-") == text.lstrip("-"):
            return f"integer {text}"
        if len(text) <= 40 and len(raw) <= 40:
            return f"integer {text} (YAML reads unquoted {raw!r} as {text})"
        return f"integer {text} (YAML reads unquoted {shortened(raw)!r} as an integer)"
    if isinstance(value, float):
        return f"number {raw if raw is not None else value}"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return f"a date ({raw or value}) (YAML reads an unquoted date as a date)"
    if value is None:
        return "nothing (null)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return f"text {text[:40] + '...' if len(text) > 40 else text!r}"


class SchemaReader:
    """Reads the loaded document into the model, collecting every problem instead of stopping at the first."""

    def __init__(self, path: str, loaded: LoadedYaml) -> None:
        self.file = path
        self.loaded = loaded
        self.locator = Locator(loaded)
        self.problems: list[Problem] = []
        self.positions: dict[str, list[int]] = {}
        """For each list, the file index of every record kept in the model."""
        self.declared_ids: set[str] = set()
        """Every id the file declares for a source or a fact, valid or not."""

    # -- reporting -------------------------------------------------------------------------------------------

    def report(self, path: tuple[str | int, ...], message: str, position: Position | None = None) -> None:
        line, column, _raw = position or self.locator.at(path)
        self.problems.append(Problem(self.file, message, line, column, format_path(path)))

    def _position(self, container: Any, key: str | int) -> Position:
        marks = self.loaded.positions.get(id(container))
        try:
            position: Position = marks[key][1] if isinstance(container, dict) else marks[key]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return self.loaded.root
        return position

    def _wrong(self, container: Any, key: str | int, path: tuple[str | int, ...], expected: str) -> None:
        value = container[key]
        position = self._position(container, key)
        raw = position[2]
        message = f"expected {expected}, found {describe(value, raw)}"
        if "text" in expected and raw is not None and not isinstance(value, (dict, list)):
            message += f'; quote it: {key}: "{raw}"' if isinstance(key, str) else f'; quote it: "{raw}"'
        self.report(path, message, position)

    # -- field readers -----------------------------------------------------------------------------------------

    def mapping(self, value: Any, path: tuple[str | int, ...], allowed: set[str], required: set[str]) -> bool:
        """True if value is a mapping; reports unknown and missing fields either way."""
        if not isinstance(value, dict):
            self.report(path, f"expected a mapping of fields, found {describe(value, self.locator.at(path)[2])}")
            return False
        for key in value:
            if key not in allowed:
                position = self.loaded.positions[id(value)][key][0]
                name = _key_text(key)
                close = get_close_matches(name, sorted(allowed), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f"; known fields: {', '.join(sorted(allowed))}"
                self.report((*path, name), f"unknown field {shown(key)}{hint}", position)
        for key in sorted(required - value.keys()):
            self.report(path, f"missing required field {key!r}")
        return True

    def text(
        self,
        mapping: dict[str, Any],
        key: str,
        path: tuple[str | int, ...],
        *,
        nullable: bool = False,
        pattern: re.Pattern[str] | None = None,
        choices: tuple[str, ...] | None = None,
        what: str = "text",
    ) -> str | None:
        if key not in mapping:
            return None
        value = mapping[key]
        here = (*path, key)
        if value is None and nullable:
            return None
        if not isinstance(value, str):
            self._wrong(mapping, key, here, what + (" or null (for unknown)" if nullable else ""))
            return None
        if not value.strip():
            self.report(here, "expected text, found an empty string" + ("; write null for unknown" if nullable else ""))
            return None
        if choices is not None and value not in choices:
            close = get_close_matches(value, choices, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            self.report(here, f"expected one of {', '.join(choices)}, found {value!r}{hint}")
            return None
        if pattern is not None and not pattern.match(value):
            self.report(
                here, f"expected a kebab-case id (lower-case letters, digits and single hyphens), found {value!r}"
            )
            return None
        return value

    def integer(
        self,
        mapping: dict[str, Any],
        key: str,
        path: tuple[str | int, ...],
        *,
        low: int,
        high: int,
        nullable: bool = False,
    ) -> int | None:
        if key not in mapping:
            return None
        value = mapping[key]
        if value is None and nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self._wrong(mapping, key, (*path, key), "a whole number" + (" or null" if nullable else ""))
            return None
        if self._legacy_integer(mapping, key, path):
            return None
        if not low <= value <= high:
            self.report((*path, key), f"expected a whole number from {low} to {high}, found {shown(value)}")
            return None
        return value

    def _legacy_integer(self, mapping: dict[str, Any], key: str, path: tuple[str | int, ...]) -> bool:
        """Reports an integer YAML read from a non-decimal spelling (010 is 8); True if there was one."""
        raw = self._position(mapping, key)[2]
        if raw is None or not _LEGACY_INTEGER.match(raw):
            return False
        found = describe(mapping[key], raw)
        self.report((*path, key), f"expected a plain decimal number, found {found}; write it out")
        return True

    def number(self, mapping: dict[str, Any], key: str, path: tuple[str | int, ...]) -> int | float | None:
        if key not in mapping:
            return None
        value = mapping[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self._wrong(mapping, key, (*path, key), "a number")
            return None
        if isinstance(value, int) and self._legacy_integer(mapping, key, path):
            return None
        raw = self._position(mapping, key)[2]
        if isinstance(value, float) and not math.isfinite(value):
            self.report((*path, key), f"expected a finite number, found {raw or value}")
            return None
        return value

    def text_list(
        self, mapping: dict[str, Any], key: str, path: tuple[str | int, ...], *, minimum: int = 0, kebab: bool = False
    ) -> tuple[str, ...]:
        if key not in mapping:
            return ()
        value = mapping[key]
        here = (*path, key)
        if not isinstance(value, list):
            self._wrong(mapping, key, here, "a list of text")
            return ()
        if len(value) < minimum:
            self.report(here, f"expected at least {minimum} item(s), found {len(value)}")
        items = []
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self._wrong(value, index, (*here, index), "text")
            elif kebab and not ID_PATTERN.match(item):
                self.report((*here, index), f"expected lower-case kebab-case, found {item!r}")
            else:
                items.append(item)
        return tuple(items)

    def sequence(self, mapping: dict[str, Any], key: str, path: tuple[str | int, ...]) -> list[Any]:
        if key not in mapping:
            return []
        value = mapping[key]
        if value is None:
            return []
        if not isinstance(value, list):
            self._wrong(mapping, key, (*path, key), "a list")
            return []
        return value

    # -- records -------------------------------------------------------------------------------------------------

    def read(self) -> KnowledgeBase | None:
        data = self.loaded.data
        if not isinstance(data, dict):
            found = describe(data, self.loaded.root[2])
            self.problems.append(
                Problem(
                    self.file,
                    f"expected a mapping with `sources:` and `facts:` at the top, found {found}",
                    self.loaded.root[0],
                    self.loaded.root[1],
                )
            )
            return None
        self.mapping(data, (), _TOP_FIELDS, {"sources", "facts"})
        if "kzcn" in data:
            version = self.integer(data, "kzcn", (), low=0, high=10**6)
            if version is not None and version != FORMAT_VERSION:
                self.report(("kzcn",), f"this kzcn reads format version {FORMAT_VERSION}, found {version}")
        sources = [
            self.source(item, ("sources", index)) for index, item in enumerate(self.sequence(data, "sources", ()))
        ]
        facts = [self.fact(item, ("facts", index)) for index, item in enumerate(self.sequence(data, "facts", ()))]
        relations = [
            self.relation(item, ("relations", index)) for index, item in enumerate(self.sequence(data, "relations", ()))
        ]
        derived = [
            self.derived(item, ("derived", index)) for index, item in enumerate(self.sequence(data, "derived", ()))
        ]
        if "sources" in data and not sources:
            self.report(("sources",), "expected at least one source")
        # Records that failed are left out, but the rest still go on to the semantic check, so one run reports
        # the problems of every record; `positions` maps each kept record back to its place in the file.
        self.positions = {
            "sources": [index for index, item in enumerate(sources) if item is not None],
            "facts": [index for index, item in enumerate(facts) if item is not None],
            "relations": [index for index, item in enumerate(relations) if item is not None],
            "derived": [index for index, item in enumerate(derived) if item is not None],
        }
        records = [*self.sequence(data, "sources", ()), *self.sequence(data, "facts", ())]
        self.declared_ids = {_key_text(item.get("id")) for item in records if isinstance(item, dict)}
        return KnowledgeBase(
            sources=tuple(s for s in sources if s is not None),
            facts=tuple(f for f in facts if f is not None),
            relations=tuple(r for r in relations if r is not None),
            derived=tuple(d for d in derived if d is not None),
            path=self.file,
        )

    def source(self, item: Any, path: tuple[str | int, ...]) -> Source | None:
        before = len(self.problems)
        if not self.mapping(item, path, _SOURCE_FIELDS, _SOURCE_REQUIRED):
            return None
        source_id = self.text(item, "id", path, pattern=ID_PATTERN)
        kind = self.text(item, "kind", path)
        optional = {
            key: self.text(item, key, path, nullable=True)
            for key in ("title", "author", "publisher", "published", "language", "url", "notes")
        }
        view_count = self.integer(item, "view_count", path, low=0, high=10**15, nullable=True)
        text = self.text(item, "text", path, nullable=True)
        sha256 = self.text(item, "sha256", path, nullable=True)
        digest_hint = f"; the text's digest is {_digest(text)}" if text is not None else ""
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
                cited_source = self.text(where, "source", here, pattern=ID_PATTERN)
                paragraph = self.integer(where, "paragraph", here, low=1, high=10**6)
                if cited_source is not None and paragraph is not None:
                    cited_in = (cited_source, paragraph)
        # A source whose id and text are sound is kept even if its other fields are not, so that the facts quoting
        # it are still checked in the same run (the knowledge base is unusable anyway: its problems are reported).
        if source_id is None or kind is None or ("text" in item and item["text"] is not None and text is None):
            return None
        if len(self.problems) > before and any(problem.path.endswith(".id") for problem in self.problems[before:]):
            return None
        return Source(
            id=source_id,
            kind=kind,
            view_count=view_count,
            text=text,
            sha256=sha256,
            cited_in=cited_in,
            **optional,
        )

    def fact(self, item: Any, path: tuple[str | int, ...]) -> Fact | None:
        before = len(self.problems)
        if not self.mapping(item, path, _FACT_FIELDS, _FACT_REQUIRED):
            return None
        fact_id = self.text(item, "id", path, pattern=ID_PATTERN)
        statement = self.text(item, "statement", path)
        kind = self.text(item, "kind", path, choices=FACT_KINDS)
        topics = self.text_list(item, "topics", path, minimum=1, kebab=True)
        entities = self.text_list(item, "entities", path)
        source = self.text(item, "source", path, pattern=ID_PATTERN)
        quotes = self.quotes(item, path)
        time = self.time(item, path)
        quantity = self.quantity(item, path)
        attributed_to = self.text(item, "attributed_to", path, nullable=True)
        series = self.text(item, "series", path, pattern=ID_PATTERN, nullable=True)
        refers_to = self.text_list(item, "refers_to", path, kebab=True)
        note = self.text(item, "note", path, nullable=True)
        if len(self.problems) > before or None in (fact_id, statement, kind, source):
            return None
        assert fact_id and statement and kind and source
        return Fact(
            id=fact_id,
            statement=statement,
            kind=kind,
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
        )

    def quotes(self, item: dict[str, Any], path: tuple[str | int, ...]) -> tuple[Quote, ...]:
        entries = self.sequence(item, "quotes", path)
        if "quotes" in item and isinstance(item["quotes"], list) and not entries:
            self.report((*path, "quotes"), "expected at least one quote: every fact is traceable to its source")
        quotes = []
        for index, entry in enumerate(entries):
            here = (*path, "quotes", index)
            if not self.mapping(entry, here, {"paragraph", "text"}, {"paragraph", "text"}):
                continue
            paragraph = self.integer(entry, "paragraph", here, low=1, high=10**6)
            text = self.text(entry, "text", here)
            if paragraph is not None and text is not None:
                quotes.append(Quote(paragraph, text))
        return tuple(quotes)

    def time(self, item: dict[str, Any], path: tuple[str | int, ...]) -> TimeRef | None:
        if "time" not in item or item["time"] is None:
            return None
        here = (*path, "time")
        value = item["time"]
        if not self.mapping(value, here, {"year", "kind"}, {"year"}):
            return None
        year = self.integer(value, "year", here, low=1, high=9999)
        kind = self.text(value, "kind", here, choices=TIME_KINDS) if "kind" in value else "point"
        if year is None or kind is None:
            return None
        return TimeRef(year, kind)

    def quantity(self, item: dict[str, Any], path: tuple[str | int, ...]) -> Quantity | None:
        if "quantity" not in item or item["quantity"] is None:
            return None
        here = (*path, "quantity")
        value = item["quantity"]
        if not self.mapping(value, here, {"amount", "unit", "scale", "qualifier"}, {"amount", "unit"}):
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
        roles = _RELATION_ROLES.get(kind, ()) if isinstance(kind, str) else ()
        before = len(self.problems)
        if not self.mapping(item, path, {"id", "kind", "reason", *roles}, {"id", "kind", *roles}):
            return None
        relation_id = self.text(item, "id", path, pattern=ID_PATTERN)
        kind = self.text(item, "kind", path, choices=RELATION_KINDS)
        ends = [self.text(item, role, path, pattern=ID_PATTERN) for role in roles]
        reason = self.text(item, "reason", path, nullable=True)
        if len(self.problems) > before or relation_id is None or kind is None or None in ends or len(ends) != 2:
            return None
        return Relation(relation_id, kind, str(ends[0]), str(ends[1]), reason)

    def derived(self, item: Any, path: tuple[str | int, ...]) -> DerivedSpec | None:
        before = len(self.problems)
        if not self.mapping(
            item, path, {"id", "label", "operation", "inputs", "series"}, {"id", "label", "operation", "inputs"}
        ):
            return None
        derived_id = self.text(item, "id", path, pattern=ID_PATTERN)
        label = self.text(item, "label", path)
        operation = self.text(item, "operation", path, choices=tuple(OPERATIONS))
        series = self.text(item, "series", path, pattern=ID_PATTERN, nullable=True)
        inputs: list[tuple[str, str]] = []
        if operation is not None and "inputs" in item:  # a missing `inputs` is already reported as missing
            roles = OPERATIONS[operation].roles
            here = (*path, "inputs")
            value = item["inputs"]
            if self.mapping(value, here, set(roles), set(roles)):
                for role in roles:
                    fact_id = self.text(value, role, here, pattern=ID_PATTERN)
                    if fact_id is not None:
                        inputs.append((role, fact_id))
        if len(self.problems) > before or derived_id is None or label is None or operation is None:
            return None
        return DerivedSpec(derived_id, label, operation, tuple(inputs), series)
