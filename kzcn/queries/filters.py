"""Which facts a command keeps: one `Filters` value, checked once, and `all_hold`, the one rule that combines it."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, replace
from functools import cached_property

from kzcn.errors import UsageError
from kzcn.model.records import (
    FACT_KINDS,
    MODALITIES,
    VERDICT_CHOICES,
    Fact,
    KnowledgeBase,
    TimeRef,
)
from kzcn.queries.facets import verdict_of

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)
if TYPE_CHECKING:
    from typing import Any, NamedTuple
else:
    from kzcn.records_light import NamedTuple


def all_hold(options: Iterable[tuple[Collection[Any], Callable[[Any], bool]]]) -> bool:
    """THE rule that combines filters. Each option is its values and a test of one value: an option given no value
    holds; one given values holds when any of them passes (OR); everything passes when every option holds (AND)."""
    return all(not values or any(test(value) for value in values) for values, test in options)


def choice(option: str, value: str, choices: Iterable[str]) -> str:
    """The one of `choices` that `value` names, ignoring case; else a UsageError with the closest and all choices."""
    from difflib import get_close_matches

    by_fold = {item.casefold(): item for item in choices}
    found = by_fold.get(value.casefold())
    if found is not None:
        return found
    close = get_close_matches(value.casefold(), list(by_fold), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(by_fold[item] for item in close)}?" if close else ""
    every = ", ".join(sorted(by_fold.values(), key=str.casefold))
    raise UsageError(f"unknown {option} {value!r}{hint} (choose from: {every})")


_TERM = re.compile(r'"([^"]*)"|(\S+)')


def search_terms(text: str) -> list[str]:
    """The terms of a free-text search: each word, and each "quoted phrase" whole; a fact must contain them all."""
    terms = [phrase if phrase is not None and phrase != "" else word for phrase, word in _TERM.findall(text)]
    return [" ".join(term.split()) for term in terms if term.strip()]


_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "–": "-", "—": "-", "‑": "-", "“": '"', "”": '"'})
"""The typographer's apostrophes, dashes and quotes as a keyboard types them: a search for "world's" finds the
article's "world’s" (it found the knowledge base's words and missed the article's)."""


def search_fold(text: str) -> str:
    """Text as a search compares it: case folded, typographic apostrophes, dashes and quotes as typed."""
    return text.translate(_TYPOGRAPHY).casefold()


def contains_all(text: str, terms: Iterable[str]) -> bool:
    """Whether the text holds every search term, as a search compares them (search_fold)."""
    folded = search_fold(text)
    return all(search_fold(term) in folded for term in terms)


def year_matches(time: TimeRef | None, year: int) -> bool:
    """Whether a fact is about `year`: in it (point), since it or before (start), or by it (target)."""
    if time is None:
        return False
    if time.kind == "start":
        return year >= time.year
    return year == time.year


def _folded_in(value: str, names: Iterable[str]) -> bool:
    folded = value.casefold()
    return any(name.casefold() == folded for name in names)


class FilterOption(NamedTuple):
    """One filter option: its flag, what it accepts, and when a fact has one of its values. (A NamedTuple: a frozen
    dataclass costs half a millisecond more to define, paid by every command that filters.)"""

    field: str
    """The `Filters` field that holds its values."""
    flag: str
    """Its name on the command line, for messages."""
    choices: tuple[str, ...] | Callable[[KnowledgeBase], Iterable[str]] | None
    """What it accepts: kzcn's own list (checked before the knowledge base is loaded), the values the knowledge base
    has, or None for any value (a year, which the command line parses)."""
    test: Callable[[Fact, KnowledgeBase, Any], bool]
    """Whether a fact has one value of the option."""


OPTIONS = (
    FilterOption(
        "topics",
        "--topic",
        lambda kb: {topic for fact in kb.facts for topic in fact.topics},
        lambda fact, kb, topic: _folded_in(topic, fact.topics),
    ),
    FilterOption("kinds", "--kind", FACT_KINDS, lambda fact, kb, kind: fact.kind == kind),
    FilterOption("modalities", "--modality", MODALITIES, lambda fact, kb, modality: fact.modality == modality),
    FilterOption(
        "entities",
        "--entity",
        lambda kb: {entity for fact in kb.facts for entity in fact.entities},
        lambda fact, kb, entity: _folded_in(entity, fact.entities),
    ),
    FilterOption("years", "--year", None, lambda fact, kb, year: year_matches(fact.time, year)),
    FilterOption(
        "sources",
        "--source",
        lambda kb: kb.sources_by_id,
        lambda fact, kb, source: fact.source == source or source in fact.refers_to,
    ),
    FilterOption("verdicts", "--verdict", VERDICT_CHOICES, lambda fact, kb, verdict: verdict_of(fact, kb) == verdict),
)
"""Every filter option, in the order of `Filters`' fields; a new filter is one entry here and one field there."""


@dataclass(frozen=True)
class Filters:
    """Which facts to keep. Repeat an option to allow any of its values (OR); different options must all hold
    (AND): `all_hold` is that rule. The search terms are not an option but a search: a fact must contain every one.

    Build it with `given` (kzcn's own choices checked at once) and check it against the knowledge base with
    `checked`; a query does the latter once, then asks `matches` of each fact."""

    terms: tuple[str, ...] = ()
    """The search (free TEXT, not an option): words and "quoted phrases", every one of which must appear in the
    fact's statement or one of its quotes, ignoring case."""
    topics: tuple[str, ...] = ()
    """--topic: facts with any of these topics."""
    kinds: tuple[str, ...] = ()
    """--kind: facts of any of these kinds (statistic, forecast, event, opinion)."""
    modalities: tuple[str, ...] = ()
    """--modality: facts said in any of these ways (asserted, reported, predicted, conditional, hedged)."""
    entities: tuple[str, ...] = ()
    """--entity: facts about any of these entities."""
    years: tuple[int, ...] = ()
    """--year: facts about any of these years (in it, since it or earlier, or by it: `year_matches`)."""
    sources: tuple[str, ...] = ()
    """--source: facts from any of these sources, or referring to one."""
    verdicts: tuple[str, ...] = ()
    """--verdict: facts with any of these verdicts (`verdict_of`; unreviewed for a checkable claim without one)."""

    @classmethod
    def given(
        cls,
        *,
        text: str | None = None,
        topics: Iterable[str] = (),
        kinds: Iterable[str] = (),
        modalities: Iterable[str] = (),
        entities: Iterable[str] = (),
        years: Iterable[int] = (),
        sources: Iterable[str] = (),
        verdicts: Iterable[str] = (),
    ) -> Filters:
        """The filters as given; the values kzcn itself lists (kinds, modalities, verdicts) are checked now, so that
        a typo fails before a slow load. The knowledge base's own values wait for `checked`."""
        given = cls(
            terms=tuple(search_terms(text or "")),
            topics=tuple(topics),
            kinds=tuple(kinds),
            modalities=tuple(modalities),
            entities=tuple(entities),
            years=tuple(years),
            sources=tuple(sources),
            verdicts=tuple(verdicts),
        )
        return given._chosen(lambda option: option.choices if isinstance(option.choices, tuple) else None)

    def checked(self, kb: KnowledgeBase) -> Filters:
        """These filters with every value checked, the knowledge base's too, ignoring case, and spelled as kzcn or
        the knowledge base spells it; an unknown value is a UsageError that names the closest ones."""
        return self._chosen(lambda option: option.choices if not callable(option.choices) else option.choices(kb))

    def _chosen(self, choices_of: Callable[[FilterOption], Iterable[str] | None]) -> Filters:
        chosen: dict[str, tuple[Any, ...]] = {}
        for option in OPTIONS:
            choices = choices_of(option)
            if choices is not None:
                listed = tuple(choices)
                chosen[option.field] = tuple(
                    choice(option.flag, value, listed) for value in getattr(self, option.field)
                )
        return replace(self, **chosen)

    def matches(self, fact: Fact, kb: KnowledgeBase) -> bool:
        """Whether the fact passes: every option given holds for it (`all_hold`) and it contains every search term.
        Call it on `checked` filters: values are compared as the knowledge base spells them."""
        options = ((values, _bound(option.test, fact, kb)) for option, values in self._given)
        return all_hold(options) and self.found_in(fact)

    @cached_property
    def _given(self) -> tuple[tuple[FilterOption, tuple[Any, ...]], ...]:
        # Only the options given: an option not given holds anyway, and binding its test for every one of 30,000
        # facts cost a third of `kzcn facts`' time.
        return tuple((option, values) for option in OPTIONS if (values := getattr(self, option.field)))

    def options_given(self) -> tuple[tuple[str, str], ...]:
        """Each option given and each of its values, as a user types them ("--topic", "transport"), in the order of
        `OPTIONS`, each pair once: what a filtered output says it was filtered by. The search is not an option."""
        return tuple(dict.fromkeys((option.flag, str(value)) for option, values in self._given for value in values))

    def described(self) -> str:
        """The options given as a command line would give them: --topic transport --entity 'Asian Bank'."""
        import shlex

        return " ".join(f"{flag} {shlex.quote(value)}" for flag, value in self.options_given())

    def found_in(self, fact: Fact) -> bool:
        """Whether the fact's statement or quotes contain every search term, ignoring case. The statement and each
        quote are joined by line breaks, so that a phrase never matches across two of them."""
        if not self.terms:
            return True
        return contains_all("\n".join([fact.statement, *(quote.text for quote in fact.quotes)]), self.terms)


def _bound(test: Callable[[Fact, KnowledgeBase, Any], bool], fact: Fact, kb: KnowledgeBase) -> Callable[[Any], bool]:
    return lambda value: test(fact, kb, value)


NO_FILTERS = Filters()
"""Every fact passes."""
