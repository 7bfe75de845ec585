"""How `kzcn check` scales: its time and peak memory on generated knowledge bases of many facts, and on
knowledge bases with misquotes, each of which sends the check looking for the closest passage. See README.md.

Run it with kzcn's own interpreter (it needs PyYAML to write the files, and runs `python -m kzcn`):

    python benchmarks/check_scale.py                          # 1,000, 10,000 and 30,000 facts, and the misquotes
    python benchmarks/check_scale.py --sizes 150000           # about 75 MB: opt in, it takes minutes
    python benchmarks/check_scale.py --sizes '' --misquotes   # the misquote cases only
    PYTHONPATH=/tmp/old-kzcn python benchmarks/check_scale.py  # another version of kzcn, to compare
"""

from __future__ import annotations

import argparse
import copy
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import DEFAULT_SOURCE, dump
from generate import generate as generated

HERE = Path(__file__).resolve().parent
OUT_DIR = HERE / "out"  # git-ignored
TIMEOUT_SECONDS = 600


def sha256(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def timed_check(path: Path, cache_home: Path) -> tuple[float, float, int | None]:
    """(seconds, peak RSS in MiB, exit status) of one `python -m kzcn --facts PATH check`; status None if it was
    stopped after TIMEOUT_SECONDS."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    argv = [sys.executable, "-m", "kzcn", "--facts", str(path), "check"]
    start = time.perf_counter()
    with subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env) as proc:
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > TIMEOUT_SECONDS:
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                proc.returncode = -9
                return time.perf_counter() - start, usage.ru_maxrss / 1024, None
            time.sleep(0.01)
        proc.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, proc.returncode


def misquoted(text: str, rnd: random.Random, share: float = 0.3) -> str:
    """The text with about `share` of its words changed: a misquote the check cannot find verbatim, and so unlike
    its passage (about 70 % alike or less) that the old search compared it with every start in full."""
    words = text.split()
    # Words of the text itself, as a paraphrase would: letters no passage has ("zzz") make every start unlike at a
    # glance, which the old search pruned cheaply.
    changed = [word if rnd.random() > share else rnd.choice(words) for word in words]
    if changed == words:
        changed[len(changed) // 2] += "s"
    return " ".join(changed)


def misquote_cases(base: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The three knowledge bases of issue 10: misquotes of the shipped article, in small and large sources."""
    rnd = random.Random(1)
    article = next(source for source in base["sources"] if source["id"] == "article")
    cases: dict[str, dict[str, Any]] = {}

    def generate(base: dict[str, Any], count: int, seed: int) -> dict[str, Any]:
        kb = generated(base, count, seed)
        return {**kb, "sources": copy.deepcopy(kb["sources"])}  # generate() shares them with `base`

    # 1. Five misquotes (of the longest quotes) in a file of about 100 KB (the shipped facts, cut to 45).
    kb = generate(base, 45, 1)
    article_facts = [fact for fact in kb["facts"] if fact["source"] == "article"]
    for fact in sorted(article_facts, key=lambda fact: -len(fact["quotes"][0]["text"]))[:5]:
        fact["quotes"][0]["text"] = misquoted(fact["quotes"][0]["text"], rnd)
    cases["5 misquotes, 100 KB file"] = kb

    # 2. One misquote against the article repeated 64 times (262 KB).
    kb = generate(base, len(base["facts"]), 1)
    for source in kb["sources"]:
        if source["id"] == "article":
            source["text"] = "\n\n".join([article["text"]] * 64)
            source["sha256"] = sha256(source["text"])
    fact = max((fact for fact in kb["facts"] if fact["source"] == "article"), key=lambda f: len(f["quotes"][0]["text"]))
    fact["quotes"][0]["text"] = misquoted(fact["quotes"][0]["text"], rnd)
    cases["1 misquote, 262 KB source"] = kb

    # 3. A 400-word misquote against a 120 KB source of long paragraphs (the article's words, shuffled).
    words = article["text"].split()
    paragraphs = []
    while sum(map(len, paragraphs)) < 120_000:
        paragraphs.append(" ".join(rnd.choice(words) for _ in range(600)))
    text = "\n\n".join(paragraphs)
    kb = generate(base, len(base["facts"]), 1)
    kb["sources"].append({**article, "id": "long", "text": text, "sha256": sha256(text)})
    fact = next(fact for fact in kb["facts"] if fact["source"] == "article" and fact.get("quantity") is None)
    fact["source"] = "long"
    fact["quotes"] = [{"paragraph": 3, "text": misquoted(" ".join(paragraphs[2].split()[100:500]), rnd)}]
    cases["400-word misquote, 120 KB source"] = kb
    return cases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,30000", help="fact counts, comma-separated ('' for none)")
    parser.add_argument("--misquotes", action=argparse.BooleanOptionalAction, default=True, help="the misquote cases")
    args = parser.parse_args(argv)
    base = yaml.safe_load(DEFAULT_SOURCE.read_text(encoding="utf-8"))
    OUT_DIR.mkdir(exist_ok=True)
    import kzcn

    print(f"kzcn from {Path(kzcn.__file__).parent}; python {sys.version.split()[0]}")
    print(f"{'case':40} {'file MB':>8} {'seconds':>8} {'peak MiB':>9} {'MiB/MB':>7} {'exit':>4}")
    with tempfile.TemporaryDirectory(prefix="kzcn-check-scale-") as temporary:
        jobs: list[tuple[str, Path, bool]] = []
        for size in [int(size) for size in args.sizes.split(",") if size.strip()]:
            path = OUT_DIR / f"check-{size}.yaml"
            # In a process of its own: a child's peak RSS starts at this process's, so this one must stay small.
            argv = [sys.executable, str(HERE / "generate.py"), "--facts", str(size), "--seed", "1", "--out", str(path)]
            subprocess.run(argv, check=True)
            jobs += [(f"{size:,} facts, cold (parse and check)", path, True), (f"{size:,} facts, warm", path, False)]
        if args.misquotes:
            for label, kb in misquote_cases(base).items():
                path = OUT_DIR / f"misquote-{label.split(',')[0].replace(' ', '-')}.yaml"
                path.write_text(dump(kb), encoding="utf-8")
                jobs.append((label, path, True))
        for label, path, cold in jobs:
            cache_home = Path(tempfile.mkdtemp(dir=temporary))
            if not cold:
                timed_check(path, cache_home)  # fills the parse cache
            seconds, peak, status = timed_check(path, cache_home)
            megabytes = path.stat().st_size / 1e6
            shown = f"{status:4}" if status is not None else " (stopped)"
            print(f"{label:40} {megabytes:8.2f} {seconds:8.2f} {peak:9.0f} {peak / megabytes:7.1f} {shown}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
