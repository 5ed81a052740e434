"""How well answers hold when a question is typed differently: every question of the looked-at
evaluation sets that the bot answers (its sentence in the first three), asked again the way
people also type it, and whether its sentence is still in the first three.

The variations are the slips and habits of chat, not new questions: two neighbouring letters of
the longest word swapped (the commonest typing slip), a polite wrapper ("can you tell me … please"),
a question mark, all capitals, "American" for "US", and "in niger" added to a question that does
not say it. The measure-only sets are left out: their questions are never looked at, and a
perturbation that failed would show one.

Run: ``./run python -m benchmarks.perturb [--set dev heldout unseen] [--show N]``.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from benchmarks.eval import EVAL_DIR, Question, load_questions, open_store
from store.service import FactStore

LOOKED_AT = ("dev", "heldout", "unseen")
US = re.compile(r"\bus\b", re.IGNORECASE)


def swapped(query: str) -> str | None:
    """The longest word with its two middle letters swapped ("delegation" -> "delegtaion")."""
    words = query.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    if len(word) < 5:
        return None
    i = len(word) // 2
    if word[i] == word[i + 1]:
        return None
    words[longest] = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return " ".join(words)


VARIATIONS: dict[str, Callable[[str], str | None]] = {
    "letters swapped": swapped,
    "polite": lambda q: f"can you tell me {q.rstrip('?')} please",
    "question mark": lambda q: None if q.endswith("?") else q + "?",
    "capitals": str.upper,
    "american for us": lambda q: US.sub("american", q) if US.search(q) else None,
    "in niger added": lambda q: None if "niger" in q.lower() else q.rstrip("?") + " in niger",
}


def found(store: FactStore, query: str, quote: str) -> bool:
    return any(quote in answer.quote for answer in store.ask(query).answers[:3])


def perturbed(set_name: str) -> dict[str, list[tuple[Question, str, bool]]]:
    """For each variation, (question, the question as varied, still answered) over the set's
    answered questions."""
    outcomes: dict[str, list[tuple[Question, str, bool]]] = {name: [] for name in VARIATIONS}
    with tempfile.TemporaryDirectory(prefix=f"perturb-{set_name}-") as tmp:
        store = open_store(EVAL_DIR / set_name, f"sqlite:///{Path(tmp) / 'perturb.sqlite3'}")
        try:
            for q in load_questions(EVAL_DIR / set_name):
                if q.kind == "none" or not found(store, q.query, q.quote):
                    continue
                for name, vary in VARIATIONS.items():
                    varied = vary(q.query)
                    if varied and varied != q.query:
                        outcomes[name].append((q, varied, found(store, varied, q.quote)))
        finally:
            store.engine.dispose()
    return outcomes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.perturb", description=__doc__)
    parser.add_argument("--set", nargs="+", choices=LOOKED_AT, default=list(LOOKED_AT))
    parser.add_argument("--show", type=int, default=0, help="list this many misses per variation")
    args = parser.parse_args(argv)
    totals: dict[str, list[tuple[Question, str, bool]]] = {name: [] for name in VARIATIONS}
    for name in args.set:
        for variation, outcomes in perturbed(name).items():
            totals[variation] += outcomes
    print(f"{'variation':18} {'still answered':>16}")
    for variation, outcomes in totals.items():
        kept, asked = sum(ok for _, _, ok in outcomes), len(outcomes)
        print(f"{variation:18} {kept:>7}/{asked:<5} {100 * kept / max(asked, 1):5.1f}%")
        for q, varied, _ in [o for o in outcomes if not o[2]][: args.show]:
            print(f"    {q.id} {varied!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
