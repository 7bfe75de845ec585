"""The check's reading of meaning: whether a fact's modality, qualifier, scale, time, kind and statement agree with
the words of its quotes. Cue-word rules are heuristics, so a fact may carry a reasoned exception to one."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kzcn.model.numbers import NumberToken, number_tokens
from kzcn.model.records import MODALITY_KINDS, Fact, KnowledgeBase
from kzcn.model.text import fold
from kzcn.model.wording import quantity_text

RULES = {
    "qualifier-cue": "the words before an amount (more than, about, up to, ...) agree with its qualifier",
    "scale-cue": "the word after an amount (thousand, million, billion, ...) agrees with its scale",
    "time-cue": "the word before a year (in, since, by) agrees with the time's kind",
    "statement-numbers": "the statement gives the fact's amount and year, and no number its quotes do not give",
    "forecast-cue": "a forecast's quotes read as one (forecast, will, expected, by 2020, ...)",
    "statistic-cue": "a statistic's quotes do not read as a forecast",
    "hedge-cue": "a hedged claim's quotes say it may be so (can, could, may, might, ...)",
    "invisible-character": "a quote holds no invisible character (zero-width space, soft hyphen, ...) outside numbers",
    "statement-words": "a claim's statement says nothing its quotes (or its entities, topics, attribution) do not",
    "negation": "a claim's statement and quotes agree on what is not so",
    "attribution-cue": "attributed_to names whom the quotes or the source's metadata name, or an unnamed form",
    "reported-cue": "a claim whose quotes attribute it (according to, believe, said) is reported",
    "conditional-cue": "a claim whose quotes hold a condition (if ...) is conditional",
    "hedge-lost": "a forecast whose quotes hedge (can, may, might) is hedged, not predicted outright",
    "entity-order": "two entities a quote and the statement both name stand in the same order in each",
    "entity-named": "the entities a claim lists or its statement names are named in its quotes' sentences",
    "unit-cue": "a figure's unit or currency is printed in its quotes",
    "opinion-forecast-cue": "an opinion's quotes do not predict (will, forecast, by 2020): a prediction is a forecast",
    "opinion-frame": "an opinion's statement says whose view it is (In the author's view); a stated fact's gives none",
}
"""The heuristic rules a fact may be excepted from (`exceptions: [{rule, reason}]`), with what each verifies. The
other checks (modality and kind, conditions, series) are not heuristics and admit no exception."""

ENGLISH_CUES = frozenset(RULES) - {"statement-numbers", "invisible-character"}
"""The rules that read English cue words; a quote in another language is not held to them (docs/check.md)."""

# Cues are matched on folded, lower-cased text that ends just before the number (currency symbols dropped).
_QUALIFIER_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("no more than", ("at-most",)),
    ("not more than", ("at-most",)),
    ("no less than", ("at-least",)),
    ("not less than", ("at-least",)),
    ("more than", ("more-than",)),
    ("in excess of", ("more-than",)),
    ("upwards of", ("more-than",)),
    ("over", ("more-than",)),
    ("above", ("more-than",)),
    ("at least", ("at-least",)),
    ("a minimum of", ("at-least",)),
    ("less than", ("less-than",)),
    ("fewer than", ("less-than",)),
    ("under", ("less-than",)),
    ("below", ("less-than",)),
    ("up to", ("at-most",)),
    ("at most", ("at-most",)),
    ("a maximum of", ("at-most",)),
    ("nearly", ("about", "less-than", "at-most")),
    ("almost", ("about", "less-than", "at-most")),
    ("about", ("about",)),
    ("around", ("about",)),
    ("approximately", ("about",)),
    ("roughly", ("about",)),
    ("some", ("about",)),
    ("circa", ("about",)),
)
_CURRENCY_BEFORE = re.compile(r"(?:\s*(?:us\$|\$|€|£|¥|₸|usd|eur|kzt|cny))?\s*\Z")
_SCALE_AFTER = re.compile(r"\s*(thousand|million|billion|trillion|bn|mln|mn|tn|trln)\b")
_SCALE_WORDS = {"bn": "billion", "mln": "million", "mn": "million", "tn": "trillion", "trln": "trillion"}
_TIME_CUES = {"in": "point", "during": "point", "since": "start", "from": "start", "by": "target", "until": "target"}
_WORD_BEFORE = re.compile(r"([a-z]+)\W*\Z")
FORECAST_CUE = re.compile(
    r"\b(?:forecasts?|forecasted|predict\w*|projected|projections?|expect(?:s|ed)?|will|shall|"
    r"(?:is|are) going to|by (?:1[89]|2\d)\d\d)\b"
)

HEDGE_CUE = re.compile(r"\b(?:can|could|may|might|possibly|perhaps|likely|probably)\b")


@dataclass(frozen=True)
class Finding:
    """One meaning rule a fact breaks: where, and the fix."""

    rule: str
    """The rule that found it: a name in RULES, or a structural rule (modality, condition, series-values)."""
    path: tuple[str | int, ...]
    """Where, inside the fact (or the knowledge base, for series-values)."""
    message: str
    """What is wrong, and the fix."""


def _cue_before(text: str, token: NumberToken) -> str:
    """The lower-cased words just before a number, with a currency symbol between them and the number dropped."""
    before = text[max(0, token.start - 40) : token.start].lower()
    match = _CURRENCY_BEFORE.search(before)
    return before[: match.start()] if match else before


def _qualifiers(text: str, token: NumberToken) -> tuple[str, tuple[str, ...]]:
    """(cue, qualifiers it allows) for the number; ("", ("exact",)) where no cue stands before it."""
    before = " " + _cue_before(text, token).rstrip()
    for cue, allowed in _QUALIFIER_CUES:
        if before.endswith(" " + cue):
            return cue, allowed
    return "", ("exact",)


def _scale(text: str, token: NumberToken) -> str:
    match = _SCALE_AFTER.match(text[token.end :].lower())
    if match is None:
        return "one"
    return _SCALE_WORDS.get(match.group(1), match.group(1))


def year_tokens(text: str, year: int) -> list[NumberToken]:
    """Where the year is written as a year: in its four digits (or however many), not as an amount ($ 2017,
    2017 billion) and not inside another number (the 3 of "$ 3 billion" is no year 3)."""
    found = []
    for token in number_tokens(text):
        if not token.digits or text[token.start : token.end] != str(year) or _scale(text, token) != "one":
            continue
        currency = _CURRENCY_BEFORE.search(text[max(0, token.start - 8) : token.start].lower())
        if currency is None or not currency.group().strip():
            found.append(token)
    return found


def _amounts(text: str, amount: int | float) -> list[NumberToken]:
    return [token for token in number_tokens(text) if amount in token.values]


def fact_findings(fact: Fact) -> list[Finding]:
    """What a fact's words contradict: modality against kind, cue words against its fields, its statement."""
    findings = _modality(fact)
    texts = [(("quotes", index, "text"), fold(quote.text)) for index, quote in enumerate(fact.quotes)]
    statement = (("statement",), fold(fact.statement))
    if fact.quantity is not None:
        findings += _quantity_cues(fact, [*texts, statement])
    if fact.time is not None:
        findings += _time_cues(fact, [*texts, statement])
    findings += _statement_numbers(fact, [text for _path, text in texts])
    findings += _kind_cues(fact, [text for _path, text in texts])
    return findings


def _a(words: str) -> str:
    """The words after "a" or "an", as they are said: "an event", "a forecast", "an asserted"."""
    return f"{'an' if words[:1] in ('a', 'e', 'i', 'o', 'u') else 'a'} {words}"


def _modality(fact: Fact) -> list[Finding]:
    found = []
    kinds = MODALITY_KINDS[fact.modality]
    if fact.kind not in kinds:
        modalities = [name for name, allowed in MODALITY_KINDS.items() if fact.kind in allowed]
        found.append(
            Finding(
                "modality",
                ("modality",),
                f"{_a(fact.kind)} cannot be {fact.modality} ({_a(fact.modality)} claim is {_a(' or '.join(kinds))}); "
                f"write modality: {' | '.join(modalities)}, or change the kind",
            )
        )
    if fact.modality == "reported" and not fact.attributed_to:
        found.append(
            Finding(
                "modality",
                ("modality",),
                'a reported claim needs `attributed_to`: who makes it ("unnamed forecasts" when the source does '
                "not say)",
            )
        )
    if fact.attributed_to and fact.modality in ("asserted", "predicted"):
        found.append(
            Finding(
                "modality",
                ("attributed_to",),
                f"{_a(fact.modality)} claim is the author's own, yet `attributed_to` names {fact.attributed_to!r}; "
                "write modality: reported, or drop attributed_to",
            )
        )
    if fact.modality == "conditional" and fact.condition is None:
        found.append(
            Finding("condition", ("modality",), "a conditional claim needs `condition`: the condition, quoted")
        )
    if fact.condition is not None:
        if fact.modality != "conditional":
            found.append(
                Finding(
                    "condition",
                    ("condition",),
                    f"a `condition` belongs to a conditional claim, this one is {fact.modality}; "
                    "write modality: conditional, or drop the condition",
                )
            )
        if not any(fold(fact.condition) in fold(quote.text) for quote in fact.quotes):
            found.append(
                Finding(
                    "condition",
                    ("condition",),
                    "the condition does not stand verbatim in the fact's quotes; quote the source's words for it",
                )
            )
    return found


def _quantity_cues(fact: Fact, texts: list[tuple[tuple[str | int, ...], str]]) -> list[Finding]:
    quantity = fact.quantity
    assert quantity is not None
    found = []
    for path, text in texts:
        tokens = _amounts(text, quantity.amount)
        if not tokens:
            continue  # an amount missing from the quotes is reported by the check; a statement's, below
        where = "the statement" if path == ("statement",) else "the quote"
        readings = [_qualifiers(text, token) for token in tokens]
        if not any(quantity.qualifier in allowed for _cue, allowed in readings):
            cue, allowed = readings[0]
            said = f"{cue!r} before {quantity.amount}" if cue else f"{quantity.amount} with no qualifier before it"
            found.append(
                Finding(
                    "qualifier-cue",
                    ("quantity", "qualifier"),
                    f"{where} gives {said}, but the qualifier is {quantity.qualifier}; "
                    f"write qualifier: {' | '.join(allowed)}" + _or_statement(path),
                )
            )
        scales = [_scale(text, token) for token in tokens]
        if quantity.scale not in scales:
            said = f"{quantity.amount} {scales[0]}" if scales[0] != "one" else f"{quantity.amount} with no scale word"
            found.append(
                Finding(
                    "scale-cue",
                    ("quantity", "scale"),
                    f"{where} gives {said}, but the scale is {quantity.scale}; write scale: {scales[0]}"
                    + _or_statement(path),
                )
            )
    return found


def _or_statement(path: tuple[str | int, ...]) -> str:
    """A statement that contradicts its fact may be what is wrong: say so."""
    return ", or fix the statement" if path == ("statement",) else ""


def _time_cues(fact: Fact, texts: list[tuple[tuple[str | int, ...], str]]) -> list[Finding]:
    time = fact.time
    assert time is not None
    found = []
    for path, text in texts:
        cues = []
        for token in year_tokens(text, time.year):
            match = _WORD_BEFORE.search(text[max(0, token.start - 30) : token.start].lower())
            word = match.group(1) if match else ""
            cues.append((word, _TIME_CUES.get(word)))
        meant = [kind for _word, kind in cues if kind is not None]
        if meant and time.kind not in meant:
            word = next(word for word, kind in cues if kind is not None)
            where = "the statement" if path == ("statement",) else "the quote"
            found.append(
                Finding(
                    "time-cue",
                    ("time", "kind"),
                    f"{where} says {word!r} {time.year}, but the time's kind is {time.kind}; write kind: {meant[0]}"
                    + _or_statement(path),
                )
            )
    return found


def _statement_numbers(fact: Fact, quotes: list[str]) -> list[Finding]:
    statement = fold(fact.statement)
    quoted = {value for text in quotes for token in number_tokens(text) for value in token.values}
    given = {value for token in number_tokens(statement) for value in token.values}
    found = []
    own = {fact.quantity.amount} if fact.quantity else set()
    own |= {fact.time.year} if fact.time else set()
    backed = quoted | own
    for token in number_tokens(statement):
        if token.digits and not token.values & backed:
            found.append(
                Finding(
                    "statement-numbers",
                    ("statement",),
                    f"the statement gives {statement[token.start : token.end]}, which neither the fact's quantity "
                    f"({quantity_text(fact.quantity) or 'none'}) nor its quotes give; say what the quotes say",
                )
            )
    if fact.quantity is not None and fact.quantity.amount not in given:
        found.append(
            Finding(
                "statement-numbers",
                ("statement",),
                f"the statement does not give the fact's amount {fact.quantity.amount} "
                f"({quantity_text(fact.quantity)}); state the figure the fact records",
            )
        )
    if fact.time is not None and not fact.time.inferred and not year_tokens(statement, fact.time.year):
        found.append(
            Finding(
                "statement-numbers",
                ("statement",),
                f"the statement does not give the fact's year {fact.time.year}; state it as the quotes do",
            )
        )
    return found


def _first_cue(cue: re.Pattern[str], texts: list[str]) -> str | None:
    """The first cue word in the texts, lower-cased, if any."""
    for text in texts:
        match = cue.search(text)
        if match is not None:
            return match.group()
    return None


def _kind_cues(fact: Fact, quotes: list[str]) -> list[Finding]:
    # Only what the fact's kind and modality ask about is looked for (most facts: one expression, or none).
    lowered = [text.lower() for text in quotes]
    cue = _first_cue(FORECAST_CUE, lowered) if fact.kind in ("forecast", "statistic") else None
    hedge = _first_cue(HEDGE_CUE, lowered) if fact.modality == "hedged" else None
    if fact.modality == "hedged" and hedge is None:
        return [
            Finding(
                "hedge-cue",
                ("modality",),
                "hedged, but its quotes say nothing may be so (can, could, may, might, ...); "
                "quote the hedging words, or write the modality the quotes give",
            )
        ]
    if fact.kind == "forecast" and cue is None and hedge is None:
        return [
            Finding(
                "forecast-cue",
                ("kind",),
                "a forecast, but its quotes have no sign of one (forecast, will, expected, by 2020, ...); "
                "quote the words that make it a forecast, or change the kind",
            )
        ]
    if fact.kind == "statistic" and cue is not None:
        return [
            Finding(
                "statistic-cue",
                ("kind",),
                f"a statistic, but its quotes read as a forecast ({cue!r}); write kind: forecast, "
                "or quote the stated figure only",
            )
        ]
    return []


def series_findings(kb: KnowledgeBase) -> list[Finding]:
    """Two different values stated for one series, year and role (a total, or a part of one): `revenue` could not
    say which holds, and an interpolation would pick one silently."""
    parts = {relation.left for relation in kb.relations if relation.kind == "part-of"}
    first: dict[tuple[str, int, str, bool], int] = {}
    found = []
    for index, fact in enumerate(kb.facts):
        if fact.series is None or fact.quantity is None or fact.time is None:
            continue
        role = "part" if fact.id in parts else "total"
        key = (fact.series, fact.time.year, role, fact.kind == "forecast")
        earlier = first.setdefault(key, index)
        other = kb.facts[earlier]
        if earlier != index and other.quantity is not None and other.quantity.value != fact.quantity.value:
            basis = "forecast" if key[3] else "stated"
            found.append(
                Finding(
                    "series-values",
                    ("facts", index, "quantity"),
                    f"series {fact.series!r} already has a {basis} {fact.time.year} {role}: {other.id} "
                    f"({quantity_text(other.quantity)}), this fact gives {quantity_text(fact.quantity)}; keep one, "
                    "give the other its own series, or declare it a part with a part-of relation",
                )
            )
    return found
