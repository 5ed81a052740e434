"""The project's own errors, under one root: `except NigerBotError` catches every failure the code
raises on purpose, each with a message that says what to do (not bugs, not driver errors).

Each also derives from the built-in error it is a kind of, so existing ``except ValueError``
and the like keep working. `SettingsError` (bot.config) and `UploadError` (handlers.files) join
the same root from their own layers.
"""

from __future__ import annotations


class NigerBotError(Exception):
    """The root of the project's errors."""


class ArticleError(NigerBotError, ValueError):
    """An article that cannot be ingested; the message says why in words a user can act on."""


class LexiconError(NigerBotError, ValueError):
    """A lexicon file does not have the shape its loader expects; the message names the file and
    the key."""


class Busy(NigerBotError, RuntimeError):
    """Another process (or thread) holds the lock; try again later."""

    def __init__(self, name: str) -> None:
        super().__init__(f"{name!r} is already running somewhere else; try again when it is done")
        self.name = name


class SchemaError(NigerBotError, RuntimeError):
    """The database's schema is not one this code can use; the message says what to do."""


class NotFound(NigerBotError, LookupError):
    """No article has that id."""


class Interrupted(NigerBotError, RuntimeError):
    """The reload was told to stop (its process is shutting down) and changed nothing."""
