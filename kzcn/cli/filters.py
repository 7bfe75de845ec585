"""The filter options commands share (TEXT, --topic, --kind, ...), without Typer: the rule, and the one `Filters`
value they make (kzcn/cli/declarations.py declares them to Typer, `with_filters` there gives a command those it names).
"""

from __future__ import annotations

from kzcn.cli.options import parse_year

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)

if TYPE_CHECKING:  # the filters themselves are imported by the commands that run with them, not at start-up
    from typing import Any

    from kzcn.queries.filters import Filters


RULE = "Repeat an option to allow any of its values (OR); different options must all hold (AND)."
"""The rule in words, for --help and the documentation; `all_hold` in kzcn/queries/filters.py is the rule in code."""

FROM_OPTIONS: Any = None
"""The default of a command's `filters` parameter, which `with_filters` replaces by the options it declares: the
command always receives a `Filters`. (Not the empty `Filters` itself: that would import the filters at start-up.)"""


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
) -> Filters:
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
