"""Initial schema: articles, sentences, facts, Slack event claims and conversations.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def initial_tables(metadata: sa.MetaData) -> list[sa.Table]:
    """This revision's tables; `store.schema` also uses them to complete stores made by
    ``create_all`` before there were migrations."""
    return [
        sa.Table(
            "article",
            metadata,
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("content_hash", sa.String(length=64), nullable=False),
            sa.Column("source", sa.String(length=500), nullable=False),
            sa.Column("title", sa.Text(), nullable=False),
            sa.Column("outlet", sa.String(length=300), nullable=True),
            sa.Column("author", sa.String(length=300), nullable=True),
            sa.Column("url", sa.String(length=2000), nullable=True),
            sa.Column("published", sa.String(length=10), nullable=True),
            sa.Column("published_from", sa.String(length=40), nullable=False),
            sa.Column("text", sa.Text(), nullable=False),
            sa.Column("extractor_version", sa.Integer(), nullable=False),
            sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("id"),
            sa.Index("ix_article_content_hash", "content_hash", unique=True),
            sa.Index("ix_article_source", "source", unique=True),
        ),
        sa.Table(
            "conversation",
            metadata,
            sa.Column("key", sa.String(length=200), nullable=False),
            sa.Column("query", sa.Text(), nullable=False),
            sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("key"),
            sa.Index("ix_conversation_updated_at", "updated_at", unique=False),
        ),
        sa.Table(
            "processedevent",
            metadata,
            sa.Column("event_id", sa.String(length=100), nullable=False),
            sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("event_id"),
            sa.Index("ix_processedevent_received_at", "received_at", unique=False),
        ),
        sa.Table(
            "sentence",
            metadata,
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("article_id", sa.Integer(), nullable=False),
            sa.Column("position", sa.Integer(), nullable=False),
            sa.Column("start", sa.Integer(), nullable=False),
            sa.Column("end", sa.Integer(), nullable=False),
            sa.Column("kind", sa.String(length=20), nullable=False),
            sa.Column("text", sa.Text(), nullable=False),
            sa.Column("entities", sa.Text(), nullable=False),
            sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("article_id", "position"),
            sa.Index("ix_sentence_article_id", "article_id", unique=False),
        ),
        sa.Table(
            "fact",
            metadata,
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("article_id", sa.Integer(), nullable=False),
            sa.Column("sentence_id", sa.Integer(), nullable=False),
            sa.Column("kind", sa.String(length=20), nullable=False),
            sa.Column("subject", sa.String(length=300), nullable=True),
            sa.Column("summary", sa.Text(), nullable=False),
            sa.Column("keywords", sa.Text(), nullable=False),
            sa.Column("value", sa.Float(), nullable=True),
            sa.Column("date", sa.String(length=10), nullable=True),
            sa.Column("data", sa.JSON(), nullable=False),
            sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="CASCADE"),
            sa.ForeignKeyConstraint(["sentence_id"], ["sentence.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("id"),
            sa.Index("ix_fact_article_id", "article_id", unique=False),
            sa.Index("ix_fact_kind", "kind", unique=False),
            sa.Index("ix_fact_sentence_id", "sentence_id", unique=False),
            sa.Index("ix_fact_subject", "subject", unique=False),
        ),
    ]


def upgrade() -> None:
    for table in initial_tables(sa.MetaData()):
        table.create(op.get_bind())


def downgrade() -> None:
    for table in ("fact", "sentence", "processedevent", "conversation", "article"):
        op.drop_table(table)
