"""The filter options commands share (TEXT, --topic, --kind, ...), declared once, and `with_filters`, which gives a
command those it names and hands it one `Filters` value."""

import functools
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from kzcn.cli.completion import complete_kinds, complete_modalities, completer
from kzcn.cli.options import parse_year
from kzcn.model.records import FACT_KINDS, MODALITIES, VERDICT_CHOICES

if TYPE_CHECKING:  # the filters themselves are imported by the commands that run with them, not at start-up
    from kzcn.queries.filters import Filters


RULE = "Repeat an option to allow any of its values (OR); different options must all hold (AND)."
"""The rule in words, for --help and the README; `all_hold` in kzcn/queries/filters.py is the rule in code."""

FROM_OPTIONS: Any = None
"""The default of a command's `filters` parameter, which `with_filters` replaces by the options it declares: the
command always receives a `Filters`. (Not the empty `Filters` itself: that would import the filters at start-up.)"""


def complete_verdicts(incomplete: str) -> list[str]:
    """The verdicts that start with what was typed."""
    return [verdict for verdict in VERDICT_CHOICES if verdict.startswith(incomplete)]


# Typer reads these annotations at run time, on Python 3.10 too: hence Optional, not `| None` (UP045).
TextArgument = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Argument(
        help='A search, not an option: words a fact must all contain, in any order; "a phrase" as it stands.'
    ),
]
TopicsOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--topic", "-t", help="Only facts with this topic (repeat: any of them).", autocompletion=completer("topic")
    ),
]
KindsOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--kind",
        "-k",
        help=f"Only facts of this kind (repeat: any of them): {', '.join(FACT_KINDS)}.",
        autocompletion=complete_kinds,
    ),
]
ModalitiesOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--modality",
        "-m",
        help=f"Only facts said so (repeat: any of them): {', '.join(MODALITIES)}.",
        autocompletion=complete_modalities,
    ),
]
EntitiesOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--entity",
        "-e",
        help="Only facts about this entity (repeat: any of them): Kazakhstan, Vietnam, ...",
        autocompletion=completer("entity"),
    ),
]
YearsOption = Annotated[
    Optional[list[str]],  # noqa: UP045 - read as text, so that a wrong value gets kzcn's own plain message
    typer.Option(
        "--year",
        "-y",
        metavar="YEAR",
        help="Only facts about this year (repeat: any of them).",
        autocompletion=completer("year"),
    ),
]
SourcesOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--source",
        "-s",
        help="Only facts from this source id, or mentioning it (repeat: any of them).",
        autocompletion=completer("source"),
    ),
]
VerdictsOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--verdict",
        "-V",
        help="Only claims with this review verdict, or unreviewed (repeat: any of them).",
        autocompletion=complete_verdicts,
    ),
]

_DECLARED = {
    "text": TextArgument,
    "topic": TopicsOption,
    "kind": KindsOption,
    "modality": ModalitiesOption,
    "entity": EntitiesOption,
    "year": YearsOption,
    "source": SourcesOption,
    "verdict": VerdictsOption,
}
"""Every filter a command can take, by its parameter name: the search TEXT, then one option per `Filters` field."""


def given_filters(
    *,
    text: list[str] | None = None,
    topic: list[str] | None = None,
    kind: list[str] | None = None,
    modality: list[str] | None = None,
    entity: list[str] | None = None,
    year: list[str] | None = None,
    source: list[str] | None = None,
    verdict: list[str] | None = None,
) -> "Filters":
    """The `Filters` the command line gives: years parsed, and kzcn's own choices checked before any loading."""
    from kzcn.queries.filters import Filters

    return Filters.given(
        text=" ".join(text) if text else None,
        topics=topic or (),
        kinds=kind or (),
        modalities=modality or (),
        entities=entity or (),
        years=[parse_year(value) for value in year or ()],
        sources=source or (),
        verdicts=verdict or (),
    )


def flags(*names: str) -> str:
    """ "--verdict, --topic and --kind": the options named, as a user types them."""
    written = [f"--{name}" for name in names if name != "text"]
    return ", ".join(written[:-1]) + f" and {written[-1]}" if len(written) > 1 else "".join(written)


def with_filters(*names: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Gives a command the filters named (from `_DECLARED`, in their order there) where its `filters` parameter
    stands, and hands it the `Filters` they make as that argument."""
    unknown = set(names) - set(_DECLARED)
    assert not unknown, unknown
    chosen = [name for name in _DECLARED if name in names]

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        signature = inspect.signature(command)
        placeholder = signature.parameters["filters"]
        declared = [
            inspect.Parameter(name, placeholder.kind, default=None, annotation=_DECLARED[name]) for name in chosen
        ]
        parameters: list[inspect.Parameter] = []
        for parameter in signature.parameters.values():
            parameters += declared if parameter is placeholder else [parameter]

        @functools.wraps(command)
        def wrapper(*args: Any, **kwargs: Any) -> None:
            filters = given_filters(**{name: kwargs.pop(name) for name in chosen})
            command(*args, filters=filters, **kwargs)

        wrapper.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
        annotations = {key: value for key, value in command.__annotations__.items() if key != "filters"}
        wrapper.__annotations__ = annotations | {name: _DECLARED[name] for name in chosen}
        return wrapper

    return decorate
