"""`kzcn review`: the knowledge base's verdicts on the article's claims, and the evidence behind one."""

from typing import Annotated, Optional

import typer

from kzcn.cli.app import command
from kzcn.cli.completion import completer
from kzcn.cli.filters import VERDICT_CHOICES, KindsOption, TopicsOption, VerdictsOption
from kzcn.cli.options import Output
from kzcn.errors import UsageError
from kzcn.model.records import FACT_KINDS


@command(
    short_help="Does it hold? Verdicts on the article's claims, with evidence.",
    help="Example: kzcn review transport-income-forecast-2020\n\n"
    "Without ID: every review (claim, verdict, why, how many evidence items), then the checkable claims with no "
    "review yet (verdict unreviewed). With ID: the claim, its quote, the verdict and its reasoning, what was "
    "searched for and not found, and each evidence item with its quote, source, date and URL. A verdict is the "
    "knowledge base's judgement, never the article's words. Verdicts: supported, partly-supported, not-supported, "
    "contradicted, not-checkable, unverified.",
)
def review(
    ctx: typer.Context,
    claim_id: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(metavar="[ID]", help="A claim of the article.", autocompletion=completer("id")),
    ] = None,
    verdict: VerdictsOption = None,
    topic: TopicsOption = None,
    kind: KindsOption = None,
    *,
    output: Output,
) -> None:
    from kzcn.queries.facts import choice
    from kzcn.queries.reviews import list_reviews, show_review

    kinds = [choice("--kind", value, FACT_KINDS) for value in kind or ()]
    verdicts = [choice("--verdict", value, VERDICT_CHOICES) for value in verdict or ()]
    if claim_id is not None:
        if verdict or topic or kind:
            raise UsageError("--verdict, --topic and --kind filter the list of reviews; leave out ID to use them")
        output.emit(lambda kb: show_review(kb, claim_id))
    else:
        output.emit(lambda kb: list_reviews(kb, verdicts=verdicts, topics=topic or (), kinds=kinds))
