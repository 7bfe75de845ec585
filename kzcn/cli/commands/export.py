"""`kzcn export`: the knowledge base in formats other tools read (schema.org ClaimReview JSON-LD)."""

from typing import Annotated, Optional

import typer

from kzcn.cli.app import app
from kzcn.cli.options import handles_errors
from kzcn.cli.output import say, write

export_app = typer.Typer(
    help="Example: kzcn export claimreview --url-base https://example.org/kzcn\n\n"
    "Write the knowledge base in a format other tools read.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(export_app, name="export", short_help="Export the knowledge base for other tools (ClaimReview).")


@export_app.command(
    short_help="schema.org ClaimReview JSON-LD of every review.",
    help="Example: kzcn export claimreview --url-base https://example.org/kzcn > reviews.jsonld\n\n"
    "A JSON list of ClaimReview objects, one per reviewed claim: claimReviewed, itemReviewed (a Claim whose "
    "appearance is the article as a CreativeWork, with only the fields the knowledge base knows), reviewRating "
    "(alternateName = the verdict; ratingValue 5 supported, 4 partly-supported, 2 not-supported, 1 contradicted, "
    "none for not-checkable and unverified), reviewBody, author and datePublished from the knowledge base's "
    "reviewer and review dates. Google requires a url for each review: give --url-base, where you publish them.",
)
@handles_errors
def claimreview(
    ctx: typer.Context,
    url_base: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--url-base", metavar="URL", help="Where the reviews are published; each url is URL#claim-id."),
    ] = None,
) -> None:
    import json

    from kzcn.claimreview import claim_reviews
    from kzcn.escape import json_safe
    from kzcn.kb import load_knowledge_base

    kb = load_knowledge_base(ctx.find_root().obj["facts_path"])
    documents = claim_reviews(kb, url_base=url_base)
    if url_base is None and documents:
        say("kzcn: note: no --url-base, so no review has a url (Google's rich results require one)")
    write(json_safe(json.dumps(documents, ensure_ascii=False, indent=2)) + "\n")
