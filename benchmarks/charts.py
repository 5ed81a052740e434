"""How long a chart takes on the seed store: the answers and the chart data, then the PNG.

`python -m benchmarks.charts --repeat 20` fills a fresh SQLite store from seeds/, times the first
render in the process (matplotlib's import and font loading, which the first chart a server
draws pays) and then the median of N renders per query, wall clock and CPU (the machine is shared:
CPU time is the steadier figure), and prints a Markdown table and JSON.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path

import click

from handlers.charts import chart_for
from handlers.drawing import render_png
from store import FactStore

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
QUERIES = ("troops US", "troops", "money", "timeline US", "timeline")
CHART_ANSWERS = 20  # as `niger-bot chart` and the Slack Chart button


def measure(store: FactStore, *, repeat: int) -> dict:
    """First render in this process, then per query the median of ``repeat`` timings of the
    data (ask + chart_for) and of the PNG."""
    started = time.perf_counter()
    render_png(chart_for(store.ask(QUERIES[0], limit=CHART_ANSWERS)))
    first_ms = (time.perf_counter() - started) * 1000
    rows = []
    for query in QUERIES:
        data_s, png_s, cpu_s, sizes = [], [], [], []
        for _ in range(repeat):
            t0 = time.perf_counter()
            chart = chart_for(store.ask(query, limit=CHART_ANSWERS))
            t1, c1 = time.perf_counter(), time.process_time()
            png = render_png(chart)
            t2, c2 = time.perf_counter(), time.process_time()
            data_s.append(t1 - t0)
            png_s.append(t2 - t1)
            cpu_s.append(c2 - c1)
            sizes.append(len(png))
        rows.append(
            {
                "query": query,
                "data_ms": round(statistics.median(data_s) * 1000, 2),
                "png_median_ms": round(statistics.median(png_s) * 1000, 1),
                "png_max_ms": round(max(png_s) * 1000, 1),
                "png_cpu_median_ms": round(statistics.median(cpu_s) * 1000, 1),
                "png_kb": round(statistics.median(sizes) / 1024, 1),
            }
        )
    return {"repeat": repeat, "first_render_ms": round(first_ms, 1), "queries": rows}


def render(report: dict) -> str:
    lines = [
        f"First render in the process (imports matplotlib): {report['first_render_ms']} ms",
        "",
        f"| query | data ms (median) | PNG ms (median of {report['repeat']}) | PNG ms (max) "
        "| PNG CPU ms (median) | PNG KB |",
        "|---|---|---|---|---|---|",
    ]
    for row in report["queries"]:
        lines.append(
            f"| `{row['query']}` | {row['data_ms']} | {row['png_median_ms']} | "
            f"{row['png_max_ms']} | {row['png_cpu_median_ms']} | {row['png_kb']} |"
        )
    return "\n".join(lines)


@click.command()
@click.option("--repeat", default=20, show_default=True, help="Timed renders per query.")
def main(repeat: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = FactStore.open(f"sqlite:///{folder}/seeds.sqlite3", seeds_dir=SEEDS)
        store.index()  # the seeds ingested and indexed before anything is timed
        report = measure(store, repeat=repeat)
        store.engine.dispose()
    click.echo(render(report))
    click.echo(json.dumps(report))


if __name__ == "__main__":
    main()
