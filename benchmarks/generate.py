"""Synthetic news articles for the benchmarks: deterministic, varied, and written to be read by the
real ingestion (plain-text files plus a ``sources.toml`` catalogue), never copies of the seeds.

Article ``n`` of seed ``s`` is always the same text, whatever the corpus size, so a larger corpus
is a smaller one plus more articles.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from store.lexicon import load_toml

FIRST = (
    "Amina Ibrahim Oumarou Salifou Hadiza Moussa Issoufou Mariama Boubacar Fatouma Abdoulaye "
    "Zeinab "
    "Hamidou Aissata Seydou Kadidia Ousmane Rahila Mahamane Halima Yacouba Ramatou Karim Nafissa "
    "Daniel Claire Pierre Helene Marcus Olga Viktor Sarah Thomas Ingrid Paolo Lucia Kenji Mei "
    "Rashid Leila Tomasz Anya Jorge Elena Femi Ngozi Kwame Efua Moctar Aminata Idrissa Awa"
).split()
LAST = (
    "Maiga Traore Diallo Keita Ouedraogo Sawadogo Kone Cisse Toure Sangare Abdou Garba Mahamadou "
    "Harouna Souley Adamou Zakari Hassane Illiassou Mamadou Sidibe Coulibaly Kante Barry Camara "
    "Hollister Brennan Okafor Lindqvist Moreau Dubois Ferrand Kowalski Petrov Volkov Romano "
    "Santoro Tanaka Nakamura Haddad Karimi Alvarez Ortega Mensah Boateng Adeyemi Nwosu Kaboré "
    "Wilder Ashby Calloway Renard Lacroix Fischer Becker Novak Horvat Lindgren"
).split()
SYLLABLES = "ta ga ma ko ri bé ou da sa ni lam zin mar fa do ké ba tou ra gou".split()
ORG_ADJ = (
    "Joint Regional Sahelian Northern Southern Allied Patriotic Transitional Independent "
    "International Continental Humanitarian Republican Popular United Federal"
).split()
ORG_CORE = (
    "Border Security|Counterterrorism|Stabilisation|Reconstruction|Rapid Response|Desert Patrol|"
    "Liberation|Mining|Water Resources|Refugee Relief|Civil Defence|Intelligence|Air Transport"
).split("|")
ORG_HEAD = (
    "Council Agency Commission Front Movement Alliance Command Mission Brigade Office".split()
)
OUTLETS = (
    "Sahel Dispatch|The Continental Ledger|Niamey Evening Post|Harmattan Wire|Desert Courier|"
    "The Atlantic Monitor|Global Affairs Daily|West Africa Review|The Morning Bulletin"
).split("|")
ROLES = (
    "defence minister of {country}|foreign minister of {country}|army chief of staff of "
    "{country}|spokesman for the {org}|head of the {org}|commander of the {org}|"
    "{country}'s ambassador to {country2}|senior analyst at the {org}|deputy director of the {org}"
).split("|")
TITLES = ("General", "Colonel", "Minister", "Ambassador", "Commander", "Captain", "Admiral")
QUALIFIERS = ("about", "some", "more than", "nearly", "around", "at least", "up to", "roughly")
PERSONNEL = (
    "troops",
    "soldiers",
    "military personnel",
    "special forces",
    "instructors",
    "peacekeepers",
    "military advisers",
    "marines",
    "airmen",
    "contractors",
)
PURPOSES = (
    "a new air base",
    "drone operations",
    "humanitarian aid",
    "border security",
    "the training programme",
    "food assistance",
    "road reconstruction",
    "the counterterrorism mission",
    "military equipment",
    "refugee camps",
)
EVENT_VERBS = (
    "signed a defence agreement with",
    "suspended cooperation with",
    "announced the withdrawal of its forces from",
    "opened talks with",
    "expelled the ambassador of",
    "held joint exercises with",
    "closed its border with",
    "restored diplomatic relations with",
)
SAY_VERBS = ("said", "told reporters", "added", "warned", "declared", "insisted", "stressed")
MONTHS = (
    "January February March April May June July August September October November December"
).split()


@dataclass(frozen=True, slots=True)
class Article:
    name: str
    text: str
    title: str
    outlet: str
    published: dt.date
    names: dict[str, list[str]]  # what the article names, by kind: for building queries


def _countries() -> list[tuple[str, str, str]]:
    """(name, demonym, capital) of every country the lexicon knows."""
    rows = load_toml("countries.toml").values()
    return [(r["name"], (r.get("demonyms") or [r["name"]])[0], r.get("capital", "")) for r in rows]


def _place(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _org(rng: random.Random) -> tuple[str, str]:
    words = [rng.choice(ORG_ADJ), *rng.choice(ORG_CORE).split(), rng.choice(ORG_HEAD)]
    name = " ".join(words)
    return name, "".join(w[0] for w in words).upper() + rng.choice("SNCM")


def _date_text(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def _count(rng: random.Random) -> str:
    if rng.random() < 0.1:
        return rng.choice(("a few hundred", "several hundred", "a few thousand"))
    number = rng.choice((80, 120, 250, 400, 600, 750, 900, 1000, 1100, 1500, 2000, 3500, 5000))
    return f"{rng.choice(QUALIFIERS)} {number + rng.randint(0, 9) * 10:,}"


def _money(rng: random.Random) -> str:
    amount = rng.choice((5, 12, 25, 40, 75, 110, 150, 200, 350, 500, 800))
    unit = rng.choice(("million", "million", "billion")) if amount < 100 else "million"
    currency = rng.choice(("$", "$", "€", "£"))
    qualifier = rng.choice(("", "nearly ", "about ", "more than "))
    return f"{qualifier}{currency}{amount} {unit}"


def make_article(n: int, *, seed: int = 0) -> Article:
    """Article number ``n``: about 25 sentences naming countries, people, organisations, places and
    bases, with troop counts, money, dated events and quoted statements."""
    rng = random.Random(f"{seed}:{n}")
    countries = _countries()
    home, other, third = rng.sample(countries, 3)
    published = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randint(0, 5 * 365))
    people = [(rng.choice(TITLES), f"{rng.choice(FIRST)} {rng.choice(LAST)}") for _ in range(3)]
    orgs = [_org(rng) for _ in range(2)]
    town, region = _place(rng), _place(rng)
    base = f"Air Base {rng.randint(102, 499)}"
    camp = f"Camp {_place(rng)}"

    def day(back: int = 400) -> dt.date:
        return published - dt.timedelta(days=rng.randint(1, back))

    def role() -> str:
        return rng.choice(ROLES).format(country=home[0], country2=other[0], org=rng.choice(orgs)[0])

    (t1, p1), (t2, p2), (t3, p3) = people
    (o1, a1), (o2, a2) = orgs
    lines = [
        f"{home[1]} {rng.choice(PERSONNEL)} to leave {base} as {other[0]} presses {o1}",
        f"By {rng.choice(LAST)} {rng.choice(LAST)} | {_date_text(published)}",
        f"{home[0]} has {_count(rng)} {rng.choice(PERSONNEL)} stationed in {other[0]}, "
        f"most of them at {base} near {town}, officials said on {_date_text(day(30))}.",
        f"The {o1} ({a1}) was created in {day(3000).year} to coordinate operations in the "
        f"{region} region.",
        f"{t1} {p1}, {role()}, said the force would stay until the end of {published.year}.",
        f"\u201cWe will not abandon our partners in {town},\u201d {p1} {rng.choice(SAY_VERBS)}.",
        f"On {_date_text(day())}, {other[0]} {rng.choice(EVENT_VERBS)} {third[0]}.",
        f"{third[0]} pledged {_money(rng)} for {rng.choice(PURPOSES)} in {other[0]}.",
        f"{t2} {p2}, {role()}, met {p1} in {other[2] or town} on {_date_text(day(60))}.",
        f"{third[1]} forces numbered {_count(rng)} in {region} in {day(700).year}, "
        f"according to the {o2} ({a2}).",
        f"The {a2} said it had spent {_money(rng)} on {rng.choice(PURPOSES)} since "
        f"{MONTHS[day().month - 1]} {day().year}.",
        f"{p2} {rng.choice(SAY_VERBS)} that {other[0]} wanted {rng.choice(PERSONNEL)} out of "
        f"{camp} by {_date_text(published + dt.timedelta(days=rng.randint(10, 200)))}.",
        f"In {MONTHS[day().month - 1]} {day().year}, {home[0]} {rng.choice(EVENT_VERBS)} "
        f"{other[0]}.",
        f"{camp}, a logistics hub {rng.randint(20, 400)} kilometres north of {town}, hosts "
        f"{_count(rng)} {home[1]} {rng.choice(PERSONNEL)}.",
        f"\u201cThe {a1} has failed the people of {region},\u201d said {t3} {p3}, {role()}.",
        f"Analysts estimate the mission costs {home[0]} {_money(rng)} a year.",
        f"{other[1]} officials accused {o1} fighters of attacking a convoy near {town} on "
        f"{_date_text(day(90))}, killing {rng.randint(3, 60)} people.",
        f"The {o2} deployed {_count(rng)} {rng.choice(PERSONNEL)} to {region} after the attack.",
        f"{p3} told the {rng.choice(OUTLETS).removeprefix('The ')} that talks with the {a2} "
        "would resume on "
        f"{_date_text(published + dt.timedelta(days=rng.randint(3, 40)))}.",
        f"{home[0]} and {third[0]} agreed on {_date_text(day(200))} to share intelligence on "
        f"{o1} movements around {base}.",
        f"Since {day(1500).year}, {other[0]} has received {_money(rng)} in aid from {home[0]}.",
        f"{p1} said the {home[1]} contingent at {base} would shrink to {_count(rng)} by "
        f"{MONTHS[(published.month + 2) % 12]} {published.year + 1}.",
    ]
    body = "\n".join(lines) + "\n"
    title = lines[0]
    names = {
        "countries": [home[0], other[0], third[0]],
        "demonyms": [home[1], other[1], third[1]],
        "people": [p1, p2, p3],
        "organisations": [o1, o2],
        "acronyms": [a1, a2],
        "places": [town, region, base, camp],
    }
    return Article(f"{n:07d}.txt", body, title, rng.choice(OUTLETS), published, names)


def articles(start: int, stop: int, *, seed: int = 0) -> Iterator[Article]:
    for n in range(start, stop):
        yield make_article(n, seed=seed)


def write_articles(folder: Path, start: int, stop: int, *, seed: int = 0) -> list[Path]:
    """Write articles ``start``..``stop - 1`` into ``folder`` with a ``sources.toml`` catalogue."""
    folder.mkdir(parents=True, exist_ok=True)
    catalogue = []
    paths = []
    for article in articles(start, stop, seed=seed):
        path = folder / article.name
        path.write_text(article.text, encoding="utf-8")
        paths.append(path)
        catalogue.append(
            f'["{article.name}"]\ntitle = "{article.title}"\noutlet = "{article.outlet}"\n'
            f'published = "{article.published.isoformat()}"\n'
        )
    (folder / "sources.toml").write_text("\n".join(catalogue), encoding="utf-8")
    return paths
