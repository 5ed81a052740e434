"""Alembic migrations of the store's schema; run them through `store.schema`, not by hand."""
