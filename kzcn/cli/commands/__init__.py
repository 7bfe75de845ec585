"""kzcn's commands, one module per family; importing this package registers them all, in --help's order."""

from kzcn.cli.commands import explore, review, figures, stats, check, export, init  # noqa: I001 - the order --help lists them in

__all__ = ["check", "explore", "export", "figures", "init", "review", "stats"]
