"""Follow-up questions: "and France?" after "timeline US" means "timeline France"."""

from __future__ import annotations

import re

from store.search.query import ParsedQuery

FOLLOW_UP_LEAD = re.compile(
    r"^\s*(?:and|but|also|what about|how about|same for|same with|now)\b[\s,:]*", re.IGNORECASE
)
MAX_FOLLOW_UP_WORDS = 6


def follow_up_query(previous: ParsedQuery | None, current: ParsedQuery) -> str | None:
    """The full query a follow-up stands for, or None when the message stands on its own.

    A message is a follow-up when it names no intent of its own, is short, and either opens with
    "and", "what about", ... or names only entities. It keeps the earlier intent; new entities
    replace the earlier ones ("and France?"), other words narrow the earlier query ("and in 2024?").
    """
    if previous is None or current.explicit or not previous.explicit:
        return None
    text = current.text.strip().rstrip("?!. ")
    lead = FOLLOW_UP_LEAD.match(text)
    rest = text[lead.end() :] if lead else text
    if not rest or len(rest.split()) > MAX_FOLLOW_UP_WORDS:
        return None
    if not lead and (current.terms or not current.entities):
        return None
    if current.entities:
        return f"{previous.intent} {rest}"
    return f"{previous.text} {rest}"


__all__ = ["follow_up_query"]
