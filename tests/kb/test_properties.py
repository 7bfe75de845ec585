"""Property-based tests: any YAML-shaped data, and any mutation of the shipped facts, loads or fails located."""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import DUMPER
from conftest import SHIPPED_FACTS
from kzcn.errors import KnowledgeBaseError
from kzcn.kb.load import parse_knowledge_base
from kzcn.model.records import KnowledgeBase

# Profiles: "ci" (set when CI is) replays the same examples every run, so a red CI always names a reproducible
# bug; "stress" runs many more (KZCN_HYPOTHESIS_PROFILE=stress pytest tests/kb/test_properties.py).
settings.register_profile("default", max_examples=150)
settings.register_profile("ci", max_examples=150, derandomize=True)
settings.register_profile("stress", max_examples=3000)
settings.load_profile(os.environ.get("KZCN_HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default"))

SHIPPED_DATA: dict[str, Any] = yaml.safe_load(SHIPPED_FACTS.read_text(encoding="utf-8"))

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
)
yaml_shaped = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5), st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=40,
)


def load_or_problems(text: str) -> KnowledgeBase | None:
    """The knowledge base, or None after checking that every problem is one located line."""
    try:
        return parse_knowledge_base("kb.yaml", text)
    except KnowledgeBaseError as error:
        assert error.problems
        for problem in error.problems:
            assert "\n" not in str(problem)
            assert str(problem).startswith("kb.yaml")
        return None


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_shaped)
def test_any_yaml_shaped_data_loads_or_fails_cleanly(data: Any) -> None:
    load_or_problems(yaml.dump(data, Dumper=DUMPER, allow_unicode=True))


@settings(deadline=None)
@given(st.text(max_size=200))
def test_any_text_loads_or_fails_cleanly(text: str) -> None:
    load_or_problems(text)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "text" and prefix[:1] == ("sources",):
                found.append((*prefix, key))  # the article text: mutate it, don't walk its characters
                continue
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


ALL_PATHS = _paths(SHIPPED_DATA)
FACT_IDS = [fact["id"] for fact in SHIPPED_DATA["facts"]]

mutations = st.sampled_from(["delete", "retype", "rename", "duplicate", "collide", "break-reference", "renumber"])


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    node = data
    for step in path[:-1]:
        node = node[step]
    return node


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(ALL_PATHS), mutations, scalars, st.data())
def test_mutated_shipped_facts_validate_or_fail_located(
    path: tuple[Any, ...], mutation: str, replacement: Any, draw: st.DataObject
) -> None:
    data = copy.deepcopy(SHIPPED_DATA)
    parent, last = _parent(data, path), path[-1]
    if mutation == "delete":
        del parent[last]
    elif mutation == "retype":
        parent[last] = replacement
    elif mutation == "rename" and isinstance(parent, dict):
        parent[draw.draw(st.text(min_size=1, max_size=10))] = parent.pop(last)
    elif mutation == "duplicate" and isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]))
    elif mutation == "collide":
        data["facts"][draw.draw(st.integers(0, len(FACT_IDS) - 1))]["id"] = draw.draw(st.sampled_from(FACT_IDS))
    elif mutation == "break-reference":
        data["derived"][0]["inputs"]["part"] = draw.draw(st.text(max_size=20))
    elif mutation == "renumber" and isinstance(parent[last], (int, float)) and not isinstance(parent[last], bool):
        parent[last] = parent[last] + draw.draw(st.integers(-3, 3))
    text = yaml.dump(data, Dumper=DUMPER, sort_keys=False, allow_unicode=True, width=10**6)
    try:
        parse_knowledge_base("kb.yaml", text)
    except KnowledgeBaseError as error:
        for problem in error.problems:
            if problem.message.startswith("... and ") and problem is error.problems[-1]:
                continue  # the count of problems beyond the cap (MAX_PROBLEMS) is about the file as a whole
            assert problem.line is not None, str(problem)  # located: a line (and column) in the file
            assert "\n" not in str(problem)


def test_unmutated_shipped_data_round_trips_through_the_dumper(tmp_path: Path) -> None:
    text = yaml.dump(SHIPPED_DATA, Dumper=DUMPER, sort_keys=False, allow_unicode=True, width=10**6)
    kb = parse_knowledge_base("kb.yaml", text)
    assert len(kb.facts) == len(FACT_IDS)
