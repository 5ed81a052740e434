"""Docs that cannot drift: what the code and the documents refer to is inside the repository.

A comment that cites a document or a module by its path is only useful while it exists here;
these tests fail when one is moved, renamed or was never in the repository."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIPPED_DIRS = {".git", ".venv", "var", "seeds", "data", "__pycache__", ".pytest_cache"}
CODE_SUFFIXES = {".py", ".toml", ".ini", ".yml", ".yaml", ".json"}
DOCUMENT = re.compile(r"(?<![\w/.-])([A-Z][A-Z_]+\.md)\b")
REPO_PATH = re.compile(
    r"(?<![\w/.-])((?:docs|tests|benchmarks|store|bot|handlers|seeds)/[\w./-]*\w\.(?:py|md|toml|json|yml))\b"
)
SLACK_SECTION = re.compile(r"docs/slack\.md §(\d+)")
RECORDS = {ROOT / "benchmarks" / "RESULTS.md"}
"""Dated records of past measurements: they may name modules as they were then."""


def _files() -> list[Path]:
    found = []
    for path in ROOT.rglob("*"):
        parts = set(path.relative_to(ROOT).parts[:-1])
        if path.is_file() and not parts & SKIPPED_DIRS:
            if path.suffix in CODE_SUFFIXES | {".md"} or path.name == "run":
                found.append(path)
    return found


def test_every_document_named_in_the_repository_is_in_it() -> None:
    documents = {p.name for p in ROOT.rglob("*.md") if ".venv" not in p.parts}
    missing = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in _files()
        for name in DOCUMENT.findall(path.read_text(errors="replace"))
        if name not in documents
    ]
    assert missing == []


def test_every_repository_path_the_code_and_docs_cite_exists() -> None:
    missing = [
        f"{path.relative_to(ROOT)}: {cited}"
        for path in _files()
        if path not in RECORDS
        for cited in REPO_PATH.findall(path.read_text(errors="replace"))
        if not (ROOT / cited).exists()
    ]
    assert missing == []


def test_every_cited_section_of_the_slack_facts_exists() -> None:
    sections = set(re.findall(r"^## (\d+)\. ", (ROOT / "docs" / "slack.md").read_text(), re.M))
    cited = {
        f"{path.relative_to(ROOT)}: §{number}"
        for path in _files()
        for number in SLACK_SECTION.findall(path.read_text(errors="replace"))
        if number not in sections
    }
    assert cited == set()
    assert sections == {str(n) for n in range(1, len(sections) + 1)}
