"""libyaml's events and PyYAML's pure-Python ones, composed by kzcn: the same knowledge bases and the same problems."""

from __future__ import annotations

import pytest
import yaml
from parse.test_hostile_yaml import CORPUS, DOCUMENTS

from builders import dump, repeated_kb_text, small_kb
from conftest import SHIPPED_FACTS
from event_sources import events, outcome, without_parser_wording

pytestmark = pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML was built without libyaml")


def test_the_two_event_sources_read_every_builder_knowledge_base_alike() -> None:
    texts = [
        SHIPPED_FACTS.read_text(encoding="utf-8"),
        dump(small_kb()),
        repeated_kb_text(3),
        repeated_kb_text(3, series=False),
        dump({"sources": [], "facts": [{"id": "a", "id ": "b"}], "x": [1, 2.5, None, True, "2017-01-01"]}),
        "a: 1\na: 2\n",  # a duplicate key
        "a: &x [1, 2]\nb: *x\nc: *y\n",  # an unknown alias
        "a: !!python/object:os.system x\n",  # a tag kzcn refuses
    ]
    for text in texts:
        with_libyaml = outcome(text, libyaml=True)
        assert with_libyaml == outcome(text, libyaml=False), text[:200]
    assert outcome("a: 1\na: 2\n", libyaml=False) == (
        "refused",
        ["kb.yaml:2:1: duplicate key 'a': it is already set at line 1; a key may appear once per mapping"],
    )


@pytest.mark.skipif(not DOCUMENTS, reason=f"the YAML test-suite corpus is not at {CORPUS}")
def test_where_the_two_parsers_emit_the_same_events_kzcn_reads_the_same() -> None:
    """Over the YAML test suite: a document both parsers see alike gives the same data, positions and problems
    (bar the wording of a syntax error, the parser's own); every difference is the parsers' disagreement about the
    document itself, never kzcn's composing."""
    alike = disagreements = 0
    for document in DOCUMENTS:
        text = document.read_text(encoding="utf-8", errors="replace")
        ours_c, ours_python = outcome(text, libyaml=True), outcome(text, libyaml=False)
        if events(text, yaml.CSafeLoader) == events(text, yaml.SafeLoader):
            assert without_parser_wording(ours_c) == without_parser_wording(ours_python), document.name
            alike += 1
        else:
            disagreements += 1
    assert alike >= 350  # 359 of 402 in the suite as stored
    assert alike + disagreements == len(DOCUMENTS)


def test_libyaml_reads_bytes_as_it_reads_their_text() -> None:
    """kzcn.kb.load hands libyaml the file's bytes (a str PyYAML would encode to UTF-8 for it anyway): the same
    data, positions (counted in characters, not bytes) and problems."""
    from kzcn.errors import KnowledgeBaseError
    from kzcn.parse.yamlload import parse

    def read(document: str | bytes) -> object:
        try:
            loaded = parse("kb.yaml", document)
        except KnowledgeBaseError as error:
            return [str(problem) for problem in error.problems]
        return repr(loaded.data), loaded.positions.listing(loaded.data), loaded.root

    texts = [
        SHIPPED_FACTS.read_text(encoding="utf-8"),
        "ключ: «значение» — 中文 😀\nlist: [é, ü, 'x: y']\nkey: [1, 2\n",  # wide characters, then a syntax error
        "a: é\na: ü\n",  # a duplicate key after a wide character: its column in characters
    ]
    for text in texts:
        assert read(text.encode("utf-8")) == read(text), text[:80]
    assert read("x: {éé: 1, éé: 2}\n".encode()) == [  # column 12 in characters (14 in bytes)
        "kb.yaml:1:12: duplicate key 'éé': it is already set at line 1; a key may appear once per mapping"
    ]
