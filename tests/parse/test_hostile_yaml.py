"""Hostile YAML: every document of the YAML test suite ends in a knowledge base or located problems, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SHARED
from kzcn.errors import KnowledgeBaseError
from kzcn.kb.load import load_knowledge_base

CORPUS = SHARED / "corpora" / "yaml-test-suite"
DOCUMENTS = sorted(CORPUS.glob("*.yaml")) if CORPUS.is_dir() else []


@pytest.mark.skipif(not DOCUMENTS, reason=f"the YAML test-suite corpus is not at {CORPUS}")
@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_corpus_document_loads_or_fails_with_located_problems(document: Path) -> None:
    try:
        load_knowledge_base(str(document), use_cache=False)
    except KnowledgeBaseError as error:
        assert error.problems
        for problem in error.problems:
            line = str(problem)
            assert line.startswith(f"{document}:")
            assert "\n" not in line and "Traceback" not in line


def test_corpus_is_present_in_ci() -> None:
    if not DOCUMENTS:
        pytest.skip(f"the YAML test-suite corpus is not at {CORPUS}")
    assert len(DOCUMENTS) >= 400


def _same(left: object, right: object) -> bool:
    """Equal, with NaN equal to NaN (YAML's .nan)."""
    return left == right or repr(left) == repr(right)


@pytest.mark.skipif(not DOCUMENTS, reason=f"the YAML test-suite corpus is not at {CORPUS}")
def test_what_kzcn_reads_of_a_corpus_document_is_what_pyyaml_reads() -> None:
    """kzcn's own composer over libyaml's events (positions, limits, duplicate keys) against PyYAML's loader."""
    import yaml

    from kzcn.parse.yamlload import parse

    compared = 0
    for document in DOCUMENTS:
        text = document.read_text(encoding="utf-8", errors="replace")
        try:
            ours = parse(str(document), text).data
        except KnowledgeBaseError:
            continue  # refused with located problems: the test above
        try:
            # The loader over the parser kzcn reads events from: libyaml's and the pure-Python one differ at edges
            # (`!` alone is '' to one and None to the other).
            theirs = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError:
            continue  # PyYAML refuses what YAML allows (a redefined anchor, say): nothing to compare
        assert _same(ours, theirs), document.name
        compared += 1
    assert compared >= 200
