"""`kzcn export`: the whole knowledge base in another form, for other tools (SQLite, schema.org ClaimReview)."""

from __future__ import annotations

from kzcn.cli.filters import FROM_OPTIONS, RULE
from kzcn.cli.options import facts_path
from kzcn.cli.output import say, write
from kzcn.cli.registry import command, group

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)

if TYPE_CHECKING:
    from typing import Annotated, Optional

    import typer

    from kzcn.cli.declarations import FactsOption
    from kzcn.queries.filters import Filters

group(
    "export",
    short_help="Write the whole knowledge base for other tools (SQLite, ClaimReview).",
    help="Write the whole knowledge base in another form, for other tools.\n\nExample: kzcn export sqlite kb.sqlite",
)


@command(
    short_help="The knowledge base as a typed SQLite database.",
    help="Example: kzcn export sqlite kb.sqlite && sqlite3 kb.sqlite 'SELECT * FROM revenue'\n\n"
    "One table per entity (sources, facts, quotes with their offsets in the source text, fact_topics, "
    "fact_entities, fact_refers_to, relations, derived, derived_inputs, reviews, review_evidence, comparisons, "
    "export_filters), with primary and foreign keys, an FTS5 index facts_fts over statements and quotes, and the "
    "views fact_quotes, claim_reviews and revenue. Written atomically; an existing FILE is replaced only with "
    "--force, and the knowledge base itself never.\n\n"
    "The options export only the claims that pass them, with their reviews and the evidence those cite; relations, "
    "derived figures and comparisons only where every fact they name is kept; every source. The table "
    f"export_filters lists the options given. {RULE}",
    filters=("topic", "kind", "modality", "entity", "year", "source", "verdict"),
    output=False,
    group="export",
)
def sqlite(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(metavar="FILE", help="The database file to write.")],
    filters: Filters = FROM_OPTIONS,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    facts: FactsOption = None,
) -> None:
    from kzcn.export.sqlite import export_sqlite
    from kzcn.kb.load import load_knowledge_base

    export_sqlite(load_knowledge_base(facts_path(ctx, facts)), file, force=force, filters=filters)
    say(f"kzcn: wrote {file}")  # as -o says: a script's stdout stays empty, a person learns it worked


@command(
    short_help="schema.org ClaimReview JSON-LD of every review.",
    help="Example: kzcn export claimreview --url-base https://example.org/kzcn > reviews.jsonld\n\n"
    "A JSON list of ClaimReview objects, one per reviewed checkable claim (--all: opinions too): url (URL#claim-id, "
    "from --url-base or the reviewer's url in the knowledge base; without either kzcn exits with status 2), "
    "claimReviewed (the review's claim_short where declared), itemReviewed (a Claim whose appearance is the "
    "article, with only the fields the knowledge base knows), reviewRating (alternateName = the verdict, and for a "
    "forecast its outcome; ratingValue 5 supported, 4 partly-supported, 3 unverified or not-checkable, "
    "2 not-supported, 1 contradicted), reviewBody, citation (the evidence pages), author and datePublished. "
    f"The options choose which claims' reviews are exported: {RULE}",
    filters=("topic", "kind", "modality", "entity", "year", "verdict"),
    output=False,
    group="export",
)
def claimreview(
    ctx: typer.Context,
    filters: Filters = FROM_OPTIONS,
    url_base: Annotated[
        Optional[str],  # noqa: UP045 - Typer reads the annotation at run time on Python 3.10 too
        typer.Option("--url-base", metavar="URL", help="Where the reviews are published; each url is URL#claim-id."),
    ] = None,
    everything: Annotated[
        bool, typer.Option("--all", help="Opinions' reviews too (not-checkable), not only checkable claims'.")
    ] = False,
    facts: FactsOption = None,
) -> None:
    import json

    from kzcn.escape import json_safe, script_safe
    from kzcn.export.claimreview import claim_reviews
    from kzcn.kb.load import load_knowledge_base

    kb = load_knowledge_base(facts_path(ctx, facts))
    exported = claim_reviews(kb, url_base=url_base, filters=filters, everything=everything)
    for warning in exported.warnings:
        say(f"kzcn: warning: {warning}")
    # Script-safe: JSON-LD is published inside <script type="application/ld+json">, where "</script>" would end it.
    write(script_safe(json_safe(json.dumps(list(exported.documents), ensure_ascii=False, indent=2))) + "\n")
