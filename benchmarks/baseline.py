"""The naive baseline: a full rapidfuzz scan of every fact's summary for each query.

"Agree" is defined tie-aware, because hundreds of facts share the baseline's top score at scale:
our top answer agrees when the baseline's own scorer gives it at least the score of the
baseline's K-th best fact (so the baseline would rank it in its top K, ties included). A query we
answer with nothing agrees when the baseline's best score is below MISS_SCORE (it finds no close
fact either). "Same top" is stricter: our top answer quotes the sentence of the baseline's first.
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from store.answers import Result

TOP_K = 10
MISS_SCORE = 80.0
SCORER = fuzz.token_set_ratio


@dataclass(frozen=True, slots=True)
class Scan:
    scores: tuple[float, ...]  # the top K scores, best first
    top_sentence: str | None
    seconds: float


class FullScan:
    """Every fact summary in memory, scanned in full for each query."""

    def __init__(self, path: Path) -> None:
        with closing(sqlite3.connect(path)) as db:
            rows = db.execute(
                "SELECT fact.summary, sentence.text FROM fact JOIN sentence "
                "ON sentence.id = fact.sentence_id"
            ).fetchall()
        self.summaries = [summary for summary, _ in rows]
        self.sentences = [text for _, text in rows]

    def search(self, query: str) -> Scan:
        started = time.perf_counter()
        found = process.extract(
            query, self.summaries, scorer=SCORER, processor=utils.default_process, limit=TOP_K
        )
        seconds = time.perf_counter() - started
        top = self.sentences[found[0][2]] if found else None
        return Scan(tuple(score for _, score, _ in found), top, seconds)


def agrees(query: str, ours: Result, scan: Scan) -> tuple[bool, bool]:
    """(agree, same top sentence) for one query; see the module docstring."""
    best = scan.scores[0] if scan.scores else 0.0
    if not ours.answers:
        return best < MISS_SCORE, False
    top = ours.answers[0]
    score = SCORER(query, top.summary, processor=utils.default_process)
    kth = scan.scores[-1] if len(scan.scores) >= TOP_K else 0.0
    return score >= kth, top.quote == scan.top_sentence
