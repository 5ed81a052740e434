"""Admin commands (`/niger reload | add <url> | remove <id> | flags | hide <id> | unhide <id> |
dismiss <id>`) and the listings anyone may read
(`/niger sources`, `/niger sources log`). Who is an admin is decided from the signed payload's
user ID, never from message text."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.exc import SQLAlchemyError

from handlers.blocks import (
    Message,
    link_target,
    render_error,
    render_flag_change,
    render_flags,
    render_lines,
)
from store import ArticleError, Busy, FactStore, Interrupted, NotFound, WorkerLimits

ADMIN_COMMANDS = ("reload", "add", "remove", "flags", "hide", "unhide", "dismiss")
FLAG_ACTIONS = ("hide", "unhide", "dismiss")
WHAT_ADMINS_DO = {
    "reload": "reload the fact store",
    "add": "add articles to the fact store",
    "remove": "remove articles from the fact store",
    "flags": "see the flagged facts",
    "hide": "hide facts",
    "unhide": "unhide facts",
    "dismiss": "dismiss flags",
}


@dataclass(frozen=True, slots=True)
class AdminOptions:
    """What the admin listeners need from the settings (bot/config.py builds it)."""

    articles_dir: Path
    admin_user_ids: frozenset[str] = frozenset()
    workspace_admins: bool = False
    allow_private_urls: bool = False
    file_hosts: frozenset[str] = frozenset()
    """Hosts an upload may be downloaded from with the bot token, besides Slack's own."""
    worker_limits: WorkerLimits = WorkerLimits()
    """What reading one upload or fetched page may cost, in the worker process that does it."""


ROLE_CACHE_SECONDS = 300

log = logging.getLogger(__name__)


class AdminCheck:
    """ADMIN_USER_IDS, and, when WORKSPACE_ADMINS is on, the workspace's admins and owners as
    users.info reports them (cached for a few minutes, and a failed lookup means "no")."""

    def __init__(self, options: AdminOptions) -> None:
        self.allowed = options.admin_user_ids
        self.workspace_admins = options.workspace_admins
        self._cache: dict[str, tuple[bool, float]] = {}
        self._lock = threading.Lock()

    def is_admin(self, user_id: str, client: WebClient) -> bool:
        if user_id in self.allowed:
            return True
        if not self.workspace_admins or not user_id:
            return False
        now = time.monotonic()
        with self._lock:
            cached = self._cache.get(user_id)
        if cached and cached[1] > now:
            return cached[0]
        try:
            user = client.users_info(user=user_id)["user"]
            verdict = bool(
                user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner")
            )
        except (SlackApiError, KeyError, TypeError):
            log.warning("users.info failed for %s; treating as not an admin", user_id)
            return False
        with self._lock:
            self._cache[user_id] = (verdict, now + ROLE_CACHE_SECONDS)
        return verdict


def refusal(store: FactStore, *, user_id: str, action: str) -> Message:
    store.record_refusal(actor=user_id, action=action, reason="not an admin")
    what = WHAT_ADMINS_DO.get(action, f"{action} the fact store")
    return render_error(
        f"Only admins can {what}; nothing was changed. Ask one of them, or use "
        "`/niger sources` to see what is loaded."
    )


def reload(store: FactStore, options: AdminOptions, *, user_id: str) -> Message:
    try:
        report = store.reload(options.articles_dir, actor=user_id, limits=options.worker_limits)
    except Busy:
        return render_error("A reload is already running; I'll leave it to finish. Try again soon.")
    except Interrupted:
        return render_error(
            "The bot is restarting, so the reload stopped before it finished and the store is "
            "unchanged. Run `/niger reload` again in a minute."
        )
    except (ArticleError, OSError) as error:
        return render_error(f"Reload failed, and the store is unchanged: {error}")
    except SQLAlchemyError:
        log.exception("reload failed")
        return render_error("Reload failed on the database, and the store is unchanged.")
    except Exception as error:  # a bug: the admin still hears, and the audit log has it
        log.exception("reload failed")
        return render_error(
            f"Reload failed ({type(error).__name__}), and the store is unchanged; "
            "the server log has the details."
        )
    lines = [f"{r.source} — {r.describe()}" for r in report.results]
    return render_lines(f"Reloaded {options.articles_dir.name}/", lines, footer=report.summary())


def add(store: FactStore, options: AdminOptions, *, user_id: str, argument: str) -> Message:
    url = link_target(argument).strip()
    if not url:
        return render_error("Usage: `/niger add https://example.org/article`")
    result = store.add_url(
        url,
        actor=user_id,
        allow_private=options.allow_private_urls,
        limits=options.worker_limits,
    )
    if result.status == "failed":
        return render_error(f"Could not add {url}: {result.reason}")
    return render_lines(f"Added {url}", [result.describe()])


def remove(store: FactStore, *, user_id: str, argument: str) -> Message:
    argument = argument.strip()
    # isdigit() alone lets through "²" and other digits int() refuses.
    if not (argument.isascii() and argument.isdigit()):
        return render_error("Usage: `/niger remove <id>`; `/niger sources` lists the ids.")
    try:
        gone = store.remove(int(argument[:30]), actor=user_id)
    except NotFound as error:
        return render_error(str(error))
    return render_lines("Removed", [f"{gone.id} · {gone.title} ({gone.source})"])


def sources(store: FactStore) -> Message:
    lines = [source.describe() for source in store.sources()]
    return render_lines(
        f"{len(lines)} articles loaded",
        lines,
        footer="Admins: /niger remove <id> · /niger reload · /niger add <url>",
    )


def audit_log(store: FactStore) -> Message:
    """What admins did, newest first, with refused attempts summed up in the footer, so that a
    stream of them cannot push the changes out of view."""
    lines = [entry.describe() for entry in store.audit_log(limit=AUDIT_LINES, refused=False)]
    footer = f"{store.refusals().describe()} · `niger-bot audit --refused` lists them"
    return render_lines("Recent changes to the store", lines or ["nothing yet"], footer=footer)


AUDIT_LINES = 30


def flags(store: FactStore) -> Message:
    return render_flags(store.flags(), store.flags(status="hidden"))


def change_flag(store: FactStore, *, user_id: str, action: str, argument: str) -> Message:
    """Hide, unhide or dismiss the flagged fact ``#id`` (``argument``, with or without "#")."""
    number = argument.strip().removeprefix("#")
    if action not in FLAG_ACTIONS or not number.isdigit():
        return render_error(f"Usage: `/niger {action} <id>`; `/niger flags` lists the ids.")
    change = {"hide": store.hide, "unhide": store.unhide, "dismiss": store.dismiss}[action]
    try:
        flagged = change(int(number), actor=user_id)
    except NotFound as error:
        return render_error(str(error))
    return render_flag_change(flagged, action)
