"""Searching: a query in, ranked and quoted answers out, read from an in-memory index of the
store. Knows nothing of how articles are read or extracted.

Public face: `answer_query(query, index, limit=...) -> Result`; the index (`FactIndex`,
`load_index`, `update_index`, `store_version`); `follow_up_query` for conversations; and the
search tokens (`tokens`) other layers compare words with.
"""

from store.search.answer import MAX_ANSWERS, answer_query
from store.search.followup import follow_up_query
from store.search.index import FactIndex, load_index, store_version, tokens, update_index

__all__ = [
    "MAX_ANSWERS",
    "FactIndex",
    "answer_query",
    "follow_up_query",
    "load_index",
    "store_version",
    "tokens",
    "update_index",
]
