"""Typed readers of YAML fields: each value checked against what it should be, every mismatch a located Problem."""

from __future__ import annotations

import datetime
import json
import math
import re
from difflib import get_close_matches
from typing import Any

from kzcn.errors import Problem
from kzcn.parse.positions import Position
from kzcn.parse.yamlload import LoadedYaml, integer_text, shortened, shown

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")  # \Z, not $: "$" also matches before a final newline
# How YAML 1.1 writes numbers that are not plain decimals: 010 (octal), 0x1F, 0b101, 0o17, 1:30 and 1:30.5 (base 60);
# searched, not matched: the colon may stand anywhere.
_LEGACY_INTEGER = re.compile(r"^[+-]?0[0-7_]+$|^[+-]?0[xXbBoO]|:")
_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*\Z")


def key_text(value: Any) -> str:
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
        positions = self.loaded.positions
        for step in path:
            try:
                if isinstance(node, dict) and step in node:
                    position, node = positions.value(node, step), node[step]
                elif isinstance(node, list) and isinstance(step, int):
                    position, node = positions.item(node, step), node[step]
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


class FieldReader:
    """Reads single fields of a loaded document, collecting every problem instead of stopping at the first."""

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
        positions = self.loaded.positions
        try:
            if isinstance(container, dict):
                return positions.value(container, key)
            if isinstance(key, int):
                return positions.item(container, key)
        except (KeyError, IndexError, TypeError):
            pass
        return self.loaded.root

    def _wrong(self, container: Any, key: str | int, path: tuple[str | int, ...], expected: str) -> None:
        value = container[key]
        position = self._position(container, key)
        raw = position[2]
        message = f"expected {expected}, found {describe(value, raw)}"
        if "text" in expected and raw is not None and not isinstance(value, (dict, list)):
            message += f'; quote it: {key}: "{raw}"' if isinstance(key, str) else f'; quote it: "{raw}"'
        self.report(path, message, position)

    # -- field readers -----------------------------------------------------------------------------------------

    def mapping(
        self, value: Any, path: tuple[str | int, ...], allowed: set[str] | frozenset[str], required: set[str]
    ) -> bool:
        """True if value is a mapping; reports unknown and missing fields either way."""
        if not isinstance(value, dict):
            self.report(path, f"expected a mapping of fields, found {describe(value, self.locator.at(path)[2])}")
            return False
        for key in value:
            if key not in allowed:
                position = self.loaded.positions.key(value, key)
                name = key_text(key)
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
        kebab_id: bool = False,
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
        if kebab_id and not ID_PATTERN.match(value):
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
        if raw is None or not _LEGACY_INTEGER.search(raw):
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
        if self._legacy_integer(mapping, key, path):  # 1:30.5 is a base-60 float: 90.5
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
