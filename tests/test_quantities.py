"""Quantities: the figure, its qualifier as a stated range, its currency and the noun it counts.

Read as a specification: each row is a sentence and what a careful reader takes from it. The
range rules are the ones in ``store/extraction/quantities.py``'s docstring (about ±10%, nearly −10%, …).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.extraction import quantities
from store.extraction.quantities import Quantity, _lex, find_quantities

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
_SPLIT = re.compile(r"(?<=[.!?])[”\"]?\s+(?=[A-Z“\"])|\n+")
M, B = 1e6, 1e9


def _only(sentence: str, text: str) -> Quantity:
    matches = [q for q in find_quantities(sentence) if q.text == text]
    assert len(matches) == 1, find_quantities(sentence)
    return matches[0]


# sentence, quantity text, value, low, high, qualifier, currency, noun
SEED_PHRASES = [
    (
        "There are now about 1,000 Department of Defense personnel in the country, one official "
        "said.",
        "about 1,000",
        1000,
        900,
        1100,
        "about",
        None,
        "Department of Defense personnel",
    ),
    (
        "Before the movement, there were 1,100 troops.",
        "1,100",
        1100,
        1100,
        1100,
        None,
        None,
        "troops",
    ),
    (
        "Washington in August paused certain foreign assistance programs totaling nearly $200 "
        "million that benefit the government of Niger.",
        "nearly $200 million",
        200 * M,
        180 * M,
        200 * M,
        "nearly",
        "USD",
        None,
    ),
    (
        "The US also has a major drone base in Niger that cost over $100 million to build, known as "
        "Airbase 201.",
        "over $100 million",
        100 * M,
        100 * M,
        None,
        "more than",
        "USD",
        None,
    ),
    (
        "Niger regularly hosts about 1,000 U.S. troops and and operates a $110 million air base used "
        "to control drone operations.",
        "$110 million",
        110 * M,
        110 * M,
        110 * M,
        None,
        "USD",
        "air base",
    ),
    (
        "Niger regularly hosts about 1,000 U.S. troops and and operates a $110 million air base.",
        "about 1,000",
        1000,
        900,
        1100,
        "about",
        None,
        "U.S. troops",
    ),
    (
        "President Biden told Congress last week that there are currently 648 US troops stationed "
        "in Niger.",
        "648",
        648,
        648,
        648,
        None,
        None,
        "US troops",
    ),
    (
        "The guard consists of approximately 700 well-equipped and trained troops, and about 20 "
        "armoured vehicles.",
        "approximately 700",
        700,
        630,
        770,
        "about",
        None,
        "well-equipped and trained troops",
    ),
    (
        "Some 1,400 French soldiers and airmen were deployed in the country to fight jihadists.",
        "Some 1,400",
        1400,
        1260,
        1540,
        "about",
        None,
        "French soldiers and airmen",
    ),
    (
        "They were deployed, including around 1,000 in Niamey and 400 at two forward bases in the "
        "west.",
        "around 1,000",
        1000,
        900,
        1100,
        "about",
        None,
        None,
    ),
    (
        "They were deployed, including around 1,000 in Niamey and 400 at two forward bases in the "
        "west.",
        "400",
        400,
        400,
        400,
        None,
        None,
        None,
    ),
    (
        "They were deployed, including around 1,000 in Niamey and 400 at two forward bases in the "
        "west.",
        "two",
        2,
        2,
        2,
        None,
        None,
        "forward bases",
    ),
    (
        "“three special flights” were registered at Niamey airport, two for the departure of “97 "
        "elements of the special forces” and one “dedicated to logistics”.",
        "97",
        97,
        97,
        97,
        None,
        None,
        "elements of the special forces",
    ),
    (
        "“three special flights” were registered at Niamey airport.",
        "three",
        3,
        3,
        3,
        None,
        None,
        "special flights",
    ),
    (
        "Russia has in recent months deployed a few hundred troops from Africa Corps.",
        "a few hundred",
        None,
        200,
        500,
        "a few hundred",
        None,
        "troops",
    ),
    (
        "About 1,000 Russian military personnel are estimated to be fighting with the Malian army.",
        "About 1,000",
        1000,
        900,
        1100,
        "about",
        None,
        "Russian military personnel",
    ),
    (
        "More than 1,000 US soldiers are stationed in Niger, according to the military.",
        "More than 1,000",
        1000,
        1000,
        None,
        "more than",
        None,
        "US soldiers",
    ),
    (
        "Niger has been hosting some 1,100 American troops in regional outposts.",
        "some 1,100",
        1100,
        990,
        1210,
        "about",
        None,
        "American troops",
    ),
    (
        "The U.S., France and other European countries had poured hundreds of millions of dollars "
        "into shoring up the Nigerien military.",
        "hundreds of millions of dollars",
        None,
        200 * M,
        999 * M,
        "hundreds of millions",
        "USD",
        None,
    ),
    (
        "A transition government would have to restore civilian and democratic rule within 90-120 "
        "days.”",
        "90-120",
        None,
        90,
        120,
        "between",
        None,
        "days",
    ),
    (
        "Islamist insurgents have killed thousands of people and displaced millions more.",
        "thousands",
        None,
        2000,
        9999,
        "thousands",
        None,
        "people",
    ),
    (
        "U.S. troops have operated two military bases, including one that conducts drone missions.",
        "two",
        2,
        2,
        2,
        None,
        None,
        "military bases",
    ),
    (
        "The base in Agadez, which was built six years ago for $110 million, has been vital.",
        "$110 million",
        110 * M,
        110 * M,
        110 * M,
        None,
        "USD",
        None,
    ),
]

SYNTHETIC = [
    ("The EU pledged €2bn to the Sahel.", "€2bn", 2 * B, 2 * B, 2 * B, None, "EUR", None),
    (
        "Washington announced $1.5 billion in aid.",
        "$1.5 billion",
        1.5 * B,
        1.5 * B,
        1.5 * B,
        None,
        "USD",
        None,
    ),
    ("The base cost $110m.", "$110m", 110 * M, 110 * M, 110 * M, None, "USD", None),
    (  # Ecofin: a scale glued to the figure before the currency's name
        "Niger's total budget of 3,245B CFA francs for the fiscal year.",
        "3,245B CFA francs",
        3245 * B,
        3245 * B,
        3245 * B,
        None,
        "XOF",
        None,
    ),
    (
        "London spent £3.2bn on the programme.",
        "£3.2bn",
        3.2 * B,
        3.2 * B,
        3.2 * B,
        None,
        "GBP",
        None,
    ),
    (
        "Parliament approved US$5 million for the camps.",
        "US$5 million",
        5 * M,
        5 * M,
        5 * M,
        None,
        "USD",
        None,
    ),
    (
        "The budget is 10 billion CFA francs.",
        "10 billion CFA francs",
        10 * B,
        10 * B,
        10 * B,
        None,
        "XOF",
        None,
    ),
    (
        "The camps hold 1.2 million refugees.",
        "1.2 million",
        1.2 * M,
        1.2 * M,
        1.2 * M,
        None,
        None,
        "refugees",
    ),
    (
        "The mission has 3,500 peacekeepers in Mali.",
        "3,500",
        3500,
        3500,
        3500,
        None,
        None,
        "peacekeepers",
    ),
    (
        "Russia sent up to 500 Wagner fighters.",
        "up to 500",
        500,
        None,
        500,
        "up to",
        None,
        "Wagner fighters",
    ),
    (
        "The transition must end between 90 and 120 days after the coup.",
        "between 90 and 120",
        None,
        90,
        120,
        "between",
        None,
        "days",
    ),
    (
        "It will cost between $5 million and $10 million.",
        "between $5 million and $10 million",
        None,
        5 * M,
        10 * M,
        "between",
        "USD",
        None,
    ),
    ("It will cost $5-10 million.", "$5-10 million", None, 5 * M, 10 * M, "between", "USD", None),
    ("It lasted two or three years.", "two or three", None, 2, 3, "between", None, "years"),
    ("A dozen advisers arrived.", "A dozen", 12, 12, 12, None, None, "advisers"),
    ("Twenty-five soldiers were killed.", "Twenty-five", 25, 25, 25, None, None, "soldiers"),
    (
        "He commanded one hundred and fifty men.",
        "one hundred and fifty",
        150,
        150,
        150,
        None,
        None,
        "men",
    ),
    (
        "Several hundred troops stayed.",
        "Several hundred",
        None,
        300,
        900,
        "several hundred",
        None,
        "troops",
    ),
    ("Dozens of civilians fled.", "Dozens", None, 24, 119, "dozens", None, "civilians"),
    (
        "Tens of thousands of people fled.",
        "Tens of thousands",
        None,
        20_000,
        99_000,
        "tens of thousands",
        None,
        "people",
    ),
    ("A handful of advisers stayed.", "A handful", None, 3, 6, "a handful", None, "advisers"),
    ("At least 400 soldiers died.", "At least 400", 400, 400, None, "at least", None, "soldiers"),
    (
        "Fewer than 50 civilians remain.",
        "Fewer than 50",
        50,
        None,
        50,
        "fewer than",
        None,
        "civilians",
    ),
    (
        "The grant was less than $3 million.",
        "less than $3 million",
        3 * M,
        None,
        3 * M,
        "less than",
        "USD",
        None,
    ),
    (
        "As many as 2,000 fighters crossed.",
        "As many as 2,000",
        2000,
        None,
        2000,
        "up to",
        None,
        "fighters",
    ),
    (
        "Approximately 600 marines landed.",
        "Approximately 600",
        600,
        540,
        660,
        "about",
        None,
        "marines",
    ),
    ("Almost 700 troops left.", "Almost 700", 700, 630, 700, "nearly", None, "troops"),
    (
        "An estimated 1,200 soldiers deployed.",
        "An estimated 1,200",
        1200,
        1080,
        1320,
        "about",
        None,
        "soldiers",
    ),
    (
        "Just over 300 soldiers stayed.",
        "Just over 300",
        300,
        300,
        None,
        "more than",
        None,
        "soldiers",
    ),
    (
        "It sent 1,000 or more troops.",
        "1,000 or more",
        1000,
        1000,
        None,
        "at least",
        None,
        "troops",
    ),
    ("It sent 500-plus soldiers.", "500-plus", 500, 500, None, "more than", None, "soldiers"),
    (
        "Washington will send 200 armored vehicles.",
        "200",
        200,
        200,
        200,
        None,
        None,
        "armored vehicles",
    ),
    ("Prices rose 15% last year.", "15", 15, 15, 15, None, None, "percent"),
    ("Prices rose 3.5 percent last year.", "3.5", 3.5, 3.5, 3.5, None, None, "percent"),
]


@pytest.mark.parametrize(
    ("sentence", "text", "value", "low", "high", "qualifier", "currency", "noun"),
    SEED_PHRASES + SYNTHETIC,
)
def test_quantity_reads_figure_range_currency_and_noun(
    sentence, text, value, low, high, qualifier, currency, noun
) -> None:
    q = _only(sentence, text)
    assert sentence[q.start : q.end] == q.text
    assert q.value == (None if value is None else pytest.approx(value))
    assert q.low == (None if low is None else pytest.approx(low))
    assert q.high == (None if high is None else pytest.approx(high))
    assert (q.qualifier, q.currency, q.noun) == (qualifier, currency, noun)
    if noun not in (None, "percent"):
        assert sentence[q.noun_start : q.noun_end] == noun


# sentence, the texts of every quantity in it (often none)
WHOLE_SENTENCES = [
    ("The US operates Airbase 201 near Agadez.", []),
    ("It is a drone base known as air base 201, built near Agadez.", []),
    ("The Security Council adopted Resolution 2719 in 2023.", []),
    ("Flight MH17 was shot down and Niger wants F-16 jets.", []),
    ("COVID-19 slowed the G7 summit.", []),
    ("The crisis erupted on July 26 and troops left by December 22.", []),
    ("Blinken spoke in Mexico City, Thursday, Oct. 5, 2023.", []),
    ("Since 2018 the base has been used to target militants.", []),
    ("As of 2023 there were about 1,100 US troops in Niger.", ["about 1,100"]),
    ("Copyright 2023 The Associated Press. All rights reserved", []),
    ("Phee and Langley would travel to Niamey on March 12 and March 13.", []),
    ("The talks ran on March 12-13 and between 2019 and 2021, the 2023-24 budget grew.", []),
    ("The 21st century began after the 1990s.", []),
    ("The meeting began at 10:30 and ended at 9 pm.", []),
    ("Full Screen 1 / 2", []),
    ("Call +1 202-555-0100 for details.", []),
    ("Niger was seen as one of the last democratic countries in the Sahel.", []),
    ("No one knows which one that was.", []),
    ("The Pentagon withdrew a small number of non-essential personnel.", []),
    ("He cut the force from 1,100 to 648 troops.", ["1,100", "648"]),
    ("Kenya will deploy 1,000 police officers and 200 soldiers to Haiti.", ["1,000", "200"]),
]


@pytest.mark.parametrize(("sentence", "texts"), WHOLE_SENTENCES)
def test_dates_names_and_pronouns_are_not_quantities(sentence, texts) -> None:
    assert [q.text for q in find_quantities(sentence)] == texts


# sentence, quantity text, value, the unit whose strength it is
STRENGTHS = [
    (
        "France maintains a 2,000-strong military force there to guard against jihadists.",
        "2,000-strong",
        2000,
        "military force",
    ),
    (
        "Paris began pulling out the 1,500-strong French contingent.",
        "1,500-strong",
        1500,
        "French contingent",
    ),
    ("The three juntas announced a 5,000-strong joint force.", "5,000-strong", 5000, "joint force"),
    ("The army reinforced its 2000-strong garrison.", "2000-strong", 2000, "garrison"),
    ("Kenya led a 1,000 strong mission to Haiti.", "1,000 strong", 1000, "mission"),
    ("Officials spoke of a roughly 300-strong unit.", "roughly 300-strong", 300, "unit"),
]


@pytest.mark.parametrize(("sentence", "text", "value", "noun"), STRENGTHS)
def test_a_units_strength_is_a_figure_of_its_members(sentence, text, value, noun) -> None:
    q = _only(sentence, text)
    assert (q.value, q.noun, q.strength) == (value, noun, True)
    assert sentence[q.noun_start : q.noun_end] == noun


@pytest.mark.parametrize(
    "sentence", ["The rebels held 5 strong points.", "Growth was strong in 2019 strong."]
)
def test_strong_without_a_hyphen_or_a_determiner_is_an_adjective(sentence: str) -> None:
    assert not any(q.strength for q in find_quantities(sentence))


# Every quantity in each seed article, in order: (text, noun).
SEED_ARTICLES = {
    "000_f8cdc2aa81b02ecd.txt": [
        ("thousands", "people"),
        ("millions", None),
        ("two", "months"),
        ("two", "military bases"),
        ("One", "official"),
        ("about 1,000", "Department of Defense personnel"),
        ("one", "official"),
        ("1,100", "troops"),
        ("90-120", "days"),
        ("nearly $200 million", None),
        ("three", "special flights"),
        ("two", None),
        ("97", "elements of the special forces"),
        ("Some 1,400", "French soldiers and airmen"),
        ("around 1,000", None),
        ("400", None),
        ("two", "forward bases"),
        ("three", "borders"),  # the “three borders” zone: a name, but also literally a count
    ],
    "001_9c090810648d2c8f.txt": [
        ("648", "US troops"),
        ("about 1,100", "US soldiers"),
        ("over $100 million", None),
    ],
    "002_f98b2fc56403bcfd.txt": [
        ("one", "U.S. official"),
        ("about 1,000", "U.S. troops"),
        ("$110 million", "air base"),
        # "consolidated our presence to 201": Airbase 201, but nothing in the sentence says so;
        # with no noun and no count before it, the extractor makes no fact of it.
        ("201", None),
    ],
    "003_09b16d0399a74e6a.txt": [
        ("two", "countries"),
        ("More than 1,000", "US soldiers"),
        ("two", "countries"),
        ("a few hundred", "troops"),
        ("about 1,000", "Russian military personnel"),
        ("six", "years"),
        ("$110 million", None),
        ("about 1,100", "US troops"),
        ("two", "bases"),
    ],
    "004_e4ab4942afc97067.txt": [
        ("some 1,100", "American troops"),
        ("hundreds of millions of dollars", None),
    ],
}


def _seed_sentences(name: str) -> list[str]:
    return [s for s in _SPLIT.split((SEEDS / name).read_text(encoding="utf-8")) if s.strip()]


@pytest.mark.parametrize("name", sorted(SEED_ARTICLES))
def test_every_quantity_in_the_seed_articles(name: str) -> None:
    found = [(q.text, q.noun) for s in _seed_sentences(name) for q in find_quantities(s)]
    assert found == SEED_ARTICLES[name]


@pytest.mark.parametrize("name", sorted(SEED_ARTICLES))
def test_spans_quote_the_sentence_and_ranges_hold_the_value(name: str) -> None:
    for sentence in _seed_sentences(name):
        for q in find_quantities(sentence):
            assert sentence[q.start : q.end] == q.text
            assert q.text == q.text.strip()
            if q.noun is not None:
                assert sentence[q.noun_start : q.noun_end] in (q.noun, "%")
            if q.value is not None:
                assert q.low is None or q.low <= q.value
                assert q.high is None or q.value <= q.high
            else:
                assert q.low is not None and q.high is not None and q.low < q.high


# Words every rule of find_quantities looks at, glued or spaced, so that fuzzed text has figures.
QUANTITY_WORDS = st.sampled_from(
    sorted(_lex()["starts"] | set(_lex()["numbers"]) | set(_lex()["scales"]))
    + ["troops", "of", "and", "to", "or", "-", "–", "$", "US", "%", "million", "5", "1,000"]
    + ["2.5", "2019", "March", "Airbase", "one", "the", ",", "/", ":", "s", "st"]
)
QUANTITY_TEXT = st.one_of(
    st.text(max_size=60),
    st.lists(st.tuples(QUANTITY_WORDS, st.sampled_from([" ", "", "-"])), max_size=14).map(
        lambda pairs: "".join(word + gap for word, gap in pairs)
    ),
)


def _every_token_tried(text: str) -> list[Quantity]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(quantities, "_may_start", lambda token: True)
        return find_quantities(text)


@settings(max_examples=300, deadline=None)
@given(QUANTITY_TEXT)
def test_skipping_words_that_cannot_start_a_quantity_loses_none(text: str) -> None:
    assert find_quantities(text) == _every_token_tried(text)


def test_skipping_words_loses_no_quantity_of_the_examples_or_the_seeds() -> None:
    sentences = [row[0] for row in SEED_PHRASES + SYNTHETIC + WHOLE_SENTENCES + STRENGTHS]
    sentences += [s for name in sorted(SEED_ARTICLES) for s in _seed_sentences(name)]
    for sentence in sentences:
        assert find_quantities(sentence) == _every_token_tried(sentence)
