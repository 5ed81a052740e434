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

from store.extraction.dates import DateMention, PartialDate, find_dates, parse_date_text

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
