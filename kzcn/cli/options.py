"""The output options every data command takes, declared once, and the decorator that makes a command."""

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, Optional

import typer

from kzcn.cli.output import render_options, say, write
from kzcn.errors import UsageError
from kzcn.render import Format

if TYPE_CHECKING:
    from kzcn.model.records import KnowledgeBase
    from kzcn.model.result import Result

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
        "--output", "-o", metavar="FILE", help="Write to FILE (atomically) instead of stdout; never the knowledge base."
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
_DELIMITED = (Format.csv, Format.tsv)


class GlobalOptions(NamedTuple):
    """The options given before the command, kept for the command to read (Typer's `ctx.obj`). A NamedTuple, as
    kzcn/render/options.py's Renderer: every run defines it, and a frozen dataclass costs 0.5 ms more to define."""

    facts_path: str
    """The knowledge base: --facts before the command, else KZCN_FACTS, else the one shipped with kzcn."""
    no_color: bool
    """--no-color before the command."""
    no_pager: bool
    """--no-pager before the command."""


def global_options(ctx: typer.Context) -> GlobalOptions:
    """The options the app's callback kept for this run, which always runs before a command."""
    options = ctx.obj  # Click hands the callback's ctx.obj down to the command's context
    assert isinstance(options, GlobalOptions), "the app's callback keeps the global options before any command runs"
    return options


@dataclass(frozen=True)
class Output:
    """What the output options asked for, and the knowledge base the global options named."""

    format: Format
    """The output format (--json already folded in)."""
    fields: str | None
    """--fields as given."""
    no_color: bool
    """--no-color, before or after the command."""
    facts_path: str
    """The knowledge base to read."""
    shaped: bool
    """True when any output option was given explicitly (for commands whose plain output has no format)."""
    header: bool = True
    """CSV and TSV: a header line (not --no-header)."""
    raw: bool = False
    """CSV and TSV: --raw, no formula guard."""
    file: str | None = None
    """--output FILE: where to write instead of stdout."""
    force: bool = False
    """--force: replace --output's FILE if it exists."""
    pager: bool = True
    """Output taller than the terminal may go through the pager (not --no-pager)."""

    def load(self, *, use_cache: bool = True) -> "KnowledgeBase":
        """The knowledge base the global options name, loaded and checked."""
        from kzcn.kb.load import load_knowledge_base

        return load_knowledge_base(self.facts_path, use_cache=use_cache)

    def emit(self, build: "Callable[[KnowledgeBase], Result]") -> None:
        """Builds the result from the knowledge base and writes it in the chosen format."""
        self.show(build(self.load()))

    def show(self, result: "Result") -> None:
        """Writes a finished result in the chosen format; an empty one is a line on stderr (and no table)."""
        from kzcn.render import render

        options = render_options(self.fields, self.no_color, header=self.header, formula_guard=not self.raw)
        if self.file is not None:
            # A file is read later, elsewhere: no colour, no terminal width, and never the knowledge base itself.
            from dataclasses import replace

            from kzcn.export.files import write_atomically

            text = render(result, self.format, replace(options, color=False, width=100))
            write_atomically(self.file, text.encode("utf-8"), kb_path=self.facts_path, force=self.force)
            say(f"kzcn: wrote {self.file}")
            return
        if not result.records and not result.sections:
            result.select(options.fields, table=self.format is Format.table)  # an unknown --fields is still an error
            say(result.empty_message)
            if self.format is Format.table:
                return
        write(render(result, self.format, options), pager=self.pager)


def with_output(command: Callable[..., None]) -> Callable[..., None]:
    """Gives a command the four output options and hands it an `Output` as its `output` argument."""
    signature = inspect.signature(command)
    kept = [parameter for parameter in signature.parameters.values() if parameter.name != "output"]

    @functools.wraps(command)
    def wrapper(ctx: typer.Context, *args: Any, **kwargs: Any) -> None:
        output_format: Format | None = kwargs.pop("output_format")
        as_json: bool = kwargs.pop("as_json")
        fields: str | None = kwargs.pop("fields")
        no_color: bool = kwargs.pop("no_color")
        no_pager: bool = kwargs.pop("no_pager")
        no_header: bool = kwargs.pop("no_header")
        raw: bool = kwargs.pop("raw")
        facts: str | None = kwargs.pop("facts")
        output_file: str | None = kwargs.pop("output_file")
        force: bool = kwargs.pop("force")
        if force and output_file is None:
            raise UsageError("--force replaces the file --output names; add --output FILE")
        chosen = _chosen_format(output_format, as_json=as_json, no_header=no_header, raw=raw)
        before = global_options(ctx)
        output = Output(
            format=chosen,
            fields=fields,
            no_color=no_color or before.no_color,
            facts_path=facts_path(ctx, facts),
            shaped=as_json or fields is not None or chosen is not Format.table,
            header=not no_header,
            raw=raw,
            file=output_file,
            force=force,
            pager=not (no_pager or before.no_pager),
        )
        command(ctx, *args, output=output, **kwargs)

    wrapper.__signature__ = signature.replace(parameters=[*kept, *_OUTPUT_PARAMETERS])  # type: ignore[attr-defined]
    annotations = {key: value for key, value in command.__annotations__.items() if key != "output"}
    wrapper.__annotations__ = annotations | {parameter.name: parameter.annotation for parameter in _OUTPUT_PARAMETERS}
    return wrapper


def parse_year(value: str) -> int:
    """A --year value: a whole year from 1 to 9999, else a usage error that says so plainly."""
    text = value.strip()
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 9999:
        raise UsageError(f"--year needs a year from 1 to 9999, such as 2017; {value!r} is not one")
    return int(text)


def facts_path(ctx: typer.Context, after: str | None) -> str:
    """The knowledge base: --facts after the command wins over --facts before it, which wins over KZCN_FACTS."""
    if after is None:
        return global_options(ctx).facts_path
    from kzcn.kb.load import resolve_facts_path

    return resolve_facts_path(after)


def _chosen_format(output_format: Format | None, *, as_json: bool, no_header: bool, raw: bool) -> Format:
    """The one format the options ask for; options that contradict it, or that it would ignore, are usage errors."""
    if as_json and output_format not in (None, Format.json):
        raise UsageError(f"--json and --format {output_format.value} contradict each other: --json is --format json")
    chosen = Format.json if as_json else output_format or Format.table
    for flag, given in (("--no-header", no_header), ("--raw", raw)):
        if given and chosen not in _DELIMITED:
            raise UsageError(f"{flag} applies to --format csv and tsv only, not {chosen.value}")
    return chosen


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
