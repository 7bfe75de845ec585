"""Finding and loading the knowledge base: path resolution, then read, parse, schema and check, in one call."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from kzcn.errors import KnowledgeBaseError
from kzcn.model import KnowledgeBase

ENV_FACTS = "KZCN_FACTS"
"""The environment variable naming a knowledge base; --facts wins over it."""


def packaged_facts_path() -> str:
    """The knowledge base shipped with kzcn: inside the installed package, or beside it in a source checkout."""
    here = Path(__file__).resolve().parent
    inside = here / "facts.yaml"
    if inside.is_file():
        return str(inside)
    # An editable install or a plain checkout runs from the source tree, where facts.yaml sits at the top.
    return str(here.parent / "facts.yaml")


def resolve_facts_path(option: str | None) -> str:
    """The knowledge base to read: --facts, else KZCN_FACTS, else the packaged one."""
    if option:
        return option
    from_env = os.environ.get(ENV_FACTS)
    if from_env:
        return from_env
    return packaged_facts_path()


def load_knowledge_base(path: str) -> KnowledgeBase:
    """The checked knowledge base at `path`; KnowledgeBaseError listing every problem if it is unusable."""
    from kzcn.yamlload import read_text

    text = read_text(path)
    return parse_knowledge_base(path, text)


def parse_knowledge_base(path: str, text: str) -> KnowledgeBase:
    """The checked knowledge base in `text` (read from `path`, which messages name)."""
    from kzcn.check import check
    from kzcn.schema import SchemaReader
    from kzcn.yamlload import cap_problems, parse

    loaded = parse(path, text)
    reader = SchemaReader(path, loaded)
    kb = reader.read()
    if kb is None or reader.problems:
        raise KnowledgeBaseError(cap_problems(reader.problems))
    problems, warnings = check(kb, reader.locator)
    if problems:
        raise KnowledgeBaseError(cap_problems(problems))
    return replace(kb, warnings=tuple(warnings))
