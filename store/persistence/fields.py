"""What a row must satisfy before it is written: lengths within its columns' limits and no NUL
characters, checked in Python so both engines refuse the same values with the same words
(PostgreSQL raises DataError on either, which would read as "the store is unreachable"; SQLite
would store them silently)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlmodel import SQLModel


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One value a column cannot hold: too long (``length`` > ``limit``) or holding a NUL."""

    field: str
    length: int
    limit: int | None  # None: the problem is a NUL character at ``length``

    @property
    def nul(self) -> bool:
        return self.limit is None


def field_problems(model: type[SQLModel], values: Mapping[str, object]) -> list[FieldProblem]:
    """Every value of ``values`` that ``model``'s table would refuse, in column order."""
    problems: list[FieldProblem] = []
    for column in model.__table__.columns:  # type: ignore[attr-defined]
        value = values.get(column.name)
        if not isinstance(value, str):
            continue
        if (at := value.find("\x00")) >= 0:
            problems.append(FieldProblem(column.name, at, None))
        limit = getattr(column.type, "length", None)  # String and SQLModel's AutoString
        if limit is not None and len(value) > limit:
            problems.append(FieldProblem(column.name, len(value), limit))
    return problems
