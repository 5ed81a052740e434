"""Persistence: the tables (`models`), engines and sessions (`db`), the schema and its Alembic
migrations (`schema`, `migrations/`), cross-process locks (`locks`), and the small records the
Slack side keeps: the audit log (`audit`), event claims (`events`), conversations
(`conversations`). Knows nothing of extraction or search.

Public face: the modules themselves; each is small and names its functions.
"""
