"""`kzcn facts`, `kzcn show` and `kzcn sources`: the article's claims and where they come from."""

from typing import Annotated, Optional

import typer

from kzcn.cli.app import command
from kzcn.cli.completion import complete_modalities, completer
from kzcn.cli.filters import VERDICT_CHOICES, KindsOption, TopicsOption, VerdictsOption
from kzcn.cli.options import Output, parse_year
from kzcn.model.records import FACT_KINDS, MODALITIES


@command(
    short_help="List the facts, filtered and searched.",
    help="Example: kzcn facts --topic transport --year 2017\n\n"
    "List the article's claims as a table: id, kind, who says it, statement, quantity, time, verdict, source and "
    "paragraph. --modality keeps claims the article asserts, reports, predicts, makes on a condition or hedges. "
    "Filters combine with AND; each may be repeated. TEXT: words that must all appear in a fact's statement or "
    'quotes, in any order, ignoring case; a quoted phrase ("grain to Vietnam") must appear as it stands. '
    "--year Y matches facts in Y (a point), since Y or earlier (a start), and by Y (a target). "
    "No match is not an error: kzcn says so and exits 0.",
)
def facts(
    ctx: typer.Context,
    text: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(help='Words a fact must all contain, in any order; "a phrase" in quotes as it stands.'),
    ] = None,
    topic: TopicsOption = None,
    kind: KindsOption = None,
    modality: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--modality",
            "-m",
            help=f"Only facts said so: {', '.join(MODALITIES)}.",
            autocompletion=complete_modalities,
        ),
    ] = None,
    entity: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--entity",
            "-e",
            help="Only facts about this entity (Kazakhstan, Vietnam, ...).",
            autocompletion=completer("entity"),
        ),
    ] = None,
    year: Annotated[
        Optional[list[str]],  # noqa: UP045 - read as text, so that a wrong value gets kzcn's own plain message
        typer.Option(
            "--year", "-y", metavar="YEAR", help="Only facts about this year.", autocompletion=completer("year")
        ),
    ] = None,
    source: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--source",
            "-s",
            help="Only facts from this source id, or mentioning it.",
            autocompletion=completer("source"),
        ),
    ] = None,
    verdict: VerdictsOption = None,
    evidence: Annotated[
        bool, typer.Option("--evidence", help="The facts of the other sources (evidence) instead of the article's.")
    ] = False,
    sort: Annotated[
        str, typer.Option("--sort", help="Order: source (the article's order), id, kind or year.")
    ] = "source",
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", min=0, help="At most this many facts.")] = None,  # noqa: UP045
    *,
    output: Output,
) -> None:
    from kzcn.queries.facts import SORT_KEYS, choice, list_facts

    kinds = [choice("--kind", value, FACT_KINDS) for value in kind or ()]  # before loading: a typo fails fast
    sort = choice("--sort", sort, SORT_KEYS)
    years = [parse_year(value) for value in year or ()]
    verdicts = [choice("--verdict", value, VERDICT_CHOICES) for value in verdict or ()]
    modalities = [choice("--modality", value, MODALITIES) for value in modality or ()]
    output.emit(
        lambda kb: list_facts(
            kb,
            text=" ".join(text) if text else None,
            topics=topic or (),
            kinds=kinds,
            modalities=modalities,
            entities=entity or (),
            years=years,
            sources=source or (),
            verdicts=verdicts,
            evidence=evidence,
            sort=sort,
            limit=limit,
        )
    )


@command(
    short_help="One fact in full, with its quote in context.",
    help="Example: kzcn show transport-income-2017\n\n"
    "Every field of one fact, its quote highlighted inside its paragraph of the source, and the derived figures "
    "that use it. An unknown id is an error (exit 1) that suggests the closest ids.",
)
def show(
    ctx: typer.Context,
    fact_id: Annotated[str, typer.Argument(metavar="ID", help="The fact's id.", autocompletion=completer("id"))],
    *,
    output: Output,
) -> None:
    from kzcn.queries.facts import show_fact

    output.emit(lambda kb: show_fact(kb, fact_id))


@command(
    short_help="The sources and what is known of them.",
    help="Example: kzcn sources\n\n"
    "Each source with its kind, title, publisher, language, view count and fingerprint (or unknown where the "
    "source does not say), and how many facts cite it.",
)
def sources(ctx: typer.Context, *, output: Output) -> None:
    from kzcn.queries.overview import list_sources

    output.emit(list_sources)
