"""Settings: the only reader of the environment, built once at an entry point and passed down."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from store import NigerBotError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEEDS_DIR = PROJECT_ROOT / "seeds"
DEFAULT_DB_PATH = PROJECT_ROOT / "var" / "niger-bot.sqlite3"


class SettingsError(NigerBotError, ValueError):
    """A setting is missing or malformed; the message names it."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable, with named defaults.

    Without DATABASE_URL the store is a SQLite file under the project's ``var/`` folder, so each
    clone has its own store and nothing is written outside it.
    """

    database_url: str = f"sqlite:///{DEFAULT_DB_PATH}"
    seeds_dir: Path = DEFAULT_SEEDS_DIR
    articles_dir: Path = DEFAULT_SEEDS_DIR
    slack_bot_token: str | None = field(default=None, repr=False)
    slack_signing_secret: str | None = field(default=None, repr=False)
    slack_app_token: str | None = field(default=None, repr=False)
    slack_api_url: str | None = None
    admin_user_ids: frozenset[str] = field(default_factory=frozenset)
    autoload_seeds: bool = True
    auto_migrate: bool = True
    workspace_admins: bool = False
    """Also treat the workspace's admins and owners (users.info, cached) as bot admins."""
    allow_private_urls: bool = False
    """Let `/niger add` fetch loopback and private-network addresses (tests, intranets)."""
    index_recheck_seconds: float = 1.0
    """How stale another replica's change may be: the store's fingerprint is read at most this
    often (each read is a database round trip costing as much CPU as an answer)."""
    extract_cpu_seconds: float = 30.0
    """CPU time one uploaded or fetched article may take to parse and extract, in the worker
    process that does it; past it the worker is stopped and the article refused."""
    extract_seconds: float = 60.0
    """Wall-clock time for the same (a worker waiting on memory or the disk stops here)."""
    drain_seconds: float = 25.0
    """How long `serve` lets work in flight finish after SIGTERM: keep it below the grace period
    before SIGKILL (Kubernetes: 30 s by default)."""

    def require_slack(self, *, socket_mode: bool = False) -> None:
        """Fail at start, naming the setting, when Slack cannot be reached with what is set."""
        token = self.slack_bot_token
        if not token:
            raise SettingsError("SLACK_BOT_TOKEN is not set (the bot token, xoxb-...)")
        if not token.startswith("xoxb-"):
            raise SettingsError("SLACK_BOT_TOKEN must be a bot token starting with xoxb-")
        if socket_mode:
            if not self.slack_app_token:
                raise SettingsError(
                    "SLACK_APP_TOKEN is not set (an app-level token, xapp-..., with "
                    "connections:write, needed for Socket Mode)"
                )
            if not self.slack_app_token.startswith("xapp-"):
                raise SettingsError("SLACK_APP_TOKEN must be an app-level token (xapp-...)")
        elif not self.slack_signing_secret:
            raise SettingsError(
                "SLACK_SIGNING_SECRET is not set (Basic Information > App Credentials); "
                "every request to /slack/events is checked against it"
            )
        url = self.slack_api_url
        if url and not url.startswith(("https://", "http://")):
            raise SettingsError(f"SLACK_API_URL must be an http(s) URL, got {url!r}")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        defaults = cls()
        url = env.get("DATABASE_URL", "").strip() or defaults.database_url
        if "://" not in url:
            raise SettingsError(
                f"DATABASE_URL must be a SQLAlchemy URL such as sqlite:///path, got {url!r}"
            )
        seeds = Path(env["SEEDS_DIR"]) if env.get("SEEDS_DIR") else defaults.seeds_dir
        articles = Path(env["ARTICLES_DIR"]) if env.get("ARTICLES_DIR") else seeds
        admins = frozenset(u.strip() for u in env.get("ADMIN_USER_IDS", "").split(",") if u.strip())
        return cls(
            database_url=url,
            seeds_dir=seeds,
            articles_dir=articles,
            slack_bot_token=env.get("SLACK_BOT_TOKEN") or None,
            slack_signing_secret=env.get("SLACK_SIGNING_SECRET") or None,
            slack_app_token=env.get("SLACK_APP_TOKEN") or None,
            slack_api_url=env.get("SLACK_API_URL") or None,
            admin_user_ids=admins,
            autoload_seeds=_flag(env, "AUTOLOAD_SEEDS", True),
            auto_migrate=_flag(env, "AUTO_MIGRATE", True),
            workspace_admins=_flag(env, "WORKSPACE_ADMINS", False),
            allow_private_urls=_flag(env, "ALLOW_PRIVATE_URLS", False),
            index_recheck_seconds=_seconds(
                env, "INDEX_RECHECK_SECONDS", defaults.index_recheck_seconds
            ),
            drain_seconds=_seconds(env, "DRAIN_SECONDS", defaults.drain_seconds),
            extract_cpu_seconds=_seconds(env, "EXTRACT_CPU_SECONDS", defaults.extract_cpu_seconds),
            extract_seconds=_seconds(env, "EXTRACT_SECONDS", defaults.extract_seconds),
        )


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    value = env.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise SettingsError(f"{name} must be 1 or 0 (true/false), got {value!r}")


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    value = env.get(name, "").strip()
    if not value:
        return default
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 3600:
        raise SettingsError(f"{name} must be a number of seconds from 0 to 3600, got {value!r}")
    return seconds
