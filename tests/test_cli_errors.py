"""The terminal says what is wrong in one line, with no traceback: a database it cannot reach
(named by DATABASE_URL, its password hidden), a URL scheme it cannot drive, a missing path, an
id that cannot exist."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.slack_fake import niger_bot


def _run(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url, "AUTOLOAD_SEEDS": "0"}
    return subprocess.run(niger_bot(*args), env=env, capture_output=True, text=True, timeout=120)


def _one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    return line


@pytest.mark.parametrize("command", [("sources",), ("ask", "troops"), ("db", "current")])
def test_an_unreachable_database_is_one_line_naming_database_url_without_its_password(
    command: tuple[str, ...],
) -> None:
    url = "postgresql+psycopg://niger:hunter2secret@127.0.0.1:1/niger"
    line = _one_line_error(_run(*command, database_url=url))
    assert line.startswith("Error: cannot reach the database ")
    assert "postgresql+psycopg://niger:***@127.0.0.1:1/niger (DATABASE_URL)" in line
    assert "hunter2secret" not in line


def test_an_unsupported_database_url_is_one_line() -> None:
    line = _one_line_error(_run("sources", database_url="mysql://u:pw@db.internal/niger"))
    assert "DATABASE_URL: mysql:// databases are not supported" in line


def test_ingesting_a_missing_path_says_no_such_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "article.md"
    done = _run("ingest", str(missing), database_url=f"sqlite:///{tmp_path / 'store.sqlite3'}")
    assert done.returncode == 1
    assert f"error: {missing}: no such file or directory: {missing}" in done.stderr
    assert "Traceback" not in done.stderr


def test_removing_an_id_too_large_for_the_database_says_there_is_none(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    line = _one_line_error(_run("remove", "99999999999999999999999", database_url=url))
    assert line == "Error: no article has id 99999999999999999999…; `sources` lists the ids"
