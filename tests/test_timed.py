"""Video transcripts as pages print them: each caption line stamped with the time it is spoken
at. The stamps are player markup; the sentences run across caption lines."""

from __future__ import annotations

import datetime as dt

import pytest

from store.extraction.extract import extract
from store.extraction.reader import parse_article
from store.extraction.timed import untimed

# A news agency's video page, its transcript as the page prints it.
CAPTIONS = """Niger's president vows democracy will prevail

Transcript
00:00 Several hundred people gathered in the capital of Niger in support of a military coup.
00:08 The group of soldiers announced on Wednesday that they'd seized power because of the West
00:11 African country's deteriorating security situation.
00:32 A spokesman for the European Council President Charles Michel said the EU is demanding the
00:37 immediate release of President Mohamed Bazoum.
"""


def _read(text: str):
    article = parse_article(text.encode(), source="video.md")
    return extract(article.text, published=dt.date(2023, 7, 28))


def test_a_sentence_spoken_across_caption_lines_is_one_sentence() -> None:
    sentences = [s.text for s in _read(CAPTIONS).sentences]
    assert (
        "The group of soldiers announced on Wednesday that they'd seized power because of the "
        "West African country's deteriorating security situation."
    ) in sentences
    assert not [s for s in sentences if s[:1].isdigit()]  # no stamp is read as words


def test_the_sentences_of_a_transcript_are_body_text_with_their_facts() -> None:
    extraction = _read(CAPTIONS)
    spokesman = next(s for s in extraction.sentences if "spokesman" in s.text)
    assert spokesman.kind == "body"
    assert any(f.kind == "statement" for f in extraction.facts)


@pytest.mark.parametrize(
    ("timed", "prose"),
    [
        (  # a podcast page: each stamp on a line of its own
            "0:00.0\n\nThis is Intercepted.\n\n0:40.0\n\nThe Sahel has been racked by instability,"
            " including\n\n0:44.0\n\nextremist violence.\n",
            "This is Intercepted. The Sahel has been racked by instability, including extremist "
            "violence.",
        ),
        (  # a subtitle file: cue numbers and time ranges
            "1\n00:01:29,214 --> 00:01:31,091\n[interviewee] They collect it from us and sell it\n"
            "\n2\n00:01:31,174 --> 00:01:33,134\non the black market.\n\n3\n"
            "00:05:30,997 --> 00:05:32,206\n[Mariana] How are you?\n",
            "[interviewee] They collect it from us and sell it on the black market.\n\n"
            "[Mariana] How are you?",
        ),
        (  # France 24 on Dailymotion: each stamp glued to its caption
            "Transcript\n00:52Nigeria is once again selling electricity\n00:59to Niger, which "
            "depends on it for 70 per cent of its needs.\n01:04For the past few months, the power"
            " was always going out.\n",
            "Transcript\n\nNigeria is once again selling electricity to Niger, which depends on it "
            "for 70 per cent of its needs. For the past few months, the power was always going out.",
        ),
        (  # bracketed stamps before speaker labels: one paragraph per turn
            "[00:00:00] Speaker 1: The residents are in shock.\n\n"
            "[00:00:11] Speaker 2: It sounded like heavy weapons.\n\n"
            "[00:00:22] Speaker 1: Satellite images show the airport.\n",
            "Speaker 1: The residents are in shock.\n\nSpeaker 2: It sounded like heavy weapons."
            "\n\nSpeaker 1: Satellite images show the airport.",
        ),
    ],
)
def test_each_way_of_stamping_captions_reads_as_the_words_spoken(timed: str, prose: str) -> None:
    assert untimed(timed).strip() == prose


def test_times_in_an_article_are_not_a_transcript() -> None:
    text = "The convoy left at 10:30 on Monday.\n\n10:45 The second convoy followed.\n"
    assert untimed(text) == text
