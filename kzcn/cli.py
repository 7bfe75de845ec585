"""The command line: Typer options in, domain calls, a renderer out; the only module that knows exit statuses."""

# No `from __future__ import annotations` here: Typer would then evaluate every annotation string on every run.

import contextlib
import errno
import functools
import gc
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, Optional, TypeVar

import typer

from kzcn import __version__
from kzcn.errors import EXIT_INTERNAL, EXIT_KB_UNUSABLE, KzcnError, UsageError
from kzcn.kb import resolve_facts_path
from kzcn.model import FACT_KINDS
from kzcn.render import Format, RenderOptions

if TYPE_CHECKING:
    from kzcn.model import KnowledgeBase
    from kzcn.result import Result

EXIT_OUTPUT_FAILED = 74  # EX_IOERR from sysexits.h: the output could not be written (a full disk, say).
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C.
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: the reader closed the pipe before all output was written.

EXIT_STATUS_HELP = (
    "Exit statuses: 0 success (an empty result is still success); 1 what was asked for does not exist "
    "(an unknown id, a year with no figure); 2 usage error; 3 the knowledge base cannot be loaded or fails its "
    "check; 70 internal error (a bug: rerun with KZCN_DEBUG=1 for the traceback); 74 output could not be written; "
    "130 interrupted; 141 the reader closed the pipe early."
)

app = typer.Typer(
    name="kzcn",
    help="Explore the claims of one article on Kazakhstan-China economic cooperation: facts, sources and derived "
    "totals, each traceable to a verbatim quote.\n\nExample: kzcn facts --kind forecast",
    epilog=EXIT_STATUS_HELP,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])


# -- completion ----------------------------------------------------------------------------------------------------


def _completion_values(ctx: typer.Context, facet: str, incomplete: str) -> list[str]:
    """Values for shell completion from the knowledge base; nothing, silently, if it cannot be read in time."""
    import threading

    found: list[str] = []

    def read() -> None:
        try:
            from kzcn.query import facet_values

            root = ctx.find_root()
            path = resolve_facts_path(root.params.get("facts"))
            found.extend(facet_values(_read_kb(path), facet))
        except BaseException:
            return

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(timeout=2.0)
    if worker.is_alive():
        return []
    from kzcn.render import visible

    lowered = incomplete.casefold()
    return [visible(value) for value in found if value.casefold().startswith(lowered)]


def _completer(facet: str) -> Callable[[typer.Context, str], list[str]]:
    """A Typer autocompletion callback offering the knowledge base's values of one facet."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        return _completion_values(ctx, facet, incomplete)

    return complete


def _complete_kinds(incomplete: str) -> list[str]:
    return [kind for kind in FACT_KINDS if kind.startswith(incomplete)]


# -- shared options ------------------------------------------------------------------------------------------------

FormatOption = Annotated[
    Format,
    typer.Option(
        "--format", "-f", help="Output format: table for people; json, ndjson, csv, tsv, markdown for scripts."
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Short for --format json.")]
FieldsOption = Annotated[
    Optional[str],  # noqa: UP045 - Typer reads the annotation at run time on Python 3.10 too
    typer.Option("--fields", metavar="A,B,C", help="Only these fields, in this order (all formats)."),
]
NoColorOption = Annotated[bool, typer.Option("--no-color", help="No colour in tables (also NO_COLOR, TERM=dumb).")]


def _render_options(ctx: typer.Context, fields: str | None, no_color: bool) -> RenderOptions:
    """How to render: --fields, and colour unless --no-color (before or after the command), NO_COLOR or TERM=dumb."""
    no_color = no_color or ctx.obj["no_color"]
    wanted = [name.strip() for name in fields.split(",") if name.strip()] if fields is not None else None
    if fields is not None and not wanted:
        raise UsageError("--fields needs at least one field name, such as --fields id,statement")
    env = os.environ
    if no_color or env.get("NO_COLOR") or env.get("TERM") == "dumb":
        color = False
    elif env.get("FORCE_COLOR"):
        color = True
    else:
        color = _isatty(sys.stdout)
    width = max(10, _terminal_width())
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        "\u2014\u00b6".encode(encoding)
        ascii_only = False
    except (UnicodeEncodeError, LookupError):
        ascii_only = True
    return RenderOptions(fields=wanted, color=color, width=width, ascii_only=ascii_only)


def _terminal_width() -> int:
    """COLUMNS if it is a positive number, else the terminal's width, else 100 (output to a pipe or file)."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 100  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 100


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


# -- running a command ---------------------------------------------------------------------------------------------


def _read_kb(path: str) -> "KnowledgeBase":
    from kzcn.kb import load_knowledge_base

    return load_knowledge_base(path)


def _stderr(line: str) -> None:
    """One message line on stderr, its control characters made visible: messages quote knowledge-base text too."""
    from kzcn.render import visible

    try:
        sys.stderr.write(visible(line) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass  # stderr itself is gone (closed, or None when started with 2>&-): there is nobody left to tell


def _write(text: str) -> None:
    """All output in few large writes: with PYTHONUNBUFFERED, small writes would cost a syscall each."""
    stream = sys.stdout
    if stream is None:  # started with stdout closed (`kzcn facts >&-`)
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        data = text.encode(encoding, errors="backslashreplace")
    except LookupError:
        data = text.encode("utf-8", errors="backslashreplace")
    try:
        descriptor = stream.fileno()
    except (AttributeError, ValueError, OSError):
        descriptor = -1
    if descriptor < 0:  # an in-memory stream, as in tests
        if hasattr(stream, "buffer"):
            stream.buffer.write(data)
        else:
            stream.write(data.decode(encoding))
        stream.flush()
        return
    stream.flush()
    view = memoryview(data)
    while view:
        # os.write reports a short write when the reader goes away mid-way; the next call then fails with
        # EPIPE, so lost output always ends in an error, never in a silent success.
        written = os.write(descriptor, view[: 1 << 20])
        view = view[written:]


def _silence_stdout() -> None:
    # After a broken pipe, Python would complain again while flushing stdout at exit ("Exception ignored").
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _report(error: BaseException) -> int | None:
    """Says on stderr what went wrong and returns the documented exit status; None for what must propagate.

    The one mapping from exceptions to messages and statuses, used inside commands and around the whole app.
    """
    if isinstance(error, KzcnError):
        for line in error.lines():
            _stderr(line)
        return error.exit_status
    if isinstance(error, KeyboardInterrupt):
        _stderr("kzcn: interrupted")
        return EXIT_INTERRUPTED
    if isinstance(error, BrokenPipeError):
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    if isinstance(error, (OSError, UnicodeEncodeError)):  # the output (or a file kzcn writes) cannot be written
        if isinstance(error, UnicodeEncodeError):
            reason = f"the output encoding cannot show {error.object[error.start : error.end]!r}"
        else:
            reason = str(error.strerror or error)
        target = f" {error.filename}" if isinstance(error, OSError) and error.filename else " output"
        _stderr(f"kzcn: cannot write{target}: {reason}")
        _silence_stdout()
        return EXIT_OUTPUT_FAILED
    if isinstance(error, Exception):
        if os.environ.get("KZCN_DEBUG"):
            return None
        if "_KZCN_COMPLETE" not in os.environ:  # completion must stay silent, whatever the shell passed
            _stderr(
                f"kzcn: internal error ({type(error).__name__}); this is a bug in kzcn. "
                "Run again with KZCN_DEBUG=1 to see the traceback, and report it."
            )
        return EXIT_INTERNAL
    return None  # SystemExit and the like


def handles_errors(command: F) -> F:
    """Turns what a command raises into a message on stderr and its documented exit status; never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except typer.Exit:
            raise
        except BaseException as error:
            status = _report(error)
            if status is None:
                raise
            raise typer.Exit(status) from None

    return wrapper  # type: ignore[return-value]


def _emit(
    ctx: typer.Context,
    build: Callable[["KnowledgeBase"], "Result"],
    output_format: Format,
    as_json: bool,
    fields: str | None,
    no_color: bool,
) -> None:
    if as_json:
        output_format = Format.json
    options = _render_options(ctx, fields, no_color)
    _output(build(_read_kb(ctx.obj["facts_path"])), output_format, options)


def _output(result: "Result", output_format: Format, options: RenderOptions) -> None:
    from kzcn.render import render

    if not result.records:
        result.select(options.fields, table=output_format is Format.table)  # an unknown --fields is still an error
        _stderr(result.empty_message)
        if output_format is Format.table:
            return
    _write(render(result, output_format, options))


# -- commands ------------------------------------------------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kzcn {__version__}")
        raise typer.Exit(0)


@app.callback()
@handles_errors
def main_options(
    ctx: typer.Context,
    facts: Annotated[
        Optional[str],  # noqa: UP045 - Typer reads the annotation at run time on Python 3.10 too
        typer.Option(
            "--facts",
            metavar="PATH",
            help="The knowledge base to read (default: the one shipped with kzcn). Also KZCN_FACTS; this option wins.",
        ),
    ] = None,
    no_color: NoColorOption = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print kzcn's version and exit.")
    ] = False,
) -> None:
    # What every command needs from the global options: the knowledge base's path and the colour switch.
    ctx.obj = {"facts_path": resolve_facts_path(facts), "no_color": no_color}


@app.command(
    short_help="List the facts, filtered and searched.",
    help="Example: kzcn facts --topic transport --year 2017\n\n"
    "List the article's claims as a table: id, kind, statement, time, quantity, source and paragraph. "
    "Filters combine with AND; each may be repeated. TEXT matches statements and quotes, ignoring case. "
    "--year Y matches facts in Y (a point), since Y or earlier (a start), and by Y (a target). "
    "No match is not an error: kzcn says so and exits 0.",
)
@handles_errors
def facts(
    ctx: typer.Context,
    text: Annotated[Optional[str], typer.Argument(help="Words to find in statements and quotes.")] = None,  # noqa: UP045
    topic: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--topic", "-t", help="Only facts with this topic.", autocompletion=_completer("topic")),
    ] = None,
    kind: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--kind", "-k", help=f"Only facts of this kind: {', '.join(FACT_KINDS)}.", autocompletion=_complete_kinds
        ),
    ] = None,
    entity: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--entity",
            "-e",
            help="Only facts about this entity (Kazakhstan, Vietnam, ...).",
            autocompletion=_completer("entity"),
        ),
    ] = None,
    year: Annotated[
        Optional[list[int]],  # noqa: UP045
        typer.Option(
            "--year", "-y", min=1, max=9999, help="Only facts about this year.", autocompletion=_completer("year")
        ),
    ] = None,
    source: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--source",
            "-s",
            help="Only facts from this source id, or mentioning it.",
            autocompletion=_completer("source"),
        ),
    ] = None,
    sort: Annotated[
        str, typer.Option("--sort", help="Order: source (the article's order), id, kind or year.")
    ] = "source",
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", min=0, help="At most this many facts.")] = None,  # noqa: UP045
    output_format: FormatOption = Format.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    no_color: NoColorOption = False,
) -> None:
    from kzcn.query import SORT_KEYS, list_facts

    for value in kind or ():
        if value not in FACT_KINDS:
            raise UsageError(f"unknown --kind {value!r}; kinds: {', '.join(FACT_KINDS)}")
    if sort not in SORT_KEYS:
        raise UsageError(f"unknown --sort {sort!r}; choose one of {', '.join(SORT_KEYS)}")
    _emit(
        ctx,
        lambda kb: list_facts(
            kb,
            text=text,
            topics=topic or (),
            kinds=kind or (),
            entities=entity or (),
            years=year or (),
            sources=source or (),
            sort=sort,
            limit=limit,
        ),
        output_format,
        as_json,
        fields,
        no_color,
    )


@app.command(
    short_help="One fact in full, with its quote in context.",
    help="Example: kzcn show transport-income-2017\n\n"
    "Every field of one fact, its quote highlighted inside its paragraph of the source, and the derived figures "
    "that use it. An unknown id is an error (exit 1) that suggests the closest ids.",
)
@handles_errors
def show(
    ctx: typer.Context,
    fact_id: Annotated[str, typer.Argument(metavar="ID", help="The fact's id.", autocompletion=_completer("id"))],
    output_format: FormatOption = Format.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    no_color: NoColorOption = False,
) -> None:
    from kzcn.query import show_fact

    _emit(ctx, lambda kb: show_fact(kb, fact_id), output_format, as_json, fields, no_color)


@app.command(
    short_help="The sources and what is known of them.",
    help="Example: kzcn sources\n\n"
    "Each source with its kind, title, publisher, language, view count and fingerprint (or unknown where the "
    "source does not say), and how many facts cite it.",
)
@handles_errors
def sources(
    ctx: typer.Context,
    output_format: FormatOption = Format.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    no_color: NoColorOption = False,
) -> None:
    from kzcn.query import list_sources

    _emit(ctx, list_sources, output_format, as_json, fields, no_color)


@app.command(
    short_help="Kazakhstan's transport income: stated, forecast and derived.",
    help="Example: kzcn revenue --year 2020 --json\n\n"
    "The transport sector's income as the article gives it, with derived figures (shares, remainders, growth) "
    "marked as computed by kzcn. Without --year: the whole series and a bar chart. A year with no figure is an "
    "error (exit 1) naming the years that have one; --interpolate estimates years between them, labelled as such.",
)
@handles_errors
def revenue(
    ctx: typer.Context,
    year: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--year", "-y", min=1, max=9999, help="Only this year.", autocompletion=_completer("year")),
    ] = None,
    interpolate: Annotated[
        bool, typer.Option("--interpolate", help="Estimate a year between stated ones (labelled interpolated).")
    ] = False,
    output_format: FormatOption = Format.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    no_color: NoColorOption = False,
) -> None:
    from kzcn import figures

    if interpolate and year is None:
        raise UsageError("--interpolate needs --year: it estimates one year between two that have a figure")
    _emit(
        ctx,
        lambda kb: figures.revenue(kb, year=year, interpolate=interpolate),
        output_format,
        as_json,
        fields,
        no_color,
    )


@app.command(
    short_help="Every derived figure with its arithmetic.",
    help="Example: kzcn totals --explain china-share-2017\n\n"
    "The figures kzcn computes from facts (declared under `derived:` in the knowledge base): formula, input "
    "facts with their values, and result. None of them is stated by the source.",
)
@handles_errors
def totals(
    ctx: typer.Context,
    explain: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--explain", metavar="ID", help="Only this derived figure, in full.", autocompletion=_completer("derived")
        ),
    ] = None,
    output_format: FormatOption = Format.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    no_color: NoColorOption = False,
) -> None:
    from kzcn import figures

    _emit(ctx, lambda kb: figures.totals(kb, explain=explain), output_format, as_json, fields, no_color)


@app.command(
    short_help="Counts of facts by kind, topic, entity, source and year.",
    help="Example: kzcn stats --format csv\n\nHow many facts there are of each kind, topic, entity, source and year.",
)
@handles_errors
def stats(
    ctx: typer.Context,
    output_format: FormatOption = Format.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    no_color: NoColorOption = False,
) -> None:
    from kzcn import query

    _emit(ctx, query.stats, output_format, as_json, fields, no_color)


@app.command(
    short_help="Validate the knowledge base.",
    help="Example: kzcn --facts my-facts.yaml check --verbose\n\n"
    "Checks schema and types, unique ids, references, that every quote stands verbatim in its source, that every "
    "quantity's number and year appear in its quote, the fingerprints, the declared relations and the derived "
    "figures. Silent with exit 0 when clean; each problem on stderr with file:line:column and exit 3 when not. "
    "--coverage lists the source sentences no fact quotes.",
)
@handles_errors
def check(
    ctx: typer.Context,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Say what was checked, in one line.")] = False,
    coverage: Annotated[bool, typer.Option("--coverage", help="List the sentences no fact quotes from.")] = False,
    output_format: FormatOption = Format.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    no_color: NoColorOption = False,
) -> None:
    if not coverage and (as_json or fields is not None or output_format is not Format.table):
        raise UsageError("--format, --json and --fields shape the --coverage list; add --coverage")
    kb = _read_kb(ctx.obj["facts_path"])
    for warning in kb.warnings:
        _stderr(f"warning: {warning}")
    if verbose:
        quotes = sum(len(fact.quotes) for fact in kb.facts)
        _stderr(
            f"{kb.path}: OK: {len(kb.facts)} facts, {quotes} quotes, {len(kb.sources)} sources, "
            f"{len(kb.relations)} relations, {len(kb.derived)} derived figures"
        )
    if coverage:
        from kzcn.query import coverage as coverage_query

        options = _render_options(ctx, fields, no_color)
        _output(coverage_query(kb), Format.json if as_json else output_format, options)


def main() -> None:
    """The app, with what happens outside any command handled too: interrupts, broken pipes, unwritable output."""
    # A run is short and builds no cycles worth collecting; the collector's passes only cost time (and the
    # process leaves through os._exit without a teardown). kzcn.kb does the same around a load for library use.
    gc.disable()
    try:
        app(prog_name="kzcn")
        status = 0
    except SystemExit as exit_request:
        status = _exit_status(exit_request.code)
    except BaseException as error:  # outside any command: --help, --version, completion, start-up
        reported = _report(error)
        if reported is None:
            raise
        status = reported
    _exit_now(status)


def _exit_status(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    _stderr(str(code))  # sys.exit("message") semantics
    return 1


def _exit_now(status: int) -> None:
    """Flush and leave without the interpreter's teardown.

    Tearing down some two hundred imported modules costs about 7 ms, an eighth of a whole run (measured with
    os._exit against a normal exit, benchmarks/README.md). Nothing is lost by skipping it: kzcn's output is
    flushed here, the cache was written and renamed atomically before, and kzcn registers no exit handlers.
    """
    try:
        if sys.stdout is not None:  # None when started with stdout closed and nothing was written
            sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        status = status or EXIT_BROKEN_PIPE
    except (OSError, ValueError):
        status = status or EXIT_OUTPUT_FAILED
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.flush()
    os._exit(status)


__all__ = ["EXIT_KB_UNUSABLE", "app", "main"]
