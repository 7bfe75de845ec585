"""How much of a fact's meaning `kzcn check` reads: mutate one claim at a time, one class of meaning at a time, over
the shipped knowledge base (and a generated one), and count the mutations check refuses. Standard library and kzcn.

    python benchmarks/meaning_mutations.py                  # the shipped facts.yaml
    python benchmarks/meaning_mutations.py --markdown       # also a Markdown table
    python benchmarks/meaning_mutations.py --facts F        # another knowledge base

Every mutation changes what a fact says and nothing else (its quotes stay): a faithful check refuses each. The
unmutated file must pass (0 false alarms). A class with no fact it applies to is reported as such.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kzcn.errors import KnowledgeBaseError  # noqa: E402
from kzcn.kb.load import parse_knowledge_base  # noqa: E402

Fact = dict[str, Any]
Mutation = Callable[[Fact], Fact | None]
"""A fact changed in one way, or None where the class does not apply to it."""

LOADED_WORDS = ("record", "hostile", "illegal", "secret", "largest", "massive")
"""Words that add meaning, put into a statement whose quotes do not hold them."""
SWAPS = (("Kazakhstan", "China"), ("Kazakh", "Chinese"))


def _changed(fact: Fact, **fields: Any) -> Fact:
    changed = copy.deepcopy(fact)
    for key, value in fields.items():
        if value is None:
            changed.pop(key, None)
        else:
            changed[key] = value
    return changed


def qualifier(fact: Fact) -> Fact | None:
    quantity = fact.get("quantity")
    if not quantity:
        return None
    new = "exact" if quantity.get("qualifier", "exact") != "exact" else "more-than"
    return _changed(fact, quantity={**quantity, "qualifier": new})


def scale(fact: Fact) -> Fact | None:
    quantity = fact.get("quantity")
    if not quantity:
        return None
    new = "million" if quantity.get("scale", "one") != "million" else "billion"
    return _changed(fact, quantity={**quantity, "scale": new})


def unit(fact: Fact) -> Fact | None:
    quantity = fact.get("quantity")
    if not quantity:
        return None
    new = "KZT" if quantity.get("unit") != "KZT" else "USD"
    return _changed(fact, quantity={**quantity, "unit": new})


def number(fact: Fact) -> Fact | None:
    match = re.search(r"\d+(?:\.\d+)?", fact["statement"])
    if not match or fact.get("quantity") is None:
        return None
    value = match.group()
    bumped = str(int(value) + 1) if value.isdigit() else f"{float(value) + 1:g}"
    return _changed(fact, statement=fact["statement"][: match.start()] + bumped + fact["statement"][match.end() :])


def year(fact: Fact) -> Fact | None:
    time = fact.get("time")
    if not time:
        return None
    shifted = time["year"] + 1
    return _changed(
        fact, time={**time, "year": shifted}, statement=fact["statement"].replace(str(time["year"]), str(shifted))
    )


def time_kind(fact: Fact) -> Fact | None:
    time = fact.get("time")
    if not time:
        return None
    return _changed(fact, time={**time, "kind": "target" if time["kind"] != "target" else "point"})


def kind(fact: Fact) -> Fact | None:
    # What the README's rules tell apart in words: a forecast from a stated fact (statistic or event).
    others = {"statistic": "forecast", "event": "forecast", "forecast": "statistic"}
    if fact["kind"] not in others:
        return None
    if fact.get("quantity") is None and others[fact["kind"]] == "statistic":
        return _changed(fact, kind="event")
    return _changed(fact, kind=others[fact["kind"]])


def opinion_event(fact: Fact) -> Fact | None:
    # An opinion filed as a stated event, or an event as an opinion: which it is, is the editor's judgement, and
    # the statement carries it ("In the author's view, ..."): the opinion-frame rule holds the kind to it.
    swapped = {"opinion": "event", "event": "opinion"}.get(fact["kind"])
    return _changed(fact, kind=swapped) if swapped else None


def forecast_as_opinion(fact: Fact) -> Fact | None:
    if fact["kind"] != "forecast":
        return None
    return _changed(fact, kind="opinion", modality="asserted", condition=None, attributed_to=None)


def attribution(fact: Fact) -> Fact | None:
    if fact["modality"] != "reported":
        return None
    other = "President Nazarbayev" if "Nazarbayev" not in (fact.get("attributed_to") or "") else "the Government"
    return _changed(fact, attributed_to=other)


def reported_as_own(fact: Fact) -> Fact | None:
    if fact["modality"] != "reported":
        return None
    modality = "predicted" if fact["kind"] == "forecast" else "asserted"
    statement = re.sub(r"^(?:According to [^,]+, |Some groups in [^ ]+ society believe )", "", fact["statement"])
    return _changed(fact, modality=modality, attributed_to=None, statement=statement[0].upper() + statement[1:])


def conditional_as_predicted(fact: Fact) -> Fact | None:
    if fact["modality"] != "conditional":
        return None
    statement = re.sub(r"^If [^,]+, ", "", fact["statement"])
    return _changed(fact, modality="predicted", condition=None, statement=statement[0].upper() + statement[1:])


def hedge_lost(fact: Fact) -> Fact | None:
    if fact["modality"] != "hedged":
        return None
    statement = re.sub(r"\b(?:can|could|may|might)\b", "will", fact["statement"], count=1)
    return _changed(fact, modality="predicted", statement=statement)


def addition(fact: Fact) -> Fact | None:
    words = " ".join(" ".join(quote["text"] for quote in fact["quotes"]).lower().split())
    loaded = next((word for word in LOADED_WORDS if word not in words), None)
    if loaded is None:
        return None
    return _changed(fact, statement=fact["statement"].rstrip(".") + f", a {loaded} one.")


def negation(fact: Fact) -> Fact | None:
    statement = fact["statement"]
    for pattern, replacement in ((r"\b(is|are|was|were|will|can|has|have)\b", r"\1 not"), (r"\bnot ", "")):
        flipped, count = re.subn(pattern, replacement, statement, count=1)
        if count:
            return _changed(fact, statement=flipped)
    return None


def word_swap(fact: Fact) -> Fact | None:
    # A word of the statement replaced by a stronger one its quotes do not hold ("rather negative" -> "hostile").
    words = re.findall(r"[A-Za-z]{6,}", fact["statement"])
    quoted = " ".join(quote["text"] for quote in fact["quotes"]).lower()
    target = next((word for word in reversed(words) if word.lower() in quoted), None)
    if target is None:
        return None
    return _changed(fact, statement=fact["statement"].replace(target, "hostile", 1))


def _swapper(pairs: dict[str, str]) -> Callable[[re.Match[str]], str]:
    return lambda match: pairs[match.group()]


def entity_swap(fact: Fact) -> Fact | None:
    statement = fact["statement"]
    for first, second in SWAPS:
        if re.search(rf"\b(?:{first}[–-]{second}|{second}[–-]{first})\b", statement):
            continue  # "Kazakh–Chinese relations" and "Chinese–Kazakh relations" say the same: no change of meaning
        if re.search(rf"\b{first}\b", statement) and re.search(rf"\b{second}\b", statement):
            swapped = re.sub(rf"\b({first}|{second})\b", _swapper({first: second, second: first}), statement)
            return _changed(fact, statement=swapped)
    return None


CLASSES: dict[str, Mutation] = {
    "qualifier": qualifier,
    "scale": scale,
    "unit": unit,
    "number in the statement": number,
    "year": year,
    "time kind": time_kind,
    "kind: forecast and stated fact": kind,
    "kind: opinion and event": opinion_event,
    "forecast filed as opinion": forecast_as_opinion,
    "attribution changed": attribution,
    "reported claim as the author's": reported_as_own,
    "condition dropped": conditional_as_predicted,
    "hedge lost": hedge_lost,
    "statement adds meaning": addition,
    "negation flipped": negation,
    "a word made stronger": word_swap,
    "entities swapped": entity_swap,
}


def refused(data: dict[str, Any]) -> bool:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)
    try:
        parse_knowledge_base("mutant.yaml", text)
    except KnowledgeBaseError:
        return True
    return False


def mutants(data: dict[str, Any], mutation: Mutation) -> Iterator[dict[str, Any]]:
    primary = {source["id"] for source in data["sources"] if source.get("role", "primary") == "primary"}
    for index, fact in enumerate(data["facts"]):
        if fact["source"] not in primary:
            continue  # claims of the article; evidence facts are other sources' words
        changed = mutation(fact)
        if changed is None or changed == fact:
            continue
        mutant = copy.copy(data)
        mutant["facts"] = [*data["facts"][:index], changed, *data["facts"][index + 1 :]]
        yield mutant


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", default=str(REPO / "facts.yaml"))
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    data = yaml.safe_load(Path(args.facts).read_text(encoding="utf-8"))
    false_alarm = refused(data)
    rows = []
    for name, mutation in CLASSES.items():
        results = [refused(mutant) for mutant in mutants(data, mutation)]
        rows.append((name, sum(results), len(results)))
        caught, total = rows[-1][1:]
        rate = f"{caught / total:.0%}" if total else "no fact applies"
        print(f"{name:32} {caught:3} of {total:3} caught  {rate}")
    print(f"unmutated knowledge base refused (a false alarm): {'YES' if false_alarm else 'no'}")
    if args.markdown:
        print("\n| class | caught | of | rate |\n| --- | ---: | ---: | ---: |")
        for name, caught, total in rows:
            print(f"| {name} | {caught} | {total} | {f'{caught / total:.0%}' if total else '—'} |")


if __name__ == "__main__":
    main()
