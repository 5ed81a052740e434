"""The lexicons (countries, organisations, places, word lists) loaded once from the data files.

`load_toml` is the one loader of every lexicon file: it checks the file against its entry in
SHAPES and raises LexiconError naming the file and the key of anything out of place, so a typo in
a data file fails at start with a message, not as a KeyError deep in a rule. Each file's header
comment says what an entry means and how to add one.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from store.errors import LexiconError

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


NUMBER = (int, float)
STRINGS = [str]
# A shape is a type (or tuple of types) for a value; [shape] for a list of them; a dict of keys
# for a table with exactly those keys ("key?": may be left out); {"*": shape} for a table whose
# every key, whatever it is, holds that shape.
SHAPES: dict[str, Any] = {
    "countries.toml": {
        "*": {
            "name": str,
            "aliases": STRINGS,
            "demonyms?": STRINGS,
            "capital?": str,
            "metonym?": bool,
        }
    },
    "organisations.toml": {
        "*": {"name": str, "acronym?": str, "aliases?": STRINGS, "country?": str, "kind?": str}
    },
    "places.toml": {
        "regions?": {"*": STRINGS},
        "cities?": {"*": STRINGS},
        "bases?": {"*": STRINGS},
    },
    "words.toml": {"*": STRINGS},
    "given_names.toml": {"female": STRINGS, "male": STRINGS},
    "derivations.toml": {"pairs": [STRINGS], "forms": [STRINGS]},
    "queries.toml": {
        "intents": {"*": STRINGS},
        "filler": {"phrases": STRINGS},
        "count": {"phrases": STRINGS, "members": STRINGS},
        "meta": {"words": STRINGS},
        "synonyms": {"groups": [STRINGS]},
        "stopwords": {"words": STRINGS},
        "examples": {"queries": STRINGS},
        "measures": {"asks": {"*": STRINGS}, "units": {"*": STRINGS}},
        "ordinals": {"words": STRINGS},
        "continuing": {"openers": STRINGS},
        "causes": {"asks": STRINGS, "markers": STRINGS},
        "shorthand": {"words": {"*": str}},
        "roles": {"*": STRINGS},
        "labels": {"*": STRINGS},
    },
    "dates.toml": {
        "weekdays": STRINGS,
        "ambiguous_months": STRINGS,
        "weekday_names_before": STRINGS,
        "weekday_names_after": STRINGS,
        "year_before": STRINGS,
        "not_year_before": STRINGS,
        "not_year_after": STRINGS,
        "not_plural": STRINGS,
        "seasons": {"*": {"start": int, "code": str}},
        "ordinals": {"*": int},
        "period_words": {"*": int},
        "holidays": {"*": str},
        "century_words": {"*": int},
        "references": {"*": str},
        "numbers": {"*": int},
        "months": {"*": int},
        "month_abbreviations": {"*": int},
        "relations": {"*": str},
        "cues": {"future": STRINGS, "past": STRINGS},
    },
    "quantities.toml": {
        "numbers": {"*": int},
        "scales": {"*": NUMBER},
        "attached_scales": {"*": NUMBER},
        "plural_scales": {"*": NUMBER},
        "multipliers": {"*": [int]},
        "handfuls": {"*": [int]},
        "currency_prefixes": {"*": str},
        "currency_words": {"*": str},
        "qualifiers": {"*": {"phrases": STRINGS, "low?": NUMBER, "high?": NUMBER}},
        "after": {"*": str},
        "words": {"*": STRINGS},
    },
    "boilerplate.toml": {
        "boilerplate": {"phrases": STRINGS, "patterns": STRINGS},
        "caption": {"patterns": STRINGS},
        "byline": {"name": str, "patterns": STRINGS},
        "abbreviations": {"titles": STRINGS},
    },
}


ACCENT = re.compile(r"[\u0300-\u036f]")  # combining marks, once letters are decomposed


def without_accents(text: str) -> str:
    """``text`` with its letters' accents dropped ("Somaïr" -> "Somair", "Côte" -> "Cote"): how
    people type names, and how copies of articles often print them."""
    return ACCENT.sub("", unicodedata.normalize("NFKD", text))


def load_toml(name: str) -> dict[str, Any]:
    """One lexicon file, parsed and checked against its shape. Raises LexiconError."""
    if name not in SHAPES:
        raise LexiconError(f"{name}: no shape is declared for it in store/lexicon/__init__.py")
    try:
        with open(LEXICON_DIR / name, "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise LexiconError(f"{name}: cannot be read ({error})") from error
    check_shape(name, data)
    return data


def check_shape(name: str, data: dict[str, Any]) -> None:
    """Raise LexiconError, naming the file and the key, where ``data`` differs from SHAPES[name]."""
    _check(name, "", data, SHAPES[name])


def _check(name: str, where: str, value: Any, shape: Any) -> None:
    at = where or "the top level"
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            raise LexiconError(f"{name}: {at}: expected a table, found {_found(value)}")
        if "*" in shape:
            for key, item in value.items():
                _check(name, f"{where}.{key}" if where else key, item, shape["*"])
            return
        known = {key.rstrip("?"): key.endswith("?") for key in shape}
        for key in value:
            if key not in known:
                raise LexiconError(
                    f"{name}: {at}: unknown key {key!r} (expected one of {', '.join(known)})"
                )
        for key, optional in known.items():
            inner = f"{where}.{key}" if where else key
            if key in value:
                _check(name, inner, value[key], shape[f"{key}?" if optional else key])
            elif not optional:
                raise LexiconError(f"{name}: {at}: missing key {key!r}")
    elif isinstance(shape, list):
        if not isinstance(value, list):
            raise LexiconError(f"{name}: {at}: expected a list, found {_found(value)}")
        for i, item in enumerate(value):
            _check(name, f"{where}[{i}]", item, shape[0])
    elif isinstance(value, bool) != (shape is bool) or not isinstance(value, shape):
        expected = " or ".join(
            t.__name__ for t in (shape if isinstance(shape, tuple) else (shape,))
        )
        raise LexiconError(f"{name}: {at}: expected {expected}, found {_found(value)}")


def _found(value: Any) -> str:
    return f"{type(value).__name__} {value!r}"[:80]


@cache
def words() -> dict[str, tuple[str, ...]]:
    return {key: tuple(values) for key, values in load_toml("words.toml").items()}


@cache
def entries() -> tuple[Entry, ...]:
    """Every known entity; capitals become places, metonymic capitals also name their country."""
    out: list[Entry] = []
    countries = load_toml("countries.toml")
    for code, row in countries.items():
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
        if row.get("country") and row["country"] not in countries:
            raise LexiconError(
                f"organisations.toml: {code}.country: {row['country']!r} is not a code of "
                "countries.toml"
            )
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
