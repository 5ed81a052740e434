"""One root for the project's errors: every exception class defined in bot/, handlers/ and store/
derives from NigerBotError, so a caller can catch them all, and each keeps its built-in kind."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import bot
import handlers
import store
from bot.config import SettingsError
from handlers.files import UploadError
from store import (
    ArticleError,
    Busy,
    Interrupted,
    LexiconError,
    NigerBotError,
    NotFound,
    SchemaError,
)


def _project_modules() -> list[str]:
    names = []
    for package in (bot, handlers, store):
        names.append(package.__name__)
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if ".migrations." not in info.name and not info.name.endswith(".migrations"):
                names.append(info.name)
    return names


def test_every_exception_the_project_defines_derives_from_the_root() -> None:
    own = {
        cls
        for name in _project_modules()
        for _, cls in inspect.getmembers(importlib.import_module(name), inspect.isclass)
        if issubclass(cls, BaseException)
        and cls.__module__.split(".")[0] in {"bot", "handlers", "store"}
    }
    assert {ArticleError, SettingsError, UploadError} <= own
    assert [cls.__qualname__ for cls in own if not issubclass(cls, NigerBotError)] == []


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (ArticleError, ValueError),
        (LexiconError, ValueError),
        (SettingsError, ValueError),
        (UploadError, ValueError),
        (Busy, RuntimeError),
        (SchemaError, RuntimeError),
        (Interrupted, RuntimeError),
        (NotFound, LookupError),
    ],
)
def test_each_error_is_still_the_built_in_kind_it_was(error: type, kind: type) -> None:
    assert issubclass(error, NigerBotError) and issubclass(error, kind)
