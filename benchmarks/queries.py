"""The fixed mixed query set: every intent, entities, typos and misses, about names that occur in
every benchmark corpus (they come from its first articles, present at every size)."""

from __future__ import annotations

from dataclasses import dataclass

from benchmarks.generate import make_article


@dataclass(frozen=True, slots=True)
class BenchQuery:
    text: str
    category: str  # troops, money, timeline, who, place, organisation, when, statement, typo,
    # entity, search, miss


def _typo(word: str) -> str:
    """Swap two inner letters: "Traore" -> "Tarore"."""
    if len(word) < 5:
        return word + word[-1]
    return word[:1] + word[2] + word[1] + word[3:]


def query_set(*, seed: int = 0) -> tuple[BenchQuery, ...]:
    a, b, c = (make_article(n, seed=seed).names for n in range(3))
    person, other_person = a["people"][0], b["people"][1]
    surname = c["people"][2].split()[-1]
    country, demonym = a["countries"][0], b["demonyms"][1]
    queries = [
        ("troops", "troops"),
        (f"how many {demonym} troops", "troops"),
        (f"{country} soldiers in {a['countries'][1]}", "troops"),
        ("how much money", "money"),
        (f"cost of {a['places'][2]}", "money"),
        (f"aid to {b['countries'][1]}", "money"),
        ("timeline", "timeline"),
        (f"timeline {c['countries'][0]}", "timeline"),
        (f"who is {person}", "who"),
        (f"who is {surname}", "who"),
        (other_person, "who"),
        (f"where is {a['places'][2]}", "place"),
        (f"where is {b['places'][0]}", "place"),
        (f"what is {a['acronyms'][0]}", "organisation"),
        (b["organisations"][1], "organisation"),
        (f"when did {a['countries'][1]} open talks", "when"),
        ("when was the convoy attacked", "when"),
        (f"what did {person.split()[-1]} say", "statement"),
        ("statements about the withdrawal", "statement"),
        (f"troups {country}", "typo"),
        (f"who is {_typo(person.split()[-1])}", "typo"),
        (f"wher is {_typo(a['places'][0])}", "typo"),
        ("intellgence sharing agrement", "typo"),
        (f"{_typo(c['countries'][1])} ambasador", "typo"),
        (c["countries"][2], "entity"),
        (a["acronyms"][1], "entity"),
        (c["places"][3], "entity"),
        ("drone base", "search"),
        ("humanitarian aid refugee camps", "search"),
        ("convoy attack killing people", "search"),
        ("logistics hub kilometres north", "search"),
        ("joint exercises", "search"),
        ("weather forecast tomorrow", "miss"),
        ("bitcoin price prediction", "miss"),
        ("recipe for chocolate cake", "miss"),
        ("football world cup final score", "miss"),
    ]
    return tuple(BenchQuery(text, category) for text, category in queries)
