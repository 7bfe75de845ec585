"""Finding and loading the knowledge base: path resolution, then read, parse, schema and check, in one call."""

from __future__ import annotations

import os
from dataclasses import replace

from kzcn.errors import KnowledgeBaseError, UsageError
from kzcn.model.records import KnowledgeBase

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)

if TYPE_CHECKING:
    from kzcn.parse.yamlload import LoadedYaml

ENV_FACTS = "KZCN_FACTS"
"""The environment variable naming a knowledge base; --facts wins over it."""


def packaged_facts_path() -> str:
    """The knowledge base shipped with kzcn: inside the installed package, or beside it in a source checkout."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # kzcn/, from kzcn/kb/load.py
    inside = os.path.join(here, "facts.yaml")
    if os.path.isfile(inside):
        return inside
    # An editable install or a plain checkout runs from the source tree, where facts.yaml sits at the top.
    return os.path.join(os.path.dirname(here), "facts.yaml")


def resolve_facts_path(option: str | None) -> str:
    """The knowledge base to read: --facts, else KZCN_FACTS (ignored when empty), else the packaged one."""
    if option is not None:
        if not option:
            raise UsageError("--facts needs a path; leave it out to read the knowledge base shipped with kzcn")
        return option
    from_env = os.environ.get(ENV_FACTS)
    if from_env:
        return from_env
    return packaged_facts_path()


def load_knowledge_base(path: str, *, use_cache: bool = True) -> KnowledgeBase:
    """The checked knowledge base at `path`; KnowledgeBaseError listing every problem if it is unusable.

    A knowledge base that passed its check is cached by content, so the next run with the same bytes skips
    parsing and checking; the YAML parser is not even imported then. With use_cache=False the cache is neither
    read nor written.
    """
    import gc

    # Loading creates hundreds of thousands of objects and no cycles worth collecting: with the collector on, its
    # full passes over an ever larger heap made a 30,000-fact load superlinear (warm 0.47 s, 0.29 s without).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load(path, use_cache=use_cache)
    finally:
        if collecting:
            gc.enable()


def _load(path: str, *, use_cache: bool) -> KnowledgeBase:
    from kzcn.parse.files import read_bytes

    held = [read_bytes(path)]  # in a list, which _parsed empties: nothing here keeps the bytes through the parse
    if not use_cache:
        # `kzcn check` loads this way: the file itself is parsed and checked, whatever the cache holds.
        return _parsed(path, held)
    from kzcn.kb import cache

    key = cache.cache_key(path, held[0])
    size = len(held[0])
    cached = cache.load(key, source_size=size)
    if cached is not None:
        return cached
    kb = _parsed(path, held)
    cache.store(key, kb, source_size=size)
    return kb


def _parsed(path: str, held: list[bytes]) -> KnowledgeBase:
    """The checked knowledge base in the file's bytes, which `held` gives up: they are checked as UTF-8 and parsed as
    they are, never held as text too (twice as large where the file holds a character beyond Latin-1: at 150,000
    facts, 290 MB beside the bytes' 145 MB), and let go of once parsed."""
    from kzcn.parse.utf8 import checked_utf8
    from kzcn.parse.yamlload import parse

    document = checked_utf8(path, held.pop())
    loaded = parse(path, document)
    del document
    return checked_knowledge_base(path, loaded)


def parse_knowledge_base(path: str, text: str) -> KnowledgeBase:
    """The checked knowledge base in `text` (read from `path`, which messages name)."""
    from kzcn.parse.yamlload import parse

    return checked_knowledge_base(path, parse(path, text))


def checked_knowledge_base(path: str, loaded: LoadedYaml) -> KnowledgeBase:
    """The knowledge base in a parsed document (of the file at `path`), read by the schema and checked."""
    from kzcn.checks.check import check
    from kzcn.parse.schema import SchemaReader
    from kzcn.parse.yamlload import cap_problems

    reader = SchemaReader(path, loaded)
    kb = reader.read()
    if kb is None:
        raise KnowledgeBaseError(cap_problems(reader.problems))
    # With schema problems, the records that passed are still checked: one run reports everything.
    excused = reader.declared_ids if reader.problems else set()
    problems, warnings = check(kb, reader.locator, reader.positions, excused)
    if reader.problems or problems:
        everything = sorted([*reader.problems, *problems], key=lambda problem: (problem.line or 0, problem.column or 0))
        raise KnowledgeBaseError(cap_problems(everything))
    return replace(kb, warnings=tuple(warnings))
