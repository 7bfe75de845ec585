"""The cache entry format: a faithful round trip, and any tampered entry ignored and the file parsed again."""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from cache_entries import MAGIC, body_of, write_sealed
from conftest import SHIPPED_FACTS
from kzcn.kb import cache
from kzcn.kb.cache_format import FORMAT, InvalidEntry, decode, encode
from kzcn.kb.load import load_knowledge_base
from kzcn.model.records import DerivedSpec, Fact, KnowledgeBase, Quantity, Quote, Relation, Source, TimeRef

FACT = {field.name: position for position, field in enumerate(fields(Fact))}
"""Where each of a fact's values is in its list: the order its dataclass declares its fields."""


def test_round_trip_keeps_every_field_of_every_record() -> None:
    kb = load_knowledge_base(str(SHIPPED_FACTS), use_cache=False)
    back = decode(encode(kb))
    assert back == kb and back.warnings == kb.warnings and back.path == kb.path
    assert any(source.cited_in for source in back.sources)
    records: list[tuple[Any, type]] = [
        (back.sources[0], Source),
        (back.facts[0], Fact),
        (back.facts[0].quotes[0], Quote),
        (next(f.time for f in back.facts if f.time), TimeRef),
        (next(f.quantity for f in back.facts if f.quantity), Quantity),
        (back.relations[0], Relation),
        (back.derived[0], DerivedSpec),
    ]
    for record, cls in records:
        assert type(record) is cls and set(vars(record)) == {field.name for field in fields(cls)}


def test_texts_repeated_through_aliases_are_stored_once() -> None:
    kb = load_knowledge_base(str(SHIPPED_FACTS), use_cache=False)
    long_topic = "a" * 100_000
    facts = tuple(type(fact)(**{**vars(fact), "topics": (long_topic,) * 50}) for fact in kb.facts)
    entry = encode(KnowledgeBase(kb.sources, facts, kb.relations, kb.derived, kb.path))
    assert entry.count(long_topic.encode()) == 1


@pytest.fixture
def tamper(write_kb: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Loads a knowledge base to fill the cache; returns its path, the expected result and a way to rewrite the entry."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    path = str(write_kb())
    expected = load_knowledge_base(path)
    [entry] = (tmp_path / "xdg" / "kzcn").glob("*" + cache.SUFFIX)
    return path, expected, entry


def rewrite(entry: Path, change: Callable[[list[Any]], None]) -> None:
    """Changes the entry's content and seals it again, as only a forger holding the user's secret could: the
    entry's own checks are the last defence then."""
    payload = json.loads(body_of(entry))
    change(payload)
    write_sealed(entry, json.dumps(payload).encode())


def text_index(payload: list[Any], value: str) -> int:
    index: int = payload[1].index(value)
    return index


TAMPERINGS: dict[str, Callable[[list[Any]], None]] = {
    "id is a number": lambda p: p[3][0].__setitem__(0, 1.5),
    "id is a string": lambda p: p[3][0].__setitem__(0, "trains-2017"),
    "text index past the table": lambda p: p[3][0].__setitem__(1, len(p[1])),
    "table holds a number": lambda p: p[1].__setitem__(0, 7),
    "paragraph zero": lambda p: p[3][0][FACT["quotes"]][0].__setitem__(0, 0),
    "paragraph as text": lambda p: p[3][0][FACT["quotes"]][0].__setitem__(0, "1"),
    "paragraph a boolean": lambda p: p[3][0][FACT["quotes"]][0].__setitem__(0, True),
    "year out of range": lambda p: p[3][0][FACT["time"]].__setitem__(0, 10_000),
    "kind not a fact kind": lambda p: p[3][0].__setitem__(FACT["kind"], text_index(p, "trains-2017")),
    "scale not a scale": lambda p: p[3][0][FACT["quantity"]].__setitem__(2, text_index(p, "USD")),
    "amount not a number": lambda p: p[3][0][FACT["quantity"]].__setitem__(0, [1]),
    "fact missing its last field": lambda p: p[3][0].pop(),
    "unknown source": lambda p: p[3][0].__setitem__(FACT["source"], text_index(p, "trains-2017")),
    "relation to no fact": lambda p: p[4][0].__setitem__(2, text_index(p, "doc")),
    "derived from no fact": lambda p: p[5][0][3][0].__setitem__(1, text_index(p, "doc")),
    "relation kind unknown": lambda p: p[4][0].__setitem__(1, text_index(p, "doc")),
    "duplicate fact": lambda p: p[3].append(p[3][0]),
    "view count negative": lambda p: p[2][0].__setitem__(8, -1),
    "wrong format": lambda p: p.__setitem__(0, "kzcn-cache-1"),
    "facts an object": lambda p: p.__setitem__(3, {"a": 1}),
}


@pytest.mark.parametrize("change", TAMPERINGS.values(), ids=TAMPERINGS.keys())
def test_tampered_entry_is_ignored_and_the_file_parsed(tamper: Any, change: Callable[[list[Any]], None]) -> None:
    path, expected, entry = tamper
    rewrite(entry, change)
    with pytest.raises((InvalidEntry, TypeError, IndexError, ValueError)):
        decode(body_of(entry))
    assert load_knowledge_base(path) == expected
    assert decode(body_of(entry)) == expected  # and the entry was written again


@pytest.mark.parametrize(
    "content",
    [
        MAGIC + b"[" * 200_000 + b"]" * 200_000,
        MAGIC + b'["' + FORMAT.encode() + b'",[' * 100_000,
        MAGIC + b"(" + (2**31 - 1).to_bytes(4, "little"),  # a marshal tuple of 2**31 - 1 items
    ],
    ids=["deep nesting", "deep and unclosed", "marshal count"],
)
def test_hostile_entries_are_ignored(tamper: Any, content: bytes) -> None:
    path, expected, entry = tamper
    entry.write_bytes(content)  # unsealed: refused before it is read
    assert load_knowledge_base(path) == expected
    write_sealed(entry, content[len(MAGIC) :])  # sealed: the decoder refuses it
    assert load_knowledge_base(path) == expected


def test_truncated_entry_is_ignored(tamper: Any) -> None:
    path, expected, entry = tamper
    data = entry.read_bytes()
    for length in (len(MAGIC) - 1, len(MAGIC) + 1, len(data) // 2, len(data) - 1):
        entry.write_bytes(data[:length])
        assert load_knowledge_base(path) == expected


def test_old_pickle_entry_is_ignored(tamper: Any) -> None:
    path, expected, entry = tamper
    entry.write_bytes(b"kzcn-cache-1\n" + pickle.dumps(expected))
    assert load_knowledge_base(path) == expected
    entry.write_bytes(MAGIC + pickle.dumps(expected))
    assert load_knowledge_base(path) == expected
