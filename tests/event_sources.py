"""kzcn's parse of a text with libyaml's events and with PyYAML's pure-Python ones, for comparing the two."""

from __future__ import annotations

from typing import Any

import yaml

from kzcn.errors import KnowledgeBaseError
from kzcn.parse.yamlload import parse

SYNTAX = "YAML syntax error: "


def outcome(text: str, *, libyaml: bool) -> tuple[Any, ...]:
    """What kzcn makes of the text: its data, every container's positions and the root's; or its problems. libyaml
    reads the text's UTF-8 bytes, as kzcn.kb.load hands them to it; PyYAML's own parser reads the text."""
    try:
        loaded = parse("kb.yaml", text.encode("utf-8", "surrogatepass") if libyaml else text, libyaml=libyaml)
    except KnowledgeBaseError as error:
        return ("refused", [str(problem) for problem in error.problems])
    return ("read", repr(loaded.data), loaded.positions.listing(loaded.data), loaded.root)


def without_parser_wording(result: tuple[Any, ...]) -> tuple[Any, ...]:
    """The outcome with each syntax error's text (the parser's own words, which the two parsers word differently)
    cut after "YAML syntax error": its place and every other problem stay."""
    if result[0] != "refused":
        return result
    return ("refused", [line.split(SYNTAX)[0] + SYNTAX if SYNTAX in line else line for line in result[1]])


def events(text: str, loader: Any) -> list[tuple[Any, ...]]:
    """The parser's events as far as kzcn reads them (kind, anchor, tag, implicit, value, start), then an error's
    place if the parser stops at one."""
    seen: list[tuple[Any, ...]] = []
    try:
        for event in yaml.parse(text, Loader=loader):
            mark = event.start_mark
            seen.append(
                (
                    type(event).__name__,
                    getattr(event, "anchor", None),
                    getattr(event, "tag", None),
                    getattr(event, "implicit", None) if isinstance(event, yaml.ScalarEvent) else None,
                    getattr(event, "value", None),
                    mark.line,
                    mark.column,
                )
            )
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        seen.append(("error", mark.line if mark else None, mark.column if mark else None))
    return seen


_COMPARED: set[str] = set()
"""Texts already compared this session: most tests write the same few knowledge bases."""


def assert_read_alike(text: str) -> None:
    """kzcn reads the text the same (data, positions, every problem word for word but a syntax error's own wording)
    with either event source: a test knowledge base should never depend on which parser PyYAML has."""
    if text in _COMPARED or not hasattr(yaml, "CSafeLoader"):
        return
    with_libyaml = without_parser_wording(outcome(text, libyaml=True))
    pure_python = without_parser_wording(outcome(text, libyaml=False))
    assert with_libyaml == pure_python, (
        f"libyaml and PyYAML's own parser read this test knowledge base differently:\n{text[:500]}"
    )
    _COMPARED.add(text)
