"""`kzcn check`: is this knowledge base valid, and which parts of its sources does no fact quote?"""

from __future__ import annotations

from kzcn.cli.output import say
from kzcn.cli.registry import command
from kzcn.errors import UsageError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)

if TYPE_CHECKING:
    from typing import Annotated

    import typer

    from kzcn.cli.options import Output


@command(
    short_help="Validate the knowledge base.",
    help="Example: kzcn --facts my-facts.yaml check --verbose\n\n"
    "Checks schema and types, unique ids, references, that every quote stands verbatim in its source, that every "
    "quantity's number and year appear in its quote, that qualifiers, scales, times, kinds, modalities and "
    "statements agree with the quotes' words, the fingerprints, the declared relations and the derived figures. "
    "Silent with exit 0 when clean; each problem on stderr with file:line:column and exit 3 when not. "
    "--verbose also lists each fact's reasoned exceptions; --coverage gives each paragraph's share of words quoted "
    "and the runs of words no fact quotes; with --strict, any such words, or a fact whose every quoted word another "
    "fact quotes too, exit 3.",
)
def check(
    ctx: typer.Context,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Say what was checked, in one line.")] = False,
    coverage: Annotated[
        bool, typer.Option("--coverage", help="Each paragraph's share of quoted words, and the words no fact quotes.")
    ] = False,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="With --coverage: exit 3 if any words of the article are quoted by no fact, or a fact's every "
            "quoted word is quoted by another too.",
        ),
    ] = False,
    *,
    output: Output,
) -> None:
    if not coverage and output.shaped:
        raise UsageError("--format, --json and --fields shape the --coverage list; add --coverage")
    # The one command whose answer is "is this file valid": it never takes that answer from the cache.
    kb = output.load(use_cache=False)
    for warning in kb.warnings:
        say(f"warning: {warning}")
    if verbose:
        quotes = sum(len(fact.quotes) for fact in kb.facts)
        claims = sum(1 for fact in kb.facts if kb.is_claim(fact))
        say(
            f"{kb.path}: OK: {len(kb.facts)} facts ({claims} claims, {len(kb.facts) - claims} evidence), {quotes} "
            f"quotes, {len(kb.sources)} sources, {len(kb.relations)} relations, {len(kb.derived)} derived figures, "
            f"{len(kb.reviews)} reviews"
        )
        # An exception silences a rule: never silently. Each one is listed with its reason.
        for fact in kb.facts:
            for exemption in fact.exceptions:
                words = f" for {', '.join(repr(word) for word in exemption.words)}" if exemption.words else ""
                say(f"{kb.path}: fact {fact.id}: excepted from {exemption.rule}{words}: {exemption.reason}")
    if strict and not coverage:
        raise UsageError("--strict makes the --coverage list fail on uncovered words; add --coverage")
    if coverage:
        from kzcn.checks.coverage import coverage as coverage_query
        from kzcn.checks.coverage import coverage_problems

        output.show(coverage_query(kb))
        problems = coverage_problems(kb) if strict else []
        if problems:
            from kzcn.errors import KnowledgeBaseError

            raise KnowledgeBaseError(problems)
