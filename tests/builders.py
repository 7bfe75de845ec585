"""Builders for tests: records, knowledge bases and their YAML data, each valid as it comes, changed by keyword."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from typing import Any

import yaml

from kzcn.model.document import Block, Document, Mark, Note
from kzcn.model.records import Fact, KnowledgeBase, Quote, Source
from kzcn.model.result import WHOLE, WORDS, Bar, Chart, Field, Result

ARTICLE = (
    "Trade between the two countries grew quickly. In 2017 the port handled 40 trains.\n"
    "\n"
    "Officials say the “new corridor” earned $ 2 billion in 2017 (of which $ 0.5 billion came from transit).\n"
    "\n"
    "By 2020 income will rise to $ 4 billion, according to forecasts. More than 10 cities are served."
)
"""The article of every default knowledge base: three paragraphs with figures, a forecast, a bound and a view."""

TRADE_GREW = "Trade between the two countries grew quickly."
"""ARTICLE's first sentence (paragraph 1), the words a default fact quotes."""

# libyaml's dumper when present: the same text as PyYAML's pure-Python one, several times faster.
DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump(data: Any) -> str:
    """YAML text for plain data, keys in order and Unicode as is: what the write_kb fixture writes."""
    text: str = yaml.dump(data, Dumper=DUMPER, sort_keys=False, allow_unicode=True)
    return text


def sha256(text: str) -> str:
    """The fingerprint a source's `sha256:` must hold for `text`."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fingerprinted(changes: dict[str, Any]) -> dict[str, Any]:
    """A source's `changes`, with the fingerprint of a changed text unless they give one (None for no text)."""
    if "text" in changes and "sha256" not in changes:
        return changes | {"sha256": None if changes["text"] is None else sha256(changes["text"])}
    return changes


# -- records (kzcn.model.records) ----------------------------------------------------------------------------------


def quote(**changes: Any) -> Quote:
    """A quote of ARTICLE's first sentence, from paragraph 1."""
    return replace(Quote(paragraph=1, text=TRADE_GREW), **changes)


SOURCE = Source(
    id="doc",
    kind="article",
    title=None,
    author=None,
    publisher=None,
    published=None,
    language="en",
    url=None,
    view_count=None,
    notes=None,
    text=ARTICLE,
    sha256=sha256(ARTICLE),
)
"""What source() changes: the article, in English, with its text and fingerprint and nothing else known."""


def source(**changes: Any) -> Source:
    """The primary source `doc` with ARTICLE as its text; a changed `text` brings its own fingerprint unless `sha256`
    is given too (None where the text is None)."""
    changes = fingerprinted(changes)
    return replace(SOURCE, **changes)


FACT = Fact(
    id="trade-grew",
    statement="Trade grew quickly.",
    kind="statistic",
    modality="asserted",
    topics=(),
    entities=(),
    source="doc",
    quotes=(quote(),),
)
"""What fact() changes: a statistic of doc, valid against SOURCE (its quote is in ARTICLE)."""


def fact(**changes: Any) -> Fact:
    """An asserted statistic of `doc` with no figure and no year, quoting ARTICLE's first sentence; unless given,
    its statement is its first quote's words, as the check's wording rules ask."""
    quotes = changes.get("quotes", FACT.quotes)
    changes.setdefault("statement", quotes[0].text if quotes else FACT.statement)
    return replace(FACT, **changes)


def knowledge_base(**changes: Any) -> KnowledgeBase:
    """The default source and the default fact, read from kb.yaml."""
    return replace(KnowledgeBase(sources=(source(),), facts=(fact(),), path="kb.yaml"), **changes)


# -- results (kzcn.model.result) -----------------------------------------------------------------------------------


def result(**changes: Any) -> Result:
    """A result with no fields and no records: what a document or a fact sheet alone is given."""
    return replace(Result(fields=(), records=()), **changes)


TABLE = Result(
    fields=(
        Field("id", "Id", shape=WHOLE),
        Field("statement", "Statement"),
        Field("paragraphs", "Paragraphs", item_prefix="¶", joiner=", "),
        Field("checked", "Checked"),
        Field("year", "Year", missing="unknown", shape=WORDS),
        Field("attribution", "Attributed to", footnote=True),
    ),
    records=(
        {
            "id": "port-trains",
            "statement": "Trains.",
            "paragraphs": [1, 2],
            "checked": True,
            "year": 2017,
            "attribution": "the port's <report>",
        },
        {"id": "cities", "statement": "Cities.", "paragraphs": [], "checked": False, "year": None, "attribution": None},
        {
            "id": "income",
            "statement": "Income.",
            "paragraphs": [3],
            "checked": False,
            "year": 2020,
            "attribution": ["forecasts", "officials"],
        },
    ),
    table_fields=("id", "paragraphs", "checked", "year", "attribution"),
    title="Facts <all>",
    legends=(("year", "Years are calendar years."), ("statement", "Statements are the knowledge base's words.")),
    notes=("A note & more.",),
    chart=Chart(bars=(Bar("a", 1.0, "solid", "1"),), legend=(("solid", "stated"),)),
)
"""Three facts' records under a title with markup to escape, a footnote column, list and missing values,
legends, a note and a chart: the table the formats made for reading are tested on."""


def annotated_document(*, second: Block, language: str = "en") -> Document:
    """An annotated article: paragraph 1 with an opinion, a statistic (the focus) and a span of a style the legend
    does not name inside it, then `second`, then paragraph 3 that no fact quotes."""
    first = Block(
        1,
        "Trade grew. In 2017 the port handled 40 trains.",
        marks=(Mark(0, 11, 1, "opinion"), Mark(12, 47, 2, "statistic", focus=True), Mark(27, 47, 3, "weird")),
        notes=(
            Note(1, "trade-grew", "opinion", "opinion: Trade grew."),
            Note(2, "trains-2017", "statistic", "statistic <40>"),
            Note(3, "odd", "weird", "odd one"),
        ),
    )
    return Document(
        title="article (en)",
        language=language,
        blocks=(first, second, Block(3, "No quotes here.", marks=(), notes=())),
        legend=(("statistic", "S", "a figure"), ("opinion", "O", "a view <x>")),
    )


RECORD_FIELDS = (
    Field("id", "Id", shape=WHOLE),
    Field("paragraphs", "Paragraphs", item_prefix="¶", joiner=", "),
    Field("year", "Year", missing="unknown", flag="guess", flag_text=" (a guess)"),
    Field("checked", "Checked"),
)
"""The fields of one thing's sheet: an id, a list, a flagged year with its missing text, and a boolean."""


# -- knowledge-base files, as the plain data `dump` writes ---------------------------------------------------------


def source_data(**changes: Any) -> dict[str, Any]:
    """A source item of a knowledge-base file: `doc`, an English article of ARTICLE; a changed `text` brings its own
    fingerprint unless `sha256` is given too."""
    changes = fingerprinted(changes)
    data: dict[str, Any] = {"id": "doc", "kind": "article", "title": None, "author": None, "published": None,
                            "language": "en", "text": ARTICLE, "sha256": sha256(ARTICLE)}  # fmt: skip
    return data | changes


def fact_data(**changes: Any) -> dict[str, Any]:
    """A fact item of a knowledge-base file: an event of `doc` with no figure and no year, quoting ARTICLE's first
    sentence from paragraph 1."""
    data: dict[str, Any] = {"id": "happened", "statement": "Trade grew quickly.", "kind": "event",
                            "modality": "asserted", "topics": ["trade"], "entities": [], "source": "doc",
                            "quotes": [{"paragraph": 1, "text": TRADE_GREW}]}  # fmt: skip
    return data | changes


def listing(item: dict[str, Any], *entities: str) -> dict[str, Any]:
    """A fact item of a knowledge-base file made to list entities its quotes never name (hostile names, names with
    quotes and spaces), excepted from the entity-named rule with the reason."""
    item["entities"] = list(entities)
    reason = "entities made up to see how kzcn shows and completes them; no quote names them"
    item["exceptions"] = [*item.get("exceptions", []), {"rule": "entity-named", "reason": reason}]
    return item


def small_kb(**changes: Any) -> dict[str, Any]:
    """A valid knowledge base of six facts over ARTICLE, as plain data; `changes` replace top-level keys."""
    data: dict[str, Any] = {
        "kzcn": 1,
        "sources": [
            {
                "id": "doc",
                "kind": "article",
                "title": None,
                "author": None,
                "published": None,
                "language": "en",
                "view_count": 7,
                "text": ARTICLE,
                "sha256": sha256(ARTICLE),
            }
        ],
        "facts": [
            {
                "id": "trains-2017",
                "statement": "The port handled 40 trains in 2017.",
                "kind": "statistic",
                "modality": "asserted",
                "topics": ["transport"],
                "entities": ["Port"],
                "time": {"year": 2017, "kind": "point"},
                "quantity": {"amount": 40, "unit": "trains"},
                "source": "doc",
                "quotes": [{"paragraph": 1, "text": "In 2017 the port handled 40 trains."}],
            },
            {
                "id": "income-2017",
                "statement": "The corridor earned $2 billion in 2017.",
                "kind": "statistic",
                "modality": "asserted",
                "topics": ["transport", "trade"],
                "entities": ["Corridor"],
                "time": {"year": 2017},
                "quantity": {"amount": 2, "unit": "USD", "scale": "billion"},
                "series": "transport-income",
                "source": "doc",
                "quotes": [{"paragraph": 2, "text": 'the "new corridor" earned $ 2 billion in 2017'}],
            },
            {
                "id": "income-transit-2017",
                "statement": "$0.5 billion of the 2017 earnings came from transit.",
                "kind": "statistic",
                "modality": "asserted",
                "topics": ["transport"],
                "entities": ["Corridor"],
                "time": {"year": 2017},
                "quantity": {"amount": 0.5, "unit": "USD", "scale": "billion"},
                "series": "transport-income",
                "source": "doc",
                "quotes": [{"paragraph": 2, "text": "in 2017 (of which $ 0.5 billion came from transit)"}],
            },
            {
                "id": "income-forecast-2020",
                "statement": "Income is forecast to rise to $4 billion by 2020.",
                "kind": "forecast",
                "modality": "reported",
                "topics": ["transport"],
                "entities": ["Corridor"],
                "time": {"year": 2020, "kind": "target"},
                "quantity": {"amount": 4, "unit": "USD", "scale": "billion"},
                "series": "transport-income",
                "attributed_to": "unnamed forecasts",
                "source": "doc",
                "quotes": [
                    {"paragraph": 3, "text": "By 2020 income will rise to $ 4 billion, according to forecasts."}
                ],
            },
            {
                "id": "cities-served",
                "statement": "More than 10 cities are served.",
                "kind": "statistic",
                "modality": "asserted",
                "topics": ["trade"],
                "entities": ["Europe"],
                "quantity": {"amount": 10, "unit": "cities", "qualifier": "more-than"},
                "source": "doc",
                "quotes": [{"paragraph": 3, "text": "More than 10 cities are served."}],
            },
            {
                "id": "trade-grew",
                "statement": "In the author's view, trade grew quickly.",
                "kind": "opinion",
                "modality": "asserted",
                "topics": ["trade"],
                "entities": [],
                "source": "doc",
                "quotes": [{"paragraph": 1, "text": TRADE_GREW}],
            },
        ],
        "relations": [
            {"id": "transit-within-income", "kind": "part-of", "part": "income-transit-2017", "whole": "income-2017"},
            {"id": "income-rises", "kind": "increase", "from": "income-2017", "to": "income-forecast-2020"},
        ],
        "derived": [
            {
                "id": "transit-share-2017",
                "label": "Transit share of 2017 income",
                "operation": "share",
                "series": "transport-income",
                "comparable": 'The article gives the transit part as "of which" the corridor\'s earnings.',
                "inputs": {"part": "income-transit-2017", "whole": "income-2017"},
            },
            {
                "id": "income-other-2017",
                "label": "2017 income other than transit",
                "operation": "remainder",
                "series": "transport-income",
                "comparable": 'The article gives the transit part as "of which" the corridor\'s earnings.',
                "inputs": {"whole": "income-2017", "part": "income-transit-2017"},
            },
            {
                "id": "income-growth",
                "label": "Yearly growth to 2020",
                "operation": "annual-growth",
                "series": "transport-income",
                "comparable": "The article sets the earnings and the forecast income side by side.",
                "inputs": {"from": "income-2017", "to": "income-forecast-2020"},
            },
        ],
        # The names ARTICLE gives the facts' entities besides their own (the entity-named rule): the corridor's income,
        # the served cities.
        "aliases": {"Corridor": ["income"], "Europe": ["cities are served"]},
    }
    data.update(changes)
    return data


def repeated_kb_text(copies: int, *, series: bool = True) -> str:
    """small_kb's six facts `copies` times under fresh ids (trains-2017-n0, ...), with no relations or derived
    figures, as YAML text; without `series`, so that the copies' totals do not clash and the check passes."""
    data = small_kb(relations=[], derived=[])
    for fact in data["facts"]:
        if not series:
            fact.pop("series", None)
        for quote in fact["quotes"]:
            quote["shared"] = "a generated copy"  # the copies quote their originals' words, declared as check asks
    facts = dump({"facts": data.pop("facts")}).removeprefix("facts:\n")
    copied = "".join(re.sub(r"^- id: (\S+)$", rf"- id: \1-n{number}", facts, flags=re.M) for number in range(copies))
    return dump(data) + "facts:\n" + copied


EVIDENCE_PAGE = "The port handled 38 trains in 2017.\n\nIncome reached $ 1.9 billion in 2017.\n\nTen cities, it says."
"""The text of page_kb's evidence page: three paragraphs."""


def page_kb() -> dict[str, Any]:
    """small_kb's six claims and their relations and derived figures; an evidence page with three facts, two cited by
    reviews (of trains-2017 and income-2017) and one by none; a comparison and a derived figure across the two."""
    data = small_kb()
    data["sources"].append(
        {"id": "page", "kind": "news-article", "role": "evidence", "title": None, "author": None,
         "publisher": "Example News", "published": "2018-01-02", "url": "https://example.org/page",
         "text": EVIDENCE_PAGE, "sha256": sha256(EVIDENCE_PAGE)}
    )  # fmt: skip
    data["facts"] += [
        {"id": "page-trains-2017", "statement": "The port handled 38 trains in 2017.", "kind": "statistic",
         "topics": ["transport"], "entities": ["Port"], "time": {"year": 2017},
         "quantity": {"amount": 38, "unit": "trains"}, "modality": "asserted", "source": "page",
         "quotes": [{"paragraph": 1, "text": "The port handled 38 trains in 2017."}]},
        {"id": "page-income-2017", "statement": "Income reached $1.9 billion in 2017.", "kind": "statistic",
         "topics": ["transport"], "entities": ["Corridor"], "time": {"year": 2017},
         "quantity": {"amount": 1.9, "unit": "USD", "scale": "billion"}, "measure": "income", "modality": "asserted",
         "source": "page", "quotes": [{"paragraph": 2, "text": "Income reached $ 1.9 billion in 2017."}]},
        {"id": "page-cities", "statement": "Ten cities are served.", "kind": "statistic", "topics": ["trade"],
         "entities": ["Europe"], "quantity": {"amount": 10, "unit": "cities"}, "modality": "asserted",
         "source": "page", "quotes": [{"paragraph": 3, "text": "Ten cities, it says."}],
         "kept_because": "A page's count no review cites yet."},
    ]  # fmt: skip
    data["derived"].append(
        {"id": "income-gap-2017", "label": "The article's 2017 income less the page's", "operation": "remainder",
         "inputs": {"whole": "income-2017", "part": "page-income-2017"}}
    )  # fmt: skip
    data["reviews"] = [
        {"claim": "trains-2017", "verdict": "contradicted", "summary": "The page gives 38 trains, not 40.",
         "evidence": [{"fact": "page-trains-2017", "bearing": "contradicts"}]},
        {"claim": "income-2017", "verdict": "not-supported", "summary": "A page gives $1.9 billion.",
         "evidence": [{"fact": "page-income-2017", "bearing": "qualifies"}]},
        {"claim": "trade-grew", "verdict": "not-checkable", "summary": "An opinion."},
    ]  # fmt: skip
    data["comparisons"] = [
        {"id": "income-2017-vs-page", "facts": ["income-2017", "page-income-2017"], "comparable": True,
         "reason": "Both are the corridor's 2017 income in dollars."},
    ]  # fmt: skip
    return data


LONG_WORD = "Ünbroken" + "x" * 300
"""A word no line of a phone can hold."""


def hostile_kb() -> dict[str, Any]:
    """page_kb with everything a page must show safely: markup, a right-to-left override and control characters
    in free text, a word longer than any screen, a non-http address and one that tries to break out of an attribute,
    a page in Russian; it passes `kzcn check`, as a knowledge base someone sends may."""
    data = page_kb()
    data["report"] = {
        "title": f"<script>alert('t')</script> & {LONG_WORD}",
        "lead": "A lead with \u202eevil\u202c text, a tab\tand <b>markup</b>.",
    }
    page = data["sources"][-1]
    page.update(
        title="Страница <i>", publisher="<script>alert(1)</script>", language="ru",
        url='https://example.org/a_b?x="><script>alert(2)</script>&y=' + "z" * 200,
    )  # fmt: skip
    data["sources"][0]["notes"] = f"Notes: {LONG_WORD} \u0007 \u001b[31m"
    data["reviews"][0]["summary"] = f"A page gives 38 trains <img src=x onerror=alert(3)>; {LONG_WORD}."
    data["reviews"][0]["evidence"][0]["note"] = "javascript:alert(4)"
    data["reviews"][1]["summary"] = "Right-to-left \u202egnp.exe\u202c and an emoji :smile: [bold]x[/bold]."
    return data
