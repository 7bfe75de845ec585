"""The peak memory of a command and every process it starts, together: the sum of their proportional set sizes (PSS),
sampled from /proc every few milliseconds. Linux only; standard library only.

wait4's peak (benchmarks/run.py) is the largest single process's: where kzcn checks a large knowledge base in two
processes (kzcn/checks/two_processes.py), or yq hands its JSON to jq, the two together hold more. PSS counts a page
two processes share half to each, so the sum is what the command holds in all.

    python benchmarks/tree_memory.py -- kzcn --facts benchmarks/out/facts-30000.yaml facts --kind forecast --json
    python benchmarks/tree_memory.py --cold -- kzcn --facts benchmarks/out/facts-30000.yaml facts --json
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time


def descendants(pid: int) -> list[int]:
    """The process and every process under it, as /proc shows them now."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(parent, []).append(int(entry))
    found, waiting = [], [pid]
    while waiting:
        current = waiting.pop()
        found.append(current)
        waiting.extend(children.get(current, []))
    return found


def pss_kib(pid: int) -> int:
    """The process's proportional set size in KiB; 0 once it has gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cold", action="store_true", help="run with an empty cache directory (XDG_CACHE_HOME)")
    parser.add_argument("--every", type=float, default=0.005, help="seconds between samples (default 0.005)")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command, after --")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command or not sys.platform.startswith("linux"):
        parser.error("give a command after --, on Linux")
    with tempfile.TemporaryDirectory() as cache:
        env = os.environ | ({"XDG_CACHE_HOME": cache} if args.cold else {})
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
        peak, most = 0, 1
        while process.poll() is None:
            tree = descendants(process.pid)
            total = sum(pss_kib(pid) for pid in tree)
            if total > peak:
                peak, most = total, len(tree)
            time.sleep(args.every)
        elapsed = time.perf_counter() - started
    print(f"peak PSS of the process tree: {peak / 1024:.0f} MiB ({most} process(es) then); {elapsed:.2f} s in all")
    return process.returncode


if __name__ == "__main__":
    sys.exit(main())
