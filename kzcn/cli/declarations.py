"""kzcn's options as Typer sees them, declared once: the output options, the filters, and the decorators that give
a command those it takes. Imported only when the Typer app is built (kzcn/cli/typer_app.py), never on the fast path.
"""

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any, Optional

import typer

from kzcn.cli.completion import complete_kinds, complete_modalities, complete_verdicts, completer
from kzcn.cli.filters import given_filters
from kzcn.cli.options import OUTPUT_OPTIONS, global_options, make_output
from kzcn.model.records import FACT_KINDS, MODALITIES
from kzcn.render import Format

FormatOption = Annotated[
    Optional[Format],  # noqa: UP045 - None tells "not given" from an explicit --format table
    typer.Option(
        "--format",
        "-f",
        # From the one list of formats (kzcn.render.Format): a new format needs no edit here.
        help=f"Output format: {', '.join(member.value for member in Format)} (table for people at a terminal).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Short for --format json.")]
FieldsOption = Annotated[
    Optional[str],  # noqa: UP045 - Typer reads the annotation at run time on Python 3.10 too
    typer.Option("--fields", metavar="A,B,C", help="Only these fields, in this order (all formats)."),
]
NoColorOption = Annotated[bool, typer.Option("--no-color", help="No colour in tables (also NO_COLOR, TERM=dumb).")]
NoPagerOption = Annotated[
    bool,
    typer.Option("--no-pager", help="Never page long output on a terminal (also KZCN_PAGER= or KZCN_PAGER=cat)."),
]
FactsOption = Annotated[
    Optional[str],  # noqa: UP045 - Typer reads the annotation at run time on Python 3.10 too
    typer.Option(
        "--facts",
        metavar="PATH",
        help="The knowledge base to read, before or after the command (default: the one shipped with kzcn). "
        "Also KZCN_FACTS; this option wins.",
    ),
]
NoHeaderOption = Annotated[bool, typer.Option("--no-header", help="CSV and TSV: no header line, only the records.")]
RawOption = Annotated[
    bool,
    typer.Option(
        "--raw", help="CSV and TSV: text exactly, without the apostrophe that guards against spreadsheet formulas."
    ),
]

OutputFileOption = Annotated[
    Optional[str],  # noqa: UP045 - Typer reads the annotation at run time on Python 3.10 too
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE (atomically) instead of stdout ('-': stdout); a regular file, never the knowledge base.",
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="With --output: replace FILE if it exists.")]

_OUTPUT_PARAMETERS = (
    inspect.Parameter("output_format", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=FormatOption),
    inspect.Parameter("as_json", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=JsonOption),
    inspect.Parameter("fields", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=FieldsOption),
    inspect.Parameter("no_color", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=NoColorOption),
    inspect.Parameter("no_pager", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=NoPagerOption),
    inspect.Parameter("facts", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=FactsOption),
    inspect.Parameter("no_header", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=NoHeaderOption),
    inspect.Parameter("raw", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=RawOption),
    inspect.Parameter("output_file", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=OutputFileOption),
    inspect.Parameter("force", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=ForceOption),
)
assert tuple(parameter.name for parameter in _OUTPUT_PARAMETERS) == OUTPUT_OPTIONS


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


def with_output(command: Callable[..., None]) -> Callable[..., None]:
    """Gives a command the output options and hands it an `Output` as its `output` argument."""
    signature = inspect.signature(command)
    kept = [parameter for parameter in signature.parameters.values() if parameter.name != "output"]

    @functools.wraps(command)
    def wrapper(ctx: typer.Context, *args: Any, **kwargs: Any) -> None:
        output = make_output(global_options(ctx), **{name: kwargs.pop(name) for name in OUTPUT_OPTIONS})
        command(ctx, *args, output=output, **kwargs)

    wrapper.__signature__ = signature.replace(parameters=[*kept, *_OUTPUT_PARAMETERS])  # type: ignore[attr-defined]
    annotations = {key: value for key, value in command.__annotations__.items() if key != "output"}
    wrapper.__annotations__ = annotations | {parameter.name: parameter.annotation for parameter in _OUTPUT_PARAMETERS}
    return wrapper


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


def handles_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turns what a command raises into a message on stderr and its documented exit status; never a traceback."""
    from kzcn.cli.status import report

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except typer.Exit:
            raise
        except BaseException as error:
            status = report(error)
            if status is None:
                raise
            raise typer.Exit(status) from None

    return wrapper
