"""Click's bash and zsh completion classes for kzcn: Typer's, with each candidate quoted for the shell."""

from typer._click.shell_completion import CompletionItem, add_completion_class
from typer._completion_classes import BashComplete, ZshComplete

from kzcn.cli.completion import bash_word, zsh_word


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
