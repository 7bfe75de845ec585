"""Whom a claim names: the entities its statement names are named where its quotes stand (entity-named), and in the
order its quotes or their sentences name them (entity-order), by name or a declared alias."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from kzcn.checks.meaning import Finding
from kzcn.model.records import Fact
from kzcn.model.text import fold


def entities_named(
    fact: Fact,
    statement: str,
    sentences: str,
    paragraphs: str,
    aliases: dict[str, tuple[str, ...]],
    known: frozenset[str],
) -> list[Finding]:
    """Each entity the knowledge base knows that the statement names is named (by name or a declared alias) in the
    quotes or the sentences that hold them: the claim's own words back whom it is about. Each entity the fact
    lists is named in the quotes' paragraphs: a listed entity is what the passage is about ("sinophobia" in a
    paragraph about "the Kazakh society"), the way `--entity` finds it."""
    in_statement = [entity for entity in sorted(known) if _names(entity, statement, aliases)]
    unsaid = [entity for entity in in_statement if not _names(entity, sentences, aliases)]
    unsaid += [e for e in fact.entities if e not in in_statement and not _names(e, paragraphs, aliases)]
    if not unsaid:
        return []
    which, them = (unsaid[0], "it") if len(unsaid) == 1 else (f"{', '.join(unsaid[:-1])} and {unsaid[-1]}", "them")
    where = "statement" if unsaid[0] in in_statement else "entities"
    said_where = "the sentences that hold its quotes" if where == "statement" else "the paragraphs of its quotes"
    return [
        Finding(
            "entity-named",
            (where,),
            f"the {'statement names' if where == 'statement' else 'fact lists'} {which}, named nowhere in "
            f"{said_where}; quote the words that name {them}, declare the name the source uses under `aliases:`, "
            f"or {'say only what the quotes say' if where == 'statement' else f'drop {them} from the fact'}",
        )
    ]


def _names(entity: str, text: str, aliases: dict[str, tuple[str, ...]]) -> bool:
    """True when the text names the entity, by its name or a declared alias."""
    return any(_at(name, text) >= 0 for name in _spellings(entity, aliases))


def _spellings(entity: str, aliases: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The entity's name and declared aliases, folded as the texts they are sought in are (’ as ')."""
    return _folded((entity, *aliases.get(entity, ())))


@functools.lru_cache(maxsize=4096)
def _folded(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(fold(name) for name in names)


def entity_order(
    fact: Fact, statement: str, aliases: dict[str, tuple[str, ...]], beside: list[tuple[str, str]]
) -> list[Finding]:
    """Two of the fact's entities named in both the statement and a quote (by name or a declared alias) stand in the
    same order in each; and where a quote names one of two the statement names, and the other stands only in the
    quote's sentence, before or after it (`beside`: each quote's sentence, before and after it), the statement keeps
    that order too: "our country ... cooperation with" one of the world's largest economies is Kazakhstan, then
    China. A statement that puts a cause after its effect declares an exception."""

    def places(where: str) -> dict[str, int]:
        """Where the text first names each entity (by name or alias), for those it names at all."""
        found = {}
        for entity in fact.entities:
            at = [_at(name, where) for name in _spellings(entity, aliases)]
            if any(place >= 0 for place in at):
                found[entity] = min(place for place in at if place >= 0)
        return found

    in_statement = places(statement)
    in_each = [places(fold(quote.text)) for quote in fact.quotes]
    # Each quote, and all of them in their order: "If China is expelled" ... "Kazakhstan will" spans two quotes.
    in_all = places(" ".join(fold(quote.text) for quote in fact.quotes)) if len(fact.quotes) > 1 else {}
    for in_quote in (*in_each, in_all):
        named = [entity for entity in fact.entities if entity in in_quote and entity in in_statement]
        for index, first in enumerate(named):
            for second in named[index + 1 :]:
                if (in_quote[first] < in_quote[second]) != (in_statement[first] < in_statement[second]):
                    return [_out_of_order(first, second, "the quote")]
    return _sentence_order(in_statement, in_each, beside, places)


def _sentence_order(
    in_statement: dict[str, int],
    in_each: list[dict[str, int]],
    beside: list[tuple[str, str]],
    places: Callable[[str], dict[str, int]],
) -> list[Finding]:
    """An entity of the statement that no quote names but the sentence of one does, on one side of it only, keeps
    that side in the statement relative to each entity the quote names (`in_each`: where each quote names them)."""
    quoted = {entity for in_quote in in_each for entity in in_quote}
    for in_quote, (before, after) in zip(in_each, beside, strict=True):
        inside = [entity for entity in in_quote if entity in in_statement]
        named_before, named_after = places(before), places(after)
        # An entity no quote names, named on one side of this quote only: before it (-1) or after it (+1).
        sides = {
            entity: -1 if entity in named_before else 1
            for entity in in_statement
            if entity not in quoted and (entity in named_before) != (entity in named_after)
        }
        for first in inside:
            for second, side in sides.items():
                if (side < 0) != (in_statement[second] < in_statement[first]):
                    return [_out_of_order(first, second, "the quote's sentence")]
    return []


def _out_of_order(first: str, second: str, where: str) -> Finding:
    return Finding(
        "entity-order",
        ("statement",),
        f"{where} names {first} and {second} in one order and the statement in the other; "
        "who does what to whom is the quote's",
    )


@functools.lru_cache(maxsize=1024)
def _naming(entity: str) -> re.Pattern[str]:
    """How a text names the entity: its name, or a word sharing the name's first four letters when the name is one
    word (Kazakh and Kazakhstan's for Kazakhstan, Chinese for China, European for Europe); its first letter in
    either case, as a sentence begins ("Our country" for "our country", "the port" for Port)."""
    first = entity[:1]
    head = (
        f"[{re.escape(first.lower())}{re.escape(first.upper())}]"
        if first.lower() != first.upper()
        else re.escape(first)
    )
    if " " not in entity and len(entity) > 4:
        return re.compile(rf"\b{head}{re.escape(entity[1:4])}\w*")
    return re.compile(rf"\b{head}{re.escape(entity[1:])}\b")


def _at(entity: str, text: str) -> int:
    """Where the text first names the entity (see _naming), or -1."""
    if entity[1:4] not in text:
        return -1  # every way _naming names it holds these letters: a substring test spares most searches
    match = _naming(entity).search(text)
    return match.start() if match else -1
