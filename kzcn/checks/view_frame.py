"""Whether a claim's statement says it gives a view (opinion-frame): an opinion's says whose, in its own words, so
that it never reads as a stated fact where the statement stands alone (a column, a JSON field, a search hit, a CSV
cell); an event's or a statistic's names no one's view."""

from __future__ import annotations

import re

from kzcn.checks.meaning import Finding
from kzcn.model.records import Fact

_AUTHORS_VIEW = re.compile(
    r"\bin the author's (?:view|opinion)\b"
    r"|\bthe author (?:holds|believes|thinks|considers|argues|says|finds)\b"
    r"|\baccording to the author\b"
)
"""The author's own view, named as such: what an opinion the author asserts says of itself."""

_SOMEONES_VIEW = re.compile(
    r"\bin (?:the |their |his |her |its |our |my |[\w'-]+'s )(?:[\w-]+'s )?(?:view|opinion)\b"
    r"|\b(?:holds?|believes?|thinks?|considers?|argues?)\s+that\b"
    r"|\bas\b[^.;:,]{0,80}\b(?:believes?|believed|thinks?|thought|argues?|argued)\b"
)
"""A view someone holds, as a frame around a claim ("in Izimov's view", "the ministry believes that", "as some groups
believe"): not "in view of", "a meeting was held", "most people believe the port is useful" (a stated record of a
belief)."""

_VIEW_HELD = re.compile(
    r"\b(?:believes?|believed|thinks?|thought|considers?|considered|holds?|held|argues?|argued|says?|said"
    r"|view|opinion|according to)\b"
)
"""Any word that gives a view to whom the statement names: what a reported opinion keeps ("as some groups
believe")."""

VIEW_WORDS = frozenset(
    """author author's view views opinion hold holds held believe believes believed think thinks thought consider
    considers considered argue argues argued say says said according""".split()  # noqa: SIM905 - words read best as words
)
"""The words of a view's frame, which an opinion's statement may add to its quotes' words: these words exactly, not
words sharing their first letters ("authoritarian", "considerable")."""


def view_frame_findings(fact: Fact, statement: str) -> list[Finding]:
    """The opinion-frame rule on a claim's `statement` (folded, lower-cased)."""
    if fact.kind == "opinion" and fact.modality != "reported" and _AUTHORS_VIEW.search(statement) is None:
        return [
            Finding(
                "opinion-frame",
                ("statement",),
                "an opinion of the author's worded as a stated fact, or as someone else's view; say it is the "
                'author\'s ("In the author\'s view, ...", "The author holds that ..."), or, where the article '
                "reports it, write modality: reported with attributed_to",
            )
        ]
    if fact.kind == "opinion" and fact.modality == "reported" and _VIEW_HELD.search(statement) is None:
        return [
            Finding(
                "opinion-frame",
                ("statement",),
                'a reported opinion worded as a stated fact; say whose view it is ("..., as some groups believe", '
                '"According to ..., ...")',
            )
        ]
    held = _AUTHORS_VIEW.search(statement) or _SOMEONES_VIEW.search(statement)
    if fact.kind in ("event", "statistic") and held is not None:
        article = "an" if fact.kind == "event" else "a"
        return [
            Finding(
                "opinion-frame",
                ("kind",),
                f"{article} {fact.kind} whose statement gives someone's view ({held.group()!r}); a view is an "
                "opinion: write kind: opinion, or state the fact without the view (a record of what people hold, a "
                "survey's, declares an exception: {rule: opinion-frame, reason: ...})",
            )
        ]
    return []
