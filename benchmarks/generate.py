"""Write a large kzcn knowledge base for benchmarks by repeating the shipped facts under fresh ids.

Replica 0 keeps the original ids; replica k >= 1 renames every fact, relation and derived figure to `<id>-r<k>`
and points its relations and derived figures at the renamed facts of the same replica. Sources are kept as they
are (same text, same SHA-256), so every quote still stands verbatim in its source. The facts are shuffled with
`--seed` and the first `--facts` of them kept; a relation or derived figure survives only if every fact it names
does. The result loads with `kzcn --facts OUT check` (the repeated quotes may add warnings, never errors).

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
BODY_KEYS = ("facts", "relations", "derived")
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
    # A series is renamed with its facts: two replicas' 2017 totals in one series would be two values for one year.
    facts = [
        {
            **copy.deepcopy(fact),
            "id": renamed(fact["id"], k),
            **({"series": renamed(fact["series"], k)} if fact.get("series") else {}),
        }
        for k in range(replicas)
        for fact in base_facts
    ]
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
                derived.append({**figure, "id": renamed(figure["id"], k), "inputs": inputs})

    ids = [item["id"] for item in (*facts, *relations, *derived)]
    if len(ids) != len(set(ids)):
        raise ValueError("renaming produced a duplicate id; the source has ids ending in -r<number>")
    # Reviews and comparisons weigh the article's claims against named facts, some of which the cut drops: they are
    # left out, as a half-kept review would fail the check.
    head = {key: value for key, value in base.items() if key not in ("reviewer", "reviews", "comparisons")}
    return {**head, "facts": facts, "relations": relations, "derived": derived}


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
