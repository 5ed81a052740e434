"""A question in, one rendered view of answer out: shared by the command, mentions, DMs, buttons."""

from __future__ import annotations

import logging

from sqlalchemy.exc import SQLAlchemyError

from handlers.blocks import Message, View, render_error, render_result
from store import FactStore, Result

STORE_DOWN = (
    "I can't reach the fact store just now. Nothing was lost; please try again in a minute."
)

FAILED = "Something went wrong while answering that; it has been logged. Please try again."

log = logging.getLogger(__name__)


def answer_question(
    store: FactStore,
    text: str,
    *,
    conversation: str | None = None,
    follow_up: bool = False,
    view: View | None = None,
    shareable: bool = False,
    shared_by: str | None = None,
) -> tuple[Result | None, Message]:
    """Answer ``text`` as one view of a Slack message; the Result is None when the store failed.

    With a ``conversation`` key the answer is remembered there, and with ``follow_up`` the text
    is read against what the conversation asked before ("and France?"). ``view`` says which
    answers and whether quotes show (a button's redraw).
    """
    try:
        previous = store.recall_query(conversation) if conversation and follow_up else None
        result = store.ask_follow_up(text, previous=previous)
        if conversation and result.intent != "help" and result.answers:
            store.remember_query(conversation, result.query)
        keys = store.fact_keys(result)
    except SQLAlchemyError:
        log.exception("store unavailable while answering")
        return None, render_error(STORE_DOWN)
    except Exception:  # the user must hear back even when a bug surfaces; the log has the trace
        log.exception("failed to answer %r", text[:300])
        return None, render_error(FAILED)
    view = View(result.query, view.start, view.quotes) if view else None
    message = render_result(result, view=view, keys=keys, shareable=shareable, shared_by=shared_by)
    return result, message
