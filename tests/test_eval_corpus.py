"""The evaluation corpus itself is sound, checked without asking the bot anything.

A quote that is not verbatim in its article, or an article without a licence, would make the
evaluation score (or its redistribution) wrong before the bot is ever run.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

EVAL_DIR = Path(__file__).resolve().parent.parent / "benchmarks" / "eval"
KINDS = {
    "troops",
    "money",
    "when",
    "who",
    "organisation",
    "place",
    "statement",
    "timeline",
    "search",
    "none",
}
# set -> (minimum questions, minimum articles); heldout is checked once another helper adds it
MINIMUMS = {
    "dev": (110, 18),
    "dev2": (60, 10),
    "dev3": (60, 10),
    "heldout": (60, 10),
    "unseen": (50, 8),
    "unseen2": (50, 8),
    "unseen3": (50, 8),
    "unseen4": (60, 10),
    "dev4": (60, 10),
    "unseen5": (60, 10),
    "unseen6": (60, 10),
    "unseen7": (60, 10),
    "dev5": (60, 10),
    "dev6": (60, 10),
    "dev7": (60, 10),
    "dev8": (60, 10),
    "unseen8": (60, 10),
    "dev9": (60, 10),
    "dev10": (60, 10),
    "dev11": (60, 10),
    "unseen9": (60, 10),
    "dev12": (60, 10),
    "dev13": (60, 10),
    "dev14": (60, 10),
    "unseen10": (60, 10),
    "dev15": (60, 10),
    "dev16": (60, 10),
    "unseen11": (60, 10),
    "dev17": (60, 10),
    "unseen12": (60, 10),
    "dev18": (60, 10),
    "dev19": (60, 10),
    "unseen13": (60, 10),
    "unseen14": (60, 10),
    "unseen15": (60, 10),
    "dev20": (60, 10),
    "dev21": (60, 10),
    "unseen16": (60, 10),
    "dev22": (60, 10),
    "dev23": (60, 10),
    "dev24": (60, 10),
    "unseen17": (60, 10),
    "dev25": (60, 10),
    "dev26": (60, 10),
    "dev27": (60, 10),
    "unseen18": (60, 10),
    "dev28": (60, 10),
    "dev29": (60, 10),
    "unseen19": (60, 10),
    "dev30": (60, 10),
    "dev31": (60, 10),
    "unseen20": (60, 10),
    "dev32": (60, 10),
    "unseen21": (60, 10),
    "dev33": (60, 10),
    "dev34": (60, 10),
    "unseen22": (60, 10),
    "dev35": (60, 10),
    "unseen23": (60, 10),
    "dev36": (60, 10),
    "dev37": (60, 10),
    "unseen24": (60, 10),
    "dev38": (60, 10),
    "dev39": (60, 10),
    "unseen25": (60, 10),
    "dev40": (60, 10),
    "unseen26": (60, 10),
    "dev41": (60, 10),
    "unseen27": (60, 10),
    "unseen28": (60, 10),
    "dev42": (60, 10),
    "dev43": (60, 10),
    "unseen29": (60, 10),
    "unseen30": (60, 10),
    "dev44": (60, 10),
}
SETS = [name for name in MINIMUMS if name == "dev" or (EVAL_DIR / name).is_dir()]


LIST_MARKER = re.compile(r"[-*•] |\d{1,2}\. ")


def _body(path: Path) -> str:
    """The article text after its YAML front matter (quotes must be in the text, not the title)."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        return text.split("\n---\n", 1)[1]
    return text


def _load(set_name: str) -> tuple[list[dict], dict[str, dict], dict[str, str]]:
    set_dir = EVAL_DIR / set_name
    questions = tomllib.loads((set_dir / "questions.toml").read_text(encoding="utf-8"))["question"]
    sources = tomllib.loads((set_dir / "sources.toml").read_text(encoding="utf-8"))
    articles = {p.name: _body(p) for p in sorted((set_dir / "articles").iterdir()) if p.is_file()}
    return questions, sources, articles


@pytest.mark.parametrize("set_name", SETS)
def test_quotes_are_verbatim_in_their_articles(set_name: str) -> None:
    questions, _, articles = _load(set_name)
    for q in questions:
        assert q["kind"] in KINDS, q["id"]
        if q["kind"] == "none":
            assert "quote" not in q and "article" not in q, q["id"]
            continue
        assert q["article"] in articles, f"{q['id']}: no article {q['article']}"
        assert q["quote"].strip(), q["id"]
        assert q["quote"] in articles[q["article"]], f"{q['id']}: quote not in {q['article']}"
        # a list's marker is markup, never part of the sentence a quote must be found in
        assert not LIST_MARKER.match(q["quote"]), f"{q['id']}: quote opens with a list marker"


def test_ids_are_unique_across_sets() -> None:
    ids = [q["id"] for name in SETS for q in _load(name)[0]]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("set_name", SETS)
def test_every_article_is_catalogued_with_a_licence(set_name: str) -> None:
    _, sources, articles = _load(set_name)
    for name in articles:
        assert name in sources, f"{name} missing from sources.toml"
        assert sources[name].get("licence", "").strip(), f"{name} has no licence"
    assert set(sources) <= set(articles), set(sources) - set(articles)


@pytest.mark.parametrize("set_name", SETS)
def test_set_is_big_enough(set_name: str) -> None:
    questions, _, articles = _load(set_name)
    min_questions, min_articles = MINIMUMS[set_name]
    assert len(questions) >= min_questions
    assert len(articles) >= min_articles
    assert {q["article"] for q in questions if "article" in q} == set(articles)
