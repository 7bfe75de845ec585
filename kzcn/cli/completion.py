"""Shell completion: values from the knowledge base, offered only if it can be read in time."""

import threading
from collections.abc import Callable

import typer

from kzcn.escape import visible
from kzcn.model import FACT_KINDS, MODALITIES

COMPLETION_TIMEOUT = 2.0
"""Seconds completion waits for the knowledge base before offering nothing: a shell must never hang on kzcn."""


def _completion_values(ctx: typer.Context, facet: str, incomplete: str) -> list[str]:
    """Values for shell completion from the knowledge base; nothing, silently, if it cannot be read in time."""
    found: list[str] = []

    def read() -> None:
        try:
            from kzcn.kb import load_knowledge_base, resolve_facts_path
            from kzcn.query import facet_values

            root = ctx.find_root()
            path = resolve_facts_path(root.params.get("facts"))
            found.extend(facet_values(load_knowledge_base(path), facet))
        except BaseException:
            return

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(timeout=COMPLETION_TIMEOUT)
    if worker.is_alive():
        return []
    lowered = incomplete.casefold()
    return [visible(value) for value in found if value.casefold().startswith(lowered)]


def completer(facet: str) -> Callable[[typer.Context, str], list[str]]:
    """A Typer autocompletion callback offering the knowledge base's values of one facet."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        return _completion_values(ctx, facet, incomplete)

    return complete


def complete_kinds(incomplete: str) -> list[str]:
    """The fact kinds that start with what was typed."""
    return [kind for kind in FACT_KINDS if kind.startswith(incomplete)]


def complete_modalities(incomplete: str) -> list[str]:
    """The modalities that start with what was typed."""
    return [modality for modality in MODALITIES if modality.startswith(incomplete)]
