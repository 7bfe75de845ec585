"""Shell completion without Typer: values from the knowledge base, offered only if it can be read in time, and
quoted for the shell (Click's completion classes that use the quoting: kzcn/cli/completion_classes.py)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from kzcn.escape import visible
from kzcn.model.records import FACT_KINDS, MODALITIES, VERDICT_CHOICES

COMPLETION_TIMEOUT = 2.0
"""Seconds completion waits for the knowledge base before offering nothing: a shell must never hang on kzcn."""


def facet_completions(facts: str | None, facet: str, incomplete: str) -> list[str]:
    """The values of a facet of the knowledge base (`facts`: --facts as given before the command) that start with
    what was typed, whatever its case; nothing, silently, if it cannot be read in time."""
    found: list[str] = []
    try:
        from kzcn.kb.load import resolve_facts_path

        path = resolve_facts_path(facts)
    except BaseException:
        return []

    def read() -> None:
        try:
            from kzcn.kb.load import load_knowledge_base
            from kzcn.queries.facets import facet_values

            found.extend(facet_values(load_knowledge_base(path), facet))
        except BaseException:
            return

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(timeout=COMPLETION_TIMEOUT)
    if worker.is_alive():
        # This process leaves now, and its load with it; a detached one finishes the load into the cache, so the
        # next Tab is served from it in milliseconds instead of giving up again (issue 10).
        from kzcn.kb.warmup import start_warming

        start_warming(path)
        return []
    lowered = incomplete.casefold()
    return [visible(value) for value in found if value.casefold().startswith(lowered)]


def completer(facet: str) -> Callable[[object, str], list[str]]:
    """A Typer autocompletion callback offering the knowledge base's values of one facet. Typer hands it the
    context by the parameter's name, `ctx`; the facet is kept on it for the fast path's table."""

    # `ctx` is Click's context. Annotated `object`: Typer evaluates this signature, and naming typing's Any would
    # import typing (2.8 ms) on every Tab.
    def complete(ctx: object, incomplete: str) -> list[str]:
        root = ctx.find_root()  # type: ignore[attr-defined]
        return facet_completions(root.params.get("facts"), facet, incomplete)

    complete.facet = facet  # type: ignore[attr-defined]
    return complete


def complete_kinds(incomplete: str) -> list[str]:
    """The fact kinds that start with what was typed."""
    return [kind for kind in FACT_KINDS if kind.startswith(incomplete)]


def complete_modalities(incomplete: str) -> list[str]:
    """The modalities that start with what was typed."""
    return [modality for modality in MODALITIES if modality.startswith(incomplete)]


def complete_verdicts(incomplete: str) -> list[str]:
    """The verdicts that start with what was typed."""
    return [verdict for verdict in VERDICT_CHOICES if verdict.startswith(incomplete)]


BASH_SPECIAL = frozenset(" \t\\'\"`$&|;<>()[]{}*?!#~^")
"""Characters bash reads as syntax in a word: each is escaped with a backslash in what completion inserts."""


def bash_word(value: str) -> str:
    """`value` as one bash word: `South Korea` becomes `South\\ Korea`. Backslashes, not quotes, so that the
    common prefix bash inserts for several candidates (`South\\ `) is itself a valid word to go on from."""
    return "".join(f"\\{character}" if character in BASH_SPECIAL else character for character in value)


def zsh_word(text: str) -> str:
    """`text` as one entry of the `_arguments '*: :((...))'` spec that Typer's zsh script evaluates: three layers
    of quoting, innermost first: `_arguments` splits an entry at an unescaped colon (value:description), reads the
    entries as double-quoted words, and the whole spec is one single-quoted word of an eval."""
    entry = text.replace("\\", "\\\\").replace(":", "\\:")
    double_quoted = '"' + "".join(f"\\{c}" if c in '"$`\\' else c for c in entry) + '"'
    return double_quoted.replace("'", "'\\''")
