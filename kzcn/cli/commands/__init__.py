"""kzcn's commands, one module per family; importing this package registers them all, in --help's order."""

from kzcn.cli.commands import explore, search, article, review, figures, stats, report, check, export, init, schema  # noqa: I001 - the order --help lists them in

__all__ = ["article", "check", "explore", "export", "figures", "init", "report", "review", "schema", "search", "stats"]
