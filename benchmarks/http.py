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
import os
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click
import httpx

from tests.slack_fake import (
    FakeSlack,
    command_body,
    payload,
    serve_env,
    serve_process,
    serving,
    sign,
)

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
) -> dict[str, Any]:
    planned = _requests(replicas, hooks, total=total, offset=offset, step=step, run=run)
    cpu = time.process_time()
    results = asyncio.run(_send_all(planned, rate=rate, start_at=start_at))
    return {"results": results, "cpu_s": time.process_time() - cpu}


class _Connections:
    """Keep-alive HTTP/1.1 connections to one replica, as Slack's own sender keeps them: a free
    one is reused, a new one opened when all are busy. Requests and responses are written and
    parsed by hand, because a full HTTP client costs several ms of CPU a request, and this load
    generator shares the 2 cores with the bot it measures."""

    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.free: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def post(self, request: bytes) -> int:
        reader, writer = (
            self.free.pop() if self.free else await asyncio.open_connection(self.host, self.port)
        )
        try:
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            if length:
                await reader.readexactly(length)
        except BaseException:
            writer.close()
            raise
        if b"connection: close" in head.lower():
            writer.close()
        else:
            self.free.append((reader, writer))
        return status


def _raw_request(base_url: str, body: str, headers: dict[str, str]) -> bytes:
    data = body.encode()
    lines = [
        "POST /slack/events HTTP/1.1",
        f"Host: {urlsplit(base_url).netloc}",
        f"Content-Length: {len(data)}",
        *(f"{k}: {v}" for k, v in headers.items()),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + data


async def _send_all(planned: list, *, rate: float, start_at: float) -> list[dict[str, Any]]:
    """Send each request at its slot. Its ack time runs from the slot, not from when this
    process got round to it, so a lagging generator makes the figures worse, never better;
    the lag itself is reported too."""
    pools: dict[str, _Connections] = {}
    results: list[dict[str, Any]] = []

    async def send(url: str, request: bytes, kind: str, key: str, due: float) -> None:
        lag = time.time() - due
        try:
            status: int | str = await pools[url].post(request)
        except (OSError, asyncio.IncompleteReadError, ValueError) as error:
            status = type(error).__name__
        results.append(
            {"kind": kind, "key": key, "status": status, "s": time.time() - due, "lag": lag}
        )

    prepared = []
    for slot, url, body, headers, kind, key in planned:
        pools.setdefault(url, _Connections(url))
        prepared.append((start_at + slot / rate, url, _raw_request(url, body, headers), kind, key))
    tasks = {}
    for due, url, request, kind, key in prepared:
        delay = due - time.time()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks[asyncio.create_task(send(url, request, kind, key, due))] = (kind, key)
    # Bounded in time as well as count: whatever is still waiting 30 s after the last send
    # is abandoned and counted as an error, so an overloaded bot cannot stall the run.
    _, pending = await asyncio.wait(tasks, timeout=30) if tasks else (set(), set())
    for task in pending:
        task.cancel()
        kind, key = tasks[task]
        results.append({"kind": kind, "key": key, "status": "abandoned", "s": 30.0, "lag": None})
    for pool in pools.values():
        for _, writer in pool.free:
            writer.close()
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
        done = [share.result() for share in shares]
    results = [r for share in done for r in share["results"]]
    finished = max(start_at + total / rate, time.time())
    return {
        "results": results,
        "generator_cpu_s": sum(share["cpu_s"] for share in done),
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
        served = [stack.enter_context(serve_process(env)) for _ in range(replicas)]
        bases = [replica.base_url for replica in served]
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
        processes = {
            "replicas": lambda: [r.process.pid for r in served],
            "fake Slack": lambda: [fake.process.pid],
            "PostgreSQL": _postgres_pids if url.startswith("postgresql") else list,
        }
        cpu_before = {name: _cpu_seconds(pids()) for name, pids in processes.items()}
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
        cpu = {
            name: sum(t - cpu_before[name].get(pid, 0.0) for pid, t in _cpu_seconds(pids()).items())
            for name, pids in processes.items()
        }
        cpu["load generator"] = run["generator_cpu_s"]
        for replica in served:
            replica.process.terminate()
    fake.close()
    results = run["results"]
    errors = [r for r in results if r["status"] != 200]
    answered = {p.removeprefix("/hooks/") for p in paths if p.startswith("/hooks/")}
    replies = [p for p in paths if p == "/chat.postMessage"]
    acks = [r["s"] for r in results]
    lags = [r["lag"] for r in results if r["lag"] is not None]
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
        "generator_lag_ms": percentiles(lags),
        "cpu_ms_per_request": {
            name: round(seconds * 1000 / max(1, len(results)), 2) for name, seconds in cpu.items()
        },
        "commands_answered": f"{len(run['commands'] & answered)}/{len(run['commands'])}",
        "events_replied": f"{len(replies)} replies for {len(run['events'])} events",
    }


def _cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU seconds used so far by each of these processes (Linux /proc). A process
    that starts during the run counts in full; one that ends during it is lost (a PostgreSQL
    backend closing, rarely)."""
    found = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return found


def _postgres_pids() -> list[int]:
    """Every process of the local PostgreSQL server (the postmaster's and its backends)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() in {"postgres", "postmaster"}:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


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
