"""The check of reviews and comparisons: every id resolves, evidence comes from elsewhere, verdicts have support."""

from __future__ import annotations

from collections.abc import Callable

from kzcn.model.records import Comparison, DerivedSpec, KnowledgeBase

Report = Callable[[tuple[str | int, ...], str], None]
Unknown = Callable[[tuple[str | int, ...], str, str], None]

SUPPORTING = {"supported": ("corroborates", "outcome"), "contradicted": ("contradicts", "outcome")}
"""The bearings a verdict needs at least one of: a verdict of supported or contradicted stands on evidence."""

JUDGEMENTS = ("supported", "partly-supported", "not-supported", "contradicted")
"""Verdicts that judge a claim true or false in some measure: never given to an opinion."""


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
        if claim.kind == "opinion" and review.verdict in JUDGEMENTS:
            report(
                (*path, "verdict"),
                f"{review.claim!r} is an opinion: give context with verdict not-checkable, never a verdict of "
                f"{review.verdict}",
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
        needed = SUPPORTING.get(review.verdict)
        if needed is not None and not bearings.intersection(needed):
            found = ", ".join(sorted(bearings)) or "none"
            report(
                (*path, "verdict"),
                f"a verdict of {review.verdict} needs evidence that {' or '.join(needed)} (bearings here: {found}); "
                "add it, or change the verdict",
            )
    _check_comparisons(kb, report, unknown)


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
