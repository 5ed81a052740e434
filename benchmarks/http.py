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
import itertools
import json
import tempfile
import time
from contextlib import ExitStack
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


async def _drive(
    replicas: list[str], fake: FakeSlack, *, rate: float, seconds: float, duplicate_every: int
) -> dict[str, Any]:
    total = int(rate * seconds)
    targets = itertools.cycle(replicas)
    limits = httpx.Limits(max_connections=400, max_keepalive_connections=100)
    results: list[dict[str, Any]] = []
    commands: set[str] = set()
    events: set[str] = set()
    run = time.time_ns()

    async with httpx.AsyncClient(timeout=10, limits=limits) as client:

        async def send(n: int, base: str, body: str, content_type: str, kind: str) -> None:
            headers = {"Content-Type": content_type, **sign(body)}
            started = time.perf_counter()
            try:
                response = await client.post(base + "/slack/events", content=body, headers=headers)
                status = response.status_code
            except httpx.HTTPError as error:
                status = f"{type(error).__name__}"
            results.append({"kind": kind, "status": status, "s": time.perf_counter() - started})

        tasks = []
        started = time.perf_counter()
        for n in range(total):
            delay = started + n / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            base = next(targets)
            query = QUERIES[n % len(QUERIES)]
            if n % 3 == 2:
                event_id = f"EvLoad-{run}-{n}"
                envelope = payload("app_mention.json")
                envelope["event_id"] = event_id
                envelope["event"].update(text=f"<@UBOT> {query}", ts=f"1700000000.{n:06d}")
                events.add(event_id)
                body = json.dumps(envelope)
                tasks.append(asyncio.create_task(send(n, base, body, "application/json", "event")))
                if n % duplicate_every == 2:  # Slack's retry, to the other replica
                    tasks.append(
                        asyncio.create_task(
                            send(n, next(targets), body, "application/json", "retry")
                        )
                    )
            else:
                hook = f"load{n}"
                commands.add(hook)
                body, content_type = command_body(fake, query, hook=hook)
                tasks.append(asyncio.create_task(send(n, base, body, content_type, "command")))
        await asyncio.gather(*tasks)
        sent_for = time.perf_counter() - started
    return {
        "results": results,
        "commands": commands,
        "events": events,
        "sent_for": sent_for,
        "total": len(results),
    }


def load(
    *, rate: float, seconds: float, database_url: str | None, replicas: int = 2
) -> dict[str, Any]:
    """Bounded load against ``replicas`` serve processes on one database."""
    fake = FakeSlack()
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
        run = asyncio.run(_drive(bases, fake, rate=rate, seconds=seconds, duplicate_every=5))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            answered = {c.path.removeprefix("/hooks/") for c in fake.calls}
            if run["commands"] <= answered and len(fake.to("/chat.postMessage")) >= len(
                run["events"]
            ):
                break
            time.sleep(0.5)
        time.sleep(2)  # a duplicate reply would arrive about now
    fake.close()
    results = run["results"]
    errors = [r for r in results if r["status"] != 200]
    answered = {c.path.removeprefix("/hooks/") for c in fake.calls if c.path.startswith("/hooks/")}
    replies = fake.to("/chat.postMessage")
    acks = [r["s"] for r in results]
    return {
        "rate": rate,
        "seconds": seconds,
        "replicas": replicas,
        "engine": url.split(":", 1)[0],
        "requests": len(results),
        "achieved_rate": round(len(results) / run["sent_for"], 1),
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
@click.option("--database-url", default=None, help="Default: a fresh SQLite seed store.")
def load_command(rate: float, seconds: float, replicas: int, database_url: str | None) -> None:
    """A bounded load of commands, mentions and duplicate deliveries at a fixed rate."""
    report = load(rate=rate, seconds=seconds, database_url=database_url, replicas=replicas)
    click.echo(json.dumps(report, indent=2))
    if report["errors"] or report["acks_over_3s"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
