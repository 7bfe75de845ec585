"""Whom a claim names: the entities its statement names are named where its quotes stand (entity-named), and in the
order its quotes or their sentences name them (entity-order), by name or a declared alias."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from kzcn.checks.meaning import Finding
from kzcn.model.records import Fact
from kzcn.model.text import fold


class EntityNames:
    """How a text names each entity of a knowledge base (by its name or a declared alias, see _naming), made once per
    check: each fact asked after every entity of the knowledge base, through layers of lookups, was the largest part
    of the wording check (a sixth of the check at 30,000 facts)."""

    __slots__ = ("_aliases", "_spellings", "known")

    def __init__(self, known: frozenset[str], aliases: dict[str, tuple[str, ...]]) -> None:
        self.known = tuple(sorted(known))
        """Every entity the knowledge base names, in order."""
        self._aliases = aliases
        self._spellings: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {}
        """Each entity asked about: each spelling's letters 2 to 4 (which every naming of it holds) and its pattern."""

    def _of(self, entity: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
        found = self._spellings.get(entity)
        if found is None:
            # Folded as the texts they are sought in are (’ as ').
            names = (fold(name) for name in (entity, *self._aliases.get(entity, ())))
            found = self._spellings[entity] = tuple((name[1:4], _naming(name)) for name in names)
        return found

    def names(self, entity: str, text: str) -> bool:
        """True when the text names the entity, by its name or a declared alias. (Not first() >= 0: asked of every
        entity for every statement, stopping at the first spelling found is a tenth of the check at 30,000 facts.)"""
        return any(_first_at(letters, pattern, text) >= 0 for letters, pattern in self._of(entity))

    def named_in(self, text: str) -> list[str]:
        """Every entity of the knowledge base the text names, in order (names() of each, in one loop: asked of every
        statement, a call per entity was a twelfth of the check at 30,000 facts)."""
        found = []
        for entity in self.known:
            for letters, pattern in self._of(entity):
                if _first_at(letters, pattern, text) >= 0:
                    found.append(entity)
                    break
        return found

    def first(self, entity: str, text: str) -> int:
        """Where the text first names the entity, by its name or a declared alias, or -1."""
        places = [at for letters, pattern in self._of(entity) if (at := _first_at(letters, pattern, text)) >= 0]
        return min(places, default=-1)


def _first_at(letters: str, pattern: re.Pattern[str], text: str) -> int:
    """Where a spelling's pattern (see _naming) first matches the text, or -1. It matches only just before the
    spelling's letters 2 to 4, which str.find finds at once: the pattern's search, which begins with a word boundary,
    tried every position of the text (most of the time the check spent on entities)."""
    at = text.find(letters, 1)
    while at >= 0:
        if pattern.match(text, at - 1) is not None:
            return at - 1
        at = text.find(letters, at + 1)
    return -1


def entities_named(fact: Fact, statement: str, sentences: str, paragraphs: str, names: EntityNames) -> list[Finding]:
    """Each entity the knowledge base knows that the statement names is named (by name or a declared alias) in the
    quotes or the sentences that hold them: the claim's own words back whom it is about. Each entity the fact
    lists is named in the quotes' paragraphs: a listed entity is what the passage is about ("sinophobia" in a
    paragraph about "the Kazakh society"), the way `--entity` finds it."""
    in_statement = names.named_in(statement)
    unsaid = [entity for entity in in_statement if not names.names(entity, sentences)]
    unsaid += [e for e in fact.entities if e not in in_statement and not names.names(e, paragraphs)]
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


def entity_order(fact: Fact, statement: str, names: EntityNames, beside: list[tuple[str, str]]) -> list[Finding]:
    """Two of the fact's entities named in both the statement and a quote (by name or a declared alias) stand in the
    same order in each; and where a quote names one of two the statement names, and the other stands only in the
    quote's sentence, before or after it (`beside`: each quote's sentence, before and after it), the statement keeps
    that order too: "our country ... cooperation with" one of the world's largest economies is Kazakhstan, then
    China. A statement that puts a cause after its effect declares an exception."""

    def places(where: str) -> dict[str, int]:
        """Where the text first names each entity (by name or alias), for those it names at all."""
        found = {}
        for entity in fact.entities:
            at = names.first(entity, where)
            if at >= 0:
                found[entity] = at
        return found

    in_statement = places(statement)
    if len(in_statement) < 2:  # an order is between two of the statement's entities (most claims name one or none)
        return []
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
