"""Settings come from the environment once; a malformed value stops the start naming the setting."""

from __future__ import annotations

import pytest

from bot.config import Settings, SettingsError


def test_the_drain_bound_is_25_seconds_unless_drain_seconds_says_otherwise() -> None:
    assert Settings.from_env({}).drain_seconds == 25.0
    assert Settings.from_env({"DRAIN_SECONDS": "8.5"}).drain_seconds == 8.5
    assert Settings.from_env({"DRAIN_SECONDS": "0"}).drain_seconds == 0  # stop at once


@pytest.mark.parametrize("value", ["-3", "soon", "nan", "86400"])
def test_a_drain_bound_that_is_not_a_sensible_number_of_seconds_is_refused(value: str) -> None:
    with pytest.raises(SettingsError, match="DRAIN_SECONDS"):
        Settings.from_env({"DRAIN_SECONDS": value})
