"""The lexicons (countries, organisations, places, word lists) loaded once from the data files."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent
KEY_PREFIXES = {"country": "country", "organisation": "org", "place": "place", "person": "person"}
"""Entity kind -> the prefix of its keys."""


class EntityKey(str):
    """An entity's canonical key, "prefix:name" ("country:US", "org:CNSP", "place:Agadez",
    "person:Molly Phee"). A str, so stored keys and dict lookups are unchanged; it only names the
    two parts instead of every caller splitting the text by hand."""

    __slots__ = ()

    def __new__(cls, key: str) -> EntityKey:
        if ":" not in key:
            raise ValueError(f"an entity key is 'prefix:name', not {key!r}")
        return super().__new__(cls, key)

    @classmethod
    def of(cls, kind: str, name: str) -> EntityKey:
        """The key of the entity of this kind ("organisation", ...) and name."""
        return cls(f"{KEY_PREFIXES[kind]}:{name}")

    @property
    def prefix(self) -> str:
        return self.partition(":")[0]

    @property
    def name(self) -> str:
        return self.partition(":")[2]


@dataclass(frozen=True, slots=True)
class Entry:
    """A known entity: its canonical key and display name, and how text may name it."""

    key: str  # "country:US", "org:CNSP", "place:Agadez"
    kind: str  # "country", "organisation", "place"
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...] = ()
    acronym: str | None = None
    country: str | None = None  # the country key an organisation belongs to
    subkind: str | None = None  # "media" for news outlets; "city", "region", "base" for places


def load_toml(name: str) -> dict:
    with open(LEXICON_DIR / name, "rb") as handle:
        return tomllib.load(handle)


@cache
def words() -> dict[str, tuple[str, ...]]:
    return {key: tuple(values) for key, values in load_toml("words.toml").items()}


@cache
def entries() -> tuple[Entry, ...]:
    """Every known entity; capitals become places, metonymic capitals also name their country."""
    out: list[Entry] = []
    for code, row in load_toml("countries.toml").items():
        aliases = list(row["aliases"])
        capital = row.get("capital")
        if capital and row.get("metonym"):
            aliases.append(capital)
        out.append(
            Entry(
                key=f"country:{code}",
                kind="country",
                name=row["name"],
                aliases=tuple(aliases),
                demonyms=tuple(row.get("demonyms", ())),
            )
        )
        if capital and not row.get("metonym"):
            out.append(
                Entry(
                    key=f"place:{capital}",
                    kind="place",
                    name=capital,
                    aliases=(capital,),
                    country=f"country:{code}",
                    subkind="city",
                )
            )
    for code, row in load_toml("organisations.toml").items():
        acronym = row.get("acronym")
        aliases = [row["name"], *row.get("aliases", ())]
        if acronym:
            aliases.append(acronym)
        out.append(
            Entry(
                key=f"org:{code}",
                kind="organisation",
                name=row["name"],
                aliases=tuple(aliases),
                acronym=acronym,
                country=f"country:{row['country']}" if row.get("country") else None,
                subkind=row.get("kind"),
            )
        )
    places = load_toml("places.toml")
    for section, subkind in (("regions", "region"), ("cities", "city"), ("bases", "base")):
        for name, aliases in places.get(section, {}).items():
            out.append(
                Entry(
                    key=f"place:{name}",
                    kind="place",
                    name=name,
                    aliases=tuple(aliases),
                    subkind=subkind,
                )
            )
    return tuple(out)


@cache
def entry_by_key() -> dict[str, Entry]:
    return {entry.key: entry for entry in entries()}
