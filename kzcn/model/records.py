"""The knowledge base's data model: sources, facts, quantities, relations and derived-figure declarations."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

FACT_KINDS = ("statistic", "forecast", "event", "opinion")
"""What a fact is: a stated figure, a prediction, a stated non-numeric fact, or the author's view."""

MODALITIES = ("asserted", "reported", "predicted", "conditional", "hedged")
"""Who says a claim and how surely: the source states it as fact (asserted); the source reports someone else's claim
or forecast (reported, with `attributed_to`); the author predicts it (predicted); it holds only under a condition
the source states (conditional, with `condition`); the source says it may be so ("can bring", hedged)."""

MODALITY_KINDS = {
    "asserted": ("statistic", "event", "opinion"),
    "reported": ("statistic", "event", "forecast", "opinion"),
    "predicted": ("forecast",),
    "conditional": ("forecast", "opinion"),
    "hedged": ("forecast", "opinion"),
}
"""The kinds each modality goes with: a prediction is a forecast, and a forecast is never simply asserted."""

TIME_KINDS = ("point", "start", "target")
"""How a fact's year is meant: in that year, since that year, or by that year."""

QUALIFIERS = ("exact", "more-than", "at-least", "less-than", "at-most", "about")
"""How a quantity's amount bounds the true value; only `exact` is an exact number."""

SOURCE_ROLES = ("primary", "evidence", "cited")
"""What a source is to the knowledge base: the text whose claims it records (the article), another source quoted as
evidence about those claims, or a work the primary source only mentions (the documentary)."""

VERDICTS = ("supported", "partly-supported", "not-supported", "contradicted", "not-checkable", "unverified")
"""The review scale, from best to worst bearing, then the two that are no judgement of truth: not-checkable (an
opinion, or a prediction whose time has not come) and unverified (nothing relevant found)."""

OUTCOMES = ("met", "not-met", "too-early", "not-found")
"""What became of a forecast, judged apart from whether it was made: a record of its time says it was met, or not
met; its time has not come (by the review's date); or no record of its time was found."""

UNREVIEWED = "unreviewed"
"""What `--verdict` and the Verdict column say of a checkable claim that has no review yet."""

VERDICT_CHOICES = (*VERDICTS, UNREVIEWED)
"""What --verdict accepts: the review scale, and unreviewed for a checkable claim with no review yet."""

BEARINGS = ("corroborates", "contradicts", "qualifies", "attributes", "outcome", "context")
"""How one piece of evidence bears on a claim: agrees, disagrees, adds a condition or a correction, names who
originally made the claim, reports the outcome of a forecast, or gives background."""

CHECKABLE_KINDS = ("statistic", "event", "forecast")
"""The kinds of fact a review can judge; an opinion gets context, never a verdict on the opinion itself."""

SCALES = {"one": 1, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
"""Named scales and the factor that turns an amount in that scale into base units."""

RELATION_ROLES = {"part-of": ("part", "whole"), "increase": ("from", "to")}
"""Constraints between two facts' quantities, with the YAML names of their two ends (left, then right): a part is
no larger than its whole; an increase ends higher."""

RELATION_KINDS = tuple(RELATION_ROLES)
"""The relation kinds a knowledge base may declare."""


def decimal_parts(amount: int | float) -> tuple[int, int]:
    """(digits, exponent) with amount == digits × 10**exponent exactly as written: 8.2 is (82, -1).

    A float is read through its shortest repr, which is what the YAML file said: 8.2, not 8.1999999999999993.
    """
    if isinstance(amount, int):
        return amount, 0
    text = repr(amount)
    mantissa, _, exponent_text = text.partition("e")
    exponent = int(exponent_text) if exponent_text else 0
    whole, _, fraction = mantissa.partition(".")
    fraction = fraction.rstrip("0")
    return int(whole + fraction), exponent - len(fraction)


def scaled(amount: int | float, factor: int) -> int | float:
    """amount × factor: an exact int when the product is whole (8.2 × 10**9 is 8200000000), else the float
    nearest the exact product."""
    digits, exponent = decimal_parts(amount)
    if exponent >= 0:
        return digits * factor * int(10**exponent)
    numerator, denominator = digits * factor, int(10**-exponent)
    if numerator % denominator == 0:
        return numerator // denominator
    try:
        quotient: float = numerator / denominator  # int / int rounds once, correctly
    except OverflowError:
        quotient = float("inf") if numerator > 0 else float("-inf")
    return quotient


@dataclass(frozen=True)
class Quantity:
    """A figure as the source gives it: amount, unit, scale and qualifier."""

    amount: int | float
    """The number as the article gives it, in `scale` units (3 for "$ 3 billion")."""
    unit: str
    """What is counted: an ISO currency code such as USD, or a plain noun such as `cities`."""
    scale: str = "one"
    """One of SCALES: `billion` for "$ 3 billion"."""
    qualifier: str = "exact"
    """One of QUALIFIERS: `more-than` for "more than 25"; a bound is never an exact number."""

    @property
    def value(self) -> int | float:
        """The amount in base units, exactly: 8.2 billion is 8200000000, not 8199999999.999999."""
        return scaled(self.amount, SCALES[self.scale])


@dataclass(frozen=True)
class TimeRef:
    """When a fact holds: a year, and how (a point, a start, a target)."""

    year: int
    """The year the article names."""
    kind: str = "point"
    """One of TIME_KINDS: `point` (in 2017), `start` (since 2017) or `target` (by 2020)."""
    inferred: str | None = None
    """Where no quote prints the year: how it is known, in the editor's words ("'last year' on a page dated
    2019-06-25"); such a year is shown as inferred, never as stated."""


@dataclass(frozen=True)
class Quote:
    """The verbatim words a fact rests on, and where in its source they stand."""

    paragraph: int
    """The 1-based paragraph of the source the quote comes from."""
    text: str
    """The quoted words, verbatim (white space, typographic quotes and dashes may differ)."""
    shared: str | None = None
    """Why another fact quotes these same words too (a condition two forecasts share); without it, check refuses a
    span two facts both quote, since each fact quotes the words of its own claim."""


@dataclass(frozen=True)
class Exemption:
    """A check a fact is excused from, with the reason."""

    rule: str
    """The name of the check rule this fact is excepted from (forecast-cue, qualifier-cue, ...)."""
    reason: str
    """Why the rule's heuristic is wrong for this fact, in the editor's words; required."""
    words: tuple[str, ...] = ()
    """For statement-words: the words of the statement it excuses, each named ("documentary"); none excuses the rule
    for the whole statement, so that a word added later passes too."""


@dataclass(frozen=True)
class Source:
    """A text facts are taken from: the article, or a page of evidence."""

    id: str
    """Stable kebab-case id that facts cite."""
    kind: str
    """What the source is: article, documentary, report, ..."""
    title: str | None
    """Its title, or None where the source gives none (shown as unknown)."""
    author: str | None
    """Its author, or None where unknown."""
    publisher: str | None
    """Who published or produced it, or None where unknown."""
    published: str | None
    """When it was published, as written, or None where unknown."""
    language: str | None
    """The language of its text (en, ru, kk, ...), or None where unknown."""
    url: str | None
    """Where it can be found, or None where unknown."""
    view_count: int | None
    """The page's own view counter, or None where it shows none."""
    notes: str | None
    """What else is known of it, in plain words."""
    text: str | None
    """The full text facts quote from, or None for a source kzcn has no text of."""
    sha256: str | None
    """SHA-256 of `text` encoded as UTF-8; required with `text`."""
    cited_in: tuple[str, int] | None = None
    """(source id, paragraph) where another source mentions this one, if it does."""
    role: str = "primary"
    """One of SOURCE_ROLES: primary (the article), evidence (quoted about its claims), or cited (only mentioned)."""
    retrieved: str | None = None
    """When kzcn's copy of the text was taken, for web pages; None where not recorded."""
    furniture: tuple[str, ...] = ()
    """Passages of `text` that are the page's, not the author's (a view counter, a byline), each verbatim: no claim,
    so coverage does not ask for a fact to quote them."""


@dataclass(frozen=True)
class Fact:
    """One claim of a source, typed, with the quotes it rests on."""

    id: str
    """Stable kebab-case id, such as transport-income-2017."""
    statement: str
    """One neutral sentence saying what the article claims."""
    kind: str
    """One of FACT_KINDS."""
    modality: str
    """One of MODALITIES: who says it and how surely."""
    topics: tuple[str, ...]
    """Subjects the fact belongs to: transport, trade, industry, ..."""
    entities: tuple[str, ...]
    """Countries, places, people and bodies the fact concerns."""
    source: str
    """The id of the source the quotes come from."""
    quotes: tuple[Quote, ...]
    """Where the source says it; more than one when the source makes the claim twice."""
    time: TimeRef | None = None
    """The year the claim is about, or None where the source gives none."""
    quantity: Quantity | None = None
    """The figure the claim states, or None where there is none."""
    attributed_to: str | None = None
    """Who makes the claim when it is not the source's author ("unnamed forecasts"); required when reported."""
    condition: str | None = None
    """For a conditional claim: the condition in the source's words, which the fact's quotes must contain."""
    exceptions: tuple[Exemption, ...] = ()
    """Check rules this fact is excepted from, each with its reason; `check --verbose` lists them."""
    series: str | None = None
    """Facts measuring the same thing over time share a series id (transport-income)."""
    refers_to: tuple[str, ...] = ()
    """Ids of other sources the fact mentions (a documentary the article cites)."""
    note: str | None = None
    """A caveat a reader should see: an ambiguity in the source, say."""
    measure: str | None = None
    """What a figure measures, in the source's words (transit revenue, gross output, profit); figures of different
    measures are compared only where the knowledge base declares them comparable."""
    kept_because: str | None = None
    """For evidence no review cites and no figure uses: why the knowledge base keeps it."""


@dataclass(frozen=True)
class Relation:
    """How two facts stand to each other (a part of a whole, an increase)."""

    id: str
    """Stable kebab-case id."""
    kind: str
    """One of RELATION_KINDS."""
    left: str
    """The fact that must be smaller: the part, or the starting point of an increase."""
    right: str
    """The fact that must be larger: the whole, or the end of an increase."""
    reason: str | None = None
    """Why the relation holds, in the source's words or the editor's."""


@dataclass(frozen=True)
class DerivedSpec:
    """A figure to derive from facts, as the knowledge base declares it."""

    id: str
    """Stable kebab-case id of the derived figure."""
    label: str
    """What the figure is, in a few words."""
    operation: str
    """The name of an operation in kzcn.model.derive.OPERATIONS (share, remainder, change, ...)."""
    inputs: tuple[tuple[str, str], ...]
    """(role, fact id) pairs the operation takes, in the operation's order."""
    series: str | None = None
    """The series the figure belongs beside, if any."""
    comparable: str | None = None
    """Why inputs of different or unstated measures may be joined, in the editor's words; shown with the figure."""


@dataclass(frozen=True)
class EvidenceItem:
    """One fact of another source a review cites, and how it bears on the claim."""

    fact: str
    """The id of a fact from another source than the claim's."""
    bearing: str
    """One of BEARINGS: how the fact bears on the claim."""
    note: str | None = None
    """One sentence on how it bears."""


@dataclass(frozen=True)
class Review:
    """The knowledge base's verdict on one claim of the article, with its evidence."""

    claim: str
    """The id of the fact reviewed: a claim of a primary source."""
    verdict: str
    """One of VERDICTS: the knowledge base's judgement, not the source's words."""
    summary: str
    """One neutral sentence saying why."""
    evidence: tuple[EvidenceItem, ...] = ()
    """The evidence, strongest and most official first."""
    searched: str | None = None
    """What was looked for and not found, where something was."""
    date: str | None = None
    """When the review was written (YYYY-MM-DD), or None."""
    outcome: str | None = None
    """For a forecast, one of OUTCOMES: what became of it; the verdict judges only that it was made as reported."""
    outcome_summary: str | None = None
    """For a forecast, one neutral sentence on its outcome: the records of its time, or what was sought."""
    claim_short: str | None = None
    """The claim in at most 75 characters, in the editor's words, for ClaimReview's claimReviewed."""


@dataclass(frozen=True)
class Comparison:
    """Two facts set side by side, and whether a gap between them means something."""

    id: str
    """Stable kebab-case id."""
    facts: tuple[str, str]
    """The two facts compared."""
    comparable: bool
    """True where the two measure the same thing in the same currency, so a gap between them means something."""
    reason: str
    """Why they can or cannot be compared."""


@dataclass(frozen=True)
class Reviewer:
    """Who reviewed the claims, as the knowledge base names them."""

    name: str
    """Who writes the knowledge base's reviews (a desk, a person), as ClaimReview's author."""
    url: str | None = None
    """Where the reviewer can be found, or None."""


@dataclass(frozen=True)
class Heading:
    """How the fact sheet (`kzcn report`) opens: its title and a short lead, in the editors' words."""

    title: str
    """The page's title: what the sheet checks, neutrally ("What an article on ... claims, and what holds")."""
    lead: str | None = None
    """A paragraph or two under the title: the article in brief and how its claims were checked; None for none."""


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything one knowledge-base file holds, loaded and checked."""

    sources: tuple[Source, ...]
    """Every source, in file order."""
    facts: tuple[Fact, ...]
    """Every fact, in file order."""
    relations: tuple[Relation, ...] = ()
    """Constraints between facts that `kzcn check` verifies."""
    derived: tuple[DerivedSpec, ...] = ()
    """Figures kzcn computes from facts, never stated by a source."""
    path: str = ""
    """Where the knowledge base was read from."""
    warnings: tuple[str, ...] = field(default=(), compare=False)
    """Non-fatal findings of the check, such as a quote used by several facts."""
    reviews: tuple[Review, ...] = ()
    """The knowledge base's judgement of the primary source's claims against the evidence."""
    comparisons: tuple[Comparison, ...] = ()
    """Pairs of figures declared comparable (or not), with the reason."""
    reviewer: Reviewer | None = None
    """Who writes the reviews, or None where no review names its author."""
    aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(entity, the other names the sources give it): "our country" for Kazakhstan. The wording rules read an alias
    as its entity."""
    heading: Heading | None = None
    """The fact sheet's title and lead as the knowledge base words them, or None for kzcn's own."""

    @cached_property
    def facts_by_id(self) -> dict[str, Fact]:
        """Every fact by its id."""
        return {fact.id: fact for fact in self.facts}

    @cached_property
    def sources_by_id(self) -> dict[str, Source]:
        """Every source by its id."""
        return {source.id: source for source in self.sources}

    @cached_property
    def reviews_by_claim(self) -> dict[str, Review]:
        """Every review by the id of the claim it reviews."""
        return {review.claim: review for review in self.reviews}

    def is_claim(self, fact: Fact) -> bool:
        """True for a claim of a primary source (the article), as opposed to evidence from another source."""
        source = self.sources_by_id.get(fact.source)
        return source is None or source.role == "primary"
