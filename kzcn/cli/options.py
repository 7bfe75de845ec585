"""What the options ask for, without Typer: the global options, the `Output` a data command receives, and the
checks of the options' values (kzcn/cli/declarations.py declares the same options to Typer)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kzcn.cli.output import render_options, say, write
from kzcn.errors import UsageError
from kzcn.render import Format

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)
if TYPE_CHECKING:
    from typing import Any, NamedTuple
else:
    from kzcn.records_light import NamedTuple

if TYPE_CHECKING:
    from kzcn.model.records import KnowledgeBase
    from kzcn.model.result import Result

OUTPUT_OPTIONS = (
    "output_format",
    "as_json",
    "fields",
    "no_color",
    "no_pager",
    "facts",
    "no_header",
    "raw",
    "output_file",
    "force",
)
"""The parameters of the output options, by name (their declarations: kzcn/cli/declarations.py)."""

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


def global_options(ctx: Any) -> GlobalOptions:
    """The options the app's callback kept for this run, which always runs before a command (`ctx` is Typer's
    context, or the fast path's stand-in for it)."""
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

    def load(self, *, use_cache: bool = True) -> KnowledgeBase:
        """The knowledge base the global options name, loaded and checked."""
        from kzcn.kb.load import load_knowledge_base

        return load_knowledge_base(self.facts_path, use_cache=use_cache)

    def emit(self, build: Callable[[KnowledgeBase], Result]) -> None:
        """Builds the result from the knowledge base and writes it in the chosen format."""
        self.show(build(self.load()))

    def show(self, result: Result) -> None:
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
            # An annotated text is shown whole even with nothing marked: a new knowledge base's author needs its
            # paragraph numbers to write the first quote (issue 23).
            if self.format is Format.table and (result.document is None or options.fields):
                return
        write(render(result, self.format, options), pager=self.pager)


def make_output(
    before: GlobalOptions,
    *,
    output_format: Format | None,
    as_json: bool,
    fields: str | None,
    no_color: bool,
    no_pager: bool,
    facts: str | None,
    no_header: bool,
    raw: bool,
    output_file: str | None,
    force: bool,
) -> Output:
    """The `Output` the output options given after the command make, with the global options given before it."""
    if force and output_file is None:
        raise UsageError("--force replaces the file --output names; add --output FILE")
    chosen = _chosen_format(output_format, as_json=as_json, no_header=no_header, raw=raw)
    if output_file == "-":  # `-o -`: stdout, as the help says
        output_file = None
    return Output(
        format=chosen,
        fields=fields,
        no_color=no_color or before.no_color,
        facts_path=before.facts_path if facts is None else _resolved(facts),
        shaped=as_json or fields is not None or chosen is not Format.table,
        header=not no_header,
        raw=raw,
        file=output_file,
        force=force,
        pager=not (no_pager or before.no_pager),
    )


def global_options_given(facts: str | None, *, no_color: bool, no_pager: bool) -> GlobalOptions:
    """The options given before the command, as the app's callback keeps them (Typer's or the fast path's)."""
    return GlobalOptions(facts_path=_resolved(facts), no_color=no_color, no_pager=no_pager)


def _resolved(facts: str | None) -> str:
    """--facts as given: the path, else KZCN_FACTS, else the shipped knowledge base."""
    from kzcn.kb.load import resolve_facts_path

    return resolve_facts_path(facts)


def parse_year(value: str) -> int:
    """A --year value: a whole year from 1 to 9999, else a usage error that says so plainly."""
    text = value.strip()
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 9999:
        raise UsageError(f"--year needs a year from 1 to 9999, such as 2017; {value!r} is not one")
    return int(text)


def facts_path(ctx: Any, after: str | None) -> str:
    """The knowledge base: --facts after the command wins over --facts before it, which wins over KZCN_FACTS."""
    return global_options(ctx).facts_path if after is None else _resolved(after)


def _chosen_format(output_format: Format | None, *, as_json: bool, no_header: bool, raw: bool) -> Format:
    """The one format the options ask for; options that contradict it, or that it would ignore, are usage errors."""
    if as_json and output_format not in (None, Format.json):
        raise UsageError(f"--json and --format {output_format.value} contradict each other: --json is --format json")
    chosen = Format.json if as_json else output_format or Format.table
    for flag, given in (("--no-header", no_header), ("--raw", raw)):
        if given and chosen not in _DELIMITED:
            raise UsageError(f"{flag} applies to --format csv and tsv only, not {chosen.value}")
    return chosen
