"""`kzcn search WORDS`: one search across the claims, the evidence facts, the reviews and the source texts."""

from __future__ import annotations

from kzcn.cli.registry import command

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)

if TYPE_CHECKING:
    from typing import Annotated, Optional

    import typer

    from kzcn.cli.options import Output


@command(
    short_help="Search the claims, evidence, reviews and source texts at once.",
    help="Example: kzcn search transit revenue\n\n"
    "Every claim of the article, evidence fact, review and paragraph of a stored source text that holds all the "
    'words, in any order, ignoring case; a quoted phrase ("grain to Vietnam") must appear as it stands. Each hit '
    "says what it is (claim, evidence, review, source text), where it stands and the command that shows it whole. "
    "No match is not an error: kzcn says so and exits 0.",
)
def search(
    ctx: typer.Context,
    words: Annotated[
        Optional[list[str]],  # noqa: UP045 - Typer reads the annotation at run time on Python 3.10 too
        typer.Argument(metavar="WORDS...", help="What to look for."),
    ] = None,
    *,
    output: Output,
) -> None:
    import os
    import shlex

    from kzcn.errors import UsageError
    from kzcn.kb.load import packaged_facts_path
    from kzcn.queries.filters import search_terms
    from kzcn.queries.search import search as search_query

    text = " ".join(words or ())
    if not search_terms(text):
        raise UsageError('kzcn search needs words to look for, such as kzcn search "transit revenue"')
    # The command that shows a hit names the knowledge base searched, unless it is the shipped one: copied as it
    # stands, it would otherwise read another file (an adversarial review, issue 24).
    shipped = os.path.realpath(output.facts_path) == os.path.realpath(packaged_facts_path())
    kzcn = "kzcn" if shipped else f"kzcn --facts {shlex.quote(output.facts_path)}"
    output.emit(lambda kb: search_query(kb, text, kzcn=kzcn))
