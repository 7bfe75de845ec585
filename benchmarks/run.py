"""Benchmark kzcn's start-up and its scaling to large knowledge bases, with the Python standard library only.

Each case is timed as wall time from spawn to exit: subprocess.Popen, then os.wait4, which also reports the
child's peak RSS (floored at this process's own peak: see `run_once`). The cases of a group run in turn, round
after round, beside `python -c pass` of the same interpreter, so that a noisy machine slows a case and its
baseline alike; the ratio of their medians is the figure that compares across machines. The timed rounds follow
one warm-up round. See benchmarks/README.md.

    python benchmarks/run.py              # everything, in a few minutes
    python benchmarks/run.py --quick      # a smoke test
    python benchmarks/run.py --markdown   # also print the table as Markdown, for the README
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
GENERATE = HERE / "generate.py"
OUT_DIR = HERE / "out"  # git-ignored

# Variables of the caller's environment that would change what kzcn reads, where it caches or how it prints.
SCRUBBED_ENV = ("KZCN_FACTS", "KZCN_DEBUG", "_KZCN_COMPLETE", "COMP_WORDS", "COMP_CWORD", "COLUMNS", "LINES")
# The claims kzcn lists by default: facts of a primary source, or of a source not declared (evidence and cited
# sources' facts are listed by `facts --evidence`).
YQ_FILTER = (
    '([.sources[] | select(.role != "primary") | .id]) as $other'
    ' | .facts[] | select(.kind == "forecast" and ((.source as $s | $other | index([$s])) | not))'
)
COMPLETION_ENV = {"_KZCN_COMPLETE": "complete_bash", "COMP_WORDS": "kzcn show tra", "COMP_CWORD": "2"}
COMPLETION_PREFIX = "tra"
COMPLETION_EXPECTED = "transport-income-2017"  # a fact id of the shipped knowledge base that starts with "tra"
TARGET_SIZE = 30_000  # the knowledge-base size the scale targets are stated for
WARM_PEAK_LIMIT_MIB = 150
COLD_SHARE_OF_YQ = 0.6
"""A first run without a cache at the target size takes at most this share of yq's time (issue 19)."""
TIME_BUDGET_SECONDS = 300
KIB_PER_MIB = 1024
# Printed by the kzcn interpreter: the number of kzcn's package files and their latest modification time.
PACKAGE_STAMP = (
    "import kzcn, pathlib; files = [f for f in pathlib.Path(kzcn.__file__).parent.rglob('*') "
    "if f.is_file() and '__pycache__' not in f.parts]; print(len(files), max(f.stat().st_mtime_ns for f in files))"
)


@dataclass(frozen=True)
class Case:
    """One command to time; `cold` gives every run a fresh, empty XDG_CACHE_HOME, else one is reused."""

    label: str
    argv: tuple[str, ...]
    env: tuple[tuple[str, str], ...] = ()
    cold: bool = False


@dataclass
class Measurement:
    """The timed runs of one case: wall times, peak RSS, the last run's output, or why it stopped."""

    case: Case
    cache_home: Path
    seconds: list[float] = field(default_factory=list)
    peak_kib: int = 0
    floor_kib: int = 0
    stdout: bytes = b""
    error: str | None = None

    @property
    def median_ms(self) -> float | None:
        """The median wall time in milliseconds; None if the case failed."""
        return None if self.error or not self.seconds else statistics.median(self.seconds) * 1000

    @property
    def peak_mib(self) -> float | None:
        """The largest peak RSS of any timed run, in MiB; None if the case failed."""
        return None if self.error or not self.seconds else self.peak_kib / KIB_PER_MIB

    @property
    def at_floor(self) -> bool:
        """Whether the peak is only this process's own: the child's true peak is that or less."""
        return self.peak_mib is not None and self.peak_kib <= self.floor_kib


@dataclass(frozen=True)
class Run:
    """One finished process."""

    seconds: float
    maxrss_kib: int
    floor_kib: int
    status: int
    stdout: bytes
    stderr: bytes


@dataclass
class Row:
    """A line of the final table and the targets it was held to (description, met)."""

    label: str
    median_ms: float | None
    ratio: float | None
    peak_mib: float | None
    at_floor: bool
    target: str = "—"
    verdicts: list[tuple[str, bool | None]] = field(default_factory=list)


def run_once(argv: Sequence[str], env: dict[str, str]) -> Run:
    """Run `argv` with stdout to a pipe; wall time from spawn to reaping, and the child's peak RSS from wait4.

    Linux starts a child's peak RSS at its parent's when it execs (the child runs in, or in a copy of, the
    parent's memory until then), so ru_maxrss is never below this process's own peak: the floor, kept beside it.
    """
    with tempfile.TemporaryFile() as stderr:
        floor_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        with subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=stderr, env=env) as proc:
            assert proc.stdout is not None
            stdout = proc.stdout.read()
            _, wait_status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - start
            # Reaped by wait4: tell Popen, so that leaving the block does not wait for it again.
            proc.returncode = os.waitstatus_to_exitcode(wait_status)
        stderr.seek(0)
        # ru_maxrss is in KiB on Linux; it covers the child and the descendants it waited for (yq's jq).
        return Run(seconds, usage.ru_maxrss, floor_kib, proc.returncode, stdout, stderr.read())


def measure(cases: Sequence[Case], runs: int, env: dict[str, str], cache_root: Path) -> list[Measurement]:
    """One warm-up round and `runs` timed rounds; every round runs each case once, in order, so they alternate."""
    results = [Measurement(case, Path(tempfile.mkdtemp(dir=cache_root))) for case in cases]
    for round_number in range(runs + 1):
        for result in results:
            if result.error:
                continue
            cache_home = Path(tempfile.mkdtemp(dir=cache_root)) if result.case.cold else result.cache_home
            run = run_once(result.case.argv, {**env, **dict(result.case.env), "XDG_CACHE_HOME": str(cache_home)})
            if result.case.cold:
                shutil.rmtree(cache_home)
            if run.status != 0:
                last = run.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["(nothing on stderr)"]
                result.error = f"exit status {run.status}: {last[0]}"
                continue
            result.stdout = run.stdout
            if round_number > 0:  # round 0 is the warm-up
                result.seconds.append(run.seconds)
                result.peak_kib = max(result.peak_kib, run.maxrss_kib)
                result.floor_kib = max(result.floor_kib, run.floor_kib)
    return results


def report(result: Measurement, baseline: Measurement) -> Row:
    """Print one case's figures as soon as they are known, and make its table row."""
    median, base = result.median_ms, baseline.median_ms
    ratio = median / base if median is not None and base else None
    if result.error:
        print(f"  {result.case.label}: ERROR {result.error}", flush=True)
    elif median is not None:
        ratio_text = f"{ratio:.2f}× python -c pass ({base:.1f} ms)" if ratio is not None else "no baseline"
        peak = f"{'≤ ' if result.at_floor else ''}{result.peak_kib / KIB_PER_MIB:.1f} MiB"
        print(
            f"  {result.case.label}: median {median:.1f} ms over {len(result.seconds)} runs, {ratio_text}, peak {peak}",
            flush=True,
        )
    return Row(result.case.label, median, ratio, result.peak_mib, result.at_floor)


def hold_to(row: Row, description: str, met: bool | None) -> None:
    """Add a target to `row`; `met` None means the figures needed are missing (a failed case)."""
    verdict = "not measured" if met is None else "met" if met else "MISSED"
    row.target = f"{description}: {verdict}" if row.target == "—" else f"{row.target}; {description}: {verdict}"
    row.verdicts.append((f"{row.label}: {description}", met))


def ratio_target(row: Row, limit: float, stretch: float | None = None) -> None:
    """Hold `row` to a ratio to `python -c pass`, and to a stretch ratio if given."""
    met = None if row.ratio is None else row.ratio <= limit
    hold_to(row, f"≤ {limit:g}×", met)
    if stretch is not None:
        hold_to(row, f"stretch ≤ {stretch:g}×", None if row.ratio is None else row.ratio <= stretch)


def scale_targets(warm: Row, cold: Row, yq: Row | None) -> None:
    """The targets of `facts --kind forecast` at the target size, relative to yq where it ran."""
    yq_ms, yq_peak = (yq.median_ms, yq.peak_mib) if yq else (None, None)
    warm_met = warm.median_ms <= yq_ms / 5 if warm.median_ms is not None and yq_ms is not None else None
    hold_to(warm, "≤ ⅕ of yq" + (f" ({yq_ms / 5:.0f} ms)" if yq_ms is not None else ""), warm_met)
    hold_to(
        warm,
        f"peak < {WARM_PEAK_LIMIT_MIB} MiB",
        None if warm.peak_mib is None else warm.peak_mib < WARM_PEAK_LIMIT_MIB,
    )
    cold_limit = yq_ms * COLD_SHARE_OF_YQ if yq_ms is not None else None
    cold_met = cold.median_ms <= cold_limit if cold.median_ms is not None and cold_limit is not None else None
    shown_limit = f" ({cold_limit:.0f} ms)" if cold_limit is not None else ""
    hold_to(cold, f"≤ {COLD_SHARE_OF_YQ:g}× yq{shown_limit}", cold_met)
    peak_met = cold.peak_mib < yq_peak if cold.peak_mib is not None and yq_peak is not None else None
    hold_to(cold, "peak < yq's" + (f" ({yq_peak:.0f} MiB)" if yq_peak is not None else ""), peak_met)


def json_stream_ids(text: str) -> list[str]:
    """The `id` of every JSON value in `text`, a JSON array or a stream of JSON objects (yq's output)."""
    decoder = json.JSONDecoder()
    ids: list[str] = []
    position = 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position == len(text):
            return ids
        value, position = decoder.raw_decode(text, position)
        for item in value if isinstance(value, list) else [value]:
            ids.append(str(item["id"]))


def compare_selection(kzcn: Measurement, yq: Measurement) -> str:
    """Whether kzcn's `facts --kind forecast --json` selected the same facts as yq's filter."""
    if kzcn.error or yq.error:
        return "not compared (a case failed)"
    try:
        ours = json_stream_ids(kzcn.stdout.decode())
        theirs = json_stream_ids(yq.stdout.decode())
    except (ValueError, KeyError, TypeError) as error:
        return f"not compared (unreadable output: {error})"
    same = sorted(ours) == sorted(theirs)
    answer = "yes" if same else "NO"
    return f"{answer}: kzcn {len(ours)} facts, yq {len(theirs)} ({len(set(ours) ^ set(theirs))} ids differ)"


def check_completion(result: Measurement) -> str:
    """Whether the completion case printed fact ids starting with the prefix, including a known one."""
    if result.error:
        return f"not checked ({result.error})"
    offered = result.stdout.decode().split()
    good = bool(offered) and all(value.startswith(COMPLETION_PREFIX) for value in offered)
    known = COMPLETION_EXPECTED in offered
    answer = "yes" if good and known else "NO"
    return f"{answer}: {len(offered)} ids offered ({', '.join(offered[:3])}{', …' if len(offered) > 3 else ''})"


def size_label(size: int) -> str:
    """1000 as '1k', 30000 as '30k'."""
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


def capture(argv: Sequence[str], first_line: bool = True) -> str:
    """What a command prints (stdout, else stderr), or only its first line, or why there is nothing."""
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False)
    except OSError as error:
        return f"unavailable ({error.strerror})"
    text = done.stdout.strip() or done.stderr.strip()
    if not text:
        return "(no output)"
    return text.splitlines()[0] if first_line else text


def yq_command(yq: str) -> tuple[str, ...]:
    """How to run yq so that it prints JSON: the Python yq (kislyuk) always does, the Go one (mikefarah) on request."""
    return (yq, "--output-format=json") if "mikefarah" in capture([yq, "--version"]) else (yq,)


def describe_yq(yq: str) -> str:
    """`yq --version`, and which yq it is: the Python jq wrapper (kislyuk) and the Go one (mikefarah) differ."""
    version = capture([yq, "--version"])
    if "mikefarah" in version:
        return f"{version} (mikefarah/yq, Go)"
    flavour = "kislyuk/yq, Python + jq" if "jq wrapper" in capture([yq, "--help"], first_line=False) else "unknown"
    package = capture(["dpkg-query", "-W", "-f=${Version}", "yq"]) if shutil.which("dpkg-query") else ""
    debian = f", Debian package {package}" if package and package[0].isdigit() else ""
    return f"{version} ({flavour}{debian}; {capture(['jq', '--version'])})"


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo, where there is one."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def render(rows: Sequence[Row], markdown: bool) -> str:
    """The final table as plain, aligned text or as Markdown."""
    header = ("case", "median ms", "× python -c pass", "target", "peak MiB")
    body = [
        (
            row.label,
            "error" if row.median_ms is None else f"{row.median_ms:,.1f}",
            "—" if row.ratio is None else f"{row.ratio:.2f}×",
            row.target,
            "—" if row.peak_mib is None else f"{'≤ ' if row.at_floor else ''}{row.peak_mib:.1f}",
        )
        for row in rows
    ]
    right = (False, True, True, False, True)
    if markdown:
        cells = [[cell.replace("|", "\\|") for cell in line] for line in (header, *body)]
        rule = ["---:" if align else "---" for align in right]
        return "\n".join("| " + " | ".join(line) + " |" for line in (cells[0], rule, *cells[1:]))
    widths = [max(len(line[i]) for line in (header, *body)) for i in range(len(header))]
    lines = [
        "  ".join(
            cell.rjust(width) if align else cell.ljust(width)
            for cell, width, align in zip(line, widths, right, strict=True)
        )
        for line in (header, *body)
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def sibling(program: str, name: str) -> str | None:
    """`name` in the directory of `program` (a virtual environment's bin), if it is there; symlinks not resolved."""
    candidate = Path(program).parent / name
    return str(candidate) if candidate.is_file() and os.access(candidate, os.X_OK) else None


def install_checkout() -> str:
    """This checkout installed as a user installs it: a wheel in a fresh virtual environment, bytecode compiled.

    An editable install is no stand-in: with PYTHONDONTWRITEBYTECODE set (as on the machines here) every run would
    compile kzcn's modules from source again, about 15 ms that no user pays.
    """
    venv = OUT_DIR / "venv"
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(HERE.parent)], check=True)
    return str(venv / "bin" / "kzcn")


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The options, with --quick applied and the programs found."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, metavar="N", help="timed runs of cases 1-5 (default 10)")
    parser.add_argument(
        "--scale-runs", type=int, default=3, metavar="N", help="timed runs of the large-file cases (default 3)"
    )
    parser.add_argument(
        "--sizes", default="1000,10000,30000", metavar="N,N", help="knowledge-base sizes in facts (default %(default)s)"
    )
    parser.add_argument("--quick", action="store_true", help="a smoke test: 3 runs, 1,000 facts only")
    parser.add_argument("--markdown", action="store_true", help="also print the table as Markdown")
    parser.add_argument("--seed", type=int, default=1, help="the generator's seed (default 1)")
    parser.add_argument(
        "--kzcn",
        help="the kzcn to run (default: this checkout, installed from a wheel into benchmarks/out/venv)",
    )
    parser.add_argument("--python", help="the baseline interpreter (default: the python beside kzcn, else this one)")
    parser.add_argument("--yq", default=shutil.which("yq"), help="the yq to compare with (default: yq on PATH)")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.scale_runs, args.sizes = 3, 3, "1000"
    try:
        args.sizes = [int(size) for size in args.sizes.split(",")]
    except ValueError:
        parser.error(f"--sizes: expected numbers separated by commas, got {args.sizes!r}")
    if args.runs < 1 or args.scale_runs < 1 or min(args.sizes) < 1:
        parser.error("--runs, --scale-runs and --sizes must be at least 1")
    args.kzcn = args.kzcn or install_checkout()
    args.python = args.python or sibling(args.kzcn, "python") or sys.executable
    return args


def print_environment(args: argparse.Namespace) -> None:
    """Where and with what the figures were measured."""
    python, kzcn = args.python, args.kzcn
    typer_version = capture([python, "-c", "import importlib.metadata as m; print(m.version('typer'))"])
    commit = capture(["git", "-C", str(HERE.parent), "rev-parse", "--short", "HEAD"])
    print(f"date:    {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    print(f"machine: {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {cpu_model()}")
    print(f"python:  {python} ({capture([python, '--version'])})")
    print(f"kzcn:    {kzcn} ({capture([kzcn, '--version'])}, typer {typer_version}; repository at {commit})")
    print(f"yq:      {describe_yq(args.yq) if args.yq else 'not on PATH: the yq cases are skipped'}")
    print(f"runs:    cases 1-5 {args.runs}, large-file cases {args.scale_runs}, each after one warm-up run")


def export_target(export: Row, facts_json: Row) -> None:
    """`export sqlite` of a large file within twice the time of `facts --json` on it."""
    met = (
        None
        if export.median_ms is None or facts_json.median_ms is None
        else export.median_ms <= 2 * facts_json.median_ms
    )
    limit = f" ({2 * facts_json.median_ms:.0f} ms)" if facts_json.median_ms is not None else ""
    hold_to(export, f"≤ 2× facts --json{limit}", met)


def measure_small(args: argparse.Namespace, env: dict[str, str], cache_root: Path) -> tuple[list[Row], list[str]]:
    """Cases 1-5 on the shipped knowledge base, each alternating with the baseline; their rows and notes."""
    kzcn = args.kzcn
    baseline = Case("python -c pass", (args.python, "-c", "pass"))
    cases = [
        Case("kzcn revenue --year 2020 --json", (kzcn, "revenue", "--year", "2020", "--json")),
        Case("kzcn facts --json", (kzcn, "facts", "--json")),
        Case("kzcn facts (table, to a pipe)", (kzcn, "facts")),
        Case("kzcn check", (kzcn, "check")),
        Case(f"completion: kzcn show {COMPLETION_PREFIX}<TAB>", (kzcn,), tuple(COMPLETION_ENV.items())),
        Case("kzcn article (table, to a pipe)", (kzcn, "article")),
        Case("kzcn report --format html", (kzcn, "report", "--format", "html")),
    ]
    print(f"\nCases 1-7 (shipped knowledge base), each alternating with {baseline.label}:", flush=True)
    rows: list[Row] = []
    notes: list[str] = []
    for case in cases:
        base_result, result = measure([baseline, case], args.runs, env, cache_root)
        rows.append(report(result, base_result))
        if case.env:
            notes.append(f"completion offers fact ids starting with {COMPLETION_PREFIX!r}: {check_completion(result)}")
    revenue, facts_json, facts_table, _, completion, article, report_html = rows
    # The start-up budgets of the "fast again" issue (19).
    ratio_target(revenue, 6)
    ratio_target(facts_json, 6)
    ratio_target(facts_table, 9)
    ratio_target(completion, 6)
    ratio_target(article, 10)  # a table-class command
    ratio_target(report_html, 15)
    return rows, notes


def measure_size(
    args: argparse.Namespace, size: int, env: dict[str, str], cache_root: Path
) -> tuple[list[Row], list[Measurement]]:
    """Case 6 at one size: generate the file, time kzcn cold and warm beside yq; rows and the measurements."""
    kzcn, python = args.kzcn, args.python
    path = OUT_DIR / f"facts-{size}.yaml"
    begun = time.perf_counter()
    generate = [python, str(GENERATE), "--facts", str(size), "--seed", str(args.seed), "--out", str(path)]
    subprocess.run(generate, check=True)
    name, generated = size_label(size), time.perf_counter() - begun
    baseline = Case("python -c pass", (python, "-c", "pass"))
    print(
        f"\n{name} facts ({path.stat().st_size / 2**20:.1f} MiB, generated in {generated:.1f} s), "
        f"all alternating with {baseline.label}:",
        flush=True,
    )
    select = ("facts", "--kind", "forecast", "--json")
    cases = [
        Case(f"{name}: kzcn check, cold", (kzcn, "--facts", str(path), "check"), cold=True),
        Case(f"{name}: kzcn check, warm", (kzcn, "--facts", str(path), "check")),
        Case(f"{name}: kzcn {' '.join(select)}, cold", (kzcn, "--facts", str(path), *select), cold=True),
        Case(f"{name}: kzcn {' '.join(select)}, warm", (kzcn, "--facts", str(path), *select)),
    ]
    if args.yq:
        cases.append(Case(f"{name}: yq, the same forecasts (YQ_FILTER)", (*yq_command(args.yq), YQ_FILTER, str(path))))
    # The export against the JSON of every fact from the same file, both warm: what a script pays for the database.
    database = OUT_DIR / f"facts-{size}.sqlite"
    cases.append(Case(f"{name}: kzcn facts --json, warm", (kzcn, "--facts", str(path), "facts", "--json")))
    cases.append(
        Case(
            f"{name}: kzcn export sqlite, warm",
            (kzcn, "--facts", str(path), "export", "sqlite", str(database), "--force"),
        )
    )
    # The fact sheet of the whole file: it should grow in proportion to it (compare the sizes' medians).
    cases.append(
        Case(f"{name}: kzcn report --format markdown, warm", (kzcn, "--facts", str(path), "report", "-f", "markdown"))
    )
    base_result, *results = measure([baseline, *cases], args.scale_runs, env, cache_root)
    rows = [report(result, base_result) for result in results]
    if size == TARGET_SIZE:
        scale_targets(rows[3], rows[2], rows[4] if args.yq else None)
        export_target(rows[-2], rows[-3])
    return rows, results[:5] if args.yq else results[:4]


def selection_notes(size: int, results: Sequence[Measurement]) -> list[str]:
    """Whether cold and warm kzcn print the same forecasts, and the same ones as yq."""
    _, _, cold, warm, *yq = results
    name = size_label(size)
    same = "not compared (a case failed)" if cold.error or warm.error else "yes" if cold.stdout == warm.stdout else "NO"
    notes = [f"{name}: cold and warm `facts --kind forecast --json` print the same: {same}"]
    if yq:
        notes.append(f"{name}: kzcn selects the same forecasts as yq: {compare_selection(warm, yq[0])}")
    return notes


def main(argv: Sequence[str] | None = None) -> int:
    """Generate the large knowledge bases, run every case, print the table and the targets."""
    started = time.perf_counter()
    args = parse_arguments(argv)
    env = {key: value for key, value in os.environ.items() if key not in SCRUBBED_ENV}
    print_environment(args)
    stamp = capture([args.python, "-c", PACKAGE_STAMP])
    with tempfile.TemporaryDirectory(prefix="kzcn-bench-") as temporary:
        rows, notes = measure_small(args, env, Path(temporary))
        outputs: list[tuple[int, list[Measurement]]] = []
        for size in args.sizes:
            size_rows, results = measure_size(args, size, env, Path(temporary))
            rows.extend(size_rows)
            outputs.append((size, results))
    # Parsed only now: decoding megabytes of JSON would raise this process's peak, the floor of every later one.
    for size, results in outputs:
        notes.extend(selection_notes(size, results))

    print("\nResults (median wall time; ratio = median of the case / median of python -c pass run beside it):\n")
    print(render(rows, markdown=False))
    if args.markdown:
        print("\n" + render(rows, markdown=True))
    if any(row.at_floor for row in rows):
        print("≤: the run's peak RSS was no more than this process's own, which is all wait4 can report then.")
    print()
    for note in notes:
        print(note)
    verdicts = [verdict for row in rows for verdict in row.verdicts]
    if TARGET_SIZE not in args.sizes:
        print(f"The large-file targets apply at {TARGET_SIZE:,} facts, which this run did not measure.")
    print(f"Targets met: {sum(met is True for _, met in verdicts)} of {len(verdicts)}")
    for description, met in verdicts:
        print(f"  {'not measured' if met is None else 'met' if met else 'MISSED':12}  {description}")
    elapsed = time.perf_counter() - started
    within = "within" if elapsed <= TIME_BUDGET_SECONDS else "OVER"
    print(f"Total time: {elapsed:.0f} s ({within} the {TIME_BUDGET_SECONDS // 60}-minute budget)")
    changed = capture([args.python, "-c", PACKAGE_STAMP]) != stamp
    if changed:
        print("WARNING: kzcn's files changed during the run, so the figures mix two versions: run it again.")
    return 1 if changed or any(row.median_ms is None for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
