"""Every registered format against every shape of result and hostile text: the rules a new format must keep.

The formats come from the registry (`Format` and `renderer_of` in kzcn/render/options.py), never from a list here,
so a format added there is held to these rules without anyone naming it.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

import pytest

from builders import ARTICLE, dump, sha256, small_kb
from conftest import REPO
from kzcn.kb.load import parse_knowledge_base
from kzcn.model.document import Block, Document, Mark, Note
from kzcn.model.records import KnowledgeBase
from kzcn.model.result import WHOLE, Bar, Chart, Context, Field, Result, Section
from kzcn.queries.article import annotate
from kzcn.queries.facts import list_facts, show_fact
from kzcn.queries.figures import revenue
from kzcn.queries.overview import list_sources, stats
from kzcn.queries.report import report
from kzcn.queries.reviews import list_reviews
from kzcn.queries.totals import totals
from kzcn.render import DelimitedOptions, Format, RenderOptions, render, renderer_of

FORMATS = list(Format)
"""Every format `--format` accepts, from the registry itself."""

HOSTILE = (
    "esc \x1b[2J\x1b]0;title\x07 \x1b[31mred\x1b[0m",
    "c1 \x9b31m \x85 \x90dcs\x9c",
    "bidi \u202eevil\u202c \u202d \u2066isolate\u2069 \u2067\u2068 \u200e\u200f \u061c \u202a\u202b",
    "zero\u200bwidth\u200cnon\u200djoiner\u2060word\ufeffmark",
    "nul \x00 del \x7f bs \x08 cr \r vt \x0b ff \x0c",
    "line\u2028separator\u2029paragraph",
    "w" * 3000,
    "=cmd|' /C calc'!A0",
    "+SUM(A1) -2+3 @SUM(A1) \uff1d1+1",
    '<script>alert(1)</script> <img src=x onerror="alert(1)"> &amp;',
    "[link](javascript:alert(1)) **bold** _em_ `code` | pipe | # heading > quote $x$ ~~s~~ ^[n] <b>",
    "[bold red]rich markup[/] :smile: [link=http://x]x[/link]",
)
"""Text a knowledge base may hold that a careless format would pass on: terminal escapes, C1 controls, bidirectional
controls, zero-width characters, NUL, a 3,000-character word, and formula, HTML, Markdown and Rich injection."""

HOSTILE_TEXT = " ".join(HOSTILE)

_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def raw_controls(text: str) -> list[str]:
    """The characters a terminal acts on or that reorder a line, as they stand in `text`: control characters (but
    the tab and line feed every text format may use), line and paragraph separators, and bidirectional controls."""
    found = {
        char
        for char in text
        if (unicodedata.category(char) == "Cc" and char not in "\t\n")
        or unicodedata.category(char) in ("Zl", "Zp")
        or char in _BIDI_CONTROLS
    }
    return sorted(f"U+{ord(char):04X}" for char in found)


_SGR = re.compile(r"\x1b\[[0-9;]*m")
"""A style (colour, bold): the one escape sequence a format may write itself, and only when asked for colour."""


@dataclass(frozen=True)
class ReadBack:
    """How the tests read an exact format back, and what each text must read back as."""

    rows: Callable[[str], list[dict[str, str]]]
    """The records the output holds, each field's text by key."""
    text: Callable[[str], str]
    """What a text value reads back as (CSV: NUL, which it cannot carry, as the four characters \\x00)."""


READ_BACK = {
    Format.csv: ReadBack(
        rows=lambda text: list(csv.DictReader(io.StringIO(text, newline=""))),
        text=lambda value: value.replace("\x00", "\\x00"),
    ),
}
"""The exact formats (renderer_of(...).exact): text goes out unescaped, so it must come back exactly instead."""


# Results built from small knowledge bases with the queries, and results built directly: every shape a renderer gets.


def hostile_kb() -> KnowledgeBase:
    """small_kb with hostile text wherever a knowledge base holds free text: a statement, entities, notes, a
    source's title and a paragraph of its text, a derived figure's label."""
    text = ARTICLE + "\n\n" + HOSTILE_TEXT
    data = small_kb()
    source = data["sources"][0]
    source.update(title=HOSTILE_TEXT, text=text, sha256=sha256(text))
    opinion = data["facts"][5]
    opinion.update(statement=HOSTILE_TEXT, entities=list(HOSTILE), note=HOSTILE_TEXT)
    opinion["exceptions"] = [
        {"rule": "statement-numbers", "reason": "the digits of the escape sequences"},
        {"rule": "statement-words", "reason": "hostile words, written as an attacker writes them"},
        {"rule": "entity-named", "reason": "hostile entities, which the quote of plain words never names"},
        {"rule": "opinion-frame", "reason": "hostile text in place of a statement, with no view's frame"},
    ]
    data["facts"][1]["note"] = HOSTILE_TEXT
    data["derived"][0]["label"] = HOSTILE[0]
    return parse_knowledge_base("hostile.yaml", dump(data))


TEXT = Field("text", "Text")
ID = Field("id", "ID", shape=WHOLE)


def _records(prefix: str) -> tuple[dict[str, Any], ...]:
    return tuple(
        {"id": f"{prefix}-{number}", "text": text, "items": [text, {"paragraph": number, "text": text}], "amount": -2}
        for number, text in enumerate(HOSTILE, start=1)
    )


def _flat(prefix: str) -> Result:
    fields = (
        ID,
        TEXT,
        Field("items", "Items", item_prefix="¶", item_format="¶{paragraph}: {text}"),
        Field("amount", "Amount", shape=WHOLE),
    )
    return Result(
        fields=fields,
        records=_records(prefix),
        title=HOSTILE_TEXT,
        notes=(HOSTILE_TEXT,),
        legends=(("text", HOSTILE[1]),),
        highlight=(HOSTILE[0], "evil"),
    )


def _document(prefix: str) -> Result:
    paragraph = f"Plain words {HOSTILE_TEXT} end."
    marks = (Mark(0, 11, 1, "statistic"), Mark(6, 40, 2, "opinion", focus=True))
    notes = (Note(1, f"{prefix}-1", "statistic", HOSTILE_TEXT), Note(2, f"{prefix}-2", "opinion", HOSTILE[2]))
    legend = (("statistic", "S", HOSTILE[0]), ("opinion", "O", "an opinion"))
    document = Document(HOSTILE_TEXT, "en", (Block(1, paragraph, marks, notes),), legend)
    records = tuple({"fact": note.key, "ref": note.ref, "text": note.text} for note in notes)
    fields = (Field("fact", "Fact", shape=WHOLE), Field("ref", "Ref", shape=WHOLE), TEXT)
    return Result(fields=fields, records=records, title=HOSTILE_TEXT, document=document)


def _chart(prefix: str) -> Result:
    bars = tuple(
        Bar(text, share, fill, text)
        for text, share, fill in zip(HOSTILE[:4], (1, 0.5, 0, 0.25), BAR_ORDER, strict=True)
    )
    return replace(_flat(prefix), chart=Chart(bars, tuple((fill, HOSTILE[2]) for fill in BAR_ORDER)))


BAR_ORDER = ("solid", "dense", "light", "medium")


def _single(prefix: str) -> Result:
    """One thing asked for (one record: formats made for reading show no other), with its quotes in context."""
    contexts = (Context(1, HOSTILE_TEXT, 5, 40), Context(2, HOSTILE_TEXT, -1, -1))
    fields = (*_flat(prefix).fields, Field("forecast", "Forecast"))
    records = ({**_records(prefix)[0], "text": HOSTILE_TEXT, "forecast": True},)
    shown = (ID, replace(TEXT, flag="forecast", flag_text=" (forecast)"), Field("forecast", "Forecast"))
    return Result(fields=fields, records=records, single=True, record_fields=shown, title="one", context=contexts)


def _sheet(prefix: str) -> Result:
    sections = (
        Section("Only prose here", (HOSTILE_TEXT, HOSTILE[0])),
        Section("A table", (HOSTILE[1],), _flat(f"{prefix}-table")),
        Section("A chart", (), _chart(f"{prefix}-chart")),
        Section("An annotated text", (), _document(f"{prefix}-text")),
        Section("One thing", (), _single(f"{prefix}-single")),
    )
    return replace(_flat(f"{prefix}-top"), sections=sections)


SHAPES: dict[str, Callable[[], Result]] = {
    "records": lambda: _flat("flat"),
    "document": lambda: _document("doc"),
    "chart": lambda: _chart("bars"),
    "one record": lambda: _single("single"),
    "sections": lambda: _sheet("sheet"),
    "facts": lambda: list_facts(hostile_kb()),
    "show": lambda: show_fact(hostile_kb(), "trade-grew"),
    "sources": lambda: list_sources(hostile_kb()),
    "revenue": lambda: revenue(hostile_kb()),
    "totals": lambda: totals(hostile_kb()),
    "totals explain": lambda: totals(hostile_kb(), explain="transit-share-2017"),
    "stats": lambda: stats(hostile_kb()),
    "reviews": lambda: list_reviews(hostile_kb()),
    "article": lambda: annotate(hostile_kb()),
    "report": lambda: report(hostile_kb()),
}
"""Every shape of result the queries make (flat records, one record with its context, charts, annotated texts,
fact sheets of sections), from the queries on a hostile knowledge base and built directly."""

OPTIONS = {"plain": RenderOptions(), "colour": RenderOptions(color=True, width=80)}


@cache
def shape(name: str) -> Result:
    return SHAPES[name]()


@cache
def rendered(output_format: Format, name: str, options: str = "plain") -> str:
    return render(shape(name), output_format, OPTIONS[options])


def shown_ids(result: Result, output_format: Format) -> Iterator[str]:
    """The ids the format must show: a records-only format's records, else what the result shows instead of them
    (each section's content; the marks' facts of an annotated text, which are its records' facts too)."""
    if not renderer_of(output_format).records_only and result.sections:
        for section in result.sections:
            if section.result is not None:
                yield from shown_ids(section.result, output_format)
        return
    if not renderer_of(output_format).records_only and result.document is not None:
        yield from (note.key for block in result.document.blocks for note in block.notes)
        return
    for record in result.records:
        # A record without an id (a count) is known by its first field.
        yield next(
            (record[key] for key in ("id", "claim", "fact") if record.get(key)), str(record[result.fields[0].key])
        )


PAIRS = [(output_format, name) for output_format in FORMATS for name in SHAPES]


def _id(value: Any) -> str:
    return value.value if isinstance(value, Format) else str(value)


# The rules.


def _pairs(keep: Callable[[Format, str], bool]) -> list[tuple[Format, str]]:
    return [(output_format, name) for output_format in FORMATS for name in SHAPES if keep(output_format, name)]


ESCAPING = _pairs(lambda output_format, _name: not renderer_of(output_format).exact)
EXACT = _pairs(lambda output_format, _name: renderer_of(output_format).exact)
RECORDS_ONLY = _pairs(lambda output_format, _name: renderer_of(output_format).records_only)
SECTIONED = _pairs(lambda _format, name: bool(shape(name).sections))


@pytest.mark.parametrize("options", list(OPTIONS))
@pytest.mark.parametrize(("output_format", "name"), ESCAPING, ids=_id)
def test_no_raw_control_character_reaches_the_output(output_format: Format, name: str, options: str) -> None:
    text = rendered(output_format, name, options)
    if options == "colour":
        text = _SGR.sub("", text)
    raw = raw_controls(text)
    assert raw == [], f"{output_format.value} writes {', '.join(raw)} raw"


@pytest.mark.parametrize(("output_format", "name"), EXACT, ids=_id)
def test_an_exact_format_reads_back_exactly(output_format: Format, name: str) -> None:
    result = shape(name)
    read = READ_BACK[output_format]
    rows = read.rows(render(result, output_format, RenderOptions(delimited=DelimitedOptions(formula_guard=False))))
    assert len(rows) == len(result.records)
    for row, record in zip(rows, result.records, strict=True):
        texts = {field.key: record[field.key] for field in result.fields if isinstance(record.get(field.key), str)}
        assert {key: row[key] for key in texts} == {key: read.text(value) for key, value in texts.items()}


def test_every_exact_format_can_be_read_back_here() -> None:
    assert {output_format for output_format, _name in EXACT} == set(READ_BACK)


@pytest.mark.parametrize(("output_format", "name"), PAIRS, ids=_id)
def test_every_record_shows_its_id(output_format: Format, name: str) -> None:
    ids = list(shown_ids(shape(name), output_format))
    assert ids or not shape(name).records
    text = rendered(output_format, name)
    missing = [found for found in ids if found not in text]
    assert missing == [], f"{output_format.value} drops {', '.join(missing)}"


@pytest.mark.parametrize(("output_format", "name"), SECTIONED, ids=_id)
def test_no_section_is_dropped(output_format: Format, name: str) -> None:
    result = shape(name)
    if renderer_of(output_format).records_only:
        # One line or row per record: the records alone, exactly as if the result had no sections.
        assert rendered(output_format, name) == render(replace(result, sections=()), output_format, RenderOptions())
        return
    # A heading may be escaped (HTML) or upper-cased (tables): compared after neither.
    seen = html.unescape(rendered(output_format, name)).casefold()
    dropped = [section.heading for section in result.sections if section.heading.casefold() not in seen]
    assert dropped == [], f"{output_format.value} drops the sections {dropped}"


@pytest.mark.parametrize(("output_format", "name"), RECORDS_ONLY, ids=_id)
def test_a_records_only_format_writes_the_records_and_nothing_else(output_format: Format, name: str) -> None:
    result = shape(name)
    bare = Result(fields=result.fields, records=result.records, table_fields=result.table_fields)
    assert rendered(output_format, name) == render(bare, output_format, RenderOptions())


def _digests() -> dict[str, str]:
    """A digest of every format's text for every shape, to compare across processes."""
    return {
        f"{output_format.value} {name}": hashlib.sha256(rendered(output_format, name).encode()).hexdigest()
        for output_format, name in PAIRS
    }


def test_every_format_writes_the_same_text_in_every_run() -> None:
    # A set's order changes with the hash seed, so a renderer iterating one would differ from run to run.
    script = (
        "import json, sys; sys.path[:0] = ['tests', 'tests/render']; "
        "from test_conformance import _digests; print(json.dumps(_digests()))"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=REPO,
            env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        ).stdout
        for seed in ("1", "2")
    ]
    assert json.loads(runs[0]) == json.loads(runs[1]) == _digests()
