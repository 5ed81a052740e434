"""What a fresh `niger-bot ask` process loads: only what answering needs. Each library left out
here took a noticeable part of the cold start (the time until the answer is printed)."""

from __future__ import annotations

import os
import subprocess
import sys

from store import FactStore

NOT_NEEDED_TO_ASK = (
    "alembic",  # migrations: a store at the newest schema has none to run
    "store.extraction.extract",  # the extraction rules, and syntok under them: the store is already filled
    "syntok",
    "yaml",  # front matter of ingested files
    "trafilatura",  # HTML pages
    "slack_bolt",  # the Slack app
    "httpx",
)


def test_asking_a_current_store_loads_no_migrations_extraction_or_slack(
    fresh_seed_store: FactStore,
) -> None:
    url = fresh_seed_store.engine.url.render_as_string(hide_password=False)
    script = (
        "import sys\n"
        "from bot.cli import main\n"
        "try:\n"
        "    main(['ask', 'how many US troops are in Niger?'])\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        f"print(sorted(set({NOT_NEEDED_TO_ASK!r}) & set(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "United States" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "[]"
