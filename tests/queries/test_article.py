"""`kzcn article`: the source annotated with its claims, in every format, with offsets that slice the quotes."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from builders import ARTICLE, fact_data, sha256, small_kb
from conftest import SHIPPED_FACTS
from kzcn.kb.load import load_knowledge_base
from kzcn.model.text import fold
from kzcn.queries.article import annotate
from kzcn.queries.filters import Filters

Run = Callable[..., Any]


def test_offsets_slice_exactly_the_quote_out_of_the_stored_text(cli: Run, write_kb: Callable[..., Path]) -> None:
    for path in (str(write_kb()), str(SHIPPED_FACTS)):
        kb = load_knowledge_base(path)
        records = json.loads(cli("--facts", path, "article", "--json").stdout)
        assert records
        for record in records:
            text = kb.sources_by_id[record["source"]].text
            assert text is not None
            assert text[record["start"] : record["end"]] == record["text"]
            assert fold(record["text"]) == fold(record["quote"])
        quoted = {
            (fact.id, quote.text) for fact in kb.facts if fact.source == records[0]["source"] for quote in fact.quotes
        }
        assert {(record["fact"], record["quote"]) for record in records} == quoted


def test_the_small_article_marked_with_tags_and_notes(cli: Run, write_kb: Callable[..., Path]) -> None:
    out = cli("--facts", str(write_kb()), "article", "--paragraph", "1").stdout
    lines = out.splitlines()
    assert lines[0] == "doc (title unknown)"
    assert "¶1" in lines
    body = lines[lines.index("¶1") + 1]
    assert body == "⟦Trade between the two countries grew quickly.⟧O1 ⟦In 2017 the port handled 40 trains.⟧S2"
    assert "  O1  trade-grew: opinion, author. In the author's view, trade grew quickly." in lines
    assert "  S2  trains-2017: statistic, author; verdict: unreviewed. The port handled 40 trains in 2017." in lines
    assert "\x1b" not in out  # no colour into a pipe: the brackets and letters carry the marks


def test_nested_spans_open_and_close_in_order() -> None:
    from kzcn.model.document import Block, Mark
    from kzcn.render.reading import pieces

    block = Block(1, "abcdef", (Mark(0, 6, 1, "opinion"), Mark(2, 4, 2, "statistic")), ())
    events = [
        ("open", piece.opens.ref) if piece.opens else ("close", piece.closes.ref) if piece.closes else piece.text
        for piece in pieces(block)
    ]
    assert events == [("open", 1), "ab", ("open", 2), "cd", ("close", 2), "ef", ("close", 1)]


def test_filters_by_paragraph_kind_and_fact(write_kb: Callable[..., Path]) -> None:
    kb = load_knowledge_base(str(write_kb()))
    assert [block.number for block in annotate(kb, paragraphs=[3]).document.blocks] == [3]  # type: ignore[union-attr]
    statistic = annotate(kb, filters=Filters.given(kinds=["statistic"]))
    assert {record["kind"] for record in statistic.records} == {"statistic"}
    focused = annotate(kb, fact_id="income-forecast-2020")
    assert focused.document is not None and [block.number for block in focused.document.blocks] == [3]
    assert [mark.focus for mark in focused.document.blocks[0].marks] == [True, False]


def test_errors_say_what_exists(cli: Run, write_kb: Callable[..., Path]) -> None:
    path = str(write_kb())
    missing = cli("--facts", path, "article", "--paragraph", "9")
    assert (missing.exit_code, missing.stderr) == (1, "kzcn: source 'doc' has no paragraph 9; it has 3\n")
    unknown = cli("--facts", path, "article", "--fact", "trains-2071")
    assert unknown.exit_code == 1 and "did you mean trains-2017" in unknown.stderr
    data = small_kb()
    data["sources"].append({"id": "film", "kind": "documentary", "title": None, "author": None, "published": None})
    no_text = cli("--facts", str(write_kb(data)), "article", "--source", "film")
    assert no_text.exit_code == 2 and no_text.stderr.startswith("kzcn: source 'film' has no text kzcn can show")


def test_markdown_defines_every_footnote_it_uses(cli: Run) -> None:
    out = cli("article", "--format", "markdown").stdout
    used = set(re.findall(r"(?<=.)\[\^(f\d+)\]", out))  # a reference follows text on its line ("way⟧E31[^f31]:")
    defined = set(re.findall(r"^\[\^(f\d+)\]:", out, flags=re.MULTILINE))
    assert used and used == defined
    assert "\\$ 3 billion" in out  # GitHub would read text between two dollar signs as mathematics


HOSTILE = 'Officials said <script>alert(1)</script> twice. Then "><img src=x onerror=alert(2)> it was.'


def hostile_kb() -> dict[str, Any]:
    data = small_kb()
    text = ARTICLE + "\n\n" + HOSTILE
    data["sources"][0]["text"] = text
    data["sources"][0]["sha256"] = sha256(text)
    data["facts"][5]["statement"] = 'The <b>bold</b> claim "><img src=x onerror=alert()>.'
    data["facts"][5]["exceptions"] = [
        {"rule": "statement-words", "reason": "hostile words, written as an attacker writes them"},
        {"rule": "opinion-frame", "reason": "hostile text in place of a statement, with no view's frame"},
    ]
    data["facts"].append(
        fact_data(
            id="hostile-quote",
            statement="Officials said something.",
            quotes=[{"paragraph": 4, "text": "Officials said <script>alert(1)</script> twice."}],
            exceptions=[
                {"rule": "statement-words", "reason": "hostile words, written as an attacker writes them"},
                {"rule": "reported-cue", "reason": "a test of escaping, not of modality"},
            ],
        )
    )
    return data


def test_html_escapes_every_text_from_the_knowledge_base(cli: Run, write_kb: Callable[..., Path]) -> None:
    path = str(write_kb(hostile_kb()))
    for args in (("article",), ("report",), ("facts",)):
        result = cli("--facts", path, *args, "--format", "html")
        assert result.exit_code == 0, result.stderr
        page = result.stdout
        assert page.startswith("<!DOCTYPE html>")
        assert "<script" not in page and "<img" not in page and "<b>bold" not in page, args
    page = cli("--facts", path, "article", "--format", "html").stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" in page


def test_show_as_markdown_and_html_is_a_vertical_one_fact_sheet(cli: Run, write_kb: Callable[..., Path]) -> None:
    path = str(write_kb())
    markdown = cli("--facts", path, "show", "income-forecast-2020", "--format", "markdown").stdout
    lines = markdown.splitlines()
    assert lines[0] == "# income-forecast-2020"
    assert "- **Quantity:** \\$4 billion (forecast, not a result)" in lines
    assert "- **¶:** ¶3" in lines
    assert "| ID |" not in markdown  # not a one-row table
    assert (
        lines[-1].startswith("> ")
        and "**By 2020 income will rise to \\$ 4 billion, according to forecasts.**" in lines[-1]
    )
    page = cli("--facts", path, "show", "income-forecast-2020", "--format", "html").stdout
    assert "<dt>Quantity</dt><dd>$4 billion (forecast, not a result)</dd>" in page
    assert "<mark>By 2020 income will rise to $ 4 billion, according to forecasts.</mark>" in page


def test_spans_at_one_start_come_longest_first_in_records_and_marks() -> None:
    from builders import fact, knowledge_base, quote

    whole = fact(id="whole", kind="event", quotes=(quote(text="Trade between the two countries grew quickly."),))
    part = fact(id="part", kind="opinion", quotes=(quote(text="Trade between"),))
    result = annotate(knowledge_base(facts=(part, whole)))
    assert [(record["fact"], record["start"], record["end"], record["ref"]) for record in result.records] == [
        ("whole", 0, 45, 2),
        ("part", 0, 13, 1),
    ]
    assert result.records[0] | {"says": None} == {
        "source": "doc",
        "paragraph": 1,
        "start": 0,
        "end": 45,
        "fact": "whole",
        "ref": 2,
        "kind": "event",
        "modality": "asserted",
        "says": None,
        "verdict": "unreviewed",
        "quote": "Trade between the two countries grew quickly.",
        "text": "Trade between the two countries grew quickly.",
    }
    assert result.document is not None
    marks = result.document.blocks[0].marks
    assert [(mark.start, mark.end, mark.ref) for mark in marks] == [(0, 45, 2), (0, 13, 1)]


def test_a_facts_number_is_its_place_in_the_whole_text_whatever_the_filters() -> None:
    # Issue 23, item 5: `--paragraph 4` gave 22E..26O but adding `--kind statistic --kind forecast` renumbered them
    # 1S 2S 3F; and "19O" read as 190. Now the kind's letter comes first and the number is fixed by the whole text.
    from conftest import SHIPPED_FACTS
    from kzcn.kb.load import load_knowledge_base
    from kzcn.queries.filters import Filters

    kb = load_knowledge_base(str(SHIPPED_FACTS))
    whole = {record["fact"]: record["ref"] for record in annotate(kb).records}
    narrowed = annotate(kb, paragraphs=[4], filters=Filters.given(kinds=["statistic", "forecast"])).records
    assert [(record["fact"], record["ref"]) for record in narrowed] == [
        ("transport-income-2017", 24),
        ("transport-income-china-2017", 23),
        ("transport-income-china-2017", 23),
        ("transport-income-forecast-2020", 25),
    ]
    assert all(whole[record["fact"]] == record["ref"] for record in narrowed)
