"""The caveats a figure carries wherever it is shown: its facts' notes and inferred years, the comparability its
knowledge base declares for it, and the lines they make under a table."""

from __future__ import annotations

from collections.abc import Iterable

from kzcn.model.derive import DerivedFigure
from kzcn.model.records import Fact

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)
if TYPE_CHECKING:
    from typing import Any


def caveats_of(fact_ids: Iterable[str], facts_by_id: dict[str, Fact]) -> tuple[str, ...]:
    """The notes of the facts a figure rests on, each as "fact-id: note": a figure computed from a fact carries that
    fact's caveat (what the source does not say), wherever the figure is shown."""
    found = []
    for fact_id in dict.fromkeys(fact_ids):
        fact = facts_by_id.get(fact_id)
        if fact is not None and fact.time is not None and fact.time.inferred:
            found.append(f"{fact_id}: the year {fact.time.year} is inferred, not printed: {fact.time.inferred}")
        if fact is not None and fact.note:
            found.append(f"{fact_id}: {fact.note}")
    return tuple(found)


def caveat_notes(records: Iterable[dict[str, Any]]) -> tuple[str, ...]:
    """Each caveat of the figures shown, once, as a line under the table; figures with the same caveat share one
    line ("Caveat on a and b: ...")."""
    named: dict[str, dict[str, bool]] = {}  # note: {id: whether a computed figure carries it from that id}
    for record in records:
        for caveat in record["caveats"]:
            fact_id, _, note = caveat.partition(": ")
            of_input = bool(record["derived"]) and fact_id != record["id"]
            ids = named.setdefault(note, {})
            ids[fact_id] = ids.get(fact_id, False) or of_input
    lines = []
    for note, ids in named.items():
        names = list(ids)
        who = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        computed = f" and the figures computed from {'it' if len(names) == 1 else 'them'}" if any(ids.values()) else ""
        lines.append(f"Caveat on {who}{computed}: {note}")
    return tuple(lines)


def figure_caveats(figure: DerivedFigure, facts_by_id: dict[str, Fact]) -> tuple[str, ...]:
    """What a reader of a derived figure must know: why the knowledge base joins its inputs, where it declares
    them comparable, then the caveats of its inputs."""
    declared = (f"{figure.id}: the knowledge base declares its inputs comparable: {figure.comparable}",)
    return (
        *(declared if figure.comparable else ()),
        *caveats_of((item.fact_id for item in figure.inputs), facts_by_id),
    )
