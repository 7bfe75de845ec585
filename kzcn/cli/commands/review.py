"""`kzcn review`: the knowledge base's verdicts on the article's claims, and the evidence behind one."""

from __future__ import annotations

from kzcn.cli.filters import FROM_OPTIONS, RULE, flags
from kzcn.cli.registry import command
from kzcn.errors import UsageError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)

if TYPE_CHECKING:
    from typing import Annotated, Optional

    import typer

    from kzcn.cli.completion import completer
    from kzcn.cli.options import Output
    from kzcn.queries.filters import Filters

REVIEW_FILTERS = ("verdict", "topic", "kind", "modality", "entity", "year")
"""The filters of the list of reviews: those of `kzcn facts` but the search and --source (every claim is the
article's)."""


@command(
    short_help="Does it hold? Verdicts on the article's claims, with evidence.",
    help="Example: kzcn review transport-income-forecast-2020\n\n"
    "Without ID: every review (claim, verdict, why, how many evidence items), then the checkable claims with no "
    "review yet (verdict unreviewed). With ID: the claim, its quote, the verdict and its reasoning, what was "
    "searched for and not found, and each evidence item with its quote, source, date and URL. A verdict is the "
    "knowledge base's judgement, never the article's words. Verdicts: supported, partly-supported, not-supported, "
    f"contradicted, not-checkable, unverified. The options filter the list by its claims: {RULE}",
    filters=REVIEW_FILTERS,
)
def review(
    ctx: typer.Context,
    claim_id: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(metavar="[ID]", help="A claim of the article.", autocompletion=completer("id")),
    ] = None,
    filters: Filters = FROM_OPTIONS,
    *,
    output: Output,
) -> None:
    from kzcn.queries.reviews import list_reviews, show_review

    if claim_id is not None:
        from kzcn.queries.filters import NO_FILTERS

        if filters != NO_FILTERS:
            raise UsageError(f"{flags(*REVIEW_FILTERS)} filter the list of reviews; leave out ID to use them")
        output.emit(lambda kb: show_review(kb, claim_id))
    else:
        output.emit(lambda kb: list_reviews(kb, filters))
