"""Extraction: the facts a careful reader takes from a sentence, with owners, roles and dates."""

from __future__ import annotations

import datetime as dt

import pytest

from store.extraction.entities import find_mentions
from store.extraction.extract import extract


def _facts(text: str, published: dt.date | None = dt.date(2024, 3, 18), kind: str | None = None):
    facts = extract(text, published=published).facts
    return [f for f in facts if kind is None or f.kind == kind]


@pytest.mark.parametrize(
    ("sentence", "value", "owner", "qualifier"),
    [
        (
            "There are now about 1,000 Department of Defense personnel in the country.",
            1000,
            "country:US",
            "about",
        ),
        ("More than 1,000 US soldiers are stationed in Niger.", 1000, "country:US", "more than"),
        (
            "Some 1,400 French soldiers and airmen were deployed in the country.",
            1400,
            "country:FR",
            "about",
        ),
        (
            "Niger has been hosting some 1,100 American troops in regional outposts.",
            1100,
            "country:US",
            "about",
        ),
        (
            "About 1,000 Russian military personnel are estimated to be fighting with the Malian army.",
            1000,
            "country:RU",
            "about",
        ),
        (
            "Kenya will deploy 1,000 police officers and 200 soldiers to Haiti.",
            200,
            "country:KE",
            None,
        ),
    ],
)
def test_troop_counts_know_whose_forces_they_are(sentence, value, owner, qualifier) -> None:
    troops = _facts(sentence, kind="troops")
    match = [f for f in troops if f.value == value]
    assert match, troops
    assert match[0].subject == owner
    assert match[0].data["qualifier"] == qualifier


def test_a_count_without_an_owner_takes_the_forces_just_described() -> None:
    text = (
        "There are now about 1,000 Department of Defense personnel in the country, one official "
        "said. Before the movement, there were 1,100 troops."
    )
    troops = _facts(text, kind="troops")
    assert [(f.value, f.subject) for f in troops] == [(1000, "country:US"), (1100, "country:US")]


def test_a_present_tense_count_is_dated_at_publication() -> None:
    troops = _facts("Niger regularly hosts about 1,000 U.S. troops.", kind="troops")
    assert troops[0].date == "2024-03-18"
    assert "publication" in troops[0].data["date_rule"]


def test_money_keeps_amount_currency_qualifier_and_purpose() -> None:
    money = _facts(
        "Washington in August paused certain foreign assistance programs totaling "
        "nearly $200 million that benefit the government of Niger.",
        dt.date(2023, 10, 10),
        kind="money",
    )
    assert len(money) == 1
    fact = money[0]
    assert fact.value == 200_000_000
    assert fact.data["currency"] == "USD"
    assert fact.data["qualifier"] == "nearly"
    assert "foreign assistance programs" in fact.data["purpose"]
    assert fact.subject == "country:US"


def test_events_carry_dates_at_their_real_precision() -> None:
    events = _facts(
        "In December, Russia and Niger announced that they had signed new security agreements.",
        kind="event",
    )
    assert [e.date for e in events] == ["2023-12"]
    assert {"country:RU", "country:NE"} <= set(events[0].data["actors"])


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        (
            "Molly Phee, the US assistant secretary of state for African Affairs, told reporters.",
            "Molly Phee",
            "US assistant secretary of state for African Affairs",
        ),
        (
            "State Department spokesperson Matthew Miller said in a statement.",
            "Matthew Miller",
            "State Department spokesperson",
        ),
        (
            "Niger military officers established the CNSP, which is led by Gen. Abdourahamane "
            "Tchiani.",
            "Abdourahamane Tchiani",
            "Gen.",
        ),
        (
            "Gen. Michael Langley, who heads the US military operations in Africa, visited.",
            "Michael Langley",
            "heads the US military operations in Africa",
        ),
    ],
)
def test_people_are_found_with_their_roles(sentence: str, name: str, role: str) -> None:
    people = {f.subject: f for f in _facts(sentence, kind="person")}
    fact = people[f"person:{name}"]
    assert role in fact.data["role"]


def test_an_acronym_in_parentheses_names_one_organisation() -> None:
    mentions = find_mentions(
        "Phee said the CNSP was open to negotiations with the Economic "
        "Community of West African States (ECOWAS), a bloc."
    )
    orgs = {m.text: m.key for m in mentions if m.kind == "organisation"}
    assert orgs["Economic Community of West African States"] == orgs["ECOWAS"] == "org:ECOWAS"


def test_organisation_variants_are_one_organisation() -> None:
    first = find_mentions("the National Council for Safeguarding the Homeland (CNSP) said")
    second = find_mentions("known as the National Council for the Safeguard of the Homeland")
    assert {m.key for m in first if m.kind == "organisation"} == {"org:CNSP"}
    assert {m.key for m in second if m.kind == "organisation"} == {"org:CNSP"}


def test_an_unknown_acronym_definition_is_still_an_organisation() -> None:
    mentions = find_mentions("The Alliance for Sahel Reconstruction (ASR) met in Dakar.")
    assert {m.key for m in mentions if m.kind == "organisation"} == {"org:ASR"}


@pytest.mark.parametrize("alias", ["U.S.", "US", "United States", "American", "Washington"])
def test_the_united_states_has_one_key_whatever_it_is_called(alias: str) -> None:
    mentions = find_mentions(f"The decision by {alias} officials was expected.")
    assert [m.key for m in mentions if m.kind == "country"] == ["country:US"]


def test_a_newspaper_named_after_a_city_is_not_a_country() -> None:
    mentions = find_mentions("The Washington Post reported the talks.")
    assert [m.key for m in mentions] == ["org:WAPO"]


def test_numbered_bases_have_one_name() -> None:
    keys = {
        m.key
        for text in ("known as Airbase 201", "at air base 201", "Air Base 201 near Agadez")
        for m in find_mentions(text)
        if m.kind == "place" and "201" in m.text
    }
    assert keys == {"place:Air Base 201"}


def test_statements_name_their_speaker() -> None:
    facts = _facts("“If we can’t see, we can’t sense,” Langley said.", kind="statement")
    assert facts[0].data["speaker"] == "Langley"
    assert facts[0].data["content"].startswith("If we can’t see")
