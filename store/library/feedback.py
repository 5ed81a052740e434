"""Users' feedback and the admins' answer to it: a "Wrong?" flag on a fact (one per person and
fact), a 👍/👎 vote on an answer, and hiding, unhiding or dismissing a flagged fact.

Every hide and unhide is a row of its own (the history, and the store's fingerprint moves with
it, so every replica's index drops or restores the fact within its recheck time) and an entry in
the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from store.library.admin import NotFound
from store.persistence.audit import record_action
from store.persistence.db import insert_or_else, write_session
from store.persistence.feedback import FactRef
from store.persistence.models import AnswerVote, FactFlag, FactVisibility, FlaggedFact

QUERY_CHARS = 500
COMMENT_CHARS = 500
VOTES = ("up", "down")


@dataclass(frozen=True, slots=True)
class FlagInfo:
    """A flagged fact as admins see it: ``#id``, what it says, how often and why it was flagged."""

    id: int
    key: str
    kind: str
    summary: str
    quote: str
    source: str
    status: str
    count: int
    queries: tuple[str, ...]  # the queries it was flagged under, most recent first
    comments: tuple[str, ...]

    @property
    def hidden(self) -> bool:
        return self.status == "hidden"

    def describe(self) -> str:
        flagged = f"flagged {self.count}×" if self.count else "not flagged"
        query = f" · asked “{self.queries[0]}”" if self.queries else ""
        return f"#{self.id} · {self.status} · {flagged}{query} · {self.summary} ({self.source})"


@dataclass(frozen=True, slots=True)
class FlagReceipt:
    """What a "Wrong?" click did: the fact's ``#id``, and whether this person had flagged it."""

    fact_id: int
    again: bool


def flag_fact(engine: Engine, ref: FactRef, *, user: str, query: str) -> FlagReceipt:
    """Record ``user``'s flag on the fact (once per person and fact: a second click refreshes the
    query and time). A dismissed fact flagged again goes back on the admins' list."""
    now = datetime.now(UTC)
    with write_session(engine) as session:
        fact_id = _fact_id(session, engine, ref, now)
        session.execute(
            FlaggedFact.__table__.update()
            .where(FlaggedFact.id == fact_id, FlaggedFact.status == "dismissed")
            .values(status="open")
        )
        again = session.execute(
            select(FactFlag.id).where(FactFlag.fact_id == fact_id, FactFlag.user_id == user)
        ).first()
        upsert = insert_or_else(engine, FactFlag).values(
            fact_id=fact_id, user_id=user[:100], query=query[:QUERY_CHARS], comment="", at=now
        )
        session.execute(
            upsert.on_conflict_do_update(
                index_elements=["fact_id", "user_id"],
                set_={"query": upsert.excluded.query, "at": upsert.excluded.at},
            )
        )
    return FlagReceipt(fact_id, again is not None)


def _fact_id(session: Session, engine: Engine, ref: FactRef, now: datetime) -> int:
    insert = (
        insert_or_else(engine, FlaggedFact)
        .values(
            fact_key=ref.key,
            article_hash=ref.article_hash,
            kind=ref.kind,
            summary=ref.summary,
            quote=ref.quote,
            source=ref.source,
            status="open",
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=["fact_key"])
    )
    session.execute(insert)
    return int(
        session.execute(select(FlaggedFact.id).where(FlaggedFact.fact_key == ref.key)).scalar_one()
    )


def fact_id_of(engine: Engine, key: str) -> int | None:
    with Session(engine) as session:
        return session.execute(select(FlaggedFact.id).where(FlaggedFact.fact_key == key)).scalar()


def comment_flag(engine: Engine, fact_id: int, *, user: str, comment: str) -> bool:
    """Attach ``user``'s comment to their flag on fact ``fact_id``; False if they have none."""
    with write_session(engine) as session:
        flag = session.execute(
            select(FactFlag).where(FactFlag.fact_id == fact_id, FactFlag.user_id == user)
        ).scalar()
        if flag is None:
            return False
        flag.comment = comment.strip()[:COMMENT_CHARS]
    return True


def vote_answer(engine: Engine, *, user: str, query: str, vote: str) -> None:
    """One 👍 or 👎 per person and query; voting again replaces the vote."""
    if vote not in VOTES:
        raise ValueError(f"a vote is one of {VOTES}")
    upsert = insert_or_else(engine, AnswerVote).values(
        user_id=user[:100], query=query[:QUERY_CHARS], vote=vote, at=datetime.now(UTC)
    )
    with write_session(engine) as session:
        session.execute(
            upsert.on_conflict_do_update(
                index_elements=["user_id", "query"],
                set_={"vote": upsert.excluded.vote, "at": upsert.excluded.at},
            )
        )


def votes(engine: Engine, *, query: str | None = None) -> dict[str, int]:
    """How many 👍 and 👎 answers got, over all queries or to ``query``."""
    statement = select(AnswerVote.vote, func.count()).group_by(AnswerVote.vote)
    if query is not None:
        statement = statement.where(AnswerVote.query == query)
    with Session(engine) as session:
        return {vote: int(count) for vote, count in session.execute(statement)}


def list_flags(engine: Engine, *, status: str | None = "open", limit: int = 50) -> list[FlagInfo]:
    """Flagged facts in ``status`` (all when None), most flagged first, then most recent."""
    count = func.count(FactFlag.id).label("count")
    latest = func.max(FactFlag.at).label("latest")
    statement = (
        select(FlaggedFact, count, latest)
        .outerjoin(FactFlag, FactFlag.fact_id == FlaggedFact.id)
        .group_by(FlaggedFact.id)
        .order_by(count.desc(), latest.desc(), FlaggedFact.id.desc())
        .limit(limit)
    )
    if status:
        statement = statement.where(FlaggedFact.status == status)
    with Session(engine) as session:
        rows = session.execute(statement).all()
        flags = _flags_of(session, [row[0].id for row in rows])
        return [_info(fact, n, flags.get(fact.id, [])) for fact, n, _ in rows]


def get_flag(engine: Engine, fact_id: int) -> FlagInfo:
    with Session(engine) as session:
        fact = session.get(FlaggedFact, fact_id)
        if fact is None:
            raise NotFound(f"No flagged fact #{fact_id}; `/niger flags` lists them.")
        flags = _flags_of(session, [fact_id]).get(fact_id, [])
        return _info(fact, len(flags), flags)


def _flags_of(session: Session, fact_ids: list[int]) -> dict[int, list[FactFlag]]:
    found: dict[int, list[FactFlag]] = {}
    if not fact_ids:
        return found
    rows = session.execute(
        select(FactFlag).where(FactFlag.fact_id.in_(fact_ids)).order_by(FactFlag.at.desc())
    ).scalars()
    for flag in rows:
        found.setdefault(flag.fact_id, []).append(flag)
    return found


def _info(fact: FlaggedFact, count: int, flags: list[FactFlag]) -> FlagInfo:
    assert fact.id is not None
    queries = tuple(dict.fromkeys(f.query for f in flags if f.query))
    comments = tuple(f.comment for f in flags if f.comment)
    return FlagInfo(
        fact.id, fact.fact_key, fact.kind, fact.summary, fact.quote, fact.source, fact.status,
        count, queries, comments,
    )  # fmt: skip


ACTIONS = ("hide", "unhide", "dismiss")


def set_status(engine: Engine, fact_id: int, action: str, *, actor: str) -> FlagInfo:
    """``hide`` the fact from every answer, ``unhide`` it (it leaves the admins' list as looked
    at), or ``dismiss`` its flags (a hidden fact stays hidden); audited, failures too. A change
    of hiddenness adds a FactVisibility row, which moves the store's fingerprint."""
    if action not in ACTIONS:
        raise ValueError(f"an action is one of {ACTIONS}")
    summary = ""
    with write_session(engine) as session:
        fact = session.get(FlaggedFact, fact_id)
        if fact is not None:
            was_hidden = fact.status == "hidden"
            hidden = action == "hide" or (action == "dismiss" and was_hidden)
            fact.status = "hidden" if hidden else "dismissed"
            if was_hidden != hidden:
                session.add(FactVisibility(fact_id=fact_id, hidden=hidden, actor=actor[:100]))
            summary = fact.summary
    if fact is None:
        record_action(
            engine, actor=actor, action=action, target=f"#{fact_id}", outcome="failed",
            detail="no such flagged fact",
        )  # fmt: skip
        raise NotFound(f"No flagged fact #{fact_id}; `/niger flags` lists them.")
    record_action(
        engine, actor=actor, action=action, target=f"#{fact_id}", outcome="ok", detail=summary
    )
    return get_flag(engine, fact_id)


__all__ = [
    "ACTIONS",
    "FlagInfo",
    "FlagReceipt",
    "comment_flag",
    "fact_id_of",
    "flag_fact",
    "get_flag",
    "list_flags",
    "set_status",
    "vote_answer",
    "votes",
]
