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
