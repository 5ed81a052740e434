"""The audit log: every change an admin asks for, with who, when and what came of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from store.persistence.models import AuditEntry

MAX_DETAIL = 4000


@dataclass(frozen=True, slots=True)
class AuditRecord:
    at: datetime
    actor: str
    action: str
    target: str
    outcome: str
    detail: str

    def describe(self) -> str:
        target = f" {self.target}" if self.target else ""
        detail = f" ({self.detail})" if self.detail else ""
        when = f"{self.at:%Y-%m-%d %H:%M} UTC"
        return f"{when} · {self.actor} · {self.action}{target} → {self.outcome}{detail}"


def record_action(
    engine: Engine, *, actor: str, action: str, target: str = "", outcome: str, detail: str = ""
) -> None:
    """Append one entry, in its own transaction, so a failed change is still on record."""
    with Session(engine) as session, session.begin():
        session.add(
            AuditEntry(
                actor=actor[:100],
                action=action[:40],
                target=target[:MAX_DETAIL],
                outcome=outcome[:20],
                detail=detail[:MAX_DETAIL],
            )
        )


REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class Refusals:
    """Refused attempts in a few numbers, so that many of them cannot push changes out of view."""

    attempts: int
    actors: int
    latest: AuditRecord | None

    def describe(self) -> str:
        if not self.latest:
            return "no refused attempts"
        last = self.latest
        return (
            f"{self.attempts} refused attempt{'s' * (self.attempts != 1)} by {self.actors} "
            f"user{'s' * (self.actors != 1)}; the latest: {last.actor} · {last.action}, "
            f"{last.at:%Y-%m-%d %H:%M} UTC"
        )


def recent_actions(
    engine: Engine, *, limit: int = 20, refused: bool | None = None
) -> list[AuditRecord]:
    """The latest entries, newest first; only refusals (``refused=True``) or only the rest
    (``refused=False``: what admins did, which refusals must not push out of view)."""
    query = (
        select(AuditEntry)
        .order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
        .limit(limit)
    )
    if refused is not None:
        query = query.where(
            (AuditEntry.outcome == REFUSED) if refused else (AuditEntry.outcome != REFUSED)
        )
    with Session(engine) as session:
        rows = session.exec(query).all()
        return [_record(r) for r in rows]


def refusals(engine: Engine) -> Refusals:
    """How many attempts were refused, by how many users, and the latest one."""
    with Session(engine) as session:
        attempts, actors = session.exec(
            select(func.count(), func.count(func.distinct(AuditEntry.actor))).where(
                AuditEntry.outcome == REFUSED
            )
        ).one()
    latest = recent_actions(engine, limit=1, refused=True)
    return Refusals(int(attempts), int(actors), latest[0] if latest else None)


def _record(row: AuditEntry) -> AuditRecord:
    return AuditRecord(row.at, row.actor, row.action, row.target, row.outcome, row.detail)
