"""The audit log: every change an admin asks for, with who, when and what came of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

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


def recent_actions(engine: Engine, *, limit: int = 20) -> list[AuditRecord]:
    """The latest entries, newest first."""
    with Session(engine) as session:
        rows = session.exec(
            select(AuditEntry)
            .order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
            .limit(limit)
        ).all()
        return [AuditRecord(r.at, r.actor, r.action, r.target, r.outcome, r.detail) for r in rows]
