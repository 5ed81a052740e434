"""The date finder scored as the field scores temporal taggers: TimeML files, DATE expressions.

Usage: ``./run python -m benchmarks.tempeval PATH [PATH ...] [--failures]``, each PATH a .tml file
or a directory searched for them (TempEval-3 platinum, TimeBank, AQUAINT). The data is not ours
to redistribute, so it is never in the repository: bring a copy in for a local run.

Each document's TEXT is split with the project's own sentence splitter and every sentence goes
through ``find_dates`` with the document creation time (the TIMEX3 whose functionInDocument is
CREATION_TIME) as the publication date, and the last date the document named before it
(``can_anchor``) as the anchor of "the next day" and its kin, as extraction reads an article.
Only gold TIMEX3 of type DATE are scored. A found date that overlaps a gold TIME, DURATION or
SET expression is left out of precision: its type is the annotator's call, not a false date.
The figures are TempEval-3's:

- extent precision, recall and F1, strict (the same characters) and relaxed (any overlap), with
  the found span taken without the relation word before it ("on", "by", "since": the TimeML
  annotation leaves it out);
- value accuracy: the share of relaxed matches whose normalised value equals the gold one;
- value precision, recall and F1: relaxed matches with the right value over found and over gold.

The value compared is the finest one the mention supports: the contract's YYYY, YYYY-MM or
YYYY-MM-DD, or the week, quarter, half, season, decade or century kept in its details
(TimeML's 2013-W11, 2013-Q1, 2013-H2, 2013-SU, 199, 19).

Hard-wrapped lines inside a paragraph (TimeBank's texts are wrapped at about 70 columns) are
joined before splitting, character for character, so every offset still points into the file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from store.extraction.dates import DateMention, can_anchor, find_dates, timeml_value
from store.extraction.sentences import split_sentences
from store.lexicon import load_toml

TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*?)(/?)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')
ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|\w+);")


@dataclass(frozen=True, slots=True)
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(slots=True)
class Document:
    name: str
    text: str
    dct: dt.date | None
    timexes: list[Timex]


@dataclass(slots=True)
class Score:
    """Counts over all documents, and every failure for the error report."""

    gold: int = 0
    found: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    documents: int = 0
    failures: list[tuple[str, str, str, str, str]] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        out: dict[str, float] = {}
        for name, hits in (("strict", self.strict), ("relaxed", self.relaxed)):
            p, r = _ratio(hits, self.found), _ratio(hits, self.gold)
            out |= {f"{name} P": p, f"{name} R": r, f"{name} F1": f1(p, r)}
        out["value accuracy"] = _ratio(self.value, self.relaxed)
        p, r = _ratio(self.value, self.found), _ratio(self.value, self.gold)
        out |= {"value P": p, "value R": r, "value F1": f1(p, r)}
        return out


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def read_timeml(path: Path) -> Document:
    """The TEXT element as plain text, with its TIMEX3 elements' offsets, and the DCT."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    dct = None
    if dct_match:
        value = dict(ATTR.findall(dct_match.group())).get("value", "")
        digits = re.sub(r"\D", "", value[:10])
        if len(digits) == 8:
            dct = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    source = body.group(1) if body else ""
    parts: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    timexes: list[Timex] = []
    pos = 0
    for tag in TAG.finditer(source):
        chunk = html.unescape(source[pos : tag.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = tag.end()
        closing, name, attrs = tag.group(1), tag.group(2), tag.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex.append((length, dict(ATTR.findall(attrs))))
        elif open_timex:
            start, attributes = open_timex.pop()
            text = "".join(parts)[start:length]
            timexes.append(
                Timex(start, length, text, attributes.get("type", ""), attributes.get("value", ""))
            )
    parts.append(html.unescape(source[pos:]))
    text = "".join(parts)
    return Document(path.name, _unwrap(text), dct, timexes)


def _unwrap(text: str) -> str:
    """Single line breaks inside a paragraph become spaces (same length, same offsets)."""
    return re.sub(r"(?<=\S)[ \t]*\n(?=[ \t]*\S)", lambda m: " " * len(m.group()), text)


def _strip_relation(text: str) -> int:
    """How many characters of a found span are the relation word before the date ("on ")."""
    words = sorted(load_toml("dates.toml")["relations"], key=len, reverse=True)
    lead = re.match(rf"(?i:{'|'.join(re.escape(w) for w in words)})\s+", text)
    return lead.end() if lead else 0


def found_dates(doc: Document) -> list[tuple[int, int, DateMention]]:
    """Every date the finder sees in the document, with offsets into the document's text."""
    out = []
    anchor: DateMention | None = None
    for sentence in split_sentences(doc.text):
        for m in find_dates(sentence.text, doc.dct, anchor=anchor):
            skip = _strip_relation(m.text)
            out.append((sentence.start + m.start + skip, sentence.start + m.end, m))
            if can_anchor(m):
                anchor = m
    return out


def shape(text: str) -> str:
    """An expression's pattern, to group errors: digits, month and weekday names abstracted."""
    lex = load_toml("dates.toml")
    months = "|".join(list(lex["months"]) + list(lex["month_abbreviations"]))
    s = re.sub(rf"\b(?:{months})\b\.?", "MONTH", text)
    s = re.sub(rf"\b(?:{'|'.join(lex['weekdays'])})\b", "WEEKDAY", s)
    s = re.sub(r"\d", "9", s)
    return (
        re.sub(r"\s+", " ", s)
        .strip()
        .lower()
        .replace("month", "MONTH")
        .replace("weekday", "WEEKDAY")
    )


def score(docs: list[Document]) -> Score:
    total = Score()
    for doc in docs:
        total.documents += 1
        gold = [t for t in doc.timexes if t.type == "DATE"]
        other = [t for t in doc.timexes if t.type != "DATE"]
        found = found_dates(doc)
        used: set[int] = set()
        spurious = 0
        for g in gold:
            overlapping = [
                i
                for i, (s, e, _) in enumerate(found)
                if s < g.end and g.start < e and i not in used
            ]
            if not overlapping:
                total.failures.append(("missed", shape(g.text), g.text, g.value, doc.name))
                continue
            best = min(overlapping, key=lambda i: abs(found[i][0] - g.start))
            used.add(best)
            s, e, m = found[best]
            total.relaxed += 1
            total.strict += (s, e) == (g.start, g.end)
            value = timeml_value(m)
            if value == g.value:
                total.value += 1
            else:
                total.failures.append(
                    (
                        "wrong value",
                        m.rule,
                        f"{doc.text[s:e]} [{g.text}]",
                        f"{value} ≠ {g.value}",
                        doc.name,
                    )
                )
        for i, (s, e, m) in enumerate(found):
            if i in used:
                continue
            if any(s < t.end and t.start < e for t in other):
                continue  # a gold TIME, DURATION or SET: not scored as a date
            total.failures.append(("spurious", m.rule, doc.text[s:e], timeml_value(m), doc.name))
            spurious += 1
        total.gold += len(gold)
        total.found += len(used) + spurious
    return total


def load(paths: list[Path]) -> list[Document]:
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.rglob("*.tml")) if path.is_dir() else [path])
    return [read_timeml(f) for f in files if not f.name.startswith("._")]


def render(result: Score, failures: bool) -> str:
    lines = [f"documents {result.documents}, gold DATE {result.gold}, found {result.found}"]
    lines += [f"{k:>16}: {v:.3f}" for k, v in result.figures().items()]
    groups = Counter((kind, pattern) for kind, pattern, *_ in result.failures)
    lines.append("\nerrors by pattern (kind · pattern or rule · count):")
    lines += [f"  {kind} · {pattern} · {n}" for (kind, pattern), n in groups.most_common(40)]
    if failures:
        lines.append("\nevery failure (kind · pattern · text · value · document):")
        lines += ["  " + " · ".join(f) for f in sorted(result.failures)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path, help=".tml files or directories")
    parser.add_argument("--failures", action="store_true", help="list every failure")
    args = parser.parse_args(argv)
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        print(f"no such file or directory: {missing[0]}", file=sys.stderr)
        return 2
    print(render(score(load(args.paths)), args.failures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
