"""Shell completion: values from the knowledge base, offered only if it can be read in time, quoted for the shell."""

import threading
from collections.abc import Callable

import typer
from typer._click.shell_completion import CompletionItem, add_completion_class
from typer._completion_classes import BashComplete, ZshComplete

from kzcn.escape import visible
from kzcn.model.records import FACT_KINDS, MODALITIES

COMPLETION_TIMEOUT = 2.0
"""Seconds completion waits for the knowledge base before offering nothing: a shell must never hang on kzcn."""


def _completion_values(ctx: typer.Context, facet: str, incomplete: str) -> list[str]:
    """Values for shell completion from the knowledge base; nothing, silently, if it cannot be read in time."""
    found: list[str] = []
    try:
        from kzcn.kb.load import resolve_facts_path

        path = resolve_facts_path(ctx.find_root().params.get("facts"))
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


class QuotingBashComplete(BashComplete):
    """Typer's bash completion, but each candidate is escaped: bash inserts COMPREPLY as it is."""

    def format_completion(self, item: CompletionItem) -> str:
        return bash_word(item.value)


class QuotingZshComplete(ZshComplete):
    """Typer's zsh completion, with quoting that keeps apostrophes and double quotes (Typer's doubles them)."""

    def format_completion(self, item: CompletionItem) -> str:
        value = zsh_word(item.value)
        return f"{value}:{zsh_word(' '.join(item.help.split()))}" if item.help else value


def use_quoting_completion() -> None:
    """Completes bash and zsh through the classes above. Typer registers its own each time it builds the command
    (typer.main.get_command), so this is called after that. fish escapes what it inserts by itself."""
    add_completion_class(QuotingBashComplete, "bash")
    add_completion_class(QuotingZshComplete, "zsh")
