"""`kzcn export sqlite FILE`: the whole knowledge base in another form, for other tools."""

from typing import Annotated

import typer

from kzcn.cli.app import app
from kzcn.cli.options import FactsOption, facts_path, handles_errors

export_app = typer.Typer(
    name="export",
    help="Write the whole knowledge base in another form, for other tools.\n\nExample: kzcn export sqlite kb.sqlite",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(export_app, short_help="Write the whole knowledge base for other tools (SQLite).")


@export_app.command(
    short_help="The knowledge base as a typed SQLite database.",
    help="Example: kzcn export sqlite kb.sqlite && sqlite3 kb.sqlite 'SELECT * FROM revenue'\n\n"
    "One table per entity (sources, facts, quotes with their offsets in the source text, fact_topics, "
    "fact_entities, fact_refers_to, relations, derived, derived_inputs), with primary and foreign keys, an FTS5 "
    "index facts_fts over statements and quotes, and the views fact_quotes and revenue. Written atomically; an "
    "existing FILE is replaced only with --force, and the knowledge base itself never.",
)
@handles_errors
def sqlite(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(metavar="FILE", help="The database file to write.")],
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    facts: FactsOption = None,
) -> None:
    from kzcn.export_sqlite import export_sqlite
    from kzcn.kb import load_knowledge_base

    export_sqlite(load_knowledge_base(facts_path(ctx, facts)), file, force=force)
