"""The check's reading of a claim's wording against its quotes: words that add meaning, negation, who says it, the
cues of a report, a condition and a hedge, the order of its entities, and its unit."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from kzcn.checks.meaning import FORECAST_CUE, HEDGE_CUE, Finding
from kzcn.model.records import Fact, Source
from kzcn.model.text import IndexedSource, fold

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])[.!?](?=\s)")  # "N. A. Nazarbayev" ends no sentence
_NEGATION = re.compile(r"\b(?:not|no|never|neither|nor|none|nothing|without|cannot)\b|n't\b")
_REPORT_CUE = re.compile(r"\b(?:according to|believes?|believed|says?|said|claims?|claimed|reports?|reported)\b")
_CONDITION_CUE = re.compile(r"(?:^|[,;:(]\s*)if\b")
_VIEW = re.compile(
    r"\bin (?:the |their |his |her |its |our |my |[\w'-]+'s )?(?:[\w-]+'s )?(?:view|opinion)\b"
    r"|\b(?:holds?|held|believes?|believed|thinks?|thought|considers?|argues?|argued)\b"
)
"""How a statement says that it gives a view ("In the author's view, ...", "as some groups believe"), on folded,
lower-cased text."""
VIEW_WORDS = frozenset(
    {"author", "view", "opinion", "hold", "held", "believe", "think", "thought", "consider", "argue"}
)
"""The words of a view's frame, which an opinion's statement may add to its quotes' words."""
_UNNAMED = frozenset({"unnamed", "anonymous", "unspecified", "unidentified", "the", "a", "an", "of", "in", "some"})
_CURRENCY_WORDS = {
    "USD": ("$", "dollar", "usd"),
    "KZT": ("tenge", "kzt", "₸", "тенге", "тг"),
    "EUR": ("€", "euro", "eur"),
    "CNY": ("yuan", "renminbi", "cny", "¥"),
    "RUB": ("ruble", "rouble", "rub", "руб"),
}
FUNCTION_WORDS = frozenset(
    """a an the and or but if of in on at by for from to with within into onto over under about as than then that
    this these those it its it's they their them there here is are was were be been being has have had do does
    did will would shall should can could may might must not no so also too very more most much many some any
    all each both which who whom whose what when where why how i we us our you your he she his her one ones new
    now just only after before since until during while because through throughout between among against per via
    etc already still yet even again ever further finally really""".split()  # noqa: SIM905 - words read best as words
)
"""Words that carry no claim of their own: a statement may use them whatever its quotes say."""


@functools.lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """A word's first five letters, lower-cased, once an ending (-ing, -ed, -es, -s) is off: enough to match
    "exporters" with "export", "earnings" with "earned", "neighbour" with "neighbor", and not "hostile" with "host"."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    for _ in range(2):
        for ending in ("ing", "ed", "es", "s"):
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                word = word[: -len(ending)]
                break
    return word[:5]


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def wording_findings(
    fact: Fact,
    indexed: IndexedSource | None,
    aliases: dict[str, tuple[str, ...]] | None = None,
    known: frozenset[str] = frozenset(),
) -> list[Finding]:
    """What a claim's statement says beyond or against its quotes (a claim of a primary source: evidence facts
    summarise other sources in their own words). `indexed` is the claim's source, whose sentences around each quote
    may lend a statement its subject ("The port opens ..." of a clause that says "opening ..."); `known` are the
    entities the knowledge base names anywhere, which a statement may name only where its quotes do."""
    quotes = " ".join(fold(quote.text) for quote in fact.quotes)
    statement = fold(fact.statement)
    context = " ".join(_sentences_around(indexed, quote.text, quote.paragraph) for quote in fact.quotes)
    findings = _added_words(fact, f"{quotes} {context}", statement)
    findings += _negation(quotes, statement)
    findings += _view_frame(fact, statement.lower())
    findings += _cues(fact, quotes.lower())
    paragraphs = " ".join(_paragraph(indexed, quote.paragraph) for quote in dict.fromkeys(fact.quotes))
    findings += _entities_named(fact, statement, f"{quotes} {context}", f"{quotes} {paragraphs}", aliases or {}, known)
    beside = [_in_sentence(indexed, quote.text, quote.paragraph) for quote in fact.quotes]
    findings += _entity_order(
        fact, statement, aliases or {}, [(fold(before), fold(after)) for before, _, after in beside]
    )
    findings += _unit(fact, quotes)
    return findings


def attribution_findings(fact: Fact, source: Source | None) -> list[Finding]:
    """`attributed_to` names who the quotes or the source say makes the claim, or an unnamed form they support."""
    if not fact.attributed_to:
        return []
    quoted = {_stem(word) for quote in fact.quotes for word in _words(fold(quote.text))}
    if source is not None:
        metadata = " ".join(filter(None, (source.title, source.author, source.publisher, source.notes)))
        quoted |= {_stem(word) for word in _words(metadata)}
    missing = [
        word
        for word in _words(fact.attributed_to)
        if word.lower() not in _UNNAMED | FUNCTION_WORDS and _stem(word) not in quoted and len(word) > 1
    ]
    if not missing:
        return []
    return [
        Finding(
            "attribution-cue",
            ("attributed_to",),
            f"attributed to {fact.attributed_to!r}, but {', '.join(repr(word) for word in missing)} stands in no "
            "quote and not in the source's title, author, publisher or notes; name whom the quotes name, or an "
            "unnamed form they support ('unnamed forecasts')",
        )
    ]


def _sentences_around(indexed: IndexedSource | None, quote: str, paragraph: int) -> str:
    """The sentence or sentences of the source that hold the quote, folded; "" where it stands nowhere."""
    before, within, after = _in_sentence(indexed, quote, paragraph)
    return fold(before + within + after)


def _in_sentence(indexed: IndexedSource | None, quote: str, paragraph: int) -> tuple[str, str, str]:
    """The words of the sentence or sentences that hold the quote: those before it, the quote as the source prints
    it, those after it; three "" where it stands nowhere."""
    span = indexed.span_of(quote, paragraph) if indexed is not None else None
    if indexed is None or span is None:
        return "", "", ""
    whole = indexed.paragraphs[paragraph - 1]
    text = indexed.text
    start = max((match.end() for match in _SENTENCE_END.finditer(text, whole.start, span.start)), default=whole.start)
    end_match = _SENTENCE_END.search(text, span.end, whole.end)
    return (
        text[start : span.start],
        text[span.start : span.end],
        text[span.end : end_match.end() if end_match else whole.end],
    )


def _added_words(fact: Fact, quotes: str, statement: str) -> list[Finding]:
    allowed = {_stem(word) for word in _words(quotes)}
    for declared in (*fact.entities, fact.attributed_to or "", fact.condition or "", *fact.topics):
        allowed |= {_stem(word) for word in _words(declared)}
    if fact.kind == "opinion":
        allowed |= {_stem(word) for word in VIEW_WORDS}  # whose view it is: "In the author's view, ..."
    added = []
    for word in _words(statement):
        if word.lower() in FUNCTION_WORDS or _stem(word) in allowed or word in added:
            continue
        added.append(word)
    if not added:
        return []
    return [
        Finding(
            "statement-words",
            ("statement",),
            f"the statement says {', '.join(repr(word) for word in added)}, which no quote says (nor the sentence "
            "it stands in, nor the fact's entities, topics, attribution or condition); say only what the quotes "
            "say, or quote the words that say it",
        )
    ]


def _view_frame(fact: Fact, statement: str) -> list[Finding]:
    """An opinion's statement says whose view it is, so that it never reads as a stated fact wherever the statement
    travels alone (a table's column, a JSON field, a search hit); a stated fact's statement gives no view."""
    view = _VIEW.search(statement)
    if fact.kind == "opinion" and view is None:
        return [
            Finding(
                "opinion-frame",
                ("statement",),
                'an opinion worded as a stated fact; say whose view it is ("In the author\'s view, ...", "as some '
                'groups believe"), or make the claim the fact it states with the kind that fits',
            )
        ]
    if fact.kind in ("event", "statistic") and view is not None:
        return [
            Finding(
                "opinion-frame",
                ("kind",),
                f"{'an' if fact.kind == 'event' else 'a'} {fact.kind} whose statement gives a view "
                f"({view.group()!r}); a view is an opinion: write kind: "
                "opinion, or state the fact without the view",
            )
        ]
    return []


def _negation(quotes: str, statement: str) -> list[Finding]:
    said, stated = len(_NEGATION.findall(quotes.lower())), len(_NEGATION.findall(statement.lower()))
    if said % 2 == stated % 2:
        return []
    return [
        Finding(
            "negation",
            ("statement",),
            f"the statement holds {stated} negation(s) and its quotes {said}: one of them says the opposite of the "
            "other; state what the quotes state",
        )
    ]


def _cues(fact: Fact, quotes: str) -> list[Finding]:
    found = []
    report = _REPORT_CUE.search(quotes)
    if report and fact.modality != "reported":
        found.append(
            Finding(
                "reported-cue",
                ("modality",),
                f"the quotes attribute the claim ({report.group()!r}), but the modality is {fact.modality}; "
                "write modality: reported with attributed_to, and keep the attribution in the statement",
            )
        )
    if _CONDITION_CUE.search(quotes) and fact.modality != "conditional":
        found.append(
            Finding(
                "conditional-cue",
                ("modality",),
                f"the quotes hold a condition ('if ...'), but the modality is {fact.modality}; write modality: "
                "conditional with the condition quoted, and keep it in the statement",
            )
        )
    forecast = FORECAST_CUE.search(quotes)
    if forecast and fact.kind == "opinion":
        found.append(
            Finding(
                "opinion-forecast-cue",
                ("kind",),
                f"an opinion, but its quotes predict ({forecast.group()!r}); a claim about what will happen is its "
                "own fact of kind forecast, never folded into an opinion",
            )
        )
    hedge = HEDGE_CUE.search(quotes)
    if hedge and fact.kind == "forecast" and fact.modality == "predicted":
        found.append(
            Finding(
                "hedge-lost",
                ("modality",),
                f"the quotes hedge ({hedge.group()!r}), but the forecast is predicted outright; restore the hedge: "
                "modality: hedged, and keep it in the statement",
            )
        )
    return found


def _entities_named(
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


def _paragraph(indexed: IndexedSource | None, number: int) -> str:
    """The paragraph a quote stands in, folded; "" where the source has none such."""
    if indexed is None or not 0 < number <= len(indexed.paragraphs):
        return ""
    whole = indexed.paragraphs[number - 1]
    return fold(indexed.text[whole.start : whole.end])


def _names(entity: str, text: str, aliases: dict[str, tuple[str, ...]]) -> bool:
    """True when the text names the entity, by its name or a declared alias."""
    return any(_at(name, text) >= 0 for name in _spellings(entity, aliases) if name[1:4] in text)


def _spellings(entity: str, aliases: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The entity's name and declared aliases, folded as the texts they are sought in are (’ as ')."""
    return _folded((entity, *aliases.get(entity, ())))


@functools.lru_cache(maxsize=4096)
def _folded(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(fold(name) for name in names)


def _entity_order(
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
    # Each quote, and all of them in their order: "If China is expelled" ... "Kazakhstan will" spans two quotes.
    for text in (*(fold(quote.text) for quote in fact.quotes), " ".join(fold(quote.text) for quote in fact.quotes)):
        in_quote = places(text)
        named = [entity for entity in fact.entities if entity in in_quote and entity in in_statement]
        for index, first in enumerate(named):
            for second in named[index + 1 :]:
                if (in_quote[first] < in_quote[second]) != (in_statement[first] < in_statement[second]):
                    return [_out_of_order(first, second, "the quote")]
    return _sentence_order(fact, in_statement, beside, places)


def _sentence_order(
    fact: Fact,
    in_statement: dict[str, int],
    beside: list[tuple[str, str]],
    places: Callable[[str], dict[str, int]],
) -> list[Finding]:
    """An entity of the statement that no quote names but the sentence of one does, on one side of it only, keeps
    that side in the statement relative to each entity the quote names."""
    quoted = {entity for quote in fact.quotes for entity in places(fold(quote.text))}
    for quote, (before, after) in zip(fact.quotes, beside, strict=True):
        inside = [entity for entity in places(fold(quote.text)) if entity in in_statement]
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
    match = _naming(entity).search(text)
    return match.start() if match else -1


def _unit(fact: Fact, quotes: str) -> list[Finding]:
    if fact.quantity is None:
        return []
    unit = fact.quantity.unit
    lowered = quotes.lower()
    if unit in _CURRENCY_WORDS:
        printed = any(word in lowered for word in _CURRENCY_WORDS[unit])
    else:
        stems = {_stem(word) for word in _words(quotes)}
        printed = any(_stem(word) in stems for word in _words(unit) if len(word) > 2)
    if printed:
        return []
    return [
        Finding(
            "unit-cue",
            ("quantity", "unit"),
            f"the unit {unit} is printed in no quote; quote the words that give it, or record the unit they give",
        )
    ]
