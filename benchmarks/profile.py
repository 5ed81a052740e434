"""Profile `ask` and the index build on a benchmark store with cProfile:
`python -m benchmarks.profile --facts 100000` (the store must be built; `benchmarks.run` builds it).
"""

from __future__ import annotations

import cProfile
import io
import pstats
import time

import click

from benchmarks.corpus import CACHE_DIR, build_corpus
from benchmarks.queries import query_set
from store import FactStore


def _top(profile: cProfile.Profile, *, sort: str, lines: int) -> str:
    out = io.StringIO()
    pstats.Stats(profile, stream=out).strip_dirs().sort_stats(sort).print_stats(lines)
    return out.getvalue()


@click.command()
@click.option("--facts", default=100_000, show_default=True, help="Store size in facts.")
@click.option("--lines", default=25, show_default=True, help="Functions to list.")
@click.option("--sort", default="tottime", show_default=True, help="pstats sort key.")
@click.option("--build/--no-build", default=True, help="Also profile the index build.")
def main(facts: int, lines: int, sort: str, build: bool) -> None:
    """Print the functions where `ask` (and the index build) spend their time."""
    corpus = build_corpus(facts, cache_dir=CACHE_DIR)
    store = FactStore.open(corpus.url, seeds_dir=None)
    store.ensure_ready()
    profile = cProfile.Profile()
    if build:
        profile.enable()
    store.index()
    profile.disable()
    if build:
        click.echo(
            f"== index build, {corpus.facts:,} facts\n" + _top(profile, sort=sort, lines=lines)
        )
    queries = query_set()
    for query in queries:
        store.ask(query.text)
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    for query in queries:
        store.ask(query.text)
    profile.disable()
    elapsed = time.perf_counter() - started
    click.echo(
        f"== {len(queries)} queries, {elapsed * 1000 / len(queries):.1f} ms each under the "
        "profiler\n" + _top(profile, sort=sort, lines=lines)
    )


if __name__ == "__main__":
    main()
