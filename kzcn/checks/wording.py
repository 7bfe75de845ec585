"""The check's reading of a claim's wording against its quotes: words that add meaning, negation, who says it, the
cues of a report, a condition and a hedge, a view's frame, and its unit (whom it names: entities.py)."""

from __future__ import annotations

import functools
import re

from kzcn.checks.entities import EntityNames, entities_named, entity_order
from kzcn.checks.meaning import FORECAST_CUE, HEDGE_CUE, Finding
from kzcn.checks.view_frame import VIEW_WORDS, view_frame_findings
from kzcn.model.records import Fact, Source
from kzcn.model.text import WORD, IndexedSource, fold

_SENTENCE_END = re.compile(r"(?<!\b[A-Z])[.!?](?=\s)")  # "N. A. Nazarbayev" ends no sentence
_NEGATION = re.compile(r"\b(?:not|no|never|neither|nor|none|nothing|without|cannot)\b|n't\b")
_REPORT_CUE = re.compile(r"\b(?:according to|believes?|believed|says?|said|claims?|claimed|reports?|reported)\b")
_CONDITION_CUE = re.compile(r"(?:^|[,;:(]\s*)if\b")
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
    return WORD.findall(text)


def wording_findings(
    fact: Fact,
    indexed: IndexedSource | None,
    names: EntityNames | None = None,
) -> list[Finding]:
    """What a claim's statement says beyond or against its quotes (a claim of a primary source: evidence facts
    summarise other sources in their own words). `indexed` is the claim's source, whose sentences around each quote
    may lend a statement its subject ("The port opens ..." of a clause that says "opening ..."); `names` says how a text
    names each entity the knowledge base names anywhere, which a statement may name only where its quotes do."""
    names = names or EntityNames(frozenset(), {})
    quotes = " ".join(fold(quote.text) for quote in fact.quotes)
    statement = fold(fact.statement)
    # Each quote's sentence, read once: its words lend the statement a subject, and the entities beside the quote
    # keep their side (entity-order).
    beside = [_in_sentence(indexed, quote.text, quote.paragraph) for quote in fact.quotes]
    context = " ".join(fold("".join(parts)) for parts in beside)
    findings = _added_words(fact, f"{quotes} {context}", statement)
    findings += _negation(quotes, statement)
    findings += view_frame_findings(fact, statement.lower())
    findings += _cues(fact, quotes.lower())
    paragraphs = " ".join(_paragraph(indexed, quote.paragraph) for quote in dict.fromkeys(fact.quotes))
    findings += entities_named(fact, statement, f"{quotes} {context}", f"{quotes} {paragraphs}", names)
    findings += entity_order(fact, statement, names, [(fold(before), fold(after)) for before, _, after in beside])
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


def _in_sentence(indexed: IndexedSource | None, quote: str, paragraph: int) -> tuple[str, str, str]:
    """The words of the sentence or sentences that hold the quote: those before it, the quote as the source prints
    it, those after it; three "" where it stands nowhere."""
    span = indexed.span_of(quote, paragraph) if indexed is not None else None
    if indexed is None or span is None:
        return "", "", ""
    whole = indexed.paragraphs[paragraph - 1]
    text = indexed.text
    start = max((match.end() for match in _SENTENCE_END.finditer(text, whole.start, span.start)), default=whole.start)
    # From the quote's last character: a quote that ends its sentence ("... cooperation.") has no words after it.
    end_match = _SENTENCE_END.search(text, max(span.start, span.end - 1), whole.end)
    return (
        text[start : span.start],
        text[span.start : span.end],
        text[span.end : end_match.end() if end_match else whole.end],
    )


def _added_words(fact: Fact, quotes: str, statement: str) -> list[Finding]:
    allowed = set(map(_stem, _words(quotes)))
    for declared in (*fact.entities, fact.attributed_to or "", fact.condition or "", *fact.topics):
        allowed.update(map(_stem, _words(declared)))
    frame = VIEW_WORDS if fact.kind == "opinion" else frozenset()  # whose view it is: "In the author's view, ..."
    added = []
    for word in _words(statement):
        lower = word.lower()
        if lower in FUNCTION_WORDS or lower.replace("’", "'") in frame or _stem(word) in allowed or word in added:
            continue
        added.append(word)
    findings, added = _excused_words(fact, added)
    if not added:
        return findings
    return [
        *findings,
        Finding(
            "statement-words",
            ("statement",),
            f"the statement says {', '.join(repr(word) for word in added)}, which no quote says (nor the sentence "
            "it stands in, nor the fact's entities, topics, attribution or condition); say only what the quotes "
            "say, or quote the words that say it",
        ),
    ]


def _excused_words(fact: Fact, added: list[str]) -> tuple[list[Finding], list[str]]:
    """The words an exception to statement-words names, taken off the words the statement adds; a word it names that
    the statement does not add is a finding of its own (the exception would excuse that word when it came later)."""
    findings = []
    for number, exemption in enumerate(fact.exceptions):
        if exemption.rule != "statement-words" or not exemption.words:
            continue
        # Whole words, as written: "state" excuses neither "statesman" nor "statement".
        adds = {word.lower() for word in added}
        needless = [word for word in exemption.words if word.lower() not in adds]
        if needless:
            findings.append(
                Finding(
                    "statement-words",
                    ("exceptions", number, "words"),
                    f"the exception names {', '.join(repr(word) for word in needless)}, which the statement does not "
                    "add to its quotes; name only the words it adds",
                )
            )
        excused = {word.lower() for word in exemption.words}
        added = [word for word in added if word.lower() not in excused]
    return findings, added


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


def _paragraph(indexed: IndexedSource | None, number: int) -> str:
    """The paragraph a quote stands in, folded (as the source keeps it normalised); "" where the source has none."""
    if indexed is None or not 0 < number <= len(indexed.paragraphs):
        return ""
    return indexed.normalised[number - 1][0]


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
