"""Write a large kzcn knowledge base for benchmarks by repeating the shipped facts under fresh ids.

Replica 0 keeps the original ids; replica k >= 1 renames every fact, relation, derived figure and comparison to
`<id>-r<k>` and points its relations, derived figures, reviews and comparisons at the renamed facts of the same
replica. Sources are kept as they
are (same text, same SHA-256), so every quote still stands verbatim in its source. The facts are shuffled with
`--seed` and the first `--facts` of them kept; a relation, derived figure, review or comparison survives
only if every fact it names does, and each replica has its own series (one value per series and year). The
result loads with `kzcn --facts OUT check` (the repeated quotes declare `shared:`, as check asks).

    python benchmarks/generate.py --facts 10000 --seed 1 --out benchmarks/out/facts-10000.yaml
"""

from __future__ import annotations

import argparse
import copy
import math
import random
import sys
from pathlib import Path
from typing import Any

import yaml

REPOSITORY = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPOSITORY / "facts.yaml"

# The keys of relations and derived inputs that name facts; everything else is copied unchanged.
RELATION_FACT_KEYS = ("part", "whole", "from", "to")
# The top-level lists that grow with --facts; the rest (format version, sources) is copied once.
BODY_KEYS = ("facts", "relations", "derived", "reviews", "comparisons")
# yaml.safe_dump's dumper, in C when PyYAML has libyaml: the same text, more than twice as fast.
SAFE_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def renamed(identifier: str, replica: int) -> str:
    """The id of `identifier` in replica `replica`: unchanged in replica 0, `<id>-r<k>` after."""
    return identifier if replica == 0 else f"{identifier}-r{replica}"


def generate(base: dict[str, Any], count: int, seed: int) -> dict[str, Any]:
    """A knowledge base with `count` facts made from the facts, relations and derived figures of `base`."""
    base_facts: list[dict[str, Any]] = base["facts"]
    if not base_facts:
        raise ValueError("the source knowledge base has no facts to repeat")
    replicas = math.ceil(count / len(base_facts))
    # Deep copies: a list shared between facts would come out as a YAML anchor and aliases, not as repeated text.
    facts = [
        {**copy.deepcopy(fact), "id": renamed(fact["id"], k)}
        | ({"series": renamed(fact["series"], k)} if fact.get("series") else {})
        for k in range(replicas)
        for fact in base_facts
    ]
    for fact in facts:  # each copy quotes its original's words: declared, as check asks of a shared span
        for quote in fact.get("quotes") or []:
            quote.setdefault("shared", "a generated copy")
    random.Random(seed).shuffle(facts)
    facts = facts[:count]
    kept = {fact["id"] for fact in facts}

    relations: list[dict[str, Any]] = []
    derived: list[dict[str, Any]] = []
    for k in range(replicas):
        for relation in base.get("relations") or ():
            repeated = {**relation, "id": renamed(relation["id"], k)}
            for key in RELATION_FACT_KEYS:
                if key in repeated:
                    repeated[key] = renamed(repeated[key], k)
            if all(repeated[key] in kept for key in RELATION_FACT_KEYS if key in repeated):
                relations.append(repeated)
        for figure in base.get("derived") or ():
            inputs = {name: renamed(fact_id, k) for name, fact_id in figure["inputs"].items()}
            if all(fact_id in kept for fact_id in inputs.values()):
                series = {"series": renamed(figure["series"], k)} if figure.get("series") else {}
                derived.append({**figure, "id": renamed(figure["id"], k), "inputs": inputs, **series})

    reviews: list[dict[str, Any]] = []
    comparisons: list[dict[str, Any]] = []
    for k in range(replicas):
        for review in base.get("reviews") or ():
            evidence = [{**item, "fact": renamed(item["fact"], k)} for item in review.get("evidence") or ()]
            claim = renamed(review["claim"], k)
            if claim in kept and all(item["fact"] in kept for item in evidence):
                reviews.append({**review, "claim": claim, "evidence": evidence})
        for comparison in base.get("comparisons") or ():
            pair = [renamed(fact_id, k) for fact_id in comparison["facts"]]
            if all(fact_id in kept for fact_id in pair):
                comparisons.append({**comparison, "id": renamed(comparison["id"], k), "facts": pair})
    # The sample keeps a review only with its claim and every fact it cites, so some evidence ends up cited by
    # nothing; `check` asks such evidence to say why it is kept.
    evidence_sources = {source["id"] for source in base.get("sources") or () if source.get("role") == "evidence"}
    used = {item["fact"] for review in reviews for item in review["evidence"]}
    used |= {fact_id for figure in derived for fact_id in figure["inputs"].values()}
    used |= {fact_id for comparison in comparisons for fact_id in comparison["facts"]}
    for fact in facts:
        if fact["source"] in evidence_sources and fact["id"] not in used:
            fact.setdefault("kept_because", "A generated copy whose review fell outside the sample.")
        elif fact["id"] in used:
            fact.pop("kept_because", None)
    ids = [item["id"] for item in (*facts, *relations, *derived, *comparisons)]
    if len(ids) != len(set(ids)):
        raise ValueError("renaming produced a duplicate id; the source has ids ending in -r<number>")
    body = {"facts": facts, "relations": relations, "derived": derived, "reviews": reviews, "comparisons": comparisons}
    return {**base, **body}


def dump(data: dict[str, Any]) -> str:
    """`data` as YAML text: `yaml.safe_dump` (with libyaml when present), keys in order, non-ASCII as is, no folding."""
    return yaml.dump(data, Dumper=SAFE_DUMPER, sort_keys=False, allow_unicode=True, width=1_000_000_000)


def to_yaml(kb: dict[str, Any]) -> str:
    """`kb` as YAML text, after checking that its head (format version and sources) reads back exactly.

    The head and the facts are dumped separately and joined, which is still one top-level mapping, so that the
    check reads back only the head: the source texts, the part that must survive character for character.
    """
    head = {key: value for key, value in kb.items() if key not in BODY_KEYS}
    head_text = dump(head)
    if yaml.safe_load(head_text) != head:
        raise ValueError("the sources (or their text) do not read back exactly from the generated YAML")
    return head_text + dump({key: kb[key] for key in BODY_KEYS})


def main(argv: list[str] | None = None) -> int:
    """Parse the options, generate, verify the round trip and write the file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--facts", type=int, required=True, metavar="N", help="how many facts to write")
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="seed for the shuffle (default 0)")
    parser.add_argument("--out", type=Path, required=True, metavar="PATH", help="the file to write")
    parser.add_argument(
        "--source", type=Path, default=DEFAULT_SOURCE, metavar="FILE", help="the knowledge base to repeat"
    )
    args = parser.parse_args(argv)
    if args.facts < 1:
        parser.error("--facts must be at least 1")

    base = yaml.safe_load(args.source.read_text(encoding="utf-8"))
    kb = generate(base, args.facts, args.seed)
    text = to_yaml(kb)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(
        f"{args.out}: {len(kb['facts'])} facts, {len(kb['relations'])} relations, {len(kb['derived'])} derived "
        f"(seed {args.seed})",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
