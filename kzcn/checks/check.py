"""The knowledge base's semantic check: ids, references, quotes, numbers, fingerprints, relations and derivations."""

from __future__ import annotations

import time
import unicodedata
from difflib import get_close_matches

from kzcn.checks.entities import EntityNames
from kzcn.checks.meaning import ENGLISH_CUES, RULES, Finding, fact_findings, series_findings, year_tokens
from kzcn.checks.reviews import check_records_used, check_reviews, copied_text
from kzcn.checks.two_processes import InOrderOnly, check_in_two
from kzcn.checks.wording import attribution_findings, wording_findings
from kzcn.errors import Problem
from kzcn.model.derive import DerivationError, derive
from kzcn.model.edges import holds_a_word, invisible_characters, number_around
from kzcn.model.numbers import numbers_in
from kzcn.model.records import RELATION_ROLES, Fact, KnowledgeBase
from kzcn.model.text import CLOSEST_SECONDS, IndexedSource, fingerprint, fold
from kzcn.parse.yamlfields import Locator, format_path

MAX_CLOSEST_SEARCHES = 20
"""Quotes not found beyond this many get no closest-passage hint: one hint per fix is plenty."""
CLOSEST_BUDGET_SECONDS = 5.0
"""All closest-passage searches of one check together stop after this long: a hint is no reason to wait."""


class _Checker:
    """The checks of one knowledge base, sharing its locator and what its exceptions excuse."""

    def __init__(self, kb: KnowledgeBase, locator: Locator, positions: dict[str, list[int]], excused: set[str]) -> None:
        self.kb = kb
        self.locator = locator
        self.positions = positions
        self.excused = excused
        self.problems: list[Problem] = []
        self.warnings: list[str] = []
        self.indexed = {source.id: IndexedSource.of(source.text) for source in kb.sources if source.text is not None}
        self.closest_searches = 0
        self.closest_until = time.monotonic() + CLOSEST_BUDGET_SECONDS
        self.halved = False
        """True while the facts are checked in two processes (two_processes.py): a quote that stands nowhere then
        raises InOrderOnly, since closest-passage searches share one budget spent in the facts' order."""
        self.excepted: set[tuple[str, str]] = set()
        """(fact id, rule) of every exception that excused a finding."""
        aliases = dict(kb.aliases)
        known = frozenset(entity for fact in kb.facts for entity in fact.entities) | frozenset(aliases)
        self.entity_names = EntityNames(known, aliases)
        """How a text names every entity the knowledge base names: a statement that names one must quote it."""

    def report(self, path: tuple[str | int, ...], message: str) -> None:
        path = self.in_file(path)
        line, column, _raw = self.locator.at(path)
        self.problems.append(Problem(self.kb.path, message, line, column, format_path(path)))

    def in_file(self, path: tuple[str | int, ...]) -> tuple[str | int, ...]:
        """The path with the record's index in the model replaced by its index in the file."""
        if len(path) > 1 and isinstance(path[0], str) and isinstance(path[1], int) and path[0] in self.positions:
            return (path[0], self.positions[path[0]][path[1]], *path[2:])
        return path

    def unknown(self, path: tuple[str | int, ...], what: str, name: str, known: str = "") -> None:
        """Reports a reference to nothing, unless the file declares it in a record that failed the schema."""
        if name not in self.excused:
            self.report(path, f"names no known {what} {name!r}{known}")

    def run(self) -> None:
        self.unique_ids()
        self.sources()
        # A large knowledge base's facts in two processes where that pays (check_in_two says when), else one by one.
        if not check_in_two(self, len(self.kb.facts)):
            for index in range(len(self.kb.facts)):
                self.fact(index)
        self.relations()
        self.derivations()
        self.series_units()
        for finding in series_findings(self.kb):
            self.report(finding.path, finding.message)
        self.repeated_quotes()
        check_reviews(self.kb, self.report, self.unknown)
        if not self.excused:  # a record that failed the schema may be the one citing a fact: judged once it reads
            check_records_used(self.kb, self.report)
        self.unused_exceptions()

    def unique_ids(self) -> None:
        seen: dict[str, str] = {}
        for index, source in enumerate(self.kb.sources):
            if source.id in seen:
                self.report(
                    ("sources", index, "id"), f"duplicate source id {source.id!r}, first used at {seen[source.id]}"
                )
            seen.setdefault(source.id, format_path(self.in_file(("sources", index))))
        seen = {}
        groups: tuple[tuple[str, list[str]], ...] = (
            ("facts", [fact.id for fact in self.kb.facts]),
            ("relations", [relation.id for relation in self.kb.relations]),
            ("derived", [spec.id for spec in self.kb.derived]),
            ("comparisons", [comparison.id for comparison in self.kb.comparisons]),
        )
        for group, ids in groups:
            for index, item_id in enumerate(ids):
                if item_id in seen:
                    self.report((group, index, "id"), f"duplicate id {item_id!r}, first used at {seen[item_id]}")
                seen.setdefault(item_id, format_path(self.in_file((group, index))))

    def sources(self) -> None:
        primary = [source for source in self.kb.sources if source.role == "primary" and source.text]
        for index, source in enumerate(self.kb.sources):
            for original in primary if source.role == "evidence" and source.text else ():
                copied = copied_text(source.text or "", original.text or "")
                if copied:
                    self.report(
                        ("sources", index, "text"),
                        f"evidence source {source.id!r} {copied} the primary source {original.id!r}: a text cannot "
                        "be evidence about itself; quote an independent source",
                    )
            if source.text is not None and source.sha256 is not None:
                actual = fingerprint(source.text)
                if actual != source.sha256:
                    self.report(
                        ("sources", index, "sha256"),
                        f"fingerprint mismatch: the text's SHA-256 is {actual}, the file records {source.sha256}; "
                        "the text was changed, or the digest is wrong",
                    )
            for number, passage in enumerate(source.furniture):
                if source.id in self.indexed and self.indexed[source.id].find(passage, 1) is None:
                    self.report(
                        ("sources", index, "furniture", number),
                        f"{passage!r} does not stand verbatim in the source's text; copy it from the text",
                    )
            if source.cited_in is not None:
                cited_source, paragraph = source.cited_in
                self.paragraph_exists(("sources", index, "cited_in"), cited_source, paragraph)

    def paragraph_exists(self, path: tuple[str | int, ...], source_id: str, paragraph: int) -> bool:
        if source_id not in self.kb.sources_by_id:
            self.unknown(path, "source", source_id, f"; known: {', '.join(self.kb.sources_by_id)}")
            return False
        indexed = self.indexed.get(source_id)
        if indexed is None:
            self.report(path, f"source {source_id!r} has no text to quote from; add its `text` or cite another source")
            return False
        if paragraph > len(indexed.paragraphs):
            self.report(
                path, f"paragraph {paragraph} does not exist; source {source_id!r} has {len(indexed.paragraphs)}"
            )
            return False
        return True

    def fact(self, index: int) -> None:
        fact = self.kb.facts[index]
        path: tuple[str | int, ...] = ("facts", index)
        for position, other in enumerate(fact.refers_to):
            if other not in self.kb.sources_by_id:
                self.unknown((*path, "refers_to", position), "source", other)
        if fact.source not in self.kb.sources_by_id:
            self.unknown((*path, "source"), "source", fact.source, f"; known: {', '.join(self.kb.sources_by_id)}")
            return
        numbers: set[int | float] = set()
        verified = 0
        for number, quote in enumerate(fact.quotes):
            here = (*path, "quotes", number)
            if not self.paragraph_exists((*here, "paragraph"), fact.source, quote.paragraph):
                continue
            numbers |= numbers_in(quote.text)  # digits and number words read the same unfolded
            if self.quote(here, fact.source, quote.paragraph, quote.text):
                self.quote_edges(here, fact, quote.paragraph, quote.text)
                verified += 1
        if fact.quantity is not None and fact.quantity.amount not in numbers:
            self.report(
                (*path, "quantity", "amount"),
                f"the amount {fact.quantity.amount} does not appear in the fact's quotes "
                f"(numbers there: {_listed(numbers)}); quote the words that give it",
            )
        printed = fact.time is not None and any(year_tokens(quote.text, fact.time.year) for quote in fact.quotes)
        if fact.time is not None and not printed and not fact.time.inferred:
            self.report(
                (*path, "time", "year"),
                f"the year {fact.time.year} does not appear as a year in the fact's quotes "
                f"(numbers there: {_listed(numbers)}); quote the words that give it, say how it is known with "
                "`inferred:`, or drop `time`",
            )
        if fact.time is not None and printed and fact.time.inferred:
            self.report(
                (*path, "time", "inferred"),
                f"the quotes print the year {fact.time.year}, so it is stated, not inferred: drop `inferred`",
            )
        self.meaning(index, wording=verified == len(fact.quotes))

    def meaning(self, index: int, *, wording: bool = True) -> None:
        """What the fact's words contradict; its wording against its quotes only once every quote stands: the
        words of a misquote say nothing, and its one fix is to quote."""
        fact = self.kb.facts[index]
        path: tuple[str | int, ...] = ("facts", index)
        for number, exemption in enumerate(fact.exceptions):
            if exemption.rule not in RULES:
                close = get_close_matches(exemption.rule, list(RULES), n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"rules that admit one: {', '.join(RULES)}"
                self.report(
                    (*path, "exceptions", number, "rule"),
                    f"no rule {exemption.rule!r} takes exceptions; {hint}",
                )
        # An exception naming its words excuses those words alone: wording.py reads them; the rule stays on.
        excused = {exemption.rule for exemption in fact.exceptions if not exemption.words}
        findings: list[Finding] = fact_findings(fact)
        source = self.kb.sources_by_id.get(fact.source)
        english = source is None or source.language is None or source.language.startswith("en")
        if wording and self.kb.is_claim(fact):  # evidence facts summarise other sources in their own words
            findings += attribution_findings(fact, source)
            findings += wording_findings(fact, self.indexed.get(fact.source), self.entity_names)
        if not english:
            # The cue words are English: a quote in Turkish or Russian is read for its numbers only.
            findings = [finding for finding in findings if finding.rule not in ENGLISH_CUES]
        self.words_excused(fact, findings, read=wording and english and self.kb.is_claim(fact))
        for finding in findings:
            if finding.rule in excused:
                self.excepted.add((fact.id, finding.rule))
            else:
                # A heuristic's name ends its message, as a linter's code does: the name an exception would give.
                suffix = f" [{finding.rule}]" if finding.rule in RULES else ""
                self.report((*path, *finding.path), finding.message + suffix)

    def words_excused(self, fact: Fact, findings: list[Finding], *, read: bool) -> None:
        """An exception naming the words it excuses is in use where the statement's words were read (a claim, in
        English, whose quotes stand) and it named none in vain; else it excuses nothing, and a warning says so."""
        named = any(exemption.words for exemption in fact.exceptions)
        if read and named and not any(finding.path[:1] == ("exceptions",) for finding in findings):
            self.excepted.add((fact.id, "statement-words"))

    def unused_exceptions(self) -> None:
        """An exception that excuses nothing would silently excuse a later mistake: say so."""
        for fact in self.kb.facts:
            for exemption in fact.exceptions:
                if exemption.rule in RULES and (fact.id, exemption.rule) not in self.excepted:
                    self.warnings.append(
                        f"{self.kb.path}: fact {fact.id}: the exception to {exemption.rule} excuses nothing; remove it"
                    )

    def quote(self, path: tuple[str | int, ...], source_id: str, paragraph: int, text: str) -> bool:
        """Whether the quote stands in its paragraph; if not, a problem saying where it stands or what it is like."""
        indexed = self.indexed[source_id]
        found = indexed.find(text, paragraph)
        if found is not None:
            if found[0] != paragraph:
                self.report(
                    (*path, "paragraph"),
                    f"the quote stands in paragraph {found[0]} (offset {found[1]}), not {paragraph}; "
                    f"write paragraph: {found[0]}",
                )
                return False
            return True
        message = f"the quote does not appear verbatim in source {source_id!r}"
        equivalent = indexed.equivalent(text)
        if equivalent is not None:
            where, form = equivalent
            as_source = f"write the quote in {form}, as the source is" if form != "mixed" else "copy it from the source"
            self.report(
                (*path, "text"),
                f"{message}: it differs from paragraph {where} only in Unicode normalisation (the same letters "
                f"composed differently, such as é as one character or as e and a combining accent); {as_source}",
            )
            return False
        if self.halved:  # whether its closest passage is sought depends on the searches of every fact before it
            raise InOrderOnly
        left = self.closest_until - time.monotonic()
        if self.closest_searches < MAX_CLOSEST_SEARCHES and left > 0:
            self.closest_searches += 1
            where, passage, similarity = indexed.closest(text, seconds=min(left, CLOSEST_SECONDS))
            if similarity >= 0.5:
                message += f"; closest passage (paragraph {where}, {similarity:.0%} alike): {passage!r}"
        self.report((*path, "text"), message)
        return False

    def quote_edges(self, path: tuple[str | int, ...], fact: Fact, paragraph: int, text: str) -> None:
        """A verified quote must also read as its source does: whole words and numbers, and nothing invisible in it."""
        indexed = self.indexed[fact.source]
        cut = indexed.edge_cut(text, paragraph)
        if cut is not None:
            whole = "number" if "number" in cut else "word"
            self.report(
                (*path, "text"),
                f"the quote {cut}; a quote begins and ends on a word's or number's edge, so that it cannot change "
                f"a figure or a word: quote the whole {whole}",
            )
        elif not holds_a_word(text):
            self.report(
                (*path, "text"),
                f"the quote {text!r} holds no whole word or number; quote the words that make the claim",
            )
        span = indexed.span_of(text, paragraph)
        if span is None:
            return
        quoted = indexed.text[span.start : span.end]
        for offset, char in invisible_characters(quoted):
            name = f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed')}"
            number = number_around(quoted, offset)
            if number is not None:
                seen = "".join(part for part in number if not invisible_characters(part))
                self.report(
                    (*path, "text"),
                    f"the quoted number {number!r} holds an invisible character ({name}): a reader sees {seen!r}; "
                    "remove it from the source text (and update its sha256)",
                )
            elif "invisible-character" in {exemption.rule for exemption in fact.exceptions}:
                self.excepted.add((fact.id, "invisible-character"))
            else:
                self.report(
                    (*path, "text"),
                    f"the quote holds an invisible character ({name}) at offset {offset}, which can hide what a "
                    "reader sees; remove it from the source text, or give the reason it stays: "
                    "exceptions: [{rule: invisible-character, reason: ...}] [invisible-character]",
                )

    def relations(self) -> None:
        facts = self.kb.facts_by_id
        for index, relation in enumerate(self.kb.relations):
            path: tuple[str | int, ...] = ("relations", index)
            left, right = facts.get(relation.left), facts.get(relation.right)
            roles = RELATION_ROLES[relation.kind]
            missing = False
            for role, fact_id, fact in zip(roles, (relation.left, relation.right), (left, right), strict=True):
                if fact is None:
                    self.unknown((*path, role), "fact", fact_id)
                    missing = True
                elif fact.quantity is None:
                    self.report((*path, role), f"fact {fact_id!r} has no quantity to compare")
                    missing = True
            if missing:
                continue
            assert left is not None and right is not None and left.quantity and right.quantity
            if left.quantity.unit != right.quantity.unit:
                self.report(path, f"compares {left.quantity.unit} with {right.quantity.unit}; both facts need one unit")
                continue
            small, large = left.quantity.value, right.quantity.value
            unit = left.quantity.unit
            if relation.kind == "part-of" and small > large:
                self.report(
                    path,
                    f"part-of does not hold: the part {left.id} ({small:,} {unit}) is larger than "
                    f"the whole {right.id} ({large:,} {unit})",
                )
            elif relation.kind == "increase" and not small < large:
                self.report(
                    path,
                    f"increase does not hold: {right.id} ({large:,} {unit}) is not above {left.id} ({small:,} {unit})",
                )

    def derivations(self) -> None:
        facts = self.kb.facts_by_id
        for index, spec in enumerate(self.kb.derived):
            path: tuple[str | int, ...] = ("derived", index)
            broken = False
            for role, fact_id in spec.inputs:
                if fact_id not in facts:
                    self.unknown((*path, "inputs", role), "fact", fact_id)
                    broken = True
            if broken:
                continue
            try:
                derive(spec, facts)
            except DerivationError as error:
                self.report(path, f"cannot be computed: {error}")

    def series_units(self) -> None:
        """Facts of one series measure one thing over time: one unit, or a chart and an interpolation would mix them."""
        first_of_series: dict[str, int] = {}
        for index, fact in enumerate(self.kb.facts):
            if fact.series is None or fact.quantity is None:
                continue
            first = first_of_series.setdefault(fact.series, index)
            reference = self.kb.facts[first].quantity
            assert reference is not None
            if reference.unit != fact.quantity.unit:
                where = format_path(self.in_file(("facts", first)))
                self.report(
                    ("facts", index, "quantity", "unit"),
                    f"series {fact.series!r} is in {reference.unit} ({where}), this fact in {fact.quantity.unit}",
                )

    def repeated_quotes(self) -> None:
        """Each fact quotes the words of its own claim: a span two facts quote alike is refused at the second use,
        unless both declare why (`shared:`); a review or the coverage could not tell the two claims apart."""
        first_use: dict[tuple[str, str], tuple[int, int, bool]] = {}
        for index, fact in enumerate(self.kb.facts):
            for number, quote in enumerate(fact.quotes):
                key = (fact.source, fold(quote.text))
                first = first_use.setdefault(key, (index, number, quote.shared is not None))
                if first[0] == index:
                    continue
                if quote.shared is None or not first[2]:
                    other = self.kb.facts[first[0]].id
                    self.report(
                        ("facts", index, "quotes", number, "text"),
                        f"fact {other} quotes these same words; quote the words of this fact's own claim, or, where "
                        "two claims rest on one span (a condition they share), say why on both quotes: `shared: ...`",
                    )


def check(
    kb: KnowledgeBase,
    locator: Locator,
    positions: dict[str, list[int]] | None = None,
    excused: set[str] | None = None,
) -> tuple[list[Problem], list[str]]:
    """(problems, warnings) of the records that passed the schema.

    `positions` maps each record back to its index in the file; a reference to an id in `excused` (declared by a
    record that failed the schema, and already reported) is not reported again as a reference to nothing.
    """
    checker = _Checker(kb, locator, positions or {}, excused or set())
    checker.run()
    return checker.problems, checker.warnings


def _listed(numbers: set[int | float]) -> str:
    if not numbers:
        return "none"
    shown = [repr(n) if isinstance(n, float) else str(n) for n in sorted(numbers)[:10]]
    return ", ".join(text if len(text) <= 30 else text[:27] + "..." for text in shown)
