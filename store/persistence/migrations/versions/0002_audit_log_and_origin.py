"""Audit log of admin actions, and where each article came from (so a reload removes only
articles of the articles folder).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "auditentry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_auditentry_at", "auditentry", ["at"], unique=False)
    # Articles stored before this revision were loaded from the seeds/articles folder or by
    # `niger-bot ingest`; calling them "file" keeps a reload from removing any of them.
    with op.batch_alter_table("article") as batch:
        batch.add_column(
            sa.Column("origin", sa.String(length=20), nullable=False, server_default="file")
        )


def downgrade() -> None:
    with op.batch_alter_table("article") as batch:
        batch.drop_column("origin")
    op.drop_index("ix_auditentry_at", table_name="auditentry")
    op.drop_table("auditentry")
