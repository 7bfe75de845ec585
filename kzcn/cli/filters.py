"""The filter options several commands share (--kind, --topic, --verdict), declared once."""

from typing import Annotated, Optional

import typer

from kzcn.cli.completion import complete_kinds, completer
from kzcn.model.records import FACT_KINDS, VERDICTS

VERDICT_CHOICES = (*VERDICTS, "unreviewed")
"""What --verdict accepts: the review scale, and unreviewed for a checkable claim with no review yet."""


def complete_verdicts(incomplete: str) -> list[str]:
    """The verdicts that start with what was typed."""
    return [verdict for verdict in VERDICT_CHOICES if verdict.startswith(incomplete)]


KindsOption = Annotated[
    Optional[list[str]],  # noqa: UP045 - Typer reads the annotation at run time on Python 3.10 too
    typer.Option(
        "--kind", "-k", help=f"Only claims of this kind: {', '.join(FACT_KINDS)}.", autocompletion=complete_kinds
    ),
]
TopicsOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option("--topic", "-t", help="Only facts with this topic.", autocompletion=completer("topic")),
]
VerdictsOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--verdict",
        "-V",
        help="Only claims with this review verdict (or unreviewed).",
        autocompletion=complete_verdicts,
    ),
]
