"""`kzcn search`: one search across claims, evidence facts, reviews and source texts (issue 23, item 7)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from builders import page_kb
from kzcn.kb.load import load_knowledge_base
from kzcn.model.records import KnowledgeBase
from kzcn.queries.search import search

Run = Callable[..., Any]


@pytest.fixture
def kb(write_kb: Callable[..., Path]) -> KnowledgeBase:
    return load_knowledge_base(str(write_kb(page_kb())))


def _hits(kb: KnowledgeBase, text: str) -> list[tuple[str, str, str]]:
    return [(hit["hit"], hit["id"], hit["where"]) for hit in search(kb, text).records]


def test_a_search_finds_claims_evidence_reviews_and_paragraphs_each_named_by_kind(kb: KnowledgeBase) -> None:
    assert _hits(kb, "38 trains") == [
        ("evidence", "page-trains-2017", "page ¶1"),
        ("review", "trains-2017", "review of trains-2017"),
        ("source text", "page", "page ¶1"),
    ]
    assert _hits(kb, "trains") == [
        ("claim", "trains-2017", "doc ¶1"),
        ("evidence", "page-trains-2017", "page ¶1"),
        ("review", "trains-2017", "review of trains-2017"),
        ("source text", "doc", "doc ¶1"),
        ("source text", "page", "page ¶1"),
    ]


def test_each_hit_says_how_to_see_it_whole(kb: KnowledgeBase) -> None:
    assert [(hit["see"], hit["paragraph"]) for hit in search(kb, "trains").records] == [
        ("kzcn show trains-2017", 1),
        ("kzcn show page-trains-2017", 1),
        ("kzcn review trains-2017", None),
        ("kzcn article --source doc --paragraph 1", 1),
        ("kzcn article --source page --paragraph 1", 1),
    ]


def test_the_words_must_all_be_there_in_any_order_and_a_phrase_as_it_stands(kb: KnowledgeBase) -> None:
    assert _hits(kb, "2017 income") == [
        ("evidence", "page-income-2017", "page ¶2"),
        ("source text", "page", "page ¶2"),
    ]
    assert (
        _hits(kb, '"income reached"')
        == _hits(kb, "INCOME reached")[::1]
        == [
            ("evidence", "page-income-2017", "page ¶2"),
            ("source text", "page", "page ¶2"),
        ]
    )
    assert _hits(kb, '"reached income"') == []


def test_a_review_is_found_by_its_summary(kb: KnowledgeBase) -> None:
    assert _hits(kb, "opinion") == [("review", "trade-grew", "review of trade-grew")]


def test_the_title_counts_each_kind(kb: KnowledgeBase) -> None:
    assert search(kb, "trains").title == "5 hits for trains: 1 claim, 1 evidence fact, 1 review, 2 source paragraphs"
    nothing = search(kb, "zeppelin")
    assert (nothing.records, nothing.title) == ((), "0 hits for zeppelin")
    assert nothing.empty_message == ("Nothing matches zeppelin in the claims, evidence facts, reviews or source texts.")


def test_a_long_paragraph_is_cut_to_the_words_around_the_first_term(write_kb: Callable[..., Path]) -> None:
    from builders import sha256

    data = page_kb()
    text = " ".join(f"w{number}" for number in range(100)) + " needle " + " ".join(f"v{n}" for n in range(100))
    data["sources"][-1].update(text=text, sha256=sha256(text))
    data["facts"] = [fact for fact in data["facts"] if fact["source"] != "page"]
    data["reviews"] = [review for review in data["reviews"] if not review.get("evidence")]
    data["derived"] = [spec for spec in data["derived"] if spec["id"] != "income-gap-2017"]
    data["comparisons"] = []
    [hit] = search(load_knowledge_base(str(write_kb(data))), "needle").records
    # Whole words only, about 100 characters each side, and "…" where the paragraph goes on.
    before = " ".join(f"w{number}" for number in range(76, 100))
    after = " ".join(f"v{number}" for number in range(27))
    assert hit["text"] == f"…{before} needle {after}…"


def test_the_command(cli: Run, write_kb: Callable[..., Path]) -> None:
    path = str(write_kb(page_kb()))
    found = cli("--facts", path, "search", "38", "trains", "--json", "--fields", "hit,id")
    assert found.exit_code == 0
    assert json.loads(found.stdout) == [
        {"hit": "evidence", "id": "page-trains-2017"},
        {"hit": "review", "id": "trains-2017"},
        {"hit": "source text", "id": "page"},
    ]
    none = cli("--facts", path, "search", "zeppelin")
    assert (none.exit_code, none.stdout, none.stderr) == (
        0,
        "",
        "Nothing matches zeppelin in the claims, evidence facts, reviews or source texts.\n",
    )
    for empty in ((), ('""',), ("  ",)):
        refused = cli("--facts", path, "search", *empty)
        assert (refused.exit_code, refused.stdout) == (2, "")
        assert refused.stderr == 'kzcn: kzcn search needs words to look for, such as kzcn search "transit revenue"\n'


def test_a_long_search_is_quoted_short_in_its_messages(kb: KnowledgeBase) -> None:
    found = search(kb, "zeppelin " * 20)
    assert found.empty_message == (
        "Nothing matches zeppelin zeppelin zeppelin zeppelin zeppelin zeppelin zeppe… in the claims, evidence "
        "facts, reviews or source texts."
    )


def test_a_typed_apostrophe_or_dash_finds_the_typographers(write_kb: Callable[..., Path]) -> None:
    # "world's" missed the article's "world’s" (an adversarial review, issue 24): the facts search had it too.
    from builders import ARTICLE, sha256

    data = page_kb()
    text = ARTICLE.replace("Trade between the two countries grew quickly.", "The world’s trade grew – quickly.")
    data["sources"][0].update(text=text, sha256=sha256(text))
    grew = next(fact for fact in data["facts"] if fact["id"] == "trade-grew")
    grew["quotes"] = [{"paragraph": 1, "text": "The world’s trade grew – quickly."}]
    grew["statement"] = "In the author's view, the world’s trade grew quickly."
    kb = load_knowledge_base(str(write_kb(data)))
    assert (
        _hits(kb, "world's trade")
        == _hits(kb, "WORLD’S TRADE")
        == [
            ("claim", "trade-grew", "doc ¶1"),
            ("source text", "doc", "doc ¶1"),
        ]
    )
    assert _hits(kb, '"grew - quickly"') == [("claim", "trade-grew", "doc ¶1"), ("source text", "doc", "doc ¶1")]


def test_the_command_a_hit_names_reads_the_knowledge_base_searched(cli: Run, write_kb: Callable[..., Path]) -> None:
    # Copied as it stood ("kzcn show page-trains-2017"), it read the shipped knowledge base and failed (exit 1).
    path = str(write_kb(page_kb(), name="my kb.yaml"))
    found = json.loads(cli("--facts", path, "search", "38", "trains", "--json", "--fields", "see").stdout)
    assert found[0] == {"see": f"kzcn --facts '{path}' show page-trains-2017"}
    shipped = json.loads(cli("search", "grain", "--json", "--fields", "see").stdout)
    assert shipped[0] == {"see": "kzcn show grain-exports-to-vietnam"}
