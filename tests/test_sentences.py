"""Sentence splitting: exact offsets, whole sentences, no page chrome, the right kinds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.extraction.reader import parse_article
from store.extraction.sentences import (
    MAX_SENTENCE,
    SentenceSpan,
    _one_sentence,
    _paragraphs,
    _syntok_marks,
    _syntok_sentences,
    dateline_end,
    split_sentences,
)

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def containing(spans: list[SentenceSpan], fragment: str) -> SentenceSpan:
    """The one sentence that contains ``fragment``."""
    found = [s for s in spans if fragment in s.text]
    assert len(found) == 1, f"{fragment!r} is in {len(found)} sentences"
    return found[0]


def kinds(text: str) -> list[tuple[str, str]]:
    return [(s.kind, s.text) for s in split_sentences(text)]


# --- Offsets -------------------------------------------------------------------------------------


def test_there_are_seed_articles() -> None:
    assert len(SEED_FILES) >= 5


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_every_span_is_the_verbatim_slice_of_the_article(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    spans = split_sentences(text)
    assert len(spans) > 10
    for span in spans:
        assert span.text == text[span.start : span.end]
        assert span.text == span.text.strip() and span.text
        assert "\n" not in span.text


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_spans_are_in_reading_order_and_never_overlap(path: Path) -> None:
    spans = split_sentences(path.read_text(encoding="utf-8"))
    for before, after in zip(spans, spans[1:], strict=False):
        assert before.end <= after.start
        assert before.paragraph <= after.paragraph


def test_paragraph_is_the_index_of_the_non_empty_line() -> None:
    spans = split_sentences(seed("000"))
    first = containing(spans, "There are now about 1,000")
    second = containing(spans, "Before the movement")
    assert first.paragraph == second.paragraph == 12
    assert containing(spans, "French forces leave for Chad").paragraph == 18


# --- Whole sentences -----------------------------------------------------------------------------

WHOLE_SENTENCES = [
    # "U.S." mid-sentence, followed by a lowercase word.
    (
        "000",
        "The United States on Tuesday declared that the July takeover in Niger was a military coup "
        "d’etat, which results in officially suspending assistance to Niger, but there are no plans"
        " to change the U.S. troop presence in the country, senior administration officials said.",
    ),
    # "Gen." before a name.
    (
        "001",
        "Niger military officers established the CNSP, which is led by Gen. Abdourahamane Tchiani,"
        " after ousting former President Mohamed Bazoum in a July 26 coup.",
    ),
    # "Oct." before a number, then a photo credit.
    (
        "004",
        "US Secretary of State Antony Blinken, right, speaks during a press conference after a "
        "meeting on security, at the National Palace in Mexico City, Thursday, Oct. 5, 2023.",
    ),
    # Quotations that end in .” stay whole.
    (
        "001",
        "“I have made clear to the CNSP that we want to be a good partner again, but the CNSP has "
        "to be a good partner to the United States.”",
    ),
    (
        "001",
        "Niger’s military said Tuesday that French troops would complete the withdrawal by December"
        " 22 and that they were leaving “for good.”",
    ),
    (
        "003",
        "He added that US officials are “in touch” with the junta and “will provide further updates"
        " as warranted.”",
    ),
    (
        "000",
        "The first official said Washington had urged the junta to abide by the constitution, which"
        " in the view of the United States stipulated a “transition government dealing with a "
        "national emergency would have to restore civilian and democratic rule within 90-120 "
        "days.”",
    ),
    # A quotation closed mid-sentence, then its attribution.
    (
        "000",
        "“We’re taking this action because over the last two months, we’ve exhausted all available"
        " avenues to preserve constitutional order in Niger,” the official said.",
    ),
    # Parentheses neither break nor end a sentence.
    (
        "002",
        "The Department of Defense (DOD) initially paused all security cooperation activities with "
        "Niger’s military after elements of the country’s military claimed to have overthrown the "
        "democratically-elected President Mohamen Bazoum.",
    ),
    ("000", "“Troops based in Ouallam (west) left their base today."),
    # A dateline stays part of the first sentence.
    (
        "004",
        "WASHINGTON – Secretary of State Antony Blinken called Niger’s deposed President Mohamed "
        "Bazoum ahead of an expected decision by the Biden administration to formally declare that"
        " his overthrow was a coup d’etat.",
    ),
    # Em-dash asides.
    (
        "003",
        "Shortly after the coup, the junta asked troops from France — which had historically been a"
        " key security partner — to leave the country, following models set by juntas in Mali and "
        "Burkina Faso.",
    ),
    # A non-breaking space around the paragraph is not part of the sentence.
    (
        "003",
        "Since 2018 the base has been used to target Islamic State militants and Jama’at Nusrat "
        "al-Islam wal Muslimeen (JNIM), an al-Qaida affiliate, in the Sahel region.",
    ),
]


@pytest.mark.parametrize(("prefix", "sentence"), WHOLE_SENTENCES, ids=lambda v: v[:40])
def test_tricky_sentences_come_out_whole(prefix: str, sentence: str) -> None:
    assert sentence in texts(seed(prefix))


SEPARATE_SENTENCES = [
    (
        "000",
        "There are now about 1,000 Department of Defense personnel in the country, one official "
        "said.",
        "Before the movement, there were 1,100 troops.",
    ),
    (
        "001",
        "“In our discussions, I confirmed the intent of the United States to resume security and "
        "development cooperation in phases, reciprocally as the CNSP takes actions,” Phee said.",
        "“I have made clear to the CNSP that we want to be a good partner again, but the CNSP has "
        "to be a good partner to the United States.”",
    ),
    (
        "003",
        "“If we can’t see, we can’t sense,” he said.",
        "“If we lose our footprint in the Sahel, that will degrade our ability to do active "
        "watching and warning, including for homeland defence,” Langley added.",
    ),
    (
        "004",
        "The officials could not say if the expected coup determination would result in the "
        "withdrawal of any U.S. personnel from Niger.",
        "The officials said the Pentagon had resisted such a move and hinted that the "
        "administration may have found a legal rationale to continue counterterrorism cooperation"
        " with the military junta.",
    ),
]


@pytest.mark.parametrize(("prefix", "first", "second"), SEPARATE_SENTENCES, ids=lambda v: v[:30])
def test_adjacent_sentences_stay_apart(prefix: str, first: str, second: str) -> None:
    found = texts(seed(prefix))
    assert found.index(second) == found.index(first) + 1


# --- Boilerplate ---------------------------------------------------------------------------------

SEED_CHROME = [
    "Skip to content",
    "Original article link",
    "Related Articles",
    "Full Screen",
    "1 / 2",
    "Recommended Videos",
    "Copyright 2023 The Associated Press.",
    "All rights reserved",
]


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_page_chrome_in_the_seeds_is_not_a_sentence(path: Path) -> None:
    found = texts(path.read_text(encoding="utf-8"))
    assert not set(found) & set(SEED_CHROME)
    assert not [t for t in found if "Copyright" in t or "Recommended" in t]


@pytest.mark.parametrize(
    "line",
    [
        "Skip to main content",
        "ADVERTISEMENT",
        "Advertisement",
        "Share this article",
        "Share on Facebook",
        "Read more",
        "Read more »",
        "Read more: Niger’s junta expels troops",
        "Sign up for our newsletter",
        "Subscribe now",
        "Story continues below advertisement",
        "* * *",
        "—",
        "12",
        "3 of 8",
        "Image 1 of 5",
        "© 2024 Reuters",
        "5 min read",
        "Tags: Niger, Sahel, Coup",
        "Related: Niger junta revokes military accord",
        "Follow us on Twitter",
        "**Advertisement**",
        "Continue reading",
        "You may also like",
        "Listen to this article",
        "We use cookies to improve your experience on our site.",
        # an encyclopedia's hatnotes, as a mirror printed them (links glued to the words before)
        "For the Ivorian footballer, seeIbrahim Traoré (footballer). For the French-Guinean "
        "footballer, seeIbrahim Sory Traoré.",
        "This article is about the 2023 coup. For the 2010 coup, see 2010 Nigerien coup d'état.",
        "Not to be confused with Nigeria.",
        '"Tiani" redirects here. For other uses, see Tiani (disambiguation).',
        "Main article: 2023 Nigerien crisis",
    ],
)
def test_common_page_chrome_is_not_a_sentence(line: str) -> None:
    assert texts(f"{line}\n\nThe junta spoke on Saturday.") == ["The junta spoke on Saturday."]


def test_chrome_inside_a_paragraph_is_dropped_but_the_sentences_stay() -> None:
    text = "Troops left on Monday. Advertisement. More troops came on Tuesday."
    assert texts(text) == ["Troops left on Monday.", "More troops came on Tuesday."]


def test_empty_and_blank_texts_have_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences("\n\n  \r\n\t\n\u00a0") == []


# --- Kinds ---------------------------------------------------------------------------------------

SEED_KINDS = {
    "000": [("heading", "French forces leave for Chad")],
    "001": [
        ("heading", "US Says It Plans to Resume Security Partnership With Niger"),
        (
            "heading",
            "France is completing its withdrawal from Niger this month, but the US is maintaining"
            " its military presence",
        ),
        ("byline", "Author: Dave DeCamp"),
        (
            "byline",
            "Dave DeCamp is the news editor of Antiwar.com, follow him on Twitter @decampdave.",
        ),
    ],
    "002": [
        (
            "heading",
            "US Quietly Trying To Keep Troops In African Country That Wants To Kick Them Out",
        ),
        ("caption", "Photo by Diego González / Unsplash"),
        ("byline", "By Micaela Burrow, The Daily Caller News Foundation | March 22, 2024"),
    ],
    "003": [
        ("heading", "Niger Junta Announces End to Military Relationship with US"),
        ("byline", "Emmanuel Addeh in Abuja"),
    ],
    "004": [
        (
            "heading",
            "Blinken calls deposed Niger leader ahead of expected US declaration that his overthrow"
            " was a coup",
        ),
        (
            "caption",
            "US Secretary of State Antony Blinken, right, speaks during a press conference after a "
            "meeting on security, at the National Palace in Mexico City, Thursday, Oct. 5, 2023.",
        ),
        ("caption", "(AP Photo/Marco Ugarte )"),
        ("byline", "Associated Press writer Lolita C. Baldor contributed to this report."),
    ],
}


@pytest.mark.parametrize("prefix", sorted(SEED_KINDS))
def test_only_headlines_bylines_and_captions_are_not_body(prefix: str) -> None:
    assert [(k, t) for k, t in kinds(seed(prefix)) if k != "body"] == SEED_KINDS[prefix]


@pytest.mark.parametrize(
    "line",
    [
        "By Lolita C. Baldor and Matthew Lee, Associated Press",
        "BY JANE DOE",
        "By Reuters",
        "Written by Dave DeCamp",
        "Authors: Jane Doe, John Smith",
        "Reporting by Moussa Aksar in Niamey; Editing by Alex Richardson",
        "Additional reporting by Jane Doe in Dakar",
        "Mohamed Al-Hassan in Niamey",
        "Jane Doe and John McAllister in Dakar, Senegal",
        "Jane Doe contributed reporting from Dakar.",
        "Reuters staff contributed to this story.",
        "Updated 10:12 AM EDT, October 9, 2023",
        "Published: 18 March 2024",
        "Monday, October 9, 2023",
        "This article was originally published on The Conversation.",
    ],
)
def test_bylines_and_publication_lines(line: str) -> None:
    assert kinds(line) == [("byline", line)]


@pytest.mark.parametrize(
    "line",
    [
        "Photo: Reuters",
        "Image: AFP via Getty Images",
        "Photograph by Jane Doe for The Guardian",
        "Nigerien soldiers in Niamey on Aug. 3, 2023 (Reuters)",
        "Supporters of the junta rally in Niamey. (Photo: Jane Doe)",
        "FILE - Soldiers parade in Niamey, Niger.",
        "Credit: Shutterstock",
        "Photo by Jane Doe on Unsplash",
    ],
)
def test_photo_captions_and_credits(line: str) -> None:
    assert {kind for kind, _ in kinds(line)} == {"caption"}


def test_a_caption_credit_split_off_by_the_segmenter_is_still_a_caption() -> None:
    line = "A soldier stands guard in Niamey, Niger, August 3, 2023. REUTERS/Mahamadou Hamidou"
    assert kinds(line) == [
        ("caption", "A soldier stands guard in Niamey, Niger, August 3, 2023."),
        ("caption", "REUTERS/Mahamadou Hamidou"),
    ]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("French forces leave for Chad", "heading"),
        ("US troops in Niger: what happens next", "heading"),
        ("By the end of the year, US troops will have left Niger.", "body"),
        ("Is the US leaving Niger?", "body"),  # ends like a sentence
        ("The official said:", "body"),  # a lead-in, not a title
        ("John Smith is a senior analyst at Crisis Group.", "body"),
        (
            "France is completing its withdrawal from Niger this month, but the US is keeping its "
            "troops and its drone base there for the foreseeable future without any change",
            "body",  # too long to be a title
        ),
    ],
)
def test_headings_are_short_unpunctuated_lines(line: str, kind: str) -> None:
    assert {k for k, _ in kinds(line)} == {kind}


def test_a_dateline_with_an_agency_is_not_split_off() -> None:
    text = (
        "WASHINGTON (Reuters) - The U.S. said on Tuesday it would keep its troops in Niger. "
        "Officials declined to comment.\n\n"
        "NIAMEY, Niger (AP) — Niger’s junta said Monday it would end the accord. More soon.\n"
        "Niamey (AFP) – Niger’s junta revoked the deal. It gave no reason.\n\n"
        "VLADIVOSTOK, September 13. /TASS/. Russia calls on ECOWAS to refrain from an invasion "
        "of Niger. Zakharova said so."
    )
    assert texts(text) == [
        "WASHINGTON (Reuters) - The U.S. said on Tuesday it would keep its troops in Niger.",
        "Officials declined to comment.",
        "NIAMEY, Niger (AP) — Niger’s junta said Monday it would end the accord.",
        "More soon.",
        "Niamey (AFP) – Niger’s junta revoked the deal.",
        "It gave no reason.",
        "VLADIVOSTOK, September 13. /TASS/. Russia calls on ECOWAS to refrain from an invasion "
        "of Niger.",
        "Zakharova said so.",
    ]
    assert {s.kind for s in split_sentences(text)} == {"body"}


# --- Abbreviations, quotations, brackets ---------------------------------------------------------


@pytest.mark.parametrize(
    "sentences",
    [
        ["He met U.S. President Joe Biden on Monday.", "He left."],
        ["Aid from the U.S. was suspended in August.", "It resumed later."],
        ["Lt. Col. Jane Smith and Brig. Gen. John Jones arrived.", "They left."],
        ["Sen. Jim Risch said so.", "Rep. Michael McCaul agreed."],
        ["Mr. Bazoum stayed in St. Louis on Dec. 22, officials said.", "It may slip."],
        ["The deadline is Oct. 5.", "Officials said so."],
        ["Langley visited Niger and Chad, Sept. 18-21, 2022, to meet leaders.", "He left."],
        ["It ended on Aug. 3.", "12 soldiers died."],  # a number after the day opens a sentence
        # a number's sign names the number after it: "Opinion No." does not end a sentence
        ["It adopted Opinion No. 56/2024 concerning Mohamed Bazoum.", "He is held."],
        ["It cited Art. 5 of the charter and Resolution Nos. 2719 and 2720.", "It ended."],
        ["He said “Yes.”", "Then he left."],
        ['He said "We will go."', "The official added more."],
        ['"We will go," he said.', '"We will not stay."'],
        ["The talks (held in Niamey. They were long.) ended.", "New talks began."],
        ["It was “good.” — he said so.", "Then he left."],
    ],
)
def test_abbreviations_quotes_and_brackets(sentences: list[str]) -> None:
    assert texts(" ".join(sentences)) == sentences


# --- Other inputs --------------------------------------------------------------------------------


def test_windows_line_endings() -> None:
    text = (
        "Niger Junta Ends Accord\r\n\r\nBy Jane Doe\r\n\r\n"
        "The junta ended the accord on Saturday. The U.S. said it was aware.\r\n"
        "Recommended Videos\r\n\r\n\r\n"
    )
    spans = split_sentences(text)
    assert [(s.kind, s.text, s.paragraph) for s in spans] == [
        ("heading", "Niger Junta Ends Accord", 0),
        ("byline", "By Jane Doe", 1),
        ("body", "The junta ended the accord on Saturday.", 2),
        ("body", "The U.S. said it was aware.", 2),
    ]
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_a_markdown_article() -> None:
    text = (
        "# Niger’s junta ends US military accord\n"
        "\n"
        "**By Jane Doe**\n"
        "\n"
        "![Soldiers in Niamey](https://example.com/a.jpg)\n"
        "Photo: Reuters\n"
        "\n"
        "## What happened\n"
        "\n"
        "The junta ended the accord on Saturday. The U.S. said it was aware.\n"
        "\n"
        "> “The American presence is illegal,” Abdramane said.\n"
        "\n"
        "- About 1,000 U.S. troops are in Niger.\n"
        "- The base cost $110 million.\n"
        "\n"
        "[Read more](https://example.com/more)\n"
        "\n"
        "---\n"
    )
    spans = split_sentences(text)
    assert all(text[s.start : s.end] == s.text for s in spans)
    assert [(s.kind, s.text) for s in spans] == [
        ("heading", "Niger’s junta ends US military accord"),
        ("byline", "**By Jane Doe**"),
        ("caption", "![Soldiers in Niamey](https://example.com/a.jpg)"),
        ("caption", "Photo: Reuters"),
        ("heading", "What happened"),
        ("body", "The junta ended the accord on Saturday."),
        ("body", "The U.S. said it was aware."),
        ("body", "“The American presence is illegal,” Abdramane said."),
        ("body", "About 1,000 U.S. troops are in Niger."),
        ("body", "The base cost $110 million."),
    ]


def test_invisible_characters_around_a_line_are_not_part_of_the_sentence() -> None:
    text = "\ufeffThe junta spoke.\u200b\n\u00a0Troops left.\u00a0"
    assert texts(text) == ["The junta spoke.", "Troops left."]
    assert all(text[s.start : s.end] == s.text for s in split_sentences(text))


# --- The shortcut past syntok --------------------------------------------------------------------

# Lines are checked as _paragraphs yields them: stripped, with markdown markers taken off.
SEGMENTER_PIECES = st.sampled_from(
    sorted(set(_syntok_marks()[1]) | _syntok_marks()[0])
    + [" ", "U.S.", "Mr.", "Gen.", "said", "The", "It", "no", "5", "1,000", "-", "*", "_", ",", ":"]
    + ["“", "‘", "x", "I", "Jan", "...", "(AP)", "’s", "n't", "\t", "\u200b", "\xa0", "\x1f"]
)
SEGMENTER_TEXT = st.one_of(
    st.text(max_size=80),
    st.lists(st.one_of(SEGMENTER_PIECES, st.text(max_size=4)), max_size=30).map("".join),
)


def _lines(text: str) -> list[str]:
    return [line for _, line, _ in _paragraphs(text)]


@settings(max_examples=300, deadline=None)
@given(SEGMENTER_TEXT)
def test_a_line_taken_as_one_sentence_is_one_sentence_to_syntok(text: str) -> None:
    for line in _lines(text):
        if _one_sentence(line):
            assert _syntok_sentences(line) == [(0, len(line))]


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_the_shortcut_agrees_with_syntok_on_the_seeds(path: Path) -> None:
    for line in _lines(path.read_text(encoding="utf-8")):
        if _one_sentence(line):
            assert _syntok_sentences(line) == [(0, len(line))]


@pytest.mark.parametrize(
    ("line", "one"),
    [
        ("Niger has about 1,000 US troops.", True),
        ("“We will not leave,” the general said.”)", True),
        ("Niger: the coup, a year on", True),
        ("The U.S. has troops there.", False),
        ("It left. Then it came back.", False),
        ("The Agency (NSA) said so.", False),
        ("Why? Nobody knows", False),
    ],
)
def test_only_lines_without_inner_terminals_or_brackets_skip_syntok(line: str, one: bool) -> None:
    assert _one_sentence(line) is one


# --- Real text shapes: citation marks, records, lists, datelines ----------------------------------

# From Wikipedia's "2023 Nigerien coup d'état" (CC BY-SA), as copied from the page.
WIKI_LEAD = (
    "On 26 July 2023 a coup d'état occurred in Niger, in which Niger's presidential guard detained "
    "president Mohamed Bazoum, and presidential guard commander general Abdourahamane Tchiani "
    "proclaimed himself the leader of a new military junta.[4][5][6][7] Presidential guard forces "
    "closed the country's borders, suspended state institutions, and declared a curfew."
)


def test_citation_marks_end_their_sentence_and_stay_with_it() -> None:
    assert texts(WIKI_LEAD) == [
        WIKI_LEAD[: WIKI_LEAD.index("[7]") + 3],
        "Presidential guard forces closed the country's borders, suspended state institutions, "
        "and declared a curfew.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a sentence that ends in a citation mark is a sentence, not a heading
            "This was the fifth military coup d'état since the country gained independence from "
            "France in 1960, and the first since 2010.[8]",
            ["body"],
        ),
        (  # a mark inside a sentence splits nothing
            'Niger Air Base 201 (also known in some sources as "Nigerien Air Base 201") is a '
            "Nigerien airbase near Agadez, Niger.[2][3] As of February 2018, the site consisted "
            "of a runway, a hangar, and numerous smaller buildings.[7]",
            ["body", "body"],
        ),
    ],
)
def test_cited_sentences_are_body_sentences(text: str, expected: list[str]) -> None:
    assert [s.kind for s in split_sentences(text)] == expected


def test_a_citation_mark_inside_an_open_quotation_does_not_split_it() -> None:
    line = "“We will stay.[3] We will not be moved,” Tchiani said. He left."
    assert texts(line) == ["“We will stay.[3] We will not be moved,” Tchiani said.", "He left."]


# The infobox of Wikipedia's "Alliance of Sahel States", one field a line, as copied.
INFOBOX = """Alliance of Sahel States
Conventional Long Name: Alliance of Sahel States
Capital: Bamako, Mali
Leader Title1: President
Leader Name1: Ibrahim Traoré
Established: 6 July 2024
Population Estimate: 71,375,590
"""


def test_infobox_fields_are_searchable_records_not_headings() -> None:
    spans = split_sentences(INFOBOX)
    assert spans[0].kind == "heading"  # the title line above the box
    assert [(s.kind, s.text) for s in spans[1:]] == [
        ("body", line) for line in INFOBOX.splitlines()[1:]
    ]


def test_table_rows_and_bulleted_fields_are_records() -> None:
    text = (
        "| Commanders and leaders | Abdourahamane Tchiani |\n"
        "|---|---|\n"
        "- Strength: At least 2,000\n"
        "* Casualties and losses: At least 1 civilian supporter injured\n"
    )
    assert kinds(text) == [
        ("body", "| Commanders and leaders | Abdourahamane Tchiani |"),
        ("body", "Strength: At least 2,000"),
        ("body", "Casualties and losses: At least 1 civilian supporter injured"),
    ]


def test_a_key_figure_under_its_label_is_one_record() -> None:
    """A UN page's key-figures block prints each figure alone under its label; read apart, the
    figure says nothing of what it counts. The record keeps the article's text as it is."""
    text = (
        "Key figures\n\n"
        "Current Requirements (US$)\n$583.9 million\n"
        "People in Need at launch (Dec. 2022)\n4.2 million\n\n"
        "The plan was funded.\n"
    )
    assert kinds(text) == [
        ("heading", "Key figures"),
        ("body", "Current Requirements (US$)\n$583.9 million"),
        ("body", "People in Need at launch (Dec. 2022)\n4.2 million"),
        ("body", "The plan was funded."),
    ]


def test_a_key_figure_above_its_label_is_one_record_with_it() -> None:
    """OCHA's situation report prints each figure above its label: "254K" belongs to
    "internally displaced people", not to the "refugees" below it."""
    text = (
        "Key Figures\n\n2,3M\npeople in need\n254K\ninternally displaced people\n178K\nrefugees\n"
    )
    assert kinds(text) == [
        ("heading", "Key Figures"),
        ("body", "2,3M\npeople in need"),
        ("body", "254K\ninternally displaced people"),
        ("body", "178K\nrefugees"),
    ]


# A copy of an infobox whose cells were lost, as mirrors of Wikipedia print it (Niger Air Base
# 201): each label glued to its value.
GLUED_INFOBOX = """Site history
Built2016 (2016)–2019
In useNovember 2019 – present[1]
OwnerNiger Armed Forces
Airfield information
"""


def test_infobox_fields_glued_to_their_labels_are_records() -> None:
    """ "In useNovember 2019 – present" is the field "In use" of a box that lost its cells, not a
    heading; the section titles around it stay headings."""
    assert kinds(GLUED_INFOBOX) == [
        ("heading", "Site history"),
        ("body", "Built2016 (2016)–2019"),
        ("body", "In useNovember 2019 – present[1]"),
        ("body", "OwnerNiger Armed Forces"),
        ("heading", "Airfield information"),
    ]


def test_a_lone_label_and_title_line_is_still_a_headline() -> None:
    text = "US troops in Niger: what happens next\n\nThe Pentagon said it would leave."
    assert kinds(text)[0] == ("heading", "US troops in Niger: what happens next")


def test_each_list_item_is_a_sentence_whatever_its_marker() -> None:
    # The result list of the coup's infobox (bullets "•") and a wire summary's numbered points.
    text = (
        "  • Government deposed\n"
        "  • Constitution suspended\n"
        "  • Borders closed; curfew declared\n"
        "1. The Pentagon announced the completion of US troop withdrawal from Niger by "
        "mid-September.\n"
        "2) US Defense Department and Nigerien Ministry of National Defense agreed on the pullout.\n"
    )
    spans = split_sentences(text)
    assert [(s.kind, s.text) for s in spans] == [
        ("body", "Government deposed"),
        ("body", "Constitution suspended"),
        ("body", "Borders closed; curfew declared"),
        (
            "body",
            "The Pentagon announced the completion of US troop withdrawal from Niger by "
            "mid-September.",
        ),
        (
            "body",
            "US Defense Department and Nigerien Ministry of National Defense agreed on the pullout.",
        ),
    ]
    assert all(text[s.start : s.end] == s.text for s in spans)


REUTERS_LEAD = (
    "NIAMEY, June 14 (Reuters) - Niger has shut off oil exports to China via its pipeline to "
    "Benin's coast, Oil Minister Mahamane Moustapha Barke Bako said on Thursday, deepening a "
    "standoff between the West African neighbours."
)


def test_a_wire_dateline_starts_the_first_sentence() -> None:
    assert kinds(REUTERS_LEAD + " The tensions go back to a July 2023 coup in Niger.") == [
        ("body", REUTERS_LEAD),
        ("body", "The tensions go back to a July 2023 coup in Niger."),
    ]


def test_a_headline_glued_to_its_stamped_dateline_is_a_heading_of_its_own() -> None:
    """AFP's copy on SpaceWar runs headline, dateline and story into one line: the headline is
    no part of the story's first sentence, which starts at the dateline."""
    text = (
        "UN says ousted Niger leader 'arbitrarily' detained Abidjan, Feb 10 (AFP) Feb 10, 2025 "
        "Niger's deposed president Mohamed Bazoum has been detained. He is held in Niamey."
    )
    assert kinds(text) == [
        ("heading", "UN says ousted Niger leader 'arbitrarily' detained"),
        (
            "body",
            "Abidjan, Feb 10 (AFP) Feb 10, 2025 Niger's deposed president Mohamed Bazoum has "
            "been detained.",
        ),
        ("body", "He is held in Niamey."),
    ]
    # a story that only names a town and a date in passing is not cut
    said = "Troops left Agadez, Feb 10 (local time) as planned, the army said."
    assert kinds(said) == [("body", said)]


def test_a_wiki_mirrors_edit_link_is_no_part_of_the_sentence() -> None:
    """A Wikipedia mirror prints each section's "[edit]" link before its first sentence: the
    quote starts at the sentence, and a line holding only the link is no sentence."""
    text = "Attack\n[edit]Villagers in Manda were attending a sermon. Few survived.\n[ edit ]\n"
    assert kinds(text) == [
        ("heading", "Attack"),
        ("body", "Villagers in Manda were attending a sermon."),
        ("body", "Few survived."),
    ]


def test_a_dateline_on_a_line_of_its_own_is_not_a_heading() -> None:
    text = "NIAMEY, June 14 (Reuters) -\nNiger has shut off oil exports to China."
    assert kinds(text) == [
        ("byline", "NIAMEY, June 14 (Reuters) -"),
        ("body", "Niger has shut off oil exports to China."),
    ]


@pytest.mark.parametrize(
    ("sentence", "dateline"),
    [
        (REUTERS_LEAD, "NIAMEY, June 14 (Reuters) - "),
        (
            "WASHINGTON (Reuters) - The U.S. said on Tuesday it would stay.",
            "WASHINGTON (Reuters) - ",
        ),
        ("NIAMEY, Niger (AP) — Niger’s junta said Monday.", "NIAMEY, Niger (AP) — "),
        ("Niamey (AFP) – Niger’s junta revoked the deal.", "Niamey (AFP) – "),
        (
            "Abidjan, Feb 10 (AFP) Feb 10, 2025 Niger's deposed president has been detained.",
            "Abidjan, Feb 10 (AFP) Feb 10, 2025 ",
        ),
        (
            "Niamey, Niger, Feb 9 (AFP) Feb 09, 2025 Niger's rulers met.",
            "Niamey, Niger, Feb 9 (AFP) Feb 09, 2025 ",
        ),
        ("MOSCOW, July 28. /TASS/. Russia hopes order returns.", "MOSCOW, July 28. /TASS/. "),
        (
            "Niamey, (APP - UrduPoint / Pakistan Point News - 12th Apr, 2024) Russian military "
            "instructors have arrived in Niger with an air defence system.",
            "Niamey, (APP - UrduPoint / Pakistan Point News - 12th Apr, 2024) ",
        ),
        ("Niger (the country) said so.", ""),
        ("Ecowas (Economic Community of West African States) Chairman Bola Tinubu spoke.", ""),
        ("Niger, Mali and Burkina Faso - the three juntas - met.", ""),
        ("US troops - about 1,000 - remain.", ""),
    ],
)
def test_the_dateline_is_found_at_the_start_only(sentence: str, dateline: str) -> None:
    assert sentence[: dateline_end(sentence)] == dateline


# --- Bounded pieces ------------------------------------------------------------------------------


def test_a_run_on_line_is_cut_into_bounded_sentences_and_none_of_it_is_lost() -> None:
    sentence = "Niger hosts about 1,000 US troops and operates a drone base near Agadez "
    text = sentence * 400  # 28 kB without one full stop
    spans = split_sentences(text)
    assert len(spans) > 1
    assert all(len(s.text) <= MAX_SENTENCE for s in spans)
    assert all(text[s.start : s.end] == s.text for s in spans)
    assert "".join(s.text for s in spans).replace(" ", "") == text.replace(" ", "")


def test_a_line_of_blanks_between_words_is_two_words_apart() -> None:
    text = "Niger" + " " * 50_000 + "troops."
    assert texts(text) == ["Niger", "troops."]


# --- What the reader takes for a publication date ------------------------------------------------


@pytest.mark.parametrize(
    "head",
    [
        # the coup article's infobox, as copied from Wikipedia
        "2023 Nigerien coup d'état\nDate26–28 July 2023 (2023-07-26 – 2023-07-28)\nLocation\n",
        "2023 Nigerien coup d'état\nDate: 26 July 2023\nLocation: Niamey, Niger\n",
        "Niger Air Base 201\nBuilt2016 (2016)–2019\nIn useNovember 2019 – present[1]\n",
    ],
)
def test_an_infobox_date_is_not_the_publication_date(head: str) -> None:
    article = parse_article((head + WIKI_LEAD).encode(), source="wiki.txt")
    assert (article.published, article.published_from) == (None, "unknown")


@pytest.mark.parametrize(
    ("head", "published"),
    [
        ("Niger junta ends US accord\nMarch 22, 2024 | Niamey\n", dt.date(2024, 3, 22)),
        ("Niger junta ends US accord\nUpdated Monday, 18 March 2024\n", dt.date(2024, 3, 18)),
        ("Niger junta ends US accord\nBy Jane Doe | March 22, 2024\n", dt.date(2024, 3, 22)),
    ],
)
def test_a_dateline_line_is_the_publication_date(head: str, published: dt.date) -> None:
    article = parse_article((head + "The junta ended the accord.").encode(), source="a.txt")
    assert article.published == published


# --- Hard-wrapped text ---------------------------------------------------------------------------

RECORD = "\n".join(  # as the Record prints it, a blank before each break
    [
        "  Mr. GAETZ. Mr. Speaker, I include in the Record part II of the ",
        "interim report that I have prepared for the House of Representatives.",
        "",
        "                                SUMMARY",
        "",
        "       More than 1,000 U.S. service members currently stationed in ",
        "     Niger, Africa, at Air Base 101 and Air Base 201 are in ",
        "     danger. They are currently being treated as pawns by both the ",
        "     U.S. government and the government of Niger (Conseil national ",
        "     pour la sauvegarde de la patrie) as a negotiation is ",
        "     ongoing.",
    ]
)


def test_hard_wrapped_lines_are_read_as_the_sentences_they_cut() -> None:
    """The Congressional Record and scanned reports wrap lines at a column: a sentence runs on
    over the break, whether the next line opens in lower case or the line ends on "in"."""
    spans = split_sentences(RECORD)
    danger = containing(spans, "More than 1,000 U.S. service members")
    assert danger.kind == "body" and danger.text.endswith("are in \n     danger.")
    pawns = containing(spans, "They are currently being treated as pawns")
    assert pawns.text.endswith("as a negotiation is \n     ongoing.")
    assert containing(spans, "Mr. GAETZ.").text.endswith("House of Representatives.")
    assert containing(spans, "SUMMARY").kind == "heading"
    assert all(RECORD[s.start : s.end] == s.text for s in spans)


@pytest.mark.parametrize(
    "text",
    [
        "Strength: 5,000\nCommander: Abdourahamane Tchiani\nHeadquarters: Niamey",
        "Niger\nMali\nBurkina Faso",
        "Niger junta expels the French ambassador after weeks of tension\nThe junta said so.",
        "- The first item of a list that runs long enough to fill a line of\n- the second item",
    ],
)
def test_lines_that_are_not_wrapped_stay_apart(text: str) -> None:
    """Fields, short lines, a headline ending on a noun before a capital, list items."""
    assert len(split_sentences(text)) == len(text.splitlines())
