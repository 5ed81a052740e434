"""The line that answers the question, built only from the answers below it, and the merging of
answers that several sources report.

Every word of a line comes from a fact's own fields (its value as written, its date, its owner,
the person's role, the amount's purpose, the event's summary) or from these stated templates:
"N sources", "reported by", "sources disagree", "events from … to …". Nothing else is added.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from store.answers import Answer
from store.wording import after_figure, human_date, trim

NAMED_KINDS = frozenset({"person", "organisation", "place"})
SAME_EVENT_LIKENESS = 70.0  # token_set_ratio of two summaries on one date: the same event
LINE_CHARS = 160


def _outlet(answer: Answer) -> str:
    return answer.source.outlet or answer.source.title


COPY_LIKENESS = 95.0  # fuzz.ratio of two sentences, punctuation and case aside: one text


def _copies(a: str, b: str) -> bool:
    """Whether two quotes are one sentence: the same, or another outlet's copy of it ("(Bloomberg)
    — France's ambassador…", a headline's capitals), read without punctuation and case."""
    if a == b:
        return True
    # the cut-off lets rapidfuzz give up at once on lengths too far apart to reach it
    return fuzz.ratio(_plain(a), _plain(b), score_cutoff=COPY_LIKENESS) >= COPY_LIKENESS


@lru_cache(maxsize=4096)
def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _same_report(a: Answer, b: Answer, name_only: bool = True) -> bool:
    """Two answers are one report told by two sources: one sentence (or copies of it) giving the
    same figure of the same subject on one date, or, for dated facts of one kind, the same date
    and value with summaries alike. A sentence giving two dates is two events on a timeline, and
    one giving two owners' figures is two points on a chart. Asked for a name alone
    (``name_only``: "what is CNSP"), one article naming it twice is one answer."""
    if a.value != b.value or a.date != b.date:
        return False
    if a.details.get("subject") != b.details.get("subject"):
        return False
    if _copies(a.quote, b.quote):
        return True
    if a.kind != b.kind:
        return False
    if a.kind in NAMED_KINDS and a.summary == b.summary:
        # one organisation named twice in one article, or in two outlets' copies of one report;
        # sentences of different reports tell different things ("what is CNSP": who leads it,
        # what it demands)
        if a.source.article_id == b.source.article_id and name_only:
            return True  # asked more ("the niamey declaration"), its sentences tell two things
        return fuzz.token_set_ratio(a.quote.lower(), b.quote.lower()) >= SAME_EVENT_LIKENESS
    if a.kind == "sentence" or not a.date:
        return False
    return fuzz.token_set_ratio(a.summary.lower(), b.summary.lower()) >= SAME_EVENT_LIKENESS


def merge_reports(answers: Sequence[Answer], name_only: bool = True) -> list[Answer]:
    """One answer per report: a later answer that repeats an earlier one from another source (or
    the same sentence twice) is folded into it, its source listed under ``also_reported_by``.
    ``name_only``: the question asks for a name and nothing more (see _same_report)."""
    merged: list[Answer] = []
    # only answers of one figure, date and subject can be one report (see _same_report): each
    # is compared with those, not with every answer kept
    alike: dict[tuple[Any, ...], list[int]] = {}
    for answer in answers:
        group = alike.setdefault((answer.value, answer.date, answer.details.get("subject")), [])
        home = next((i for i in group if _same_report(merged[i], answer, name_only)), None)
        if home is None:
            group.append(len(merged))
            merged.append(answer)
            continue
        kept = merged[home]
        if answer.source.article_id == kept.source.article_id:
            continue  # the same article saying it twice is one source
        others: list[dict[str, Any]] = list(kept.details.get("also_reported_by", ()))
        if any(o.get("title") == answer.source.title for o in others):
            continue
        others.append({**answer.source.to_dict(), "quote": answer.quote})
        merged[home] = replace(kept, details={**kept.details, "also_reported_by": others})
    return merged


def source_count(answer: Answer) -> int:
    return 1 + len(answer.details.get("also_reported_by", ()))


def _sources_note(answer: Answer) -> str:
    count = source_count(answer)
    return f"{count} sources" if count > 1 else _outlet(answer)


def answer_line(
    intent: str, answers: Sequence[Answer], disagreement: str | None = None
) -> str | None:
    """The one line a meeting reads: what the first answer says, in its own words."""
    if not answers:
        return None
    top = answers[0]
    if intent == "timeline":
        dated = [a for a in answers if a.date]
        if not dated:
            return None
        first, last = human_date(dated[0].date), human_date(dated[-1].date)
        on = "on" if len(dated[0].date or "") == len("2023-07-26") else "in"  # "in January 2025"
        span = f"from {first} to {last}" if first != last else f"{on} {first}"
        count = len(answers)
        return f"{count} event{'' if count == 1 else 's'} {span}"
    if intent == "sources":
        return f"{len(answers)} articles loaded"
    line = _fact_line(top)
    if disagreement:
        line = f"{line}; sources disagree: {disagreement}"
    return trim(line, LINE_CHARS * 2 if disagreement else LINE_CHARS, at_clause=True)


def _fact_line(top: Answer) -> str:
    details = top.details
    when = human_date(top.date)
    source = _sources_note(top)
    if top.kind in {"troops", "money"}:
        figure = details.get("text") or top.value_text() or top.summary
        owner = details.get("subject")
        purpose = details.get("purpose") if top.kind == "money" else None
        head = f"{owner}: {figure}" if owner and top.kind == "troops" else figure
        purpose = after_figure(purpose, figure) if purpose else None
        parts = [head, trim(purpose, 90, at_clause=True) if purpose else None, when]
        return " — ".join(p for p in parts if p) + f" ({source})"
    if top.kind == "person":
        name = details.get("subject") or top.summary
        role = details.get("role")
        organisation = details.get("organisation")
        described = ", ".join(p for p in (role, organisation) if p)
        return f"{name} — {described} ({source})" if described else f"{name} ({source})"
    if top.kind == "organisation":
        name = details.get("subject") or top.summary
        acronym = details.get("acronym")
        if acronym and name == acronym and top.summary != acronym:
            # an acronym no lexicon knows is named by it: the sentence spells it out, and that
            # is what "what does asr stand for" asks ("Alliance for Sahel Reconstruction (ASR)")
            return f"{top.summary} — {source}"
        return (
            f"{name} ({acronym}) — {source}"
            if acronym and acronym not in name
            else f"{name} — {source}"
        )
    if top.kind == "event" and when:
        return f"{when} — {trim(top.summary, 110, at_clause=True)} ({source})"
    if top.kind == "statement":
        return f"{trim(top.summary, 140, at_clause=True)} ({source})"
    said = top.summary if top.kind != "sentence" else top.quote
    return f"{trim(said, 140, at_clause=True)} ({source})"
