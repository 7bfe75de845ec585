"""`kzcn schema COMMAND`: the JSON Schema of what a command prints with --json, the contract scripts rely on."""

from __future__ import annotations

from kzcn.cli.registry import command

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)

if TYPE_CHECKING:
    from typing import Annotated, Optional

    import typer


@command(
    short_help="The JSON Schema of a command's --json output.",
    help="Example: kzcn schema facts > facts.schema.json\n\n"
    "Prints the JSON Schema (draft 2020-12) that the command's --json output validates against: an array of "
    "records whatever the filters, or one object for a thing asked for by its id (show ID, review CLAIM, totals "
    "--explain ID), or the fact sheet's one object (report). --format ndjson prints each element of that array on "
    "a line of its own. Without COMMAND: the commands and the shape of each one's JSON.",
    output=False,
)
def schema(
    name: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(metavar="COMMAND", help="The command whose JSON to describe: facts, show, review, ..."),
    ] = None,
) -> None:
    from kzcn.cli.contract import SHAPES, SHAPES_BY_COMMAND, schema_text
    from kzcn.cli.output import write
    from kzcn.errors import UsageError

    if name is None:
        width = max(len(shape.command) for shape in SHAPES)
        lines = [f"{shape.command:<{width}}  {shape.summary}" for shape in SHAPES]
        write("\n".join([*lines, "", "kzcn schema COMMAND prints one command's JSON Schema."]) + "\n")
        return
    shape = SHAPES_BY_COMMAND.get(name)
    if shape is None:
        raise UsageError(f"no command {name!r} prints JSON; commands that do: {', '.join(SHAPES_BY_COMMAND)}")
    write(schema_text(shape))
