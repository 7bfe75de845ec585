"""`kzcn article`: a source's text, paragraph by paragraph, with every quoted span marked by its claim."""

from __future__ import annotations

from kzcn.cli.filters import FROM_OPTIONS, RULE
from kzcn.cli.registry import command

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)

if TYPE_CHECKING:
    from typing import Annotated, Optional

    import typer

    from kzcn.cli.completion import completer
    from kzcn.cli.options import Output
    from kzcn.queries.filters import Filters


@command(
    short_help="The article itself, each quoted span marked by the claim it supports.",
    help="Example: kzcn article --paragraph 4\n\n"
    "The source's text paragraph by paragraph (the article unless --source names another source with a text). "
    "Every span a fact quotes is bracketed ⟦…⟧ and tagged with the fact's number and kind (S statistic, E event, "
    "F forecast, O opinion), coloured on a terminal; text no fact quotes is dimmed. Under each paragraph: its facts "
    "with who says them and their verdict. --format json|ndjson|csv gives stand-off annotations (source, paragraph, "
    "start and end offsets in the stored text, fact); --format markdown an annotated text with footnotes; --format "
    "html one self-contained page. The options choose whose spans are marked: " + RULE,
    filters=("topic", "kind", "modality", "entity", "year", "verdict"),
)
def article(
    ctx: typer.Context,
    source: Annotated[
        Optional[str],  # noqa: UP045 - Typer reads the annotation at run time on Python 3.10 too
        typer.Option("--source", "-s", help="Another source with a text.", autocompletion=completer("source")),
    ] = None,
    paragraph: Annotated[
        Optional[list[int]],  # noqa: UP045
        typer.Option("--paragraph", "-p", min=1, help="Only this paragraph (repeatable)."),
    ] = None,
    filters: Filters = FROM_OPTIONS,
    fact: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--fact",
            metavar="ID",
            help="The paragraphs of this fact, its spans emphasised.",
            autocompletion=completer("id"),
        ),
    ] = None,
    *,
    output: Output,
) -> None:
    from kzcn.queries.article import annotate

    output.emit(lambda kb: annotate(kb, source_id=source, paragraphs=paragraph or (), filters=filters, fact_id=fact))
