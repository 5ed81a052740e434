"""Dates: every date the bot shows is in the sentence or follows from it by a stated rule.

Each row reads: in this sentence, from an article published on this day, these are the date
expressions, the date each names (only as precise as the text supports) and how it relates to
the event ("on", "by", "since", ...). The seed rows quote the seed articles verbatim and, together,
hold every date expression in them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from store.extraction.dates import (
    DateMention,
    PartialDate,
    find_dates,
    parse_date_text,
    timeml_value,
)
from store.extraction.extract import extract

PUBLISHED = {
    "000": dt.date(2023, 10, 10),  # Tuesday
    "001": dt.date(2023, 12, 13),  # Wednesday
    "002": dt.date(2024, 3, 22),  # Friday
    "003": dt.date(2024, 3, 18),  # Monday
    "004": dt.date(2023, 10, 9),  # Monday
}

SEED_ROWS: list[tuple[str, str, list[tuple[str, str, str]]]] = [
    (
        "000",
        "The United States on Tuesday declared that the July takeover in Niger was a military "
        "coup d’etat, which results in officially suspending assistance to Niger, but there "
        "are no plans to change the U.S. troop presence in the country, senior administration "
        "officials said.",
        [("on Tuesday", "2023-10-10", "on"), ("July", "2023-07", "on")],
    ),
    (
        "000",
        "Assistance that would be affected by the coup designation was already paused, but "
        "Tuesday’s decision officially suspends it.",
        [("Tuesday", "2023-10-10", "on")],
    ),  # the "would" belongs to the other clause
    (
        "000",
        "“We’re taking this action because over the last two months, we’ve exhausted all "
        "available avenues to preserve constitutional order in Niger,” the official said.",
        [],
    ),  # a duration, not a date
    (
        "000",
        "The United States has been pressing for a diplomatic resolution of the crisis that "
        "erupted on July 26 when Niger military officers seized power, deposed President "
        "Mohamed Bazoum and placed him under house arrest.",
        [("on July 26", "2023-07-26", "on")],
    ),
    (
        "000",
        "Over the past decade, U.S. troops have trained Nigerien forces in counterterrorism "
        "and operated two military bases, including one that conducts drone missions against "
        "Islamic State and an Al Qaeda affiliate in the region.",
        [],
    ),
    (
        "000",
        "The Pentagon in September repositioned some troops and equipment within Niger and "
        "withdrew a small number of non-essential personnel.",
        [("in September", "2023-09", "on")],
    ),
    (
        "000",
        "The first official said Washington had urged the junta to abide by the constitution, "
        "which in the view of the United States stipulated a “transition government dealing "
        "with a national emergency would have to restore civilian and democratic rule within "
        "90-120 days.”",
        [],
    ),
    (
        "000",
        "Washington in August paused certain foreign assistance programs totaling nearly $200 "
        "million that benefit the government of Niger, but said it would continue giving "
        "humanitarian and food assistance.",
        [("in August", "2023-08", "on")],
    ),
    (
        "000",
        "French soldiers left their bases in Niger on Tuesday in a first ground convoy under "
        "local escort, “heading for Chad”, said the military regime in power in Niamey since "
        "the end of July.",
        [("on Tuesday", "2023-10-10", "on"), ("since the end of July", "2023-07", "since")],
    ),
    (
        "000",
        "“Troops based in Ouallam (west) left their base today.",
        [("today", "2023-10-10", "on")],
    ),
    (
        "000",
        "These are operations for the departure of the first land convoy bound for Chad under "
        "escort from our Defense and Security Forces”, said the Niamey regime, in a statement "
        "read out Tuesday evening on national television.",
        [("Tuesday evening", "2023-10-10", "on")],
    ),
    (
        "000",
        "The withdrawal of the French troops was quickly demanded by Niger’s generals after "
        "they came to power, and French President Emmanuel Macron announced their departure "
        "at the end of September.",
        [("at the end of September", "2023-09", "on")],
    ),
    (
        "001",
        "France is completing its withdrawal from Niger this month, but the US is maintaining "
        "its military presence",
        [("this month", "2023-12", "on")],
    ),
    (
        "000",
        "There are now about 1,000 Department of Defense personnel in the country, one "
        "official said.",
        [("now", None, "on")],
    ),
    (
        "004",
        "And the junta’s capacity to improve Niger’s security has increasingly been questioned "
        "recently as attacks have increased since mutinous soldiers toppled the government.",
        [("recently", None, "on")],
    ),
    (
        "001",
        "A US official said Wednesday that the US is planning to resume its security "
        "partnership with the post-coup government of Niger, known as the National Council "
        "for the Safeguard of the Homeland (CNSP).",
        [("Wednesday", "2023-12-13", "on")],
    ),  # the publication day itself
    (
        "001",
        "Niger military officers established the CNSP, which is led by Gen. Abdourahamane "
        "Tchiani, after ousting former President Mohamed Bazoum in a July 26 coup.",
        [("July 26", "2023-07-26", "on")],
    ),
    (
        "001",
        "According to Reuters, President Biden told Congress last week that there are "
        "currently 648 US troops stationed in Niger.",
        [("last week", "2023-12", "on"), ("currently", None, "on")],
    ),  # 4-10 December: one month; "currently" names the present, no calendar date
    (
        "001",
        "Before the US repositioned its forces in September, there were about 1,100 US "
        "soldiers in the country.",
        [("in September", "2023-09", "on")],
    ),
    (
        "001",
        "The US also has a major drone base in Niger that cost over $100 million to build, "
        "known as Airbase 201.",
        [],
    ),
    (
        "001",
        "Niger’s military said Tuesday that French troops would complete the withdrawal by "
        "December 22 and that they were leaving “for good.”",
        [("Tuesday", "2023-12-12", "on"), ("by December 22", "2023-12-22", "by")],
    ),
    (
        "002",
        "By Micaela Burrow, The Daily Caller News Foundation | March 22, 2024",
        [("March 22, 2024", "2024-03-22", "on")],
    ),
    (
        "002",
        "The Nigerien government that came to power in July, in a nation historically viewed "
        "as an ally and partner in counter-terrorism efforts, announced Saturday plans to end "
        "military cooperation with the U.S., according to the Post, citing U.S. officials.",
        [("in July", "2023-07", "on"), ("Saturday", "2024-03-16", "on")],
    ),
    (
        "002",
        "But one U.S. official said the Biden administration believes the threat is “less "
        "some sort of principled stand against U.S. assistance than it was a fit of pique "
        "over the deep concerns we expressed to them last week about the direction they’re "
        "moving on a number of fronts” in comments to the Post.",
        [("last week", "2024-03", "on")],
    ),
    (
        "002",
        "On state TV Saturday, he declared that the U.S. military presence violates Niger’s "
        "constitution and, effective immediately, the government would end all security "
        "cooperation with the U.S.",
        [("Saturday", "2024-03-16", "on")],
    ),
    (
        "002",
        "Assistant Secretary of Defense for International Security Affairs Celeste Wallander "
        "said on Thursday the CNSP had yet to formally ask U.S. troops to leave after "
        "questioning from lawmakers, The New York Times reported.",
        [("on Thursday", "2024-03-21", "on")],
    ),
    (
        "002",
        "“They’re still operating as they were from July, when the initial coup did happen,” "
        "Pentagon deputy press secretary Sabrina Singh said later that day at a press "
        "conference.",
        [("from July", "2023-07", "since")],
    ),
    ("002", "“We’ve consolidated our presence to 201.", []),
    (
        "003",
        "The military junta ruling Niger which until last year was seen as a major ally of "
        "the United States in West Africa at the weekend announced on state television that "
        "it was ending its military relationship with the country.",
        [("until last year", "2023", "until"), ("at the weekend", "2024-03", "on")],
    ),
    (
        "003",
        "The announcement by a spokesman for the junta government, which overthrew Niger’s "
        "democratically elected president last year, came directly on the heels of a visit "
        "to the capital Niamey by US Assistant Secretary of State, Molly Phee, the State "
        "Department’s top official for African Affairs, and Gen. Michael Langley, who heads "
        "the US military operations in Africa.",
        [("last year", "2023", "on")],
    ),
    (
        "003",
        "The mission was among diplomatic efforts by the US to find ways to work with "
        "military governments in the region, where violence wrought by Islamist extremists "
        "has, in recent years, rapidly escalated, The Washington Post reported.",
        [],
    ),
    (
        "003",
        "US’ State Department spokesman, Matthew Miller, said that officials are “aware of "
        "the statement” and that it had followed “frank discussions” this week with leaders "
        "in Niamey, relaying US concerns about the ruling junta’s trajectory.",
        [("this week", "2024-03", "on")],
    ),
    (
        "003",
        "The State Department had previously said that Phee and Langley would travel to "
        "Niamey on March 12 and March 13 “to continue ongoing discussions since August with "
        "leaders of the National Council for Safeguarding the Homeland (CNSP) regarding "
        "Niger’s return to a democratic path and the future of our security and development "
        "partnership.”",
        [
            ("on March 12", "2024-03-12", "on"),
            ("March 13", "2024-03-13", "on"),
            ("since August", "2023-08", "since"),
        ],
    ),  # reported "would", days before publication
    (
        "003",
        "Following the coup last year, the United States largely suspended military aid to "
        "Niger, with activity at the base limited to surveillance for protection of US "
        "forces.",
        [("last year", "2023", "on")],
    ),
    (
        "003",
        "Phee said in an interview with The Washington Post last month that she had "
        "emphasised the importance of a swift democratic transition to the Nigerien "
        "government, saying that US assistance would remain suspended until Niger sets a "
        "timeline for restoring democracy.",
        [("last month", "2024-02", "on")],
    ),
    (
        "003",
        "Niger, along with neighbouring Mali and Burkina Faso — which are also led by "
        "military juntas — has grown increasingly close with Russia, which has made concerted "
        "efforts in recent years to expand its influence in the region, especially via "
        "security partnerships, The Washington Post report added.",
        [],
    ),
    (
        "003",
        "Niger has “state-to-state” relations with Russia, Abdramane said Saturday, adding "
        "that all agreements between the two countries had been made transparently.",
        [("Saturday", "2024-03-16", "on")],
    ),
    (
        "003",
        "In December, Russia and Niger announced that they had signed new security "
        "agreements, but it was not clear at the time what the agreements involved.",
        [("In December", "2023-12", "on")],
    ),
    (
        "003",
        "In Burkina Faso, Russia has in recent months deployed a few hundred troops from "
        "Africa Corps — which is described by Russian officials as the successor to the "
        "Wagner mercenary group — while about 1,000 Russian military personnel are estimated "
        "to be fighting with the Malian army.",
        [],
    ),
    (
        "003",
        "Abdramane emphasised in his statement that Niger’s relations with Russia, along "
        "with Iran, stretch back decades, and criticised the United States",
        [],
    ),
    (
        "003",
        "US military officials say that the base in Agadez, which was built six years ago for "
        "$110 million, has been vital for monitoring extremist groups",
        [("six years ago", "2018", "on")],
    ),  # the unit is years, so a year
    (
        "003",
        "In an interview earlier this year, Langley warned that if the US closed the drone "
        "base, the move would be “impactful” in Niger and the region, and for the United "
        "States’ broader counterterrorism strategy.",
        [("earlier this year", "2024", "on")],
    ),
    (
        "003",
        "As of 2023 there were about 1,100 US troops in Niger, where the US military operates "
        "out of two bases including a drone base known as airbase 201, built near Agadez in "
        "central Niger.",
        [("As of 2023", "2023", "as_of")],
    ),
    (
        "003",
        "Since 2018 the base has been used to target Islamic State militants and Jama’at "
        "Nusrat al-Islam wal Muslimeen (JNIM), an al-Qaida affiliate, in the Sahel region.",
        [("Since 2018", "2018", "since")],
    ),
    ("004", "Copyright 2023 The Associated Press. All rights reserved", [("2023", "2023", "on")]),
    (
        "004",
        "US Secretary of State Antony Blinken, right, speaks during a press conference after "
        "a meeting on security, at the National Palace in Mexico City, Thursday, Oct. 5, "
        "2023.",
        [("Thursday, Oct. 5, 2023", "2023-10-05", "on")],
    ),
    (
        "004",
        "The State Department said Blinken called Bazoum on Monday to stress that a "
        "restoration of a freely elected government remains the best way for Niger",
        [("on Monday", "2023-10-09", "on")],
    ),
    (
        "004",
        "Blinken's call came as the Democratic administration is preparing to make a formal "
        "determination that July’s military takeover in the central African nation meets "
        "the legal standard for a coup, according to officials familiar with the matter.",
        [("July", "2023-07", "on")],
    ),
    (
        "004",
        "That determination could come as early as Tuesday, the officials said.",
        [("as early as Tuesday", "2023-10-10", "as_early_as")],
    ),  # forward: the day after
    (
        "004",
        "The officials said the Pentagon had resisted such a move and hinted that the "
        "administration may have found a legal rationale to continue counterterrorism "
        "cooperation with the military junta.",
        [],
    ),  # "may" the verb
    (
        "004",
        "Niger has battled a jihadi insurgency linked to al-Qaida and the Islamic State group "
        "for years.",
        [],
    ),
    (
        "004",
        "But late last month, French President Emmanuel Macron agreed to withdraw France’s "
        "ambassador and troops from Niger after demands from the junta and amid widespread "
        "anti-French sentiment in the former colony.",
        [("late last month", "2023-09", "on")],
    ),
]

MON_2024_03_18 = dt.date(2024, 3, 18)
WED_2023_12_13 = dt.date(2023, 12, 13)
TUE_2023_10_10 = dt.date(2023, 10, 10)

GENERAL_ROWS: list[tuple[str, dt.date | None, list[tuple[str, str | None, str]]]] = [
    # Explicit dates resolve with or without a publication date.
    (
        "The coup happened on July 26, 2023, in Niamey.",
        None,
        [("on July 26, 2023", "2023-07-26", "on")],
    ),
    ("The vote was held on 5 October 2023.", None, [("on 5 October 2023", "2023-10-05", "on")]),
    ("Elections were promised for March 2024.", None, [("March 2024", "2024-03", "on")]),
    ("The file is dated 2023-10-10.", None, [("2023-10-10", "2023-10-10", "on")]),
    ("In 2023 the base was busy.", None, [("In 2023", "2023", "on")]),
    ("The junta wants elections by 2025.", MON_2024_03_18, [("by 2025", "2025", "by")]),
    (
        "Attacks rose in mid-2023 and early 2024.",
        None,
        [("in mid-2023", "2023", "on"), ("early 2024", "2024", "on")],
    ),
    ("Talks began in mid-March 2024.", None, [("in mid-March 2024", "2024-03", "on")]),
    # A decade names no single year: no date, its span in the details (see below).
    ("In the 1990s, Niger held elections.", None, [("In the 1990s", None, "on")]),
    (
        "The 2023 elections and the 2024 budget were delayed.",
        None,
        [("2023", "2023", "on"), ("2024", "2024", "on")],
    ),
    # Relative expressions need the publication date.
    ("Officials said on Tuesday that talks continued.", None, [("on Tuesday", None, "on")]),
    ("Officials met in August.", None, [("in August", None, "on")]),
    ("The base was built six years ago.", None, [("six years ago", None, "on")]),
    # Months and days without a year: past by default, forward on a future cue.
    ("Elections were held in May.", MON_2024_03_18, [("in May", "2023-05", "on")]),
    ("Elections are expected in May.", MON_2024_03_18, [("in May", "2024-05", "on")]),
    ("The summit will be held in December.", MON_2024_03_18, [("in December", "2024-12", "on")]),
    ("The ceasefire began May 5.", MON_2024_03_18, [("May 5", "2023-05-05", "on")]),
    (
        "Phee and Langley would travel to Niamey on March 12.",
        MON_2024_03_18,
        [("on March 12", "2024-03-12", "on")],
    ),
    (
        "Phee will travel to Niamey next March 12.",
        MON_2024_03_18,
        [("March 12", "2025-03-12", "on")],
    ),  # "next" overrides the near-past window
    ("Fighting resumed in mid-August.", TUE_2023_10_10, [("in mid-August", "2023-08", "on")]),
    (
        "Aid is suspended until December, before 2020 and after July.",
        TUE_2023_10_10,
        [
            ("until December", "2023-12", "until"),
            ("before 2020", "2020", "before"),
            ("after July", "2023-07", "after"),
        ],
    ),
    (
        "Talks ran from March to May.",
        dt.date(2024, 6, 1),
        [("from March", "2024-03", "since"), ("May", "2024-05", "until")],
    ),
    (
        "Russia deployed 1,000 troops on 3 March.",
        dt.date(2024, 6, 1),
        [("on 3 March", "2024-03-03", "on")],
    ),
    # Weekdays: the most recent one (publication day included), the next one on a future cue.
    ("The minister will visit on Friday.", WED_2023_12_13, [("on Friday", "2023-12-15", "on")]),
    (
        "He spoke last Tuesday and will speak next Tuesday.",
        WED_2023_12_13,
        [("last Tuesday", "2023-12-12", "on"), ("next Tuesday", "2023-12-19", "on")],
    ),
    (
        "Shots were heard on Monday night.",
        WED_2023_12_13,
        [("on Monday night", "2023-12-11", "on")],
    ),
    (
        "He will fly there tomorrow after arriving yesterday.",
        WED_2023_12_13,
        [("tomorrow", "2023-12-14", "on"), ("yesterday", "2023-12-12", "on")],
    ),
    # Weeks, months and years: the smallest calendar unit holding the whole span.
    ("The talks will resume next week.", WED_2023_12_13, [("next week", "2023-12", "on")]),
    ("The talks will resume next month.", WED_2023_12_13, [("next month", "2024-01", "on")]),
    ("The talks will resume next year.", WED_2023_12_13, [("next year", "2024", "on")]),
    ("A deal is possible early next year.", TUE_2023_10_10, [("early next year", "2024", "on")]),
    ("Talks continued this week.", dt.date(2024, 2, 29), [("this week", "2024", "on")]),
    ("The junta spoke at the weekend.", dt.date(2024, 4, 1), [("at the weekend", "2024-03", "on")]),
    ("Troops left last week.", dt.date(2024, 1, 1), [("last week", "2023-12", "on")]),
    (
        "It was built a decade ago, and expanded two weeks ago, three days ago and four months ago.",
        WED_2023_12_13,
        [
            ("a decade ago", "2013", "on"),
            ("two weeks ago", "2023", "on"),
            ("three days ago", "2023-12-10", "on"),
            ("four months ago", "2023-08", "on"),
        ],
    ),
    # False friends and durations are not dates.
    ("It may have found a legal rationale.", TUE_2023_10_10, []),
    ("Protesters staged a march on the capital.", TUE_2023_10_10, []),
    ("The March on the capital drew thousands.", TUE_2023_10_10, []),
    ("Protesters plan to march in March.", TUE_2023_10_10, [("in March", "2024-03", "on")]),
    ("The drone base, known as Airbase 201, cost $110 million.", TUE_2023_10_10, []),
    ("The program cost $2023 in fees.", TUE_2023_10_10, []),
    ("Washington sent 2023 troops to the region.", TUE_2023_10_10, []),
    ("The UN adopted Resolution 2719 and Resolution 2020.", TUE_2023_10_10, []),
    ("At 1900 GMT the convoy left.", TUE_2023_10_10, []),
    ("The Sunday Times reported it on Good Friday.", TUE_2023_10_10, []),
    (
        "Over the last two months, over the past decade and for years, in recent years, in recent "
        "months, for decades, talks stalled.",
        TUE_2023_10_10,
        [],
    ),
    ("Over the last year, the junta tightened control.", TUE_2023_10_10, []),
    ("The transition must end within 90-120 days.", TUE_2023_10_10, []),
    ("The deadline is February 30.", TUE_2023_10_10, []),
]


def _read(mentions: list[DateMention]) -> list[tuple[str, str | None, str]]:
    return [(m.text, m.date.iso() if m.date else None, m.relation) for m in mentions]


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [pytest.param(s, PUBLISHED[seed], e, id=f"{seed}:{s[:40]}") for seed, s, e in SEED_ROWS],
)
def test_seed_sentences(sentence: str, published: dt.date, expected: list) -> None:
    assert _read(find_dates(sentence, published)) == expected


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [pytest.param(s, p, e, id=s[:40]) for s, p, e in GENERAL_ROWS],
)
def test_general_cases(sentence: str, published: dt.date | None, expected: list) -> None:
    assert _read(find_dates(sentence, published)) == expected


def _seed_texts(seeds_dir: Path) -> dict[str, str]:
    return {seed: next(seeds_dir.glob(f"{seed}_*.txt")).read_text() for seed in PUBLISHED}


def test_seed_rows_quote_the_articles_verbatim(seeds_dir: Path) -> None:
    texts = _seed_texts(seeds_dir)
    assert [s[:50] for seed, s, _ in SEED_ROWS if s not in texts[seed]] == []


def test_seed_rows_hold_every_date_in_the_seeds(seeds_dir: Path) -> None:
    """Read line by line, the seeds give exactly the table's dates: none missed, none extra."""
    found = Counter(
        (seed, *mention)
        for seed, text in _seed_texts(seeds_dir).items()
        for line in text.splitlines()
        for mention in _read(find_dates(line, PUBLISHED[seed]))
    )
    expected = Counter((seed, *row) for seed, _, rows in SEED_ROWS for row in rows)
    assert sum(expected.values()) >= 45
    assert found == expected


def test_a_mention_spans_its_text_and_states_its_rule() -> None:
    sentence = "Niger’s military said Tuesday that French troops would leave by December 22."
    tuesday, deadline = find_dates(sentence, WED_2023_12_13)
    assert sentence[tuesday.start : tuesday.end] == tuesday.text == "Tuesday"
    assert tuesday.rule == "weekday on or before publication"
    assert deadline.rule == "month and day on or after publication"
    assert find_dates("It happened on Tuesday.", None)[0].rule == "needs the publication date"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 22, 2024", dt.date(2024, 3, 22)),
        ("Oct. 5, 2023", dt.date(2023, 10, 5)),
        ("Thursday, Oct. 5, 2023", dt.date(2023, 10, 5)),
        ("2024-03-22", dt.date(2024, 3, 22)),
        ("22 March 2024", dt.date(2024, 3, 22)),
        ("2024-03-22T10:00:00Z", dt.date(2024, 3, 22)),
        ("2024-03-22 10:00:00+00:00", dt.date(2024, 3, 22)),
        (
            "By Micaela Burrow, The Daily Caller News Foundation | March 22, 2024",
            dt.date(2024, 3, 22),
        ),
        ("MARCH 22, 2024", dt.date(2024, 3, 22)),
        ("March 2024", None),  # not a full date
        ("February 30, 2024", None),
        ("no date here", None),
    ],
)
def test_parse_date_text(text: str, expected: dt.date | None) -> None:
    assert parse_date_text(text) == expected


def test_partial_dates_print_parse_and_sort() -> None:
    dates = [PartialDate(2023, 10, 10), PartialDate(2023), PartialDate(2023, 10)]
    assert [d.iso() for d in dates] == ["2023-10-10", "2023", "2023-10"]
    assert [d.precision for d in dates] == ["day", "year", "month"]
    assert [PartialDate.parse(d.iso()) for d in dates] == dates
    assert sorted(dates, key=PartialDate.sort_key) == [dates[1], dates[2], dates[0]]


# Issue 18, each fix on sentences from news (TempEval-3's TimeBank, AQUAINT and platinum
# articles, with their creation dates as publication dates, and the seed articles).
WSJ_1989_10_27 = dt.date(1989, 10, 27)  # a Friday
NEWS_ROWS: list[tuple[str, dt.date, list[tuple[str, str | None, str]]]] = [
    # A full stop inside the clause ends an abbreviation, not the clause: "will" still counts.
    (
        "Mr. Hall will succeed Daniel P. Davison Feb. 1.",
        WSJ_1989_10_27,
        [("Feb. 1", "1990-02-01", "on")],
    ),
    (
        "The group would be ready to leave for the United States as soon as Tuesday, Castro said.",
        dt.date(2000, 4, 3),
        [("Tuesday", "2000-04-04", "on")],
    ),
    # A year-less day with no cue and no past verb is the nearest one ("payable Dec. 1").
    (
        "AEP INDUSTRIES Inc. directors authorized a 3-for-2 split of the common, payable Dec. 7 "
        "to stock of record Nov. 22.",
        WSJ_1989_10_27,
        [("Dec. 7", "1989-12-07", "on"), ("Nov. 22", "1989-11-22", "on")],
    ),
    ("The ceasefire began May 5.", dt.date(2024, 3, 18), [("May 5", "2023-05-05", "on")]),
    # ... but a past-tense day at most a week after publication is that one, not last year's,
    # which news would write with its year (an article of 30 August 2024 on a deadline).
    ("It was limited to August 31.", dt.date(2024, 8, 30), [("August 31", "2024-08-31", "on")]),
    (
        "It was limited to September 10.",
        dt.date(2024, 8, 30),
        [("September 10", "2023-09-10", "on")],
    ),
    # A year before a word ending in "s" is a year unless that word is a plural noun.
    ("Sales rose in 2012 as prices fell.", dt.date(2013, 3, 22), [("in 2012", "2012", "on")]),
    ("Washington sent 2023 troops to the region.", dt.date(2023, 10, 10), []),
    # Year ranges give both years.
    (
        "One exception was the swine flu pandemic of 2009-2010, when 348 children died.",
        dt.date(2013, 3, 22),
        [("2009", "2009", "on"), ("2010", "2010", "on")],
    ),
    (
        "Mr Lowe also took part in the trans-Antarctic expedition of 1957-58.",
        dt.date(2013, 3, 22),
        [("1957", "1957", "on"), ("58", "1958", "on")],
    ),
    ("The transition must end within 90-120 days.", dt.date(2023, 10, 10), []),
    # Quarters, weeks, seasons, fiscal years: the contract's date is the finest unit holding
    # the span (a quarter's year, a week's month when it fits in one).
    (
        "Hadson Corp. said it expects to report a third-quarter net loss of $17 million.",
        dt.date(1989, 11, 2),
        [("third-quarter", "1989", "on")],
    ),
    (
        "In the year-earlier third quarter, Poughkeepsie Savings had net income of $2.8 million.",
        WSJ_1989_10_27,
        [("In the year-earlier third quarter", "1988", "on")],
    ),
    (
        "Output fell in the first quarter of 2024.",
        None,
        [("in the first quarter of 2024", "2024", "on")],
    ),
    (
        "A New York man who was accused of faking his death last summer pleaded guilty.",
        dt.date(2013, 3, 22),
        [("last summer", "2012", "on")],
    ),
    (
        "The FAA must cut nearly $600 million from its budget this fiscal year.",
        dt.date(2013, 3, 22),
        [("this fiscal year", "2013", "on")],
    ),
    ("Profit rose in fiscal 1998.", None, [("in fiscal 1998", "1998", "on")]),
    # Decades and centuries name no single year: no date, their span in the details.
    (
        "He was involved in two of the most important explorations of the 20th Century.",
        dt.date(2013, 3, 22),
        [("the 20th Century", None, "on")],
    ),
    # Counted from the date mentioned before, in the sentence: not from publication.
    (
        "Troops left on October 3 and two days later reached the border.",
        dt.date(2023, 10, 10),
        [("on October 3", "2023-10-03", "on"), ("two days later", "2023-10-05", "on")],
    ),
    (
        "Sales were $388.5 million in the third quarter of 1988, and $538.5 million a year later.",
        None,
        [("in the third quarter of 1988", "1988", "on"), ("a year later", "1989", "on")],
    ),
    # Present and past references are found, with no date.
    ("The talks are now stalled.", dt.date(2023, 10, 10), [("now", None, "on")]),
]


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [pytest.param(s, p, e, id=s[:40]) for s, p, e in NEWS_ROWS],
)
def test_news_sentences(sentence: str, published: dt.date | None, expected: list) -> None:
    assert _read(find_dates(sentence, published)) == expected


def _details(sentence: str, published: dt.date | None) -> list[dict[str, str]]:
    return [m.details for m in find_dates(sentence, published)]


def test_finer_precision_is_kept_in_the_details_with_its_span() -> None:
    week = find_dates("Talks continued this week.", dt.date(2024, 2, 29))[0]
    assert (week.date, week.details) == (
        PartialDate(2024),
        {"start": "2024-02-26", "end": "2024-03-03", "precision": "week"},
    )
    assert _details("Third-quarter profit rose.", dt.date(1989, 11, 2)) == [
        {"start": "1989-07-01", "end": "1989-09-30", "precision": "quarter"}
    ]
    assert _details("He left last summer.", dt.date(2013, 3, 22)) == [
        {"start": "2012-06-01", "end": "2012-08-31", "precision": "season", "season": "summer"}
    ]
    assert _details("In the 1990s, Niger held elections.", None) == [
        {"start": "1990-01-01", "end": "1999-12-31", "precision": "decade"}
    ]
    assert _details("Now talks resume.", None) == [{"reference": "present"}]


def test_the_finest_timeml_value_a_mention_supports() -> None:
    def values(sentence: str, published: dt.date | None) -> list[str | None]:
        return [timeml_value(m) for m in find_dates(sentence, published)]

    assert values(
        "It rose this week, in the third quarter and last summer.", dt.date(2013, 3, 22)
    ) == [
        "2013-W12",
        "2012-Q3",
        "2012-SU",
    ]
    assert values("In the 1990s and the 20th century, now.", None) == ["199", "19", "PRESENT_REF"]
    assert values("On March 12, 2024.", None) == ["2024-03-12"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two days later, the convoy reached the border.", "2023-07-28"),
        ("The next day, the soldiers crossed into Chad.", "2023-07-27"),
        ("That same day, the embassy closed.", "2023-07-26"),
        ("The day before, talks had failed.", "2023-07-25"),
        ("Later that year, the French left.", "2023"),
        ("A year earlier, aid had been increased.", "2022"),
    ],
)
def test_anchored_dates_count_from_the_date_last_mentioned(text: str, expected: str) -> None:
    """ "The next day" is the day after the date the article last named, not after publication."""
    (before,) = find_dates("The coup took place on July 26, 2023.", dt.date(2024, 3, 18))
    (found,) = find_dates(text, dt.date(2024, 3, 18), anchor=before)
    assert found.date is not None and found.date.iso() == expected
    assert found.details["anchored"] == "the date last mentioned"


def test_a_day_counts_from_the_previous_sentence_when_the_sentence_names_only_a_month() -> None:
    """Seed 002: "later that day" is the Thursday of the sentence before, not July."""
    (thursday,) = find_dates(
        "Assistant Secretary of Defense for International Security Affairs Celeste Wallander "
        "said on Thursday the CNSP had yet to formally ask U.S. troops to leave.",
        PUBLISHED["002"],
    )
    sentence = (
        "“They’re still operating as they were from July, when the initial coup did happen,” "
        "Pentagon deputy press secretary Sabrina Singh said later that day at a press "
        "conference."
    )
    assert _read(find_dates(sentence, PUBLISHED["002"], anchor=thursday)) == [
        ("from July", "2023-07", "since"),
        ("later that day", "2024-03-21", "on"),
    ]


def test_a_year_back_comparison_does_not_anchor_the_next_one() -> None:
    """Both comparisons are the year before the same quarter, not one year and then two."""
    sentence = "Sales rose in the third quarter from a year earlier, and profit beat the year-earlier figure."
    values = [timeml_value(m) for m in find_dates(sentence, dt.date(1989, 10, 27))]
    assert values == ["1989-Q3", "1988-Q3", "1988-Q3"]


def test_a_quarter_written_q2_is_a_date_and_a_numbered_question_is_not() -> None:
    """ "Q2" has no unit word; it once stopped a whole article's extraction (CSIS's "Q1: Why
    are France and other Western partners withdrawing from Mali?", a question's number)."""
    (q2,) = find_dates("Revenue rose in Q2, the company said.", dt.date(2024, 5, 1))
    assert timeml_value(q2) == "2024-Q2"
    (q3,) = find_dates("Orano reported a loss in Q3 2023.", None)
    assert timeml_value(q3) == "2023-Q3"
    label = "Q1: Why are France and other Western partners withdrawing from Mali?"
    assert find_dates(label, dt.date(2022, 2, 17)) == []
    assert find_dates(label, None) == []


def test_anchored_dates_need_an_anchor_precise_enough() -> None:
    assert find_dates("Two days later, the convoy left.", dt.date(2024, 3, 18)) == []
    (july,) = find_dates("The coup took place in July 2023.", None)
    assert find_dates("Two days later, the convoy left.", None, anchor=july) == []
    assert _read(find_dates("Later that year, the French left.", None, anchor=july)) == [
        ("Later that year", "2023", "on")
    ]


def test_dates_beyond_the_calendar_are_dropped_not_raised() -> None:
    """A file claiming publication on 9999-12-31 must not stop a batch (issue 19)."""
    far = dt.date(9999, 12, 31)
    sentence = "We meet next week, next month, next year, tomorrow and in the next quarter."
    assert find_dates(sentence, far) == []
    assert find_dates("It happened last week, a year ago.", dt.date(1, 1, 1)) == []
    assert _read(find_dates("It ended on Dec. 31.", far)) == [("on Dec. 31", "9999-12-31", "on")]


def test_a_run_on_sentence_of_dates_finds_every_one() -> None:
    """Run-on dates ("July 26, 2023, July 26, 2023, …") were quadratic: 64 s for 60 kB. Claims
    are now marked on a per-character map and look-behinds read a bounded window; the timing is
    in benchmarks/RESULTS.md, this checks that nothing is lost on the way."""
    text = "July 26, 2023, " * 2000
    found = find_dates(text, dt.date(2023, 10, 10))
    assert len(found) == 2000 and {m.date for m in found} == {PartialDate(2023, 7, 26)}


def test_each_event_takes_the_date_that_governs_it() -> None:
    """Issue 13: the declaration is Tuesday's, the takeover July's."""
    sentence = (
        "The United States on Tuesday declared that the July takeover in Niger was a military "
        "coup d’etat, which results in officially suspending assistance to Niger."
    )
    events = [
        f for f in extract(sentence, published=dt.date(2023, 10, 10)).facts if f.kind == "event"
    ]
    assert [(f.date, f.summary) for f in events] == [
        (
            "2023-10-10",
            "The United States on Tuesday declared that the July takeover in Niger was a military "
            "coup d’etat",
        ),
        ("2023-07", "the July takeover in Niger"),
    ]


def test_a_later_date_in_a_reported_clause_governs_that_clause() -> None:
    sentence = (
        "Niger’s military said Tuesday that French troops would complete the withdrawal by "
        "December 22 and that they were leaving “for good.”"
    )
    events = [
        f for f in extract(sentence, published=dt.date(2023, 12, 13)).facts if f.kind == "event"
    ]
    assert [(f.date, f.summary[:40]) for f in events] == [
        ("2023-12-12", "Niger’s military said Tuesday that Frenc"),
        ("2023-12-22", "French troops would complete the withdra"),
    ]


def test_a_short_opening_phrase_dates_the_main_clause_after_it() -> None:
    """ThisDay: "Following the coup last year" alone is no event; what happened then is the
    main clause after it. An opening clause with a verb of its own is its own event."""

    def events(sentence: str) -> list[str]:
        facts = extract(sentence, published=dt.date(2024, 3, 18)).facts
        return [f.summary for f in facts if f.kind == "event"]

    assert events(
        "Following the coup last year, the United States largely suspended military aid to "
        "Niger, with activity at the base limited to surveillance."
    ) == ["Following the coup last year, the United States largely suspended military aid to Niger"]
    assert events(
        "Before the US repositioned its forces in September, there were about 1,100 US soldiers "
        "in the country."
    ) == ["Before the US repositioned its forces in September"]


def test_an_article_passes_its_last_date_to_the_next_sentence() -> None:
    text = (
        "The convoy left Niamey on October 10. Two days later, it reached the border. "
        "The next day, the soldiers crossed into Chad."
    )
    events = [f for f in extract(text, published=dt.date(2023, 10, 20)).facts if f.kind == "event"]
    assert [(f.date, f.summary) for f in events] == [
        ("2023-10-10", "The convoy left Niamey on October 10"),
        ("2023-10-12", "Two days later, it reached the border"),
        ("2023-10-13", "The next day, the soldiers crossed into Chad"),
    ]
    assert events[1].data["date_details"] == {"anchored": "the date last mentioned"}


def test_an_undated_articles_year_less_days_are_nearest_the_last_day_it_names() -> None:
    """TRT Afrika's one-month timeline has no publication date; its list ("July 28 – …") follows
    "On Wednesday July 26, 2023": the days are 2023's, not the year of the independence (1960)
    named in between, which is no day."""
    text = (
        "On Wednesday July 26, 2023, Niger became the fourth country to see a coup.\n\n"
        "Niger has been independent from France since 1960.\n\n"
        "July 28 – Tiani declares himself Niger's leader.\n\n"
        "December 30 – The last French soldiers leave.\n\n"
        "January 11 – Chad's army takes over the Abeche base."
    )
    events = [f for f in extract(text, published=None).facts if f.kind == "event"]
    assert [(f.date, f.data["date_rule"]) for f in events if f.data.get("date_rule")][-3:] == [
        ("2023-07-28", "month and day nearest the day last mentioned"),
        ("2023-12-30", "month and day nearest the day last mentioned"),
        ("2024-01-11", "month and day nearest the day last mentioned"),
    ]
    # with a publication date, that date decides, as before; with neither, there is no date
    (found,) = find_dates("July 28 – Tiani declares himself leader.", dt.date(2023, 8, 15))
    assert found.date is not None and found.date.iso() == "2023-07-28"
    assert [m.date for m in find_dates("July 28 – Tiani declares himself leader.", None)] == [None]
