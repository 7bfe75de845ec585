"""The check of reviews and comparisons: every id resolves, evidence comes from elsewhere, verdicts have support."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kzcn.model.records import Comparison, DerivedSpec, Fact, KnowledgeBase, Review

Report = Callable[[tuple[str | int, ...], str], None]
Unknown = Callable[[tuple[str | int, ...], str, str], None]

_FOR = ("corroborates",)
_FOR_FORECAST = ("corroborates", "attributes")  # a forecast's verdict judges that it was made, as reported
_AGAINST = ("qualifies", "contradicts")
_BEARING_ON_TRUTH = ("corroborates", "contradicts", "qualifies", "attributes", "outcome")


def scale_problems(verdict: str, bearings: set[str], *, forecast: bool, searched: str | None) -> list[str]:
    """What the verdict's definition (docs/reviews.md, "The verdict scale") asks of the evidence that this review's
    evidence lacks or contradicts, each with its fix: the scale is applied the same way by whoever reviews."""
    agreeing = _FOR_FORECAST if forecast else _FOR
    found = ", ".join(sorted(bearings)) or "none"
    seen = _Seen(verdict, bearings, agreeing, f"(bearings here: {found})", searched)
    rule = _SCALE.get(verdict)
    return rule(seen) if rule is not None and not (verdict == "not-checkable" and forecast) else []


@dataclass(frozen=True)
class _Seen:
    """What a review's verdict is held to: its bearings, which of them agree, and what it says it sought."""

    verdict: str
    """The review's verdict."""
    bearings: set[str]
    """The bearings of its evidence."""
    agreeing: tuple[str, ...]
    """The bearings that bear a claim out (a forecast's too attribute it)."""
    have: str
    """The bearings, as the messages list them."""
    searched: str | None
    """What the review says was sought and not found."""

    def needs(self, wanted: tuple[str, ...]) -> list[str]:
        if self.bearings.intersection(wanted):
            return []
        return [f"a verdict of {self.verdict} needs evidence that {' or '.join(wanted)} {self.have}; add it, or "
                "change the verdict"]  # fmt: skip

    def admits_none(self, refused: tuple[str, ...], instead: str) -> list[str]:
        if not self.bearings.intersection(refused):
            return []
        return [f"a verdict of {self.verdict} admits no evidence that {' or '.join(refused)} {self.have}: {instead}"]


def _supported(seen: _Seen) -> list[str]:
    return seen.needs(seen.agreeing) + seen.admits_none(_AGAINST, "a record that does makes it partly-supported")


def _partly_supported(seen: _Seen) -> list[str]:
    problems = seen.needs(seen.agreeing)
    if not seen.bearings.intersection(_AGAINST) and not seen.searched:
        problems.append(f"a verdict of partly-supported needs evidence that qualifies or contradicts {seen.have}, or "
                        "`searched` saying which part no record was found for; add it, or the verdict is "
                        "supported")  # fmt: skip
    return problems


def _not_supported(seen: _Seen) -> list[str]:
    problems = []
    if not seen.bearings.intersection(_AGAINST):
        problems.append(f"a verdict of not-supported needs records of the claim's measure that qualify or "
                        f"contradict it {seen.have}; with none found it is unverified")  # fmt: skip
    return problems + seen.admits_none(seen.agreeing, "a record that does makes it partly-supported")


def _contradicted(seen: _Seen) -> list[str]:
    return seen.needs(("contradicts",)) + seen.admits_none(
        seen.agreeing, "records on both sides make it partly-supported"
    )


def _unverified(seen: _Seen) -> list[str]:
    problems = [] if seen.searched else ["a verdict of unverified says what was looked for: write `searched`"]
    bearing = sorted(seen.bearings.intersection(_BEARING_ON_TRUTH))
    if bearing:
        problems.append(f"a verdict of unverified means nothing relevant was found, but evidence here "
                        f"{' and '.join(bearing)}; judge the claim by it, or cite it as context")  # fmt: skip
    return problems


def _not_checkable(seen: _Seen) -> list[str]:
    if not seen.bearings.intersection(("corroborates", "contradicts")):
        return []
    return [f"a verdict of not-checkable means no record can meet the claim, but evidence here corroborates or "
            f"contradicts it {seen.have}; judge the claim by it"]  # fmt: skip


_SCALE: dict[str, Callable[[_Seen], list[str]]] = {
    "supported": _supported,
    "partly-supported": _partly_supported,
    "not-supported": _not_supported,
    "contradicted": _contradicted,
    "unverified": _unverified,
    "not-checkable": _not_checkable,
}
"""Each verdict's definition as a check of its evidence (a forecast's not-checkable has none: it is the author's own
prediction, with no one else to attribute it to)."""


def outcome_problems(review: Review, claim: Fact, bearings: set[str]) -> list[tuple[str, str]]:
    """(field, problem) where a review's outcome breaks its definition: only a forecast has one, every forecast's
    review has one, met and not-met stand on a record of the outcome, too-early on a time still to come."""
    if claim.kind != "forecast":
        problems = []
        if review.outcome is not None or review.outcome_summary is not None:
            field = "outcome" if review.outcome is not None else "outcome_summary"
            problems.append((field, f"{review.claim!r} is a {claim.kind}, not a forecast: only a forecast has an "
                                    "outcome; drop it, or make the claim the forecast it is"))  # fmt: skip
        if "outcome" in bearings:
            problems.append(("verdict", f"{review.claim!r} is a {claim.kind}: evidence bears on it as corroborates, "
                                        "contradicts or qualifies, never as the outcome of a forecast"))  # fmt: skip
        return problems
    if review.outcome is None or not review.outcome_summary:
        missing = "outcome" if review.outcome is None else "outcome_summary"
        return [(missing, "a forecast is judged twice: its verdict says whether it was made as reported, and "
                          "`outcome` (met, not-met, too-early, not-found) with `outcome_summary` what became of it; "
                          f"write {missing}")]  # fmt: skip
    if review.outcome in ("met", "not-met") and "outcome" not in bearings:
        return [("outcome", f"an outcome of {review.outcome} stands on a record of the outcome: cite one with "
                            "bearing outcome, or write not-found")]  # fmt: skip
    if review.outcome == "too-early":
        year = claim.time.year if claim.time else None
        reviewed = int(review.date[:4]) if review.date and review.date[:4].isdigit() else None
        if year is None or reviewed is None or year < reviewed:
            why = "names no year" if year is None else f"is for {year}"
            when = "an undated review" if reviewed is None else f"a review of {reviewed}"
            return [("outcome", f"too-early is for a forecast whose time is still to come, but the forecast {why} "
                                f"and this is {when}; write not-found or what the records say")]  # fmt: skip
    return []


def check_reviews(kb: KnowledgeBase, report: Report, unknown: Unknown) -> None:
    """Reports every review that names no claim, judges an opinion, cites the claim's own source, or has a verdict
    no evidence item bears out."""
    facts = kb.facts_by_id
    first_review: dict[str, int] = {}
    copies = _Copies(kb)
    for index, review in enumerate(kb.reviews):
        path: tuple[str | int, ...] = ("reviews", index)
        claim = facts.get(review.claim)
        if claim is None:
            unknown((*path, "claim"), "fact", review.claim)
            continue
        if review.claim in first_review:
            report((*path, "claim"), f"claim {review.claim!r} is reviewed twice; merge this review into the first")
        first_review.setdefault(review.claim, index)
        if not kb.is_claim(claim):
            report(
                (*path, "claim"),
                f"{review.claim!r} is evidence from {claim.source!r}, not a claim of a primary source; review the "
                "claim it bears on",
            )
        if claim.kind == "opinion" and review.verdict != "not-checkable":
            report(
                (*path, "verdict"),
                f"{review.claim!r} is an opinion: give context with verdict not-checkable, never a verdict of "
                f"{review.verdict}; review a checkable premise as its own fact",
            )
        bearings = set()
        for number, item in enumerate(review.evidence):
            here = (*path, "evidence", number, "fact")
            evidence = facts.get(item.fact)
            if evidence is None:
                unknown(here, "fact", item.fact)
                continue
            if evidence.source == claim.source:
                report(
                    here,
                    f"{item.fact!r} quotes {claim.source!r}, the claim's own source: evidence must come from another "
                    "source",
                )
                continue
            copied = copies(evidence.source, claim.source)
            if copied:
                report(
                    here,
                    f"{item.fact!r} quotes {evidence.source!r}, whose text {copied} {claim.source!r}, the claim's "
                    "own source: the same words cannot corroborate themselves; cite an independent source",
                )
                continue
            bearings.add(item.bearing)
        if claim.kind != "opinion":
            forecast = claim.kind == "forecast"
            for problem in scale_problems(review.verdict, bearings, forecast=forecast, searched=review.searched):
                report((*path, "verdict"), problem)
        for field, problem in outcome_problems(review, claim, bearings):
            report((*path, field), problem)
    _check_comparisons(kb, report, unknown)


def check_records_used(kb: KnowledgeBase, report: Report) -> None:
    """Every evidence fact is cited by a review, used by a derived figure or a comparison, or says why it is kept;
    a claim says nothing of why it is kept, since it is kept for being the article's."""
    used = {item.fact for review in kb.reviews for item in review.evidence}
    used.update(fact_id for spec in kb.derived for _role, fact_id in spec.inputs)
    used.update(fact_id for comparison in kb.comparisons for fact_id in comparison.facts)
    for index, fact in enumerate(kb.facts):
        if kb.is_claim(fact):
            if fact.kept_because is not None:
                report(("facts", index, "kept_because"), "a claim of the article is kept for being the article's; "
                       "kept_because is for evidence no review cites: drop it")  # fmt: skip
        elif fact.id not in used and not fact.kept_because:
            report(("facts", index), f"evidence {fact.id!r} is cited by no review and used by no derived figure or "
                   "comparison; cite it where it bears, or say why it is kept with `kept_because:`")  # fmt: skip
        elif fact.id in used and fact.kept_because:
            report(("facts", index, "kept_because"), f"evidence {fact.id!r} is used (by a review, a derived figure "
                   "or a comparison), so kept_because says nothing more: drop it")  # fmt: skip


def _check_comparisons(kb: KnowledgeBase, report: Report, unknown: Unknown) -> None:
    facts = kb.facts_by_id
    for index, comparison in enumerate(kb.comparisons):
        for number, fact_id in enumerate(comparison.facts):
            if fact_id not in facts:
                unknown(("comparisons", index, "facts", number), "fact", fact_id)
            elif facts[fact_id].quantity is None:
                report(("comparisons", index, "facts", number), f"fact {fact_id!r} has no figure to compare")
    pairs = {frozenset(item.facts): item for item in reversed(kb.comparisons)}  # the first declared wins
    for index, spec in enumerate(kb.derived):
        problem = _joined_unlike(kb, spec, pairs)
        if problem:
            report(("derived", index), problem)


def _joined_unlike(kb: KnowledgeBase, spec: DerivedSpec, pairs: dict[frozenset[str], Comparison]) -> str:
    """Why a derived figure joins figures that may measure unlike things, or "": its inputs' measures differ or are
    not stated, and neither the figure (`comparable:`) nor a comparison of the pair declares them comparable."""
    facts = kb.facts_by_id
    ids = list(dict.fromkeys(fact_id for _role, fact_id in spec.inputs if fact_id in facts))
    if len(ids) < 2:
        return ""  # one fact, or an unknown input (reported as unknown)
    measures = {facts[fact_id].measure for fact_id in ids}
    declared = pairs.get(frozenset(ids))
    if declared is not None and not declared.comparable:
        said = f"; but `comparisons` says {declared.id!r} is not comparable: {declared.reason}"
        if spec.comparable:
            return f"it declares its inputs comparable{said}; settle which holds"
        return f"its inputs are {' and '.join(ids)}{said}; drop the figure, or mend the comparison"
    if (None not in measures and len(measures) == 1) or spec.comparable or declared is not None:
        return ""
    if None in measures:
        unstated = [fact_id for fact_id in ids if facts[fact_id].measure is None]
        said = (
            f"the measure of {unstated[0]} is"
            if len(unstated) == 1
            else f"the measures of {' and '.join(unstated)} are"
        )
        what = f"{said} not stated, so nothing shows its inputs measure one thing"
    else:
        what = f"its inputs measure different things ({'; '.join(sorted(str(measure) for measure in measures))})"
    return (
        f"{what}; give each input its `measure:`, or say why they may be joined with `comparable: <reason>` on the "
        "figure (shown as a caveat wherever the figure is)"
    )


class _Copies:
    """Whether one source's text is another's, or holds it whole: an evidence page that is the article itself."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.sources = kb.sources_by_id
        self.known: dict[tuple[str, str], str] = {}

    def __call__(self, evidence_id: str, claim_id: str) -> str:
        """How the evidence source's text repeats the claim source's ("is the text of", "holds the text of"), or ""."""
        pair = (evidence_id, claim_id)
        if pair not in self.known:
            self.known[pair] = self._compare(evidence_id, claim_id)
        return self.known[pair]

    def _compare(self, evidence_id: str, claim_id: str) -> str:
        evidence, claim = self.sources.get(evidence_id), self.sources.get(claim_id)
        if evidence is None or claim is None or evidence.text is None or claim.text is None:
            return ""
        return copied_text(evidence.text, claim.text)


def copied_text(text: str, original: str) -> str:
    """How `text` repeats `original`, as a reader compares them ("is the text of", "holds the whole text of"), or
    "": an invisible character, another Unicode form, elision lines or other line ends do not make it another text."""
    from kzcn.model.text import as_read

    mine, theirs = as_read(text), as_read(original)
    if not theirs:
        return ""
    if mine == theirs:
        return "is the text of"
    return "holds the whole text of" if theirs in mine else ""
