"""Slack over real HTTP: signed requests to `niger-bot serve` processes on loopback, with the fake
Slack Web API of the tests receiving the answers.

    ./run python -m benchmarks.http latency --requests 300
    ./run python -m benchmarks.http load --rate 200 --seconds 60 \\
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test

`latency` sends slash commands one at a time to one replica on a seed store and reports the ack
(HTTP response) and the answer (its arrival at the response_url) as p50/p95/p99. `load` sends
a fixed rate of commands and mentions (with duplicate deliveries) round-robin to two replicas for
a bounded time, then checks that every ack came inside 3 s, nothing errored, every command was
answered and every event answered exactly once. Both stop by themselves.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import httpx

from tests.slack_fake import FakeSlack, command_body, payload, serve_env, serving, sign

QUERIES = [
    "how many US troops are in Niger?",
    "troops France",
    "timeline US",
    "who is Tchiani",
    "what is CNSP",
    "how much did the drone base cost",
    "where is Airbase 201",
    "frnace troops",
    "what did Phee say",
    "recipe for banana bread",
]
ACK_LIMIT = 3.0


def percentiles(values: list[float]) -> dict[str, float]:
    """p50/p95/p99 in milliseconds (nearest rank), and the count."""
    if not values:
        return {"n": 0}
    ordered = sorted(values)

    def rank(p: float) -> float:
        return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))] * 1000

    return {
        "n": len(ordered),
        "p50": round(rank(50), 1),
        "p95": round(rank(95), 1),
        "p99": round(rank(99), 1),
        "max": round(ordered[-1] * 1000, 1),
    }


def slash_latency(*, requests: int, database_url: str | None = None) -> dict[str, Any]:
    """One replica on a seed store: ack and answer latency of signed slash commands, in series."""
    fake = FakeSlack()
    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        url = database_url or f"sqlite:///{Path(folder) / 'seed.sqlite3'}"
        replica = stack.enter_context(serving(serve_env(url, fake), fake))
        for query in QUERIES:  # warm the index and every code path once
            replica.command(query, hook="warm")
        fake.wait_for("/hooks/warm", len(QUERIES), timeout=30)
        acks, answers = [], []
        for n in range(requests):
            hook = f"lat{n}"
            body, content_type = command_body(fake, QUERIES[n % len(QUERIES)], hook=hook)
            started = time.perf_counter()
            response = replica.post(body, content_type)
            acked = time.perf_counter()
            if response.status_code != 200:
                raise RuntimeError(f"HTTP {response.status_code} for {QUERIES[n % len(QUERIES)]}")
            (answer,) = fake.wait_for(f"/hooks/{hook}", timeout=10)
            acks.append(acked - started)
            answers.append(answer.at - started)
    fake.close()
    return {"ack_ms": percentiles(acks), "answer_ms": percentiles(answers)}


@dataclass(frozen=True)
class Hooks:
    """Where the fake Slack takes response_url posts: all a worker process needs of it."""

    base_url: str

    def response_url(self, name: str) -> str:
        return f"{self.base_url}hooks/{name}"


def _requests(
    replicas: list[str], hooks: Hooks, *, total: int, offset: int, step: int, run: int
) -> list[tuple[float, str, str, dict[str, str], str, str | None]]:
    """This worker's share of the schedule, signed in advance: (offset in s, url, body, headers,
    kind, hook or event id)."""
    planned = []
    for n in range(offset, total, step):
        query = QUERIES[n % len(QUERIES)]
        base = replicas[n % len(replicas)]
        if n % 3 == 2:
            envelope = payload("app_mention.json")
            envelope["event_id"] = f"EvLoad-{run}-{n}"
            envelope["event"].update(text=f"<@UBOT> {query}", ts=f"1700000000.{n:06d}")
            body = json.dumps(envelope)
            headers = {"Content-Type": "application/json", **sign(body)}
            planned.append((n, base, body, headers, "event", envelope["event_id"]))
            if n % 15 == 2:  # Slack's retry of the same event, to the other replica
                other = replicas[(n + 1) % len(replicas)]
                retry = {**headers, "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_error"}
                planned.append((n + 0.5, other, body, retry, "retry", envelope["event_id"]))
        else:
            body, content_type = command_body(hooks, query, hook=f"load{n}")
            headers = {"Content-Type": content_type, **sign(body)}
            planned.append((n, base, body, headers, "command", f"load{n}"))
    return planned


def _worker(
    replicas: list[str],
    hooks: Hooks,
    rate: float,
    total: int,
    offset: int,
    step: int,
    run: int,
    start_at: float,
) -> list[dict[str, Any]]:
    planned = _requests(replicas, hooks, total=total, offset=offset, step=step, run=run)
    return asyncio.run(_send_all(planned, rate=rate, start_at=start_at))


async def _send_all(planned: list, *, rate: float, start_at: float) -> list[dict[str, Any]]:
    limits = httpx.Limits(max_connections=300, max_keepalive_connections=100)
    results: list[dict[str, Any]] = []
    async with httpx.AsyncClient(timeout=10, limits=limits) as client:

        async def send(url: str, body: str, headers: dict, kind: str, key: str) -> None:
            started = time.time()
            try:
                response = await client.post(url + "/slack/events", content=body, headers=headers)
                status: int | str = response.status_code
            except httpx.HTTPError as error:
                status = type(error).__name__
            results.append({"kind": kind, "key": key, "status": status, "s": time.time() - started})

        tasks = []
        for slot, url, body, headers, kind, key in planned:
            delay = start_at + slot / rate - time.time()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(send(url, body, headers, kind, key)))
        # Bounded in time as well as count: whatever is still waiting 30 s after the last send
        # is abandoned and counted as an error, so an overloaded bot cannot stall the run.
        _, pending = await asyncio.wait(tasks, timeout=30) if tasks else (set(), set())
        for task in pending:
            task.cancel()
        results += [{"kind": "?", "key": "", "status": "abandoned", "s": 30.0} for _ in pending]
    return results


def _drive(
    replicas: list[str], hooks: Hooks, *, rate: float, seconds: float, workers: int
) -> dict[str, Any]:
    """Send ``rate`` requests a second for ``seconds`` from ``workers`` processes (one Python
    process cannot generate 200 signed requests a second and also time them honestly)."""
    total = int(rate * seconds)
    run = time.time_ns()
    start_at = time.time() + 2 + workers  # time for every worker to sign its share first
    with ProcessPoolExecutor(workers) as pool:
        shares = [
            pool.submit(_worker, replicas, hooks, rate, total, w, workers, run, start_at)
            for w in range(workers)
        ]
        results = [r for share in shares for r in share.result()]
    finished = max(start_at + total / rate, time.time())
    return {
        "results": results,
        "commands": {r["key"] for r in results if r["kind"] == "command"},
        "events": {r["key"] for r in results if r["kind"] == "event"},
        "sent_for": finished - start_at,
    }


class RemoteFake:
    """The fake Slack in a process of its own, so the load generator and the fake do not share
    one interpreter's lock (which would measure the generator, not the bot)."""

    def __init__(self) -> None:
        parent, child = multiprocessing.Pipe()
        self.process = multiprocessing.Process(target=_run_fake, args=(child,), daemon=True)
        self.process.start()
        self.base_url = parent.recv()

    def response_url(self, name: str) -> str:
        return f"{self.base_url}hooks/{name}"

    def paths(self) -> list[str]:
        return [path for path, _ in httpx.get(self.base_url + "_calls", timeout=30).json()]

    def wait_for(self, path: str, count: int, *, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while self.paths().count(path) < count:
            if time.monotonic() > deadline:
                raise RuntimeError(f"fewer than {count} calls to {path}")
            time.sleep(0.2)

    def close(self) -> None:
        self.process.terminate()
        self.process.join(5)


def _run_fake(pipe: Any) -> None:
    fake = FakeSlack()
    pipe.send(fake.base_url)
    while True:
        time.sleep(3600)


def load(
    *, rate: float, seconds: float, database_url: str | None, replicas: int = 2, workers: int = 3
) -> dict[str, Any]:
    """Bounded load against ``replicas`` serve processes on one database."""
    fake = RemoteFake()
    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        url = database_url or f"sqlite:///{Path(folder) / 'load.sqlite3'}"
        env = serve_env(url, fake)
        bases = [stack.enter_context(serving(env, fake)).url for _ in range(replicas)]
        bases = [b.removesuffix("/slack/events") for b in bases]
        for base in bases:  # every replica loads its index before the clock starts
            httpx.get(base + "/healthz", timeout=30)
        warm_body, warm_type = command_body(fake, "troops", hook="warm")
        for base in bases:
            httpx.post(
                base + "/slack/events",
                content=warm_body,
                headers={"Content-Type": warm_type, **sign(warm_body)},
                timeout=30,
            )
        fake.wait_for("/hooks/warm", replicas, timeout=60)
        run = _drive(bases, Hooks(fake.base_url), rate=rate, seconds=seconds, workers=workers)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            paths = fake.paths()
            answered = {p.removeprefix("/hooks/") for p in paths}
            if run["commands"] <= answered and paths.count("/chat.postMessage") >= len(
                run["events"]
            ):
                break
            time.sleep(0.5)
        time.sleep(2)  # a duplicate reply would arrive about now
        paths = fake.paths()
    fake.close()
    results = run["results"]
    errors = [r for r in results if r["status"] != 200]
    answered = {p.removeprefix("/hooks/") for p in paths if p.startswith("/hooks/")}
    replies = [p for p in paths if p == "/chat.postMessage"]
    acks = [r["s"] for r in results]
    return {
        "rate": rate,
        "seconds": seconds,
        "replicas": replicas,
        "engine": url.split(":", 1)[0],
        "requests": len(results),
        "achieved_rate": round(len(results) / run["sent_for"], 1),
        "generator_workers": workers,
        "errors": len(errors),
        "error_kinds": sorted({str(r["status"]) for r in errors}),
        "acks_over_3s": sum(1 for s in acks if s > ACK_LIMIT),
        "ack_ms": percentiles(acks),
        "commands_answered": f"{len(run['commands'] & answered)}/{len(run['commands'])}",
        "events_replied": f"{len(replies)} replies for {len(run['events'])} events",
    }


@click.group()
def main() -> None:
    """Signed Slack requests over loopback HTTP against `niger-bot serve`."""


@main.command("latency")
@click.option("--requests", default=300, show_default=True)
@click.option("--database-url", default=None, help="Default: a fresh SQLite seed store.")
def latency_command(requests: int, database_url: str | None) -> None:
    """Ack and answer latency of one signed slash command at a time, on the seed store."""
    click.echo(json.dumps(slash_latency(requests=requests, database_url=database_url), indent=2))


@main.command("load")
@click.option("--rate", default=200.0, show_default=True, help="Requests per second.")
@click.option("--seconds", default=60.0, show_default=True, help="How long to send.")
@click.option("--replicas", default=2, show_default=True)
@click.option("--workers", default=3, show_default=True, help="Load-generating processes.")
@click.option("--database-url", default=None, help="Default: a fresh SQLite seed store.")
def load_command(
    rate: float, seconds: float, replicas: int, workers: int, database_url: str | None
) -> None:
    """A bounded load of commands, mentions and duplicate deliveries at a fixed rate."""
    report = load(
        rate=rate, seconds=seconds, database_url=database_url, replicas=replicas, workers=workers
    )
    click.echo(json.dumps(report, indent=2))
    if report["errors"] or report["acks_over_3s"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
