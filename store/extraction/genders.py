"""Whether a given name is a woman's or a man's, so that "he said" is not given to Molly Phee.

The names are the US Census Bureau's 1990 first names by sex (lexicon/given_names.toml), each
listed under the sex it is at least ten times as frequent among. A name in neither list ("Ali",
most Nigerien names) says nothing, and any pronoun may refer to its bearer.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from store.lexicon import load_toml

Sex = Literal["female", "male"]


@cache
def _sexes() -> dict[str, Sex]:
    table = load_toml("given_names.toml")
    sexes: dict[str, Sex] = dict.fromkeys(table["male"], "male")
    sexes.update(dict.fromkeys(table["female"], "female"))
    return sexes


def sex_of(given_name: str) -> Sex | None:
    """ "female" for "Molly", "male" for "Kenneth", None for a name the lists do not tell."""
    return _sexes().get(given_name.lower())
