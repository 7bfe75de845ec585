"""kzcn.kb.load directly: which knowledge base is read, and what a load keeps of its check."""

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from builders import small_kb
from conftest import SHIPPED_FACTS
from kzcn.errors import KnowledgeBaseError, UsageError
from kzcn.kb.load import ENV_FACTS, load_knowledge_base, packaged_facts_path, resolve_facts_path


def test_the_packaged_knowledge_base_is_the_shipped_facts_yaml() -> None:
    path = packaged_facts_path()
    assert os.path.isabs(path) and os.path.basename(path) == "facts.yaml" and os.path.isfile(path)
    assert Path(path).read_bytes() == SHIPPED_FACTS.read_bytes()


def test_facts_wins_over_the_environment_which_wins_over_the_packaged_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_FACTS, "from-env.yaml")
    assert (resolve_facts_path("given.yaml"), resolve_facts_path(None)) == ("given.yaml", "from-env.yaml")
    monkeypatch.setenv(ENV_FACTS, "")
    assert resolve_facts_path(None) == packaged_facts_path()
    with pytest.raises(UsageError) as given_empty:
        resolve_facts_path("")
    assert str(given_empty.value) == "--facts needs a path; leave it out to read the knowledge base shipped with kzcn"


def test_a_load_keeps_the_checks_warnings(write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    data["facts"][0]["exceptions"] = [{"rule": "hedge-cue", "reason": "not needed"}]  # excuses nothing: a warning
    path = str(write_kb(data))
    kb = load_knowledge_base(path, use_cache=False)
    assert kb.warnings == (
        f"{path}: fact {data['facts'][0]['id']}: the exception to hedge-cue excuses nothing; remove it",
    )
    assert load_knowledge_base(path).warnings == kb.warnings  # and the cache keeps them too


def test_a_record_that_fails_the_schema_is_not_reported_again_where_it_is_named(write_kb: Callable[..., Path]) -> None:
    data = small_kb()
    data["facts"][0]["kind"] = "statistc"  # trains-2017, which no relation names; income-2017 is named by two
    data["facts"][1]["kind"] = "statistc"
    with pytest.raises(KnowledgeBaseError) as failed:
        load_knowledge_base(str(write_kb(data)), use_cache=False)
    messages = [problem.message for problem in failed.value.problems]
    assert len(messages) == 2 and all("statistc" in message for message in messages), messages
