"""The benchmark runner: how fast niger-bot answers at 1k, 10k, 100k and 1M facts.

    ./run python -m benchmarks.run --sizes 1000,10000,100000,1000000

For each size (in facts) it builds, or reuses from ``benchmarks/.cache/``, a store filled with
synthetic articles through the real ingestion (``benchmarks/generate.py``), then measures in a
fresh process of its own (``benchmarks/measure.py``):

- ``ask`` latency in-process (``FactStore.ask``), p50/p95/p99 over a fixed mixed query set
  (``benchmarks/queries.py``: every intent, typos, entities, misses), after one warm-up pass;
- index build time and the memory it adds; incremental index updates after an ingest and a removal;
- ingest throughput (a probe batch of new articles ingested into the store of that size, so its
  scaling with corpus size shows), and the throughput of building the store itself;
- peak resident memory of that process;
- the naive baseline on the same queries in the same process: a full rapidfuzz scan over every
  fact summary (``benchmarks/baseline.py``, which defines "agree"), as a speed ratio and agreement;
- what the index loses: the bot's own scoring applied to every fact without the inverted indexes
  or any cut-off (``answer_query(exhaustive=True)``), and how often its top answer (and its whole
  answer list) is the indexed path's.

Once per run: cold start, a fresh ``niger-bot ask`` process on a seeded store until its answer is
printed. The signed slash command is measured over HTTP by benchmarks/http.py.
The report is printed as Markdown tables and saved as JSON (``--json``).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import click

from benchmarks.corpus import CACHE_DIR, build_corpus

ROOT = Path(__file__).resolve().parent.parent


def machine() -> dict:
    with open("/proc/meminfo") as handle:
        total_kb = int(handle.readline().split()[1])
    return {
        "nproc": os.cpu_count(),
        "ram_gb": round(total_kb / 2**20, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        **bytecode(),
    }


def bytecode() -> dict:
    """Whether the libraries come compiled, and whether a process may write what it compiles:
    with neither, every cold start compiles SQLAlchemy and the rest from source, which takes
    longer than anything the bot itself does."""
    import sqlalchemy

    compiled = Path(importlib.util.cache_from_source(sqlalchemy.__file__)).exists()
    own = ROOT / "store" / "service.py"  # ./run compiles bot/, handlers/ and store/ too
    return {
        "libraries_compiled": compiled,
        "code_compiled": Path(importlib.util.cache_from_source(str(own))).exists(),
        "dont_write_bytecode": bool(os.environ.get("PYTHONDONTWRITEBYTECODE")),
    }


def measure_size(path: Path, *, repeat: int, probe: int, baseline: bool, seed: int) -> dict:
    """Run benchmarks.measure on one store file in a process of its own."""
    command = [
        sys.executable, "-m", "benchmarks.measure", str(path),
        f"--repeat={repeat}", f"--probe={probe}", f"--seed={seed}",
        "--baseline" if baseline else "--no-baseline",
    ]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise click.ClickException(f"measuring {path.name} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _niger_bot() -> list[str]:
    script = Path(sys.executable).parent / "niger-bot"
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot.cli"]


def cold_start(*, runs: int, query: str = "how many US troops are in Niger?") -> dict:
    """Wall time of a fresh `niger-bot ask` process until it exits with its answer, on a store
    already filled from the seeds; and of the very first run, which fills it."""
    with tempfile.TemporaryDirectory(prefix="niger-cold-") as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/facts.sqlite3"}
        command = [*_niger_bot(), "ask", "--limit", "1", query]

        def timed() -> float:
            started = time.perf_counter()
            subprocess.run(command, env=env, check=True, capture_output=True, cwd=ROOT)
            return time.perf_counter() - started

        first = timed()
        seconds = [timed() for _ in range(runs)]
    return {
        "first_run_s": round(first, 3),
        "median_s": round(statistics.median(seconds), 3),
        "max_s": round(max(seconds), 3),
        "runs": runs,
    }


def slash_command_latency(requests: int = 300) -> dict | None:
    """p50/p95/p99 of a signed slash command posted over loopback HTTP to `niger-bot serve` on
    the seed store: the ack (HTTP response) and the answer (its arrival at the response_url)."""
    from benchmarks.http import slash_latency

    return slash_latency(requests=requests)


def _fmt(value, unit: str = "") -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        value = f"{value:,.3g}" if value < 100 else f"{value:,.0f}"
    elif isinstance(value, int):
        value = f"{value:,}"
    return f"{value}{unit}"


def render(report: dict) -> str:
    """The report as Markdown tables."""
    sizes = report["sizes"]
    head = "| | " + " | ".join(f"{s['target']:,} facts" for s in sizes) + " |"
    rule = "|---|" + "---|" * len(sizes)

    def row(label: str, get) -> str:
        cells = []
        for size in sizes:
            try:
                cells.append(_fmt(get(size)))
            except (KeyError, TypeError):
                cells.append("n/a")
        return f"| {label} | " + " | ".join(cells) + " |"

    lines = [
        head,
        rule,
        row("facts / sentences / articles", lambda s: f"{s['facts']:,} / {s['sentences']:,} / "
            f"{s['articles']:,}"),
        row("`ask` p50 ms", lambda s: s["ask"]["p50_ms"]),
        row("`ask` p95 ms", lambda s: s["ask"]["p95_ms"]),
        row("`ask` p99 ms", lambda s: s["ask"]["p99_ms"]),
        row("full scan p50 ms", lambda s: s["baseline"]["p50_ms"]),
        row("speed-up (scan p50 / ask p50)", lambda s: f"{s['baseline']['speedup_p50']:,}x"),
        row("top answer agrees (tie-aware top 10)",
            lambda s: f"{s['baseline']['agree']}/{s['baseline']['queries']}"),
        row("same top sentence as scan",
            lambda s: f"{s['baseline']['same_top_sentence']}/{s['baseline']['queries']}"),
        row("top answer same as own scoring, exhaustive",
            lambda s: f"{s['exhaustive']['agree']}/{s['exhaustive']['queries']}"),
        row("all answers same as own scoring, exhaustive",
            lambda s: f"{s['exhaustive']['same_answers']}/{s['exhaustive']['queries']}"),
        row("own scoring, exhaustive, p50 ms", lambda s: s["exhaustive"]["p50_ms"]),
        row("index build s", lambda s: s["index"]["build_s"]),
        row("index memory MB", lambda s: s["index"]["memory_mb"]),
        row("index update after ingest s", lambda s: s["ingest_probe"]["index_update_add_s"]),
        row("index update after removal s", lambda s: s["ingest_probe"]["index_update_remove_s"]),
        row("ingest probe articles/s", lambda s: s["ingest_probe"]["articles_per_s"]),
        row("store build articles/s", lambda s: s["build"]["articles_per_s"]),
        row("peak RSS MB (build index + asks)", lambda s: s["peak_rss_mb_ask"]),
        row("peak RSS MB (with probe + scan)", lambda s: s["peak_rss_mb"]),
    ]  # fmt: skip
    categories = sorted({c for s in sizes for c in s["ask_by_category_p50_ms"]})
    lines += ["", "`ask` p50 ms by query category:", "", head, rule]
    lines += [row(c, lambda s, c=c: s["ask_by_category_p50_ms"][c]) for c in categories]
    cold = report.get("cold_start")
    if cold:
        lines += [
            "",
            f"Cold start (`niger-bot ask`, seeded store): median {cold['median_s']} s over "
            f"{cold['runs']} runs, max {cold['max_s']} s; first run filling the store from the "
            f"seeds: {cold['first_run_s']} s. Libraries compiled to bytecode: "
            f"{'yes' if report['machine']['libraries_compiled'] else 'no'}; the bot's own code: "
            f"{'yes' if report['machine'].get('code_compiled') else 'no'}; "
            f"PYTHONDONTWRITEBYTECODE "
            f"{'set' if report['machine']['dont_write_bytecode'] else 'not set'}.",
        ]
    slash = report.get("slash_command")
    lines += ["", f"Signed slash command over HTTP, ms: {slash or 'not measured'}."]
    return "\n".join(lines)


@click.command()
@click.option(
    "--sizes",
    default="1000,10000,100000",
    show_default=True,
    help="Comma-separated store sizes in facts.",
)
@click.option("--repeat", default=5, show_default=True, help="Timed passes over the queries.")
@click.option("--probe", default=100, show_default=True, help="Articles in each ingest probe.")
@click.option("--baseline/--no-baseline", default=True, help="Run the full-scan baseline.")
@click.option("--cold-runs", default=5, show_default=True, help="Cold starts to time; 0 skips.")
@click.option("--seed", default=0, show_default=True, help="Seed of the synthetic articles.")
@click.option(
    "--cache-dir",
    default=CACHE_DIR,
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the full report here.",
)
def main(sizes, repeat, probe, baseline, cold_runs, seed, cache_dir, json_path) -> None:  # noqa: E501
    """Build (or reuse) benchmark stores and measure each; print Markdown tables.

    Example: ./run python -m benchmarks.run --sizes 1000,10000,100000,1000000
    """
    report = run_benchmarks(
        [int(s) for s in sizes.split(",") if s.strip()],
        repeat=repeat,
        probe=probe,
        baseline=baseline,
        cold_runs=cold_runs,
        seed=seed,
        cache_dir=cache_dir,
    )
    click.echo(render(report))
    if json_path:
        json_path.write_text(json.dumps(report, indent=2))


def run_benchmarks(
    sizes: list[int],
    *,
    repeat: int = 5,
    probe: int = 100,
    baseline: bool = True,
    cold_runs: int = 5,
    seed: int = 0,
    cache_dir: Path = CACHE_DIR,
    slash_requests: int = 300,
    log=lambda text: click.echo(text, err=True),
) -> dict:
    """Every measurement as one dict; see the module docstring."""
    report: dict = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": " ".join(["python -m benchmarks.run", *sys.argv[1:]]),
        "machine": machine(),
        "sizes": [],
    }
    for target in sorted(sizes):
        log(f"store of {target:,} facts")
        corpus = build_corpus(target, seed=seed, cache_dir=cache_dir, log=log)
        log(f"measuring {corpus.facts:,} facts{' (cached store)' if corpus.cached else ''}")
        measured = measure_size(
            corpus.path, repeat=repeat, probe=probe, baseline=baseline, seed=seed
        )
        built = corpus.built_articles / corpus.build_seconds if corpus.build_seconds else None
        measured["target"] = target
        measured["build"] = {
            "articles": corpus.built_articles,
            "seconds": round(corpus.build_seconds, 1),
            "articles_per_s": round(built, 1) if built else None,
            "cached": corpus.cached,
        }
        measured["store_mb"] = round(corpus.path.stat().st_size / 2**20, 1)
        report["sizes"].append(measured)
    if cold_runs:
        log("cold start")
        report["cold_start"] = cold_start(runs=cold_runs)
    if slash_requests:
        log("signed slash commands over HTTP")
        report["slash_command"] = slash_command_latency(slash_requests)
    return report


if __name__ == "__main__":
    main()
