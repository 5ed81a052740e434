"""How questions are read and answered: what a question asks for (routing), the time it names,
the line that answers it, timelines over the whole span, and honest refusals. Over the seed store
(SQLite and PostgreSQL), and over a real encyclopedia article for references back to a subject."""

from __future__ import annotations

import datetime as dt
import itertools
import string
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import snowballstemmer

from store import FactStore
from store.lexicon.english import american, is_english
from store.search.candidates import holds_a_number
from store.search.index import stem, tokens
from store.search.query import EntityRef, parse_query, synonyms
from store.search.timefilter import find_time, period

DEV_ARTICLES = Path(__file__).resolve().parent.parent / "benchmarks" / "eval" / "dev" / "articles"
REFERENCE = dt.date(2024, 3, 22)  # the newest seed article's publication


def _one_article(store: FactStore, folder: Path, text: str) -> FactStore:
    """The store with one more article, written from ``text``."""
    return _articles(store, folder, {"article.md": text})


def _articles(store: FactStore, folder: Path, texts: dict[str, str]) -> FactStore:
    """The store with these articles (file name -> text) written and ingested together."""
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    assert not store.ingest([folder / name for name in texts]).failed
    return store


def parsed(store: FactStore, query: str):
    index = store.index()
    return parse_query(
        query, aliases=index.aliases, vocabulary=index.vocabulary, reference=REFERENCE
    )


# --- what a question asks for ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "intent"),
    [
        ("how many US troops are in Niger?", "troops"),
        ("how many instructors did Russia send", "troops"),  # a count cue with a personnel noun
        ("Russian instructors", "troops"),  # only owners and a personnel noun: the figures
        ("how many coups has niger had", "search"),  # a count, but not of people
        ("what did the instructors do", "search"),  # personnel named, no count asked
        ("important dates for France", "when"),  # plurals of intent words count
        ("where are US troops now", "place"),  # "where" asks a place, not a figure
        ("drone base usage agreement", "place"),  # "usage" is a word here, not a call for help
        ("will humanitarian aid continue", "search"),  # "aid" is a word, not "how much"
        ("how much aid was suspended", "money"),
        ("timeline France", "timeline"),  # "france" is a country, not "francs"
        ("when did niger ask the us for a withdrawal timeline", "when"),  # the question asks
        ("france's troops", "troops"),  # a possessive names the owner: not a sum in francs
        ("what is air base 201", "place"),  # "what is" a place asks where and what it is
        ("which groups hold sway in tillaberi", "organisation"),  # groups asked, not a place
        ("which russian minister came to niamey", "who"),  # which holder of a title
        ("how many akinci drones does niger operate", "search"),  # "operate": no operators
        ("how many operations did the army conduct", "search"),
        ("how many special operators are in niger", "troops"),
        ("what foreign minister visited niamey", "who"),
        ("what did the minister do in niamey", "search"),  # the minister is known, not asked
        ("what general elections were held in niger", "search"),  # "general" as an adjective
        ("which major towns did the jihadists attack", "search"),
        ("which agency operates in agadez", "organisation"),
        ("since when has air base 201 been in use", "when"),
        ("how many members in waemu", "search"),  # members of a union are no troops
        ("what is the state court", "organisation"),  # "state" is no "stated"
        ("what is the accusation based on", "organisation"),  # "based on" asks for no base
        ("how long did tchiani run the presidential guard", "search"),  # a measure, no head count
        ("how much oil does niger pump", "search"),  # barrels, not dollars
        ("what happened to prigozhin", "timeline"),  # the events, even after a question word
        # a question word after the one the question opens with joins a clause
        ("where was blinken when the coup happened", "place"),
        ("how many us soldiers were in niger when tiani called putin", "troops"),
        ("when did the officer who led the coup take power", "when"),
        ("how many member states in ecowas", "search"),  # "states" are no "stated"
        ("where was the burkina junta leader born", "place"),  # "leader" asks no one
        ("latest statements from the junta", "statement"),
        ("ecowas reaction to the coup", "statement"),  # a reaction is what was said of it
        ("what is the us position on ecowas", "statement"),
        ("what does uemoa stand for", "organisation"),  # any form of "stands for"
        ("cnsp full name", "organisation"),
        ("finance act 2024 total in cfa", "money"),  # a currency asks an amount
        ("what day was the attack that killed 29 nigerien soldiers", "when"),  # not a head count
        ("where was the junta statement read out", "place"),  # where, not what it said
        ("wher are the us troops from niger going", "place"),  # "wher" typed for "where"
        ("why did mali and niger form an alliance in the first place", "search"),  # an idiom
        ("what led up to the somair takeover", "search"),  # no leader asked
        ("how many years was langley a marine", "search"),  # a span of time, not a head count
        ("how many marines are in niger", "troops"),
        ("when did tiani set off on his tour by car", "when"),  # a car, no country: see below
    ],
)
def test_the_question_decides_what_is_asked(seed_store: FactStore, query: str, intent: str) -> None:
    assert parsed(seed_store, query).intent == intent


def test_intent_words_that_carry_meaning_also_rank(seed_store: FactStore) -> None:
    query = parsed(seed_store, "cost of the drone base")
    assert query.intent == "money"
    assert "cost" in query.terms and "base" in query.terms


@pytest.mark.parametrize("query", ["dates of the state visit to turkey", "state visit date"])
def test_intent_words_that_only_ask_for_a_kind_do_not_rank_in_either_number(
    seed_store: FactStore, query: str
) -> None:
    """ "dates of the visit" asks for a date, as "date" does: a sentence giving the visit's days
    answers it, not one with the word ("without naming exact dates")."""
    asked = parsed(seed_store, query)
    assert asked.intent == "when"
    assert "date" not in asked.terms and "visit" in asked.terms


@pytest.mark.parametrize(
    "query", ["how many us troops in niger according to gaetz", "per gaetz how many us troops"]
)
def test_whose_word_is_asked_for_is_no_word_a_sentence_must_hold(
    seed_store: FactStore, query: str
) -> None:
    """ "according to gaetz": the speaker is asked for, and the sentence giving his figure need
    not say "according" ("Gaetz said 1,100 troops remain")."""
    asked = parsed(seed_store, query)
    assert "accord" not in asked.terms and "per" not in asked.terms
    assert "gaetz" in asked.terms or any("Gaetz" in e.key for e in asked.entities)


def test_a_brand_written_with_an_inner_capital_is_found_as_typed(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "GoviEx" is read apart like a label glued to its value ("In useNovember 2019"), and also
    whole: people type the brand in lower case."""
    _one_article(
        empty_store,
        tmp_path,
        "Shares of GoviEx Uranium traded flat on Monday for a market capitalization of "
        "$41 million.\n\nThe harvest in Maradi was good.\n",
    )
    for query in ("goviex market value", "GoviEx shares", "govi ex shares"):
        quotes = [a.quote for a in empty_store.ask(query).answers]
        assert quotes and quotes[0].startswith("Shares of GoviEx Uranium"), query


def test_english_words_are_never_corrected_into_article_words(seed_store: FactStore) -> None:
    result = seed_store.ask("pizza recipe")
    assert result.answers == ()
    assert not any("recip" in s and s != "pizza recipe" for s in result.suggestions)
    assert parsed(seed_store, "chairs of the council").corrections == ()
    assert ("frnace", "france") in parsed(seed_store, "frnace troops").corrections


@pytest.mark.parametrize("word", ["mediators", "jailed", "parties", "freed"])
def test_an_inflection_rarer_than_the_word_list_is_still_no_typo(
    seed_store: FactStore, word: str
) -> None:
    """The word list holds words used once per million; "mediators" (2.95 per million) is not in
    it, "mediator" is: the plural is English, not a misspelling of "editors"."""
    assert parsed(seed_store, f"ecowas {word} niger").corrections == ()


def test_a_word_rarer_than_its_listed_inflection_is_no_typo(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "confiscate" is used less than once per million, "confiscated" more: the list holds the
    past only, and the word itself is English still, not "conflicted" misspelt ("why did they
    confiscate bazoum's phone" was answered with a sentence on conflicts)."""
    _one_article(
        empty_store,
        tmp_path,
        "Harvests were poor due to conflicts that limit access to fields.\n\n"
        "After Bazoum was accused of trying to escape, his phone was taken away.\n",
    )
    query = "why did they confiscate bazoum's phone"
    assert parsed(empty_store, query).corrections == ()
    assert empty_store.ask(query).answers[0].quote.startswith("After Bazoum")
    # typos: no listed inflection, or one of a shorter word ("committed" is of "commit")
    for typo in ("goverment", "troups", "committe"):
        assert not is_english(typo), typo


def test_a_name_misspelt_as_a_word_plus_es_is_still_the_name(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "gutteres" is Guterres misspelt, not "gutter" inflected (a gutter takes "s", as words
    not ending in a hiss or an "o" do): the bot said no article mentions "gutteres" though the
    article quotes Guterres (dev30)."""
    _one_article(
        empty_store,
        tmp_path,
        "UN Secretary-General António Guterres told the Security Council that the Sahel faced "
        "the risk of a domino effect.\n",
    )
    assert not is_english("gutteres")
    assert all(is_english(plural) for plural in ("boxes", "heroes", "churches", "gutters"))
    result = empty_store.ask("what did gutteres tell the security council about the sahel")
    assert result.answers[0].quote.startswith("UN Secretary-General António Guterres told")
    assert not any("gutteres" in note for note in result.notes)


def test_where_a_journey_ended_is_a_country_named_and_europe_is_written_as_european(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """IOM: "Patrick, from Sierra Leone, made his way to Niger after his European dream ended in
    Algeria." No article names Europe, but one writes "European", so the question is not
    declined as being about somewhere no article mentions; and Algeria, a country named besides
    those asked, says where, though no rule reads a country as a place fact."""
    _one_article(
        empty_store,
        tmp_path,
        "# Time stands still in Niger's transit centres\n\n"
        "Thousands of migrants wait in transit centres in Agadez and Niamey.\n\n"
        "Patrick, from Sierra Leone, made his way to Niger after his European dream ended in "
        "Algeria.\n",
    )
    result = empty_store.ask("where did patrick's trip to europe end")
    assert not any("Europe" in note for note in result.notes)
    assert result.answers[0].quote.startswith("Patrick, from Sierra Leone")


def test_function_words_together_are_no_misspelt_name(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "has the base been in use": "been in" is two function words, not "Benin" misspelt (which
    a store naming no Benin then declined: "No loaded article mentions Benin")."""
    _one_article(empty_store, tmp_path, "Air Base 201 has been in use since November 2019.\n")
    query = parsed(empty_store, "since when has air base 201 been in use")
    assert query.corrections == ()
    assert "country:BJ" not in {e.key for e in query.entities}


def test_a_phrase_opening_or_ending_with_a_function_word_is_no_misspelt_name(
    seed_store: FactStore,
) -> None:
    """ "troops to go" is no Togo misspelt (a store naming no Togo declined the question); a
    name's typo keeps its own first and last words ("republc of niger" still is Niger)."""
    query = parsed(seed_store, "when are the last us troops to go")
    assert "country:TG" not in {e.key for e in query.entities}, query.corrections
    assert "country:NE" in {e.key for e in parsed(seed_store, "republc of niger").entities}


@pytest.mark.parametrize(
    "query",
    [
        "niger ban on american visas",
        "humanitarian exemption security council",
        "plan b west africa",
    ],
)
def test_a_name_misspelt_is_misspelt_word_for_word(seed_store: FactStore, query: str) -> None:
    """ "niger ban" is no "Nigerian", "exemption security council" no National Security Council,
    "b west africa" no West Africa: a misspelt name has its words, each near its own."""
    assert parsed(seed_store, query).corrections == ()


@pytest.mark.parametrize("query", ["death toll in soro village", "tillia attack toll"])
def test_a_toll_asks_for_a_number(query: str) -> None:
    """ "death toll in soro village" is answered by the sentence that counts the dead, not by
    one that only names the village."""
    assert parse_query(query, aliases={}, vocabulary=set()).wants_number


@pytest.mark.parametrize("query", ["zinder flood death toll", "toll of the tillia attack"])
def test_a_toll_counts_the_dead(query: str) -> None:
    """ "death toll" asks how many died, whatever follows it: the deaths are what is counted, and
    "toll" is the cue, not a word the answer must hold."""
    asked = parse_query(query, aliases={}, vocabulary=set())
    assert asked.counted == "death" and "toll" not in asked.terms


def test_a_death_toll_is_answered_by_the_deaths_counted(empty_store: FactStore) -> None:
    """The Kenya Tribune on Niger's floods of 2024 never writes "toll": "zinder flood death
    toll" is answered by "In the Zinder region, a provisional report shows 34 deaths"."""
    articles = DEV_ARTICLES.parent.parent / "dev39" / "articles"
    empty_store.ingest([articles / "11_kenyatribune-aib-niger-floods-273-dead.md"])
    answers = empty_store.ask("zinder flood death toll").answers
    assert answers and "34 deaths" in answers[0].quote


def test_a_word_two_slips_from_a_short_name_is_no_misspelt_name() -> None:
    """ "airlift" holds the town Arlit with two letters added: a word, not a slip of the name;
    "arlt" and "arlitt" are one slip from it."""
    aliases = {"arlit": "place:Arlit", "senegal": "country:SN"}
    assert parse_query("senegal troop airlift", aliases=aliases, vocabulary=set()).entities == (
        EntityRef("country:SN", "senegal", 0, False),
    )
    for typed in ("arlt", "arlitt"):
        found = parse_query(f"uranium in {typed}", aliases=aliases, vocabulary=set())
        assert [e.key for e in found.entities] == ["place:Arlit"], typed


def test_a_misspelt_name_of_several_words_is_still_the_name(seed_store: FactStore) -> None:
    assert ("burkna faso", "burkina faso") in parsed(seed_store, "burkna faso troops").corrections


def test_a_misspelling_that_looks_inflected_is_still_corrected(seed_store: FactStore) -> None:
    assert parsed(seed_store, "troups in niger").intent == "troops"  # "troup" is no word
    assert ("arested", "arrested") in parsed(seed_store, "who was arested").corrections


def test_a_report_is_no_reporter_and_a_response_no_responsibility() -> None:
    """ "reporters" is a journalist, "responsibility" a blame and "production" output among the
    synonyms; Snowball cut them to the stems of "reported", "in response to" and "products",
    which then held a journalist, a blame and an output (found listing, for each synonym's stem,
    the other words of the articles cut to it)."""
    assert stem("reporters") not in tokens("The army reported the attack on Monday.")
    assert stem("responsibility") not in tokens("In response to the attack, troops deployed.")
    assert stem("reporters") == stem("reporter") and stem("responses") == stem("response")
    assert stem("responsible") == stem("responsibility")  # "held responsible" still blames
    assert stem("production") not in tokens("Imports of oil products fell.")


def test_words_stemmed_from_many_threads_at_once_keep_their_own_stems() -> None:
    """A mention and a slash command answered together both stem words (the first one to ask
    builds the synonym table): one Snowball stemmer shared between threads cut words into
    others' stems or failed ("IndexError: string index out of range", seen under load)."""
    letters = string.ascii_lowercase
    words = [
        "".join(start) + ending
        for start in itertools.product(letters, repeat=3)
        for ending in ("ationalization", "fulnesses")
    ][:24_000]
    fresh = snowballstemmer.stemmer("english")
    expected = {word: fresh.stemWord(word) for word in words}

    def wrong(chunk: list[str]) -> int:
        return sum(stem(word) != expected[word] for word in chunk)

    with ThreadPoolExecutor(8) as pool:
        assert sum(pool.map(wrong, [words[i::8] for i in range(8)])) == 0


def test_according_to_is_no_accord() -> None:
    """ "according to the military" attributes; it holds nothing of an accord, a deal."""
    assert "accord" not in tokens("More troops are there, according to the military.")
    assert stem("accords") == stem("accord")


@pytest.mark.parametrize(
    ("word", "not_like"),
    [("terminal", "terminated"), ("aide", "aid"), ("quite", "quit"), ("forced", "forces"),
     ("executed", "executive"), ("Touré", "tour"), ("closely", "closed"), ("found", "founded")],
)  # fmt: skip
def test_a_word_is_not_read_as_another_it_never_means(word: str, not_like: str) -> None:
    """Snowball cuts these to the stem of a word of a synonym group they never mean ("the oil
    terminal" would hold "when did the pipeline deal end")."""
    assert tokens(word) != tokens(not_like)


def test_found_is_what_was_found() -> None:
    assert tokens("Bodies were found") == tokens("bodies were find")


@pytest.mark.parametrize(
    ("british", "american"),
    [("defence", "Defense"), ("organisation", "organization"), ("centre", "center"),
     ("labour", "labor"), ("nationalise", "nationalize"), ("programme", "program"),
     ("licences", "licenses"), ("analysed", "analyzed"), ("neighbouring", "neighboring"),
     ("honoured", "honored"), ("favourite", "favorite")],
)  # fmt: skip
def test_british_and_american_spellings_are_one_word(british: str, american: str) -> None:
    """dpa, translated, wrote "the Federal Ministry of Defense"; a British colleague asks about
    "germany's defence ministry"."""
    assert tokens(british) == tokens(american)


@pytest.mark.parametrize(
    "word", ["four", "hour", "advise", "fence", "hence", "enterprise", "scoured", "poured"]
)
def test_words_that_only_look_british_keep_their_spelling(word: str) -> None:
    """ "four" is no British "for", "advise" no "advize": each stays as written."""
    assert american(word) == word


# --- time in the question ---------------------------------------------------------------------


def test_a_year_filters_by_the_facts_dates(seed_store: FactStore) -> None:
    """The answers are dated in the year; a sentence their articles lend after them (nearby.py)
    is dated in it too, or undated in an article published in it."""
    result = seed_store.ask("US troops in 2024")
    facts = [a for a in result.answers if not a.details.get("nearby")]
    assert facts
    assert all(a.date and a.date.startswith("2024") for a in facts)
    assert all(
        (a.date or a.source.published or "").startswith("2024")
        for a in result.answers
        if a.details.get("nearby")
    )
    assert "Only facts dated in 2024." in result.notes


def test_before_a_month_without_a_year_counts_from_the_latest_such_month(
    seed_store: FactStore,
) -> None:
    time, rest = find_time("troops before september", reference=REFERENCE)
    assert time is not None and time.end == dt.date(2023, 8, 31) and rest == "troops"
    answers = seed_store.ask("troops before september").answers
    assert answers and all(period(a.date)[0] <= dt.date(2023, 8, 31) for a in answers if a.date)


def test_a_month_or_day_without_a_year_is_that_month_or_day_in_any_year() -> None:
    """ "aid paused august 5" in a store whose articles run from 2023 into 2025: the question
    does not say which August, so 5 August of any year answers, and no other day."""
    time, rest = find_time("aid paused august 5", reference=dt.date(2025, 3, 1))
    assert time is not None and rest == "aid paused"
    assert time.admits("2023-08-05") and time.admits("2024-08-05")
    assert not time.admits("2023-08-06") and not time.admits("2024-07")
    assert time.admits("2023")  # a fact dated only to the year may fall on that day
    march, _ = find_time("who led the delegation in march", reference=dt.date(2025, 1, 1))
    assert march is not None and march.admits("2024-03-12") and march.admits("2023-03")


@pytest.mark.parametrize(
    ("query", "rest"),
    [
        ("mali coups 2020 2021 timeline", "mali coups timeline"),
        ("cominak losses 2020-2021", "cominak losses"),
        ("cominak losses 2020-21", "cominak losses"),
        ("attacks between 2020 and 2021", "attacks between"),
        ("aid from 2020 to 2021", "aid"),
    ],
)
def test_two_years_asked_together_are_the_span_between_them(query: str, rest: str) -> None:
    """ "mali coups 2020 2021 timeline" asks for both years, not for 2020 and the word "2021"."""
    time, left = find_time(query, reference=REFERENCE)
    assert time is not None and left == rest
    assert (time.start, time.end) == (dt.date(2020, 1, 1), dt.date(2021, 12, 31))
    assert time.text == "from 2020 to 2021"  # as the notes say it: "Only facts dated from …"


@pytest.mark.parametrize(
    ("query", "start", "end"),
    [
        ("wfp needs june-november 2022", dt.date(2022, 6, 1), dt.date(2022, 11, 30)),
        ("attacks january to march 2024", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
        ("lean season november-february 2023", dt.date(2022, 11, 1), dt.date(2023, 2, 28)),
    ],
)
def test_two_months_and_a_year_are_the_span_between_them(
    query: str, start: dt.date, end: dt.date
) -> None:
    """A sitrep's period ("June - November 2022") asked as people type it, and said back in
    words ("from June to November 2022")."""
    time, _ = find_time(query, reference=REFERENCE)
    assert time is not None and (time.start, time.end) == (start, end)
    assert time.text.startswith(f"from {start:%B}") and time.text.endswith(f"to {end:%B %Y}")


def test_a_date_is_held_by_the_period_asked_only_when_it_lies_wholly_in_it() -> None:
    """ "on 26 july" admits a fact dated only "2023" (it may fall on that day) but holds only
    one dated that day; "in 2023" holds "2023-07" and "2023"."""
    day, _ = find_time("what happened on 26 july", reference=REFERENCE)
    assert day is not None and day.admits("2023") and not day.holds("2023")
    assert day.holds("2023-07-26") and day.holds("2020-07-26") and not day.holds("2023-07")
    year, _ = find_time("coups in 2023", reference=REFERENCE)
    assert year is not None and year.holds("2023-07") and year.holds("2023")
    assert not year.holds("2022-12-31")


def test_what_happened_after_an_event_starts_at_it(empty_store: FactStore, tmp_path: Path) -> None:
    """ "what happened after the chinagodrar attack": the attack asked, then what its article
    dates later (the mourning, which names no attack), not the attack before it."""
    _one_article(
        empty_store,
        tmp_path,
        "---\ntitle: Attacks in Tillabéri\npublished: 2020-02-01\n---\n\n"
        "On 9 January 2020, militants attacked the army post at Chinagodrar.\n\n"
        "This attack followed one at Inates on 10 December 2019.\n\n"
        "On 12 January 2020, the government declared three days of national mourning.\n",
    )
    result = empty_store.ask("what happened after the chinagodrar attack")
    dates = [a.date for a in result.answers if a.kind == "event"]
    assert dates[:2] == ["2020-01-09", "2020-01-12"] and "2019-12-10" not in dates


def test_what_came_before_an_event_ends_at_it(empty_store: FactStore, tmp_path: Path) -> None:
    """ "what came before the chinagodrar attack" is a timeline that ends at the attack: the
    attack at Inates before it, not the mourning after it."""
    _one_article(
        empty_store,
        tmp_path,
        "---\ntitle: Attacks in Tillabéri\npublished: 2020-02-01\n---\n\n"
        "On 9 January 2020, militants attacked the army post at Chinagodrar.\n\n"
        "This attack followed one at Inates on 10 December 2019.\n\n"
        "On 12 January 2020, the government declared three days of national mourning.\n",
    )
    result = empty_store.ask("what came before the chinagodrar attack")
    assert result.intent == "timeline"
    dates = [a.date for a in result.answers if a.kind == "event"]
    assert "2020-01-09" in dates and "2020-01-12" not in dates


def test_a_timeline_of_one_event_says_so_in_words(empty_store: FactStore, tmp_path: Path) -> None:
    """ "1 events on January 2025" read badly in a meeting: one event, in a month."""
    _one_article(
        empty_store,
        tmp_path,
        "---\ntitle: Gold\npublished: 2025-02-20\n---\n\n"
        "In January 2025, three tonnes of gold were seized from Barrick by the Malian state.\n",
    )
    result = empty_store.ask("timeline barrick gold seizure")
    assert result.answer_line == "1 event in January 2025"


def test_an_acronym_no_lexicon_knows_is_answered_with_what_it_stands_for(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "what does bcid-aes stand for": the first line spells the acronym out as the article
    does, not the acronym asked back ("BCID-AES — Agence Ecofin")."""
    _one_article(
        empty_store,
        tmp_path,
        "---\ntitle: Sahel bank\npublished: 2025-12-13\n---\n\n"
        "The AES has formally established the Confederal Investment and Development Bank "
        "(BCID-AES).\n\n"
        "The BCID-AES will fund roads and farms.\n",
    )
    result = empty_store.ask("what does bcid-aes stand for")
    assert result.answer_line == (
        "Confederal Investment and Development Bank (BCID-AES) — Sahel bank"
    )
    assert result.answers[0].quote.startswith("The AES has formally established")


def test_a_countrys_timeline_leaves_out_another_countrys_events(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "timeline us withdrawal niger": a report of both withdrawals gives the US's; France's,
    which names France and Niger but not the US, is another country's story. Niger, the country
    the articles name most, need not be named by each event of the US's."""
    _one_article(
        empty_store,
        tmp_path,
        "---\ntitle: US and French forces leave Niger\npublished: 2024-09-20\n---\n\n"
        "France began the withdrawal of its troops from Niger in October 2023.\n\n"
        "The French withdrawal from Niger ended on 22 December 2023.\n\n"
        "Niger ordered the withdrawal of US troops on 16 March 2024.\n\n"
        "The US withdrawal from Air Base 101 in Niamey ended on 7 July 2024.\n\n"
        "The US withdrawal from Agadez ended on 5 August 2024.\n\n"
        "Niger's rulers said Niger was a sovereign state.\n",
    )
    us = empty_store.ask("timeline us withdrawal niger").answers
    assert [a.date for a in us] == ["2024-03-16", "2024-07-07", "2024-08-05"]
    french = empty_store.ask("timeline french withdrawal").answers
    assert [a.date for a in french][:2] == ["2023-10", "2023-12-22"]


def test_a_timeline_of_a_day_lists_that_days_events_however_they_are_worded(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "niger coup timeline - what happened on 26 july": the guard's removal of Bazoum on that
    day answers, though it never says "coup"; an event dated only to a year, which may fall on
    any day, does not come first."""
    _one_article(
        empty_store,
        tmp_path,
        "---\ntitle: The crisis\npublished: 2023-09-01\n---\n\n"
        "Niger has had coups since 2020, the bloc said.\n\n"
        "On 26 July 2023, part of the Nigerien presidential guard removed President Bazoum.\n\n"
        "On 30 July 2023, ECOWAS gave the junta a week.\n",
    )
    result = empty_store.ask("niger coup timeline - what happened on 26 july")
    assert [a.date for a in result.answers if a.kind == "event"] == ["2023-07-26"]
    assert result.answers[0].quote.startswith("On 26 July 2023, part of the Nigerien")


def test_a_number_after_a_year_is_no_span() -> None:
    time, left = find_time("troops 2024 1000", reference=REFERENCE)
    assert time is not None and (time.start, time.end) == (
        dt.date(2024, 1, 1),
        dt.date(2024, 12, 31),
    )
    assert left == "troops 1000"


def test_a_fact_dated_at_a_coarser_precision_is_admitted_when_it_may_fall_in_the_period() -> None:
    time, _ = find_time("before September 2023", reference=REFERENCE)
    assert time is not None
    assert time.admits("2023") and time.admits("2023-08-31") and not time.admits("2023-10")


def test_may_is_a_month_only_when_framed_as_one() -> None:
    assert find_time("who may lead the junta", reference=REFERENCE) == (
        None,
        "who may lead the junta",
    )
    time, _ = find_time("troops since May 2024", reference=REFERENCE)
    assert time is not None and time.start == dt.date(2024, 5, 1)


def test_a_sentence_without_a_date_is_dated_by_the_sentences_before_it_or_its_publication(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "Who led the delegation in March": the sentence naming the leader gives no date, the one
    before it does; a sentence with no date anywhere near is as of its article's publication; a
    sentence dated otherwise does not answer for March."""
    _one_article(
        empty_store,
        tmp_path,
        "---\ntitle: Delegations\npublished: 2024-06-02\n---\n"
        "In March 2024 a US delegation flew to Niamey.\n\n"
        "The trip was led by Molly Phee, an assistant secretary.\n\n"
        "The convoy was led by Amadou Diallo in August 2023.\n\n"
        "The harvest in Maradi was good.\n\n"
        "The rains were late in Zinder.\n\n"
        "The market reopened, led by traders from Maradi.\n",
    )
    march = empty_store.ask("who led the trip in march 2024")
    assert march.notes[0] == "Only facts dated in March 2024."
    quotes = [a.quote for a in march.answers]
    assert quotes and quotes[0] == "The trip was led by Molly Phee, an assistant secretary."
    assert not any("Diallo" in q for q in quotes)
    june = empty_store.ask("what reopened in june 2024")
    assert june.notes[0] == "Only facts dated in June 2024."
    assert [a.quote for a in june.answers] == ["The market reopened, led by traders from Maradi."]


def test_a_period_nothing_is_dated_in_is_said_and_answers_come_from_any_date(
    empty_store: FactStore, tmp_path: Path
) -> None:
    _one_article(
        empty_store,
        tmp_path,
        "---\ntitle: Delegations\npublished: 2024-06-02\n---\n"
        "In March 2024 a US delegation led by Molly Phee flew to Niamey.\n",
    )
    result = empty_store.ask("who led the us delegation to niamey in 2019")
    assert [a.quote for a in result.answers] == [
        "In March 2024 a US delegation led by Molly Phee flew to Niamey."
    ]
    assert result.notes[0] == (
        "Nothing in the loaded articles is dated in 2019: these answers are from any date."
    )
    assert "Only facts dated in 2019." not in result.notes
    dated = empty_store.ask("who led the us delegation to niamey in 2024")
    assert dated.answers and "Only facts dated in 2024." in dated.notes


def test_a_period_asked_admits_what_an_undated_article_says_after_what_is_dated_then(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """Anadolu's copy of the Phee briefing carries no date: "about 648 US military personnel
    remain in the country" may be from the end of 2023, and nothing says it is not. It is shown,
    below a figure dated then, and the note says undated facts are among the answers."""
    _articles(
        empty_store,
        tmp_path,
        {
            "dated.md": "---\ntitle: Troops\npublished: 2023-12-20\n---\n"
            "About 1,000 US troops were in Niger in December 2023.\n",
            "undated.md": "---\ntitle: Partnership\n---\n"
            "About 648 US military personnel remain in Niger.\n",
        },
    )
    result = empty_store.ask("how many us troops in niger in december 2023")
    assert [a.value for a in result.answers] == [1000, 648]
    assert "Facts dated in December 2023, and undated ones from articles with no date." in (
        result.notes
    )
    # a figure dated another year is not; the undated one still may be
    assert [a.value for a in empty_store.ask("us troops in niger in 2022").answers] == [648]


def test_a_sentence_dated_in_an_undated_article_is_no_undated_answer(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """The encyclopedia copy has no publication date, but "As of February 2018, …" dates its
    sentence: asked about 2018, it ranks as dated, above a sentence that gives no date at all."""
    _articles(
        empty_store,
        tmp_path,
        {
            "wiki.md": "---\ntitle: Niger Air Base 201\n---\n"
            "As of February 2018, the site near Agadez consisted of a runway and a hangar.\n",
            "report.md": "---\ntitle: Report\n---\nThe Agadez site had a runway.\n",
        },
    )
    first = empty_store.ask("what was at the agadez site in 2018").answers[0]
    assert first.quote.startswith("As of February 2018")


def test_a_year_alone_asks_what_happened_then(seed_store: FactStore) -> None:
    result = seed_store.ask("2024")
    assert result.intent == "timeline" and result.answers
    assert all(a.date.startswith("2024") for a in result.answers)


# --- timelines ----------------------------------------------------------------------------------


def test_a_timeline_covers_the_whole_span_not_its_first_events(seed_store: FactStore) -> None:
    short = seed_store.ask("timeline US", limit=5).answers
    full = seed_store.ask("timeline US", limit=100).answers
    assert len(short) == 5 and len(full) > 5
    assert short[0].date == full[0].date and short[-1].date == full[-1].date  # both ends kept
    assert full[-1].date >= "2024-03"  # the break with the US in March 2024 is on it


def test_a_timeline_of_few_events_reads_on_into_sentences_that_refer_back(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """Three events name the alliance; the one it began with says "It": a timeline of three
    stops before its start, so fewer than TIMELINE_MIN_EVENTS widen it to referring sentences."""
    _one_article(
        empty_store,
        tmp_path,
        "# Alliance of Sahel States\n\n"
        "The Alliance of Sahel States became a confederation on 6 July 2024.\n\n"
        "The Alliance of Sahel States set up a joint force on 20 December 2024.\n\n"
        "The Alliance of Sahel States left ECOWAS on 29 January 2025.\n\n"
        "It originated as a mutual defence pact signed on 16 September 2023.\n",
    )
    events = empty_store.ask("timeline alliance of sahel states").answers
    assert [a.date for a in events] == ["2023-09-16", "2024-07-06", "2024-12-20", "2025-01-29"]


def test_a_timeline_is_in_order_and_names_each_event_once(seed_store: FactStore) -> None:
    answers = seed_store.ask("timeline", limit=100).answers
    assert [a.date for a in answers] == sorted(a.date for a in answers)
    assert len({(a.quote, a.date) for a in answers}) == len(answers)
    assert any(a.date == "2023-07-26" for a in answers)  # the coup itself


def test_a_timeline_quotes_each_sentence_once(seed_store: FactStore) -> None:
    answers = seed_store.ask("timeline", limit=100).answers
    assert len({a.quote for a in answers}) == len(answers)


def test_a_sentence_of_several_dates_stands_in_a_timeline_at_the_one_asked_about(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """Three alternative birth years are one life, not three entries quoting one sentence. A
    sentence stands at the date nearest the name and words asked: Bazoum's swearing-in, not the
    independence it recalls, unless independence is what is asked."""
    _one_article(
        empty_store,
        tmp_path,
        "# Mohamed Bazoum\n\n"
        "Mohamed Bazoum (born 1959 or 1960 or 1 January 1960) is a Nigerien politician.\n\n"
        "Bazoum was sworn in on 2 April 2021, the first handover since independence in 1960.\n\n"
        "Bazoum was ousted by the presidential guard on 26 July 2023.\n",
    )
    events = empty_store.ask("timeline bazoum").answers
    assert [a.date for a in events] == ["1959", "2021-04-02", "2023-07-26"]
    assert len({a.quote for a in events}) == 3
    recalled = empty_store.ask("timeline bazoum independence").answers
    assert [a.date for a in recalled if not a.details.get("nearby")] == ["1960"]


def test_a_country_asked_is_found_by_its_adjective_where_a_sentence_stands(
    seed_store: FactStore,
) -> None:
    """ "timeline france": "French soldiers left their bases in Niger on Tuesday …, said the
    military regime in power in Niamey since the end of July" is the soldiers' Tuesday (AFP,
    10 October 2023), the date by "French", not the July the regime has held power since."""
    events = seed_store.ask("timeline france", limit=10).answers
    (left,) = [a for a in events if a.quote.startswith("French soldiers left their bases")]
    assert left.date == "2023-10-10"


def test_a_timeline_of_few_events_goes_on_with_the_sentences_nearest_it(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "what happened after the chinagodrar attack": the article dates the attack only; what
    followed it is told without a date, and is read after it, marked as a looser match."""
    _one_article(
        empty_store,
        tmp_path,
        "# Battle of Chinagodrar\n\n"
        "On 9 January 2020, militants assaulted a military base at Chinagodrar.\n\n"
        "The government declared three days of national mourning after the Chinagodrar attack.\n",
    )
    answers = empty_store.ask("what happened after the chinagodrar attack").answers
    assert answers[0].date == "2020-01-09"
    assert answers[1].quote.startswith("The government declared three days of national mourning")
    assert answers[1].details.get("nearby")


def test_limit_is_honoured(seed_store: FactStore) -> None:
    assert len(seed_store.ask("timeline US", limit=25).answers) > 10


# --- the answer line ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "starts"),
    [
        ("when was the coup", "26 July 2023"),
        ("when did the US declare it a coup", "10 October 2023"),
        ("who leads niger", "Abdourahamane Tchiani"),
        ("how much aid was suspended", "nearly $200 million"),
        ("troops US", "United States: about 1,000"),
        ("where is air base 201", "Air Base 201 (drone base, near Agadez)"),  # where it is
    ],
)
def test_the_first_line_answers_the_question(
    seed_store: FactStore, query: str, starts: str
) -> None:
    result = seed_store.ask(query)
    assert result.answer_line and result.answer_line.startswith(starts), result.answer_line
    assert result.to_dict()["answer_line"] == result.answer_line


def test_the_answer_line_uses_only_the_first_answers_words(seed_store: FactStore) -> None:
    result = seed_store.ask("how much aid was suspended")
    top = result.answers[0]
    assert top.details["text"] in result.answer_line and top.details["text"] in top.quote


def test_sources_that_disagree_are_named_in_the_line(seed_store: FactStore) -> None:
    line = seed_store.ask("how many US troops are in Niger?").answer_line
    assert line and "sources disagree" in line


def test_an_organisation_is_one_answer_per_article_naming_it(seed_store: FactStore) -> None:
    """ "what is cnsp": an article naming the CNSP in ten sentences is one answer, its best
    sentence; each other article's sentence about it tells something else (who leads it, what it
    demands), so it is an answer of its own rather than folded away."""
    answers = seed_store.ask("what is cnsp").answers
    named = [a for a in answers if a.kind == "organisation"]
    articles = [a.source.article_id for a in named]
    assert len(named) > 1 and len(articles) == len(set(articles))
    assert {a.summary for a in named} == {"National Council for Safeguarding the Homeland (CNSP)"}


def test_the_sentence_saying_what_it_is_answers_first(empty_store: FactStore) -> None:
    """Among equally relevant sentences naming the Alliance of Sahel States, an infobox row and a
    passing mention lose to the one that says what it is."""
    empty_store.ingest([DEV_ARTICLES / "03_wiki-alliance-of-sahel-states.md"])
    first = empty_store.ask("what is the AES").answers[0]
    assert "is a confederation formed" in first.quote


@pytest.mark.parametrize(
    ("text", "name", "defines"),
    [
        ("The Alliance of Sahel States (AES), also known as the Confederation of Sahel States, "
         "is a confederation", "Alliance of Sahel States", True),
        ("Mohamed Bazoum (born 1 January 1960)[2] is a Nigerien politician", "Mohamed Bazoum", True),
        ("Wagner, a Russian mercenary group, arrived", "Wagner", True),
        ("Conventional Long Name: Alliance of Sahel States", "Alliance of Sahel States", False),
        ("Bazoum was arrested at dawn", "Bazoum", False),
        # where a person comes from, how old they are, says who they are
        ("According to reports, Tchiani is from Filingué in Niger’s Tillaberi region",
         "Tchiani", True),
        ("General Tchiani, aged 62, was born in Filingué", "General Tchiani", True),
        ("Tchiani is expected in Bamako", "Tchiani", False),
    ],
)  # fmt: skip
def test_a_definition_follows_the_name(text: str, name: str, defines: bool) -> None:
    from store.search.answer import _defines

    assert bool(_defines(text, {"aliases": [name]}, "organisation")) is defines
    assert bool(_defines(text, {"aliases": [name]}, "person")) is defines


# --- references back to the subject, on a real article ------------------------------------------


@pytest.fixture
def aes_store(empty_store: FactStore) -> Iterator[FactStore]:
    empty_store.ingest([DEV_ARTICLES / "03_wiki-alliance-of-sahel-states.md"])
    yield empty_store


def test_a_sentence_that_refers_back_to_the_articles_subject_answers(aes_store: FactStore) -> None:
    """ "It originated as a mutual defense pact created on 16 September 2023" does not name the
    alliance: its article's title does."""
    answers = aes_store.ask("when was the alliance of sahel states created").answers
    assert answers and "created on 16 September 2023" in answers[0].quote
    assert answers[0].date == "2023-09-16"


def test_a_sentence_far_from_the_name_is_about_the_article_s_subject(
    empty_store: FactStore,
) -> None:
    """El País on Bazoum's year in captivity, titled "One year of captivity for the former
    president of Niger", names Bazoum in a fifth of its sentences: "Their only contact with the
    outside world is their doctor, who brings them food twice a week." is about the Bazoums,
    though neither it, its title nor the sentences just before it name them."""
    from store.search.candidates import ENTITY_CONTEXT, Relevance

    articles = DEV_ARTICLES.parent.parent / "dev34" / "articles"
    empty_store.ingest([articles / "13_morningexpress-elpais-bazoum-one-year-captivity.md"])
    index = empty_store.index()
    doctor = next(s for s in index.sentences.values() if "their doctor" in s.text)
    parsed = parse_query("bazoum", aliases=index.aliases, vocabulary=index.vocabulary)
    assert Relevance(parsed, index)(doctor.id) == ENTITY_CONTEXT
    answers = empty_store.ask("how often does the doctor visit the bazoums").answers
    assert answers[0].quote == doctor.text


def test_a_date_in_the_sentence_after_the_words_answers_when(empty_store: FactStore) -> None:
    """ "…Germany had initially agreed an interim agreement with Niger. It was limited to August
    31.": the question's words are in one sentence, its date in the next, which carries on from
    it ("It …"); read with the sentence before, it answers first."""
    empty_store.ingest([DEV_ARTICLES / "44_gettotext-bundeswehr-leaves-niamey.md"])
    answers = empty_store.ask("when did the interim agreement for the german base expire").answers
    assert answers[0].quote == "It was limited to August 31."
    assert answers[0].date == "2024-08-31"
    assert answers[0].details["context"] == (
        "After the expiration of the previous stationing agreement for the Niamey base, Germany "
        "had initially agreed an interim agreement with Niger."
    )


def test_only_a_sentence_carrying_on_lends_its_words_to_a_date_after_it(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """A date in a sentence that starts afresh ("Berlin …") is about something else: the words
    of the sentence before do not make it an answer."""
    text = (
        "# Interim deal\n\nGermany had agreed an interim stationing agreement with Niger.\n"
        "{} was limited to August 31, 2024.\n"
    )
    carrying_on = _one_article(empty_store, tmp_path, text.format("It"))
    quotes = [
        a.quote for a in carrying_on.ask("when did the interim stationing agreement end").answers
    ]
    assert quotes[:1] == ["It was limited to August 31, 2024."]
    fresh = _one_article(empty_store, tmp_path, text.format("Berlin's visa scheme"))
    quotes = [a.quote for a in fresh.ask("when did the interim stationing agreement end").answers]
    assert "Berlin's visa scheme was limited to August 31, 2024." not in quotes


def test_what_someone_said_starts_with_what_they_said_about_something(
    empty_store: FactStore,
) -> None:
    """A briefing transcript gives the spokesman's pleasantries as statements too ("Good
    afternoon, everyone."); asked what he said, about nothing in particular, the statements that
    name what they are about come first."""
    empty_store.ingest([DEV_ARTICLES / "21_state-press-briefing-aug-7-2023.md"])
    said = [a.quote for a in empty_store.ask("what did miller say").answers[:3]]
    assert len(said) == 3
    for pleasantry in ("not the same here without you", "Welcome back", "Good afternoon"):
        assert not any(pleasantry in quote for quote in said)


def test_a_spokeswoman_asked_by_her_body_is_its_press_secretary(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "the pentagon spokeswoman" is the Deputy Pentagon Press Secretary: a press secretary is
    a spokesperson, and the body named tells her from six other spokesmen. Her briefing says
    much before the words asked, which are still found among all she said."""
    briefing = "\n\n".join(
        f"On item {n}, we have nothing new to announce on the {topic} file today."
        for n, topic in enumerate(["budget", "travel", "Iraq", "Syria", "Korea"] * 7, start=1)
    )
    (tmp_path / "briefing.md").write_text(
        "---\ntitle: Deputy Pentagon Press Secretary Sabrina Singh Holds a Press Briefing\n---\n"
        "DEPUTY PRESS SECRETARY SABRINA SINGH: Hi, everyone.\n\n"
        f"{briefing}\n\n"
        "The delegation conducted meetings with the CNSP and with civil society in Niamey.\n",
        encoding="utf-8",
    )
    spokesmen = [
        ("Amadou Abdramane", "junta's"),
        ("Matthew Miller", "State Department"),
        ("Ali Baba", "ECOWAS"),
        ("John Kirby", "White House"),
        ("Peter Stano", "EU"),
        ("Anne Claire Legendre", "French foreign ministry"),
    ]
    reactions = "\n\n".join(
        f"{name}, the {body} spokesman, said the talks with the CNSP would go on."
        for name, body in spokesmen
    )
    (tmp_path / "reactions.md").write_text(
        f"# Reactions\n\n{reactions}\n\n"
        "“Nothing has changed,” Pentagon deputy press secretary Sabrina Singh said later.\n",
        encoding="utf-8",
    )
    assert not empty_store.ingest([tmp_path]).failed
    answers = empty_store.ask("what did the pentagon spokeswoman say about the cnsp meetings")
    assert answers.answers[0].quote.startswith("The delegation conducted meetings with the CNSP")


def test_a_question_beyond_a_name_reads_each_sentence_of_an_article_naming_it(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "what is cnsp" gets one sentence per article naming the CNSP (the test above); "what is
    the niamey declaration" asks more than Niamey, and two sentences of one article naming
    Niamey tell two things: both are answers."""
    _one_article(
        empty_store,
        tmp_path,
        "# Sahel summit\n\n"
        "Neither the Niamey Declaration nor the charter makes any mention of a currency.\n\n"
        "The summit in Niamey produced the Niamey Declaration, which turns the alliance into a "
        "confederation.\n",
    )
    answers = empty_store.ask("what is the niamey declaration").answers
    quotes = [a.quote for a in answers if not a.details.get("nearby")]  # answers, not a fill
    assert any(q.startswith("Neither the Niamey Declaration") for q in quotes)
    assert any(q.startswith("The summit in Niamey produced") for q in quotes)


def test_a_sentence_told_twice_is_one_answer(empty_store: FactStore) -> None:
    """Bloomberg's page gives its lead twice, once as the standfirst and once after "(Bloomberg)
    —": the reader sees it once."""
    empty_store.ingest([DEV_ARTICLES / "12_bloomberg-french-ambassador-leaves.md"])
    quotes = [a.quote for a in empty_store.ask("french ambassador left niger").answers]
    lead = "ambassador to Niger left the country, three days after President Emmanuel Macron"
    assert sum(lead in quote for quote in quotes) == 1


def test_another_outlets_copy_of_a_sentence_is_listed_under_the_first(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """A wire sentence in two outlets, one with curly apostrophes and a dash, one without: one
    answer, the second outlet under also_reported_by."""
    wire = "Niger{}s junta ordered the French ambassador to leave within 48 hours{} officials said."
    for name, outlet, (apostrophe, dash) in (
        ("a.md", "Outlet A", ("’", " —")),
        ("b.md", "Outlet B", ("'", ",")),
    ):
        (tmp_path / name).write_text(
            f"---\ntitle: {outlet} report\noutlet: {outlet}\n---\n"
            f"{wire.format(apostrophe, dash)}\n",
            encoding="utf-8",
        )
    assert not empty_store.ingest([tmp_path / "a.md", tmp_path / "b.md"]).failed
    answers = empty_store.ask("junta ordered the french ambassador to leave").answers
    assert len(answers) == 1
    assert [o["outlet"] for o in answers[0].details["also_reported_by"]] == ["Outlet B"]


def test_what_an_organisation_is_comes_first_from_the_sentence_it_opens(
    empty_store: FactStore,
) -> None:
    """Tchiani's encyclopedia lead says what the council is in passing ("…who is the president of
    the National Council for the Safeguard of the Homeland (CNSP), the military junta…"); the
    council's own page opens with it ("The National Council for the Safeguard of the Homeland
    (…; CNSP) is the ruling military junta") and comes first."""
    empty_store.ingest(
        [DEV_ARTICLES / "35_wiki-abdourahamane-tchiani.md", DEV_ARTICLES / "70_wiki-cnsp-junta.md"]
    )
    first = empty_store.ask("what is the cnsp").answers[0]
    assert first.quote.startswith("The National Council for the Safeguard of the Homeland (Arabic")


@pytest.mark.parametrize(
    ("query", "sentence"),
    [
        # a junta's communiqué says "terrorists" and "neutralized" (Xinhua, 18 September 2024)
        ("how many jihadists did the army kill",
         "More than 100 terrorists have been “neutralized”, the army said."),
        ("where were the wounded soldiers taken", "The injured soldiers were evacuated to Niamey."),
        ("dates of phee's trip", "Molly Phee will travel to Nigeria from August 25-29, 2023."),
        ("jailed reporters niger", "Four journalists have been detained in Niger since May."),
        ("when were relations with the soviet union established",
         "Diplomatic relations with the USSR were established in 1972."),
        # Africanews on Somair (2025), HRW on Bazoum (2024)
        ("who owns the rest of somair", "The remaining 37% of Somair is owned by Niger."),
        ("what charge will bazoum face",
         "The junta announced its intention to prosecute Bazoum for high treason."),
    ],
)  # fmt: skip
def test_news_words_find_the_words_news_uses_for_them(
    empty_store: FactStore, tmp_path: Path, query: str, sentence: str
) -> None:
    store = _one_article(empty_store, tmp_path, f"# Report\n\n{sentence}\n")
    assert [a.quote for a in store.ask(query).answers][:1] == [sentence]


@pytest.fixture
def zeine_store(empty_store: FactStore) -> Iterator[FactStore]:
    empty_store.ingest([DEV_ARTICLES / "11_gorealnews-pentagon-announcement.md"])
    yield empty_store


def test_a_rare_word_lends_half_its_weight_to_the_sentence_after_it(zeine_store: FactStore) -> None:
    """ "Zeine expressed dissatisfaction ..., stating:" is followed by the quote itself, which does
    not say "dissatisfaction": it holds half of the word; a sentence that neither says nor follows
    it holds none. Zeine is the quote's speaker, so the quote names him in full, while the
    sentence after the quote only inherits him (see ENTITY_CONTEXT)."""
    from store.search.candidates import ENTITY_CONTEXT, TERM_CONTEXT, Relevance

    index = zeine_store.index()
    quote = next(s for s in index.sentences.values() if s.text.startswith("“The Americans stayed"))
    named = next(s for s in index.sentences.values() if "Lamine Zeine expressed" in s.text)

    def relevance(query: str) -> Relevance:
        parsed_query = parse_query(query, aliases=index.aliases, vocabulary=index.vocabulary)
        return Relevance(parsed_query, index)

    word = relevance("dissatisfaction")
    assert word(named.id) == 1.0
    assert word(quote.id) == TERM_CONTEXT
    later = [s for s in index.sentences.values() if s.id > quote.id + 2]
    assert later and all(word(s.id) == 0.0 for s in later if "dissatisf" not in s.text.lower())
    assert relevance("zeine")(quote.id) == 1.0
    after_quote = index.sentences[quote.id + 2]
    assert relevance("zeine")(after_quote.id) == ENTITY_CONTEXT, after_quote.text
    assert not [k for k in index.context_by_entity if k.startswith("country:")], (
        "countries are named everywhere: no sentence inherits one"
    )


def test_what_a_speaker_said_in_a_transcript_answers_by_surname_across_spellings(
    fresh_seed_store: FactStore,
) -> None:
    """The Pentagon's press secretary is "Patrick Ryder" in a report and "PAT RYDER:" in his own
    gaggle's transcript, whose sentences never name him: "what did ryder say about niger" finds
    his words there, with the rule that made them his."""
    store = fresh_seed_store
    store.ingest([DEV_ARTICLES / "08_sputnik-pentagon-withdrawal-talks.md"])  # names him first
    store.ingest([DEV_ARTICLES / "07_dod-ryder-gaggle-niger.md"])
    answers = store.ask("what did ryder say about niger").answers
    quotes = [a.quote for a in answers[:3]]
    assert "We're still continuing to monitor the situation in Niger." in quotes
    said = next(a for a in answers if a.quote.startswith("We're still continuing"))
    assert said.rule() == "the transcript's speaker label that opens this turn"


def test_a_question_about_something_no_article_names_gets_no_answer(seed_store: FactStore) -> None:
    """ "ethiopia election results": a sentence about an election in Niger holds two of its
    three words, but no article names Ethiopia, so nothing answers it; nor is a query about
    Ethiopia suggested instead."""
    result = seed_store.ask("ethiopia election results")
    assert not result.answers
    assert any("Ethiopia" in note for note in result.notes)
    assert not [s for s in result.suggestions if "Ethiopia" in s]


def test_a_name_no_article_mentions_still_shows_the_sentences_closest_to_the_rest(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "who represented africom at the niamey withdrawal meeting": TASS writes "the African
    Command of the US Armed Forces", so no article mentions AFRICOM. The bot says so first, and
    shows the sentences closest to the rest of the question, marked as not answers; a question
    asking little besides the name ("ethiopia election results") still shows nothing."""
    _one_article(
        empty_store,
        tmp_path,
        "The withdrawal of US forces from Niamey was completed on Sunday. "
        "Major General Ken Ekman represented the African Command of the US Armed Forces at the "
        "withdrawal meeting in Niamey. "
        "Elections in Niger have been postponed; no results are expected.\n",
    )
    result = empty_store.ask("who represented africom at the niamey withdrawal meeting")
    assert result.notes[0] == "No loaded article mentions US Africa Command."
    assert not result.answered and result.answers
    assert "Ken Ekman represented" in result.answers[0].quote
    assert not empty_store.ask("ethiopia election results").answers


def test_a_name_no_article_writes_is_told_so_not_answered_by_another_place(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "solenzo massacre death toll": no article writes "Solenzo", a word no English list holds
    either, so it is a name the articles do not know, and the toll of another massacre is no
    answer. A rare English word no article uses ("walkout") is only a word."""
    _one_article(
        empty_store,
        tmp_path,
        "The massacre at Barsalogho left at least 400 dead, a death toll the junta disputes.\n",
    )
    result = empty_store.ask("solenzo massacre death toll")
    assert not result.answers
    assert "No loaded article mentions “solenzo”." in result.notes
    assert empty_store.ask("barsalogho massacre death toll walkout").answers
    # a word two letters from an English word is a typo, not a name
    assert not any("nicknmae" in n for n in empty_store.ask("barsalogho nicknmae").notes)
    # ... and so is one with a letter left off ("outcome"), in a word long enough to tell
    assert not any("outcom" in n for n in empty_store.ask("barsalogho massacre outcom").notes)


def test_who_holds_an_office_is_answered_only_by_a_sentence_naming_someone(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "who is the governor of the tahoua region": a sentence about the region that names no
    one is no answer, however many words it shares; one naming a person is, also where the name
    is written in capitals, as the UN writes a speaker's ("BAKARY YAOU SANGARÉ, Minister for
    Foreign Affairs")."""
    _articles(
        empty_store,
        tmp_path,
        {
            "tahoua.md": "The governor of the Tahoua region is facing growing uncertainty. "
            "Attacks in the Tahoua region have risen since July.\n",
            "un.md": "BAKARY YAOU SANGARÉ, Minister for Foreign Affairs of Niger, spoke in New "
            "York.\n",
        },
    )
    assert not empty_store.ask("who is the governor of the tahoua region").answered
    minister = empty_store.ask("who is the minister for foreign affairs of niger").answers
    assert minister and minister[0].quote.startswith("BAKARY YAOU SANGARÉ")


def test_an_international_body_no_article_names_is_told_so(
    fresh_seed_store: FactStore, tmp_path: Path
) -> None:
    """The seeds never name the IMF: "what did the imf say about niger's budget" had been
    answered with the junta's words on French troops. An article that spells the body out is
    found by its acronym."""
    result = fresh_seed_store.ask("what did the imf say about niger's 2025 budget")
    assert not result.answers
    assert "No loaded article mentions International Monetary Fund." in result.notes
    _one_article(
        fresh_seed_store,
        tmp_path,
        "# Budget\n\nThe International Monetary Fund said Niger's budget deficit would narrow.\n",
    )
    found = fresh_seed_store.ask("what did the imf say about niger's budget")
    assert found.answers[0].quote == (
        "The International Monetary Fund said Niger's budget deficit would narrow."
    )


def test_words_glued_by_a_lost_table_cell_are_read_apart() -> None:
    from store.search.index import tokens

    assert tokens("EthnicityOuled Slimane Arab[1]")[:2] == ["ethnic", "oul"]
    assert "novemb" in tokens("In useNovember 2019 – present[1]")
    assert tokens("McDonald") == ["mcdonald"]  # one capital after one letter is a name's


def test_a_title_naming_someone_its_article_introduces_is_inherited(empty_store: FactStore) -> None:
    """In "Mohamed Bazoum" (an encyclopedia page, the first article to name him), "He was
    ousted in the 2023 Nigerien coup d'état…" is about Bazoum: the title's entity is known by
    the time the article's sentences inherit it."""
    from store.search.candidates import ENTITY_CONTEXT, Relevance

    empty_store.ingest([DEV_ARTICLES / "25_wiki-mohamed-bazoum.md"])
    index = empty_store.index()
    ousted = next(s for s in index.sentences.values() if s.text.startswith("He was ousted"))
    parsed = parse_query("bazoum", aliases=index.aliases, vocabulary=index.vocabulary)
    assert Relevance(parsed, index)(ousted.id) == ENTITY_CONTEXT


def test_a_title_naming_a_body_by_its_hyphenated_long_name_is_inherited() -> None:
    """An encyclopedia page titled "Jama'at Nusrat al-Islam wal-Muslimin" is about JNIM: the
    alias is written with its hyphens and runs to more words once they are read as spaces."""
    from store.search.index import title_entities

    aliases = {"jama'at nusrat al-islam wal-muslimin": "org:JNIM", "niger": "country:Niger"}
    assert title_entities("Jama'at Nusrat al-Islam wal-Muslimin", aliases) == ["org:JNIM"]
    assert title_entities("Niger-Benin pipeline row", aliases) == ["country:Niger"]


def test_how_many_fighters_a_group_has_is_answered_by_its_infobox_size_row(
    empty_store: FactStore, tmp_path: Path
) -> None:
    from tests.test_extract import INFOBOX_SIZE

    _one_article(empty_store, tmp_path, INFOBOX_SIZE)
    first, second = empty_store.ask("how many fighters does jnim have").answers[:2]
    assert (first.kind, first.details["text"], first.date) == ("troops", "5,000–6,000", "2024")
    assert (second.details["text"], second.date) == ("2,000–3,000", "2022")  # latest first
    assert first.quote.startswith("Size: 2,000–3,000")


def test_when_a_group_was_founded_is_answered_by_its_infobox_active_row(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "Active: 2 March 2017 – present" says when JNIM was founded, in no word of the question:
    the label is read as the words prose uses for it (queries.toml [labels])."""
    from store.search.index import search_words, stem
    from tests.test_extract import INFOBOX_SIZE

    assert {stem("founded"), stem("formed")} <= search_words("Active: 2 March 2017 – present")
    assert stem("founded") not in search_words("Activists: 2 March 2017")
    _one_article(empty_store, tmp_path, INFOBOX_SIZE)
    first = empty_store.ask("when was jnim founded").answers[0]
    assert first.quote == "Active: 2 March 2017 – present"
    assert first.date == "2017-03-02"


def test_a_count_of_one_country_s_soldiers_is_not_answered_by_another_s(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """No figure is Italy's: the US soldiers stationed in Niger are not an answer to how many
    Italian soldiers are, though they hold every other word of the question."""
    _one_article(
        empty_store,
        tmp_path,
        "More than 1,000 US soldiers are still stationed in Niger, officials said.\n\n"
        "Italy's foreign minister visited Niamey on Monday.\n",
    )
    italian = empty_store.ask("how many italian soldiers are still stationed in niger")
    assert not italian.answered
    assert "No loaded article gives a troop figure for Italy." in italian.notes
    american = empty_store.ask("how many us soldiers are still stationed in niger")
    assert american.answered and american.answers[0].quote.startswith("More than 1,000 US")


def test_a_sentence_that_asks_ranks_below_one_that_tells(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """A reporter's question in a transcript holds the words it asks about; the answer after it
    holds the same words and tells. The question comes first, so only its asking puts it below."""
    _one_article(
        empty_store,
        tmp_path,
        "QUESTION:  Is the withdrawal from Agadez finished?\n\n"
        "MR MILLER:  The withdrawal from Agadez is finished.\n",
    )
    answers = empty_store.ask("agadez withdrawal finished").answers
    assert [a.quote for a in answers][:2] == [
        "MR MILLER:  The withdrawal from Agadez is finished.",
        "QUESTION:  Is the withdrawal from Agadez finished?",
    ]


def test_a_body_sentence_answers_before_a_headline_holding_as_much(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """A headline is the article's summary: the body sentence that holds the same words tells
    who, when and how, so it answers first, and the headline still follows it."""
    _one_article(
        empty_store,
        tmp_path,
        "# Court strips Bazoum of immunity\n\n"
        "The State Court lifted the immunity of Mohamed Bazoum on Friday, opening the way to his "
        "trial.\n",
    )
    quotes = [a.quote for a in empty_store.ask("bazoum immunity").answers]
    assert quotes[:2] == [
        "The State Court lifted the immunity of Mohamed Bazoum on Friday, opening the way to "
        "his trial.",
        "Court strips Bazoum of immunity",
    ]


@pytest.mark.parametrize(
    ("query", "word"),
    [
        ("what help is moscow giving mali", "help"),
        ("who commands the italian mission misin", "command"),
        ("drone base usage agreement expires", "usag"),
        ("sources of funding for the junta", "sourc"),
    ],
)
def test_a_word_that_asks_for_help_is_a_word_to_find_in_a_question(
    seed_store: FactStore, query: str, word: str
) -> None:
    """ "help", "commands", "usage", "sources" alone ask for the bot's help or its sources; in a
    question about something else they are words of the question."""
    found = parsed(seed_store, query)
    assert found.intent not in {"help", "sources"}
    assert word in found.terms


@pytest.mark.parametrize(
    ("query", "word"),
    [
        ("how many ppl were displaced", "peopl"),
        ("govt spokesman", "govern"),
        ("us amb", "ambassador"),
        ("jnim hq", "headquart"),
        ("pipeline capacity bcm", "cubic"),
        ("where is niger PM lamine zeine from", "minist"),
        ("what did sangare say on national tv", "televis"),
    ],
)
def test_chat_shorthand_is_read_as_the_word_it_stands_for(
    seed_store: FactStore, query: str, word: str
) -> None:
    assert word in parsed(seed_store, query).terms


@pytest.mark.parametrize(
    ("query", "negation"),
    [
        ("why cant niger ship the uranium out", "cant"),
        ("why can't niger ship the uranium out", "can't"),
        ("why didnt ecowas send the standby force", "didnt"),
        ("why don’t transporters trust sonidep", "don't"),
        ("wont france leave niger", "wont"),
    ],
)
def test_a_negation_is_no_word_to_find(seed_store: FactStore, query: str, negation: str) -> None:
    """Like "not", a negation typed with or without its apostrophe asks nothing a sentence
    holds: read as a word no article uses ("cant"), it weighed as the rarest part of the
    question and left every sentence holding less of it."""
    terms = parsed(seed_store, query).terms
    assert negation not in terms and "cant" not in terms
    assert terms  # the words that do ask are kept


@pytest.mark.parametrize(
    "query",
    ["where exactly is air base 101", "where excatly is air base 101", "where is air base 101"],
)
def test_an_intensifier_asks_nothing_more(seed_store: FactStore, query: str) -> None:
    """ "where exactly is air base 101" asks where the base is; no sentence says "exactly"
    ("The base is located next to Diori Hamani International Airport"), so the word, or its
    typo, is no part of the question."""
    found = parsed(seed_store, query)
    assert found.terms == parsed(seed_store, "where is air base 101").terms
    assert "exact" not in found.terms


def test_two_letters_swapped_make_the_word_not_the_nearest_name(seed_store: FactStore) -> None:
    """ "brith" is "birth" with two letters swapped, nearer than "Brit" (Britain) is as a name:
    read as Britain, "issoufou year of brith" was declined, no article mentioning the UK."""
    found = parsed(seed_store, "issoufou year of brith")
    assert "birth" in found.terms and not found.entities


@pytest.mark.parametrize(
    ("query", "intent"),
    [
        ("moura massacre wen", "when"),
        ("wat did tiani say", "statement"),
        ("hw many us troops", "troops"),
    ],
)
def test_a_question_word_in_chat_shorthand_asks_the_question(
    seed_store: FactStore, query: str, intent: str
) -> None:
    """ "wen" and "wat" are English words the typo check leaves alone; in a question they ask."""
    asked = parsed(seed_store, query)
    assert asked.intent == intent
    assert not {"wen", "wat", "hw"} & set(asked.terms)


@pytest.mark.parametrize(
    ("query", "remains"),
    [
        ("are there any us troops left in niger now", True),
        ("how many american troops left in niger end of 2023", True),
        ("how many soldiers are left", True),
        ("when the last french troops left niger", False),
        ("french troops left in december", False),
    ],
)
def test_troops_left_in_a_country_are_those_that_remain(
    seed_store: FactStore, query: str, remains: bool
) -> None:
    """ "left in Niger" is what remains there (Anadolu: "about 648 US military personnel remain
    in the country"); "left Niger" and "left in December" are a departure."""
    terms = parsed(seed_store, query).terms
    assert ("remain" in terms) is remains
    assert ("left" in terms or "leav" in terms) is not remains


def test_taking_a_town_back_is_recapturing_it(seed_store: FactStore) -> None:
    """A chronology: "Government says it has recaptured the town of Kidal"."""
    terms = parsed(seed_store, "when did the malian army take back kidal").terms
    assert "recaptur" in terms and "back" not in terms
    assert stem("retook") in synonyms()[stem("recapture")]


@pytest.mark.parametrize(
    ("query", "meant", "gone"),
    [
        ("when was the alliance of sahel states set up", "establish", "set"),
        ("when was the anti smuggling law brought in", "introduc", "brought"),
        ("smuggling law brought in by the junta", "introduc", "brought"),
        ("what did the ex-president say", "former", "ex"),
        ("what did the ex president say", "former", "ex"),
        ("where is bazoum being held", "detain", "held"),
    ],
)
def test_a_phrase_is_read_as_the_word_articles_write_for_it(
    seed_store: FactStore, query: str, meant: str, gone: str
) -> None:
    """Wikipedia: "Mali, Burkina Faso, and Niger formed the Alliance of Sahel States"; the BBC:
    "The law was introduced in 2015"; "former President Mohamed Bazoum"."""
    terms = parsed(seed_store, query).terms
    assert meant in terms and gone not in terms


@pytest.mark.parametrize(
    "query", ["which currency would the sahel alliance replace", "aoss passport", "AoSS summit"]
)
def test_the_alliance_of_sahel_states_is_known_by_its_other_names(
    seed_store: FactStore, query: str
) -> None:
    """TASS writes "the Alliance of Sahel States (AoSS)", others "the Sahel alliance"."""
    assert [e.key for e in parsed(seed_store, query).entities] == ["org:AES"]


@pytest.mark.parametrize(
    ("query", "keys"),
    [
        ("how did bazoum leave by car", ["person:Mohamed Bazoum"]),  # an everyday word
        ("french troops in the CAR", ["country:FR", "country:CF"]),  # in capitals, the acronym
        ("us troops", ["country:US"]),  # two letters: "us" is typed for the US
        ("nato summit", ["org:NATO"]),  # no everyday word: any case
    ],
)
def test_an_acronym_that_is_an_everyday_word_counts_only_in_capitals(
    seed_store: FactStore, query: str, keys: list[str]
) -> None:
    assert [e.key for e in parsed(seed_store, query).entities] == keys


def test_a_surname_that_is_a_common_word_names_no_one_alone(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """A ranger called Joseph Park: "park" in a question is the word, his full name him."""
    _one_article(
        empty_store,
        tmp_path,
        "Joseph Park, a ranger, said the attack began at dawn.\n\n"
        "The park in Niamey was closed after the attack.\n",
    )
    index = empty_store.index()

    def entities(query: str) -> list[str]:
        found = parse_query(query, aliases=index.aliases, vocabulary=index.vocabulary).entities
        return [e.key for e in found]

    assert "person:Joseph Park" not in entities("when was the park in niamey closed")
    assert entities("what did joseph park say") == ["person:Joseph Park"]


def test_troops_brought_in_keep_their_verb(seed_store: FactStore) -> None:
    """Instructors "brought in from Russia" came; nothing was introduced."""
    terms = parsed(seed_store, "how many instructors were brought in from russia").terms
    assert "brought" in terms and "introduc" not in terms


def test_a_prefix_written_apart_weighs_nothing(seed_store: FactStore) -> None:
    """ "anti smuggling law": the articles write "the law", "smuggling"; "anti" alone tells
    nothing, and would weigh as a rare word against every sentence that answers."""
    assert parsed(seed_store, "anti smuggling law").terms == ("smuggl", "law")


def test_a_doer_no_article_names_is_found_by_what_they_do(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """No article says "trainers"; one says the Russians came "to train soldiers"."""
    _one_article(
        empty_store,
        tmp_path,
        "A spokesperson for the military government said the Russians were in the country "
        "to train soldiers.\n\n"
        + "".join(f"The harvest in Maradi was good in {year}.\n\n" for year in range(2010, 2020)),
    )
    quotes = [a.quote for a in empty_store.ask("why did the russian trainers come").answers[:3]]
    assert any("to train soldiers" in quote for quote in quotes)


def test_how_many_people_live_somewhere_asks_its_population(seed_store: FactStore) -> None:
    """The encyclopedia says "a population of 110,497", never how many people live there."""
    terms = parsed(seed_store, "how many ppl live in agadez").terms
    assert "popul" in terms and "live" not in terms


def test_a_count_of_something_no_article_names_is_not_held_against_every_sentence_twice(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "How many herders": no article says "herders", a word no sentence holds; the count
    asked of it is the same absence, so the sentence about the people displaced still answers."""
    _one_article(
        empty_store,
        tmp_path,
        "Attacks near Tillaberi displaced 2,000 people in March.\n\n"
        + "".join(f"The harvest in Maradi was good in {year}.\n\n" for year in range(2010, 2020)),
    )
    quotes = [a.quote for a in empty_store.ask("how many herders displaced near tillaberi").answers]
    assert quotes == ["Attacks near Tillaberi displaced 2,000 people in March."]


def test_how_many_countries_a_bloc_has_is_its_count_of_members(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """AFP: "After 15-member West African bloc ECOWAS banned trade with Niger …": a bloc's
    countries are counted as its members."""
    _one_article(
        empty_store,
        tmp_path,
        "After the 15-member West African bloc ECOWAS banned trade with Niger, prices rose.\n\n"
        "ECOWAS leaders said the countries of the region would meet again.\n\n"
        "ECOWAS countries closed their borders with Niger in August.\n\n"
        "Neighbouring countries recalled their ambassadors from Niamey.\n",
    )
    answers = empty_store.ask("how many countries are in ecowas").answers
    assert "15-member" in answers[0].quote


@pytest.mark.parametrize(
    ("infobox", "query", "field", "title"),
    [
        (  # Wikipedia's Niger Armed Forces: the name first, its title in the row after it
            "- Headquarters: Niamey\n- Chief Minister: Ali Lamine Zeine\n"
            "- Chief Minister Title: Prime Minister\n"
            "- Commander: Brigadier General Moussa Salaou Barmou\n"
            "- Commander Title: Chief of Staff\n- Conscription: 2-year compulsory\n",
            "who is niger's army chief of staff",
            "Commander: Brigadier General Moussa Salaou Barmou",
            "Commander Title: Chief of Staff",
        ),
        (  # JNIM's, as a mirror flattens it: "Leader2 Title" five rows below "Leader2 Name"
            "- Leader2 Name: Amadou Koufa and Sedane Ag Hita\n- Active: 2 March 2017 – present\n"
            "- Ideology: Salafi jihadism\n- Leader1 Title: Leader\n- Leader1 Name: Iyad Ag Ghaly\n"
            "- Leader2 Title: Second-in-command\n- Headquarters: Tinzaouaten\n",
            "who is jnim's second in command",
            "Leader2 Name: Amadou Koufa and Sedane Ag Hita",
            "Leader2 Title: Second-in-command",
        ),
    ],
)
def test_an_infobox_field_is_read_with_its_title_row(
    fresh_seed_store: FactStore, tmp_path: Path, infobox: str, query: str, field: str, title: str
) -> None:
    """A flattened infobox gives a field's name in one row and what it is in a "… Title" row,
    beside it or rows away: the two rows are one field."""
    _one_article(
        fresh_seed_store, tmp_path, infobox + "\nThe group is active in the Sahel region.\n"
    )
    first = fresh_seed_store.ask(query).answers[0]
    assert first.quote == field
    assert first.details["context"] == title
    assert first.details["context_follows"] is True


def test_a_question_about_troops_that_asks_no_number_is_not_answered_by_figures_first(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "Macron French troop pullout Niger" names troops but asks for no number: a sentence with
    a troop figure is no better an answer for it than one without, and the sentence holding more
    of the question comes first. Asked how many, the figure comes first."""
    _one_article(
        empty_store,
        tmp_path,
        "France had about 1,500 troops in Niger before the pullout, officials said.\n\n"
        "Macron announced the French troop pullout from Niger on Sunday.\n\n"
        + "".join(f"The road to {town} was closed.\n\n" for town in ("Agadez", "Zinder", "Dosso")),
    )
    quotes = [a.quote for a in empty_store.ask("macron french troop pullout niger").answers]
    assert quotes[:2] == [
        "Macron announced the French troop pullout from Niger on Sunday.",
        "France had about 1,500 troops in Niger before the pullout, officials said.",
    ]
    figures = empty_store.ask("how many french troops in niger before the pullout").answers
    assert figures[0].quote.startswith("France had about 1,500 troops")


def test_a_name_written_in_a_sentence_counts_though_no_rule_found_it_there(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "Somaïr (Société des mines de l'Aïr) was 63.4% owned by Orano": a single capitalised word
    opening a sentence is no name to the extraction rules, which found Somair only after "in";
    the sentence still writes the name (accents aside), so it answers a question naming it."""
    _one_article(
        empty_store,
        tmp_path,
        "Workers protested in Somair on Monday.\n\n"
        "Somaïr (Société des mines de l'Aïr) was 63.4% owned by Orano.\n\n"
        "The rains were late in Zinder.\n",
    )
    quotes = [a.quote for a in empty_store.ask("who owns somair").answers]
    assert "Somaïr (Société des mines de l'Aïr) was 63.4% owned by Orano." in quotes


def test_where_is_answered_by_a_sentence_that_names_a_place(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "Where is the insurgency strongest" needs a place, as "when" needs a date: a sentence
    holding every word asked but naming no place says less than one naming where."""
    _one_article(
        empty_store,
        tmp_path,
        "Analysts say the jihadist insurgency is strongest where the state is weakest.\n\n"
        "The insurgency has grown strongest near Menaka, officials said.\n\n"
        + "".join(f"The road to {town} was closed.\n\n" for town in ("Agadez", "Zinder")),
    )
    first = empty_store.ask("where is the jihadist insurgency strongest").answers[0]
    assert first.quote == "The insurgency has grown strongest near Menaka, officials said."


def test_a_day_named_in_an_undated_article_still_says_when(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """An article loaded without its publication date cannot turn "on Tuesday" into a date, but
    the sentence still says when: it answers "when" before a dated sentence holding less of the
    question, and the answer shows no date the sentence does not give."""
    _one_article(
        empty_store,
        tmp_path,
        "France on Tuesday closed its embassy in Niger.\n\n"
        "France kept its embassy in Niger open through 2023.\n",
    )
    first = empty_store.ask("when did france close its embassy in niger").answers[0]
    assert first.quote == "France on Tuesday closed its embassy in Niger."
    assert first.date is None


def test_a_day_named_answers_when_as_surely_as_a_date_resolved() -> None:
    """France 24's copy on Chad has no date: its "a January 31 deadline" still gives the day a
    "when" question asks for, as essential to it as a date the extractor could resolve."""
    from store.search.scoring import WEIGHTS

    assert WEIGHTS["undated_day"] == WEIGHTS["essential"]


def test_a_sentence_listing_what_the_one_before_names_answers_with_it(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """Agence Ecofin: "…the WAEMU hit Niger with severe sanctions. These included the closure of
    air and land borders, …": the list answers "what penalties", though it names none of it."""
    listed = "These included the closure of air and land borders and a freeze of state assets."
    _one_article(
        empty_store,
        tmp_path,
        "# Markets\n\nNiger missed a payment on its bonds in August.\n\n"
        "Following the coup, the WAEMU hit Niger with severe sanctions. " + listed + "\n\n"
        "Niger's treasury had planned to raise CFA830 billion on the regional market.\n\n"
        "Niger's bonds were rated lower after the coup.\n\n"
        "Niger's budget was cut by 40 percent after the coup.\n",
    )
    result = empty_store.ask("what penalties did waemu put on niger after the coup")
    assert listed in [a.quote for a in result.answers if not a.details.get("nearby")][:3]


def test_of_two_sentences_holding_as_much_the_one_whose_article_holds_the_rest_answers_first(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "How much was the uranium cargo worth": two sentences give a cargo's worth and neither
    says uranium; the article that does, sentences earlier, is about this cargo."""
    _articles(
        empty_store,
        tmp_path,
        {
            "convoy.md": "# Niger news\n\nThe market in Zinder was busy.\n\n"
            "The uranium convoy left Arlit on Monday.\n\n"
            "The trucks carried yellowcake for the state company.\n\n"
            "Drivers waited at the border for a week.\n\n"
            "The road to the port was closed by the junta.\n\n"
            "Officials said the cargo was worth 300 million dollars.\n",
            "cement.md": "# Other news\n\nThe cargo was worth 2 million dollars.\n",
        },
    )
    quotes = [a.quote for a in empty_store.ask("how much was the uranium cargo worth").answers]
    assert quotes[:2] == [
        "Officials said the cargo was worth 300 million dollars.",
        "The cargo was worth 2 million dollars.",
    ]


def test_who_did_something_to_a_person_named_is_answered_by_someone_else(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "Who led the delegation that met Tchiani" names Tchiani to say which delegation: the
    person who led it answers as a person, though the question does not name him."""
    _one_article(
        empty_store,
        tmp_path,
        "# Talks in Niamey\n\n"
        "The junta leader, General Abdourahamane Tchiani, met the delegation on Saturday.\n\n"
        "The delegation was led by former President Abdulsalami Abubakar of Nigeria.\n",
    )
    answers = empty_store.ask("who led the delegation that met tchiani").answers
    leader = next(a for a in answers if "Abubakar" in a.quote)
    assert (leader.kind, leader.summary.split(" — ")[0]) == ("person", "Abdulsalami Abubakar")


def test_another_speaker_after_the_one_asked_about_does_not_speak_for_them(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """The military's words follow Miller's: they refer back to him as every sentence after a
    name does, but they are not what Miller said."""
    _one_article(
        empty_store,
        tmp_path,
        "Niger's junta broke off its military deal with the United States on Saturday.\n\n"
        "State Department spokesperson Matthew Miller said Washington was aware of the "
        "statement.\n\n"
        "He added that US officials are in touch with the junta.\n\n"
        "More than 1,000 US soldiers are stationed in Niger, according to the military, and "
        "officials say the drone base is vital.\n",
    )
    answers = empty_store.ask("what did matthew miller say about niger cancelling the deal").answers
    assert answers[0].details["subject"] == "Matthew Miller"
    military = next(a for a in answers if a.quote.startswith("More than 1,000"))
    assert answers.index(military) == len(answers) - 1


def test_a_word_no_article_uses_does_not_silence_someone_the_question_names(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """The article says the junta "broke off" the deal; the question says "cancelling". What
    Miller said still answers, while a question naming no one the articles know and asking about
    words none uses still gets nothing."""
    _one_article(
        empty_store,
        tmp_path,
        "# The deal is off\n\n"
        "Niger's junta broke off its military deal with the United States on Saturday.\n\n"
        "The junta said the deal was imposed.\n\n"
        "State Department spokesperson Matthew Miller said Washington was aware of the "
        "statement.\n\n"
        "Miller said the talks were frank.\n\n"
        + "".join(f"The harvest in Maradi was good in {year}.\n\n" for year in range(2010, 2016)),
    )
    answers = empty_store.ask("what did matthew miller say about niger cancelling the deal").answers
    said = [a for a in answers if not a.details.get("nearby")]  # looser matches come after
    assert said == list(answers[: len(said)])
    assert {a.details["subject"] for a in said} == {"Matthew Miller"}
    assert not empty_store.ask("sourdough cancelling recipe").answers


def test_a_word_written_only_in_other_forms_weighs_as_those_forms_do(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """No article writes "pull"; many write "withdraw". Weighed as a word no sentence holds,
    "pull" counted so heavily against the sentence that answers "who ambushed the wagner convoy
    as it pulled back" (which says "In retreat") that it fell under the share that answers, and
    the bot said nothing answered. Found only as "withdraw", it weighs as that does."""
    reports = {
        f"wire{i}.md": f"# Withdrawals {i}\n\n"
        f"Wagner withdrew its fighters from the base at Ber on day {i}, the army said.\n\n"
        f"France withdrew its last troops from the region in week {i}.\n\n"
        f"A fuel convoy came back to Gao on day {i}.\n"
        for i in range(6)
    }
    analysis = (
        "# Wagner's setback at Tinzaouaten\n\n"
        "Fighting broke out near the Algerian border in late July.\n\n"
        "In retreat, Wagner and Malian forces were ambushed by militants from the al-Qaida "
        "affiliate JNIM.\n"
    )
    _articles(empty_store, tmp_path, {**reports, "analysis.md": analysis})
    result = empty_store.ask("who ambushed the wagner convoy as it pulled back")
    assert result.answered
    assert result.answers[0].quote.startswith("In retreat, Wagner and Malian forces")


def test_a_hyphenated_word_is_found_typed_whole(empty_store: FactStore, tmp_path: Path) -> None:
    """IFJ writes "re-arrested"; people type "rearrested". The sentence is found by the whole
    word too, as by its parts."""
    _one_article(
        empty_store,
        tmp_path,
        "# Sahara FM journalists arrested again\n\n"
        "Journalists of Sahara FM were all arrested on 7 May and released two days later.\n\n"
        "However, they were all re-arrested on 10 May.\n",
    )
    for query in ("sahara fm reporters rearrested date", "when were they re-arrested"):
        answers = empty_store.ask(query).answers
        assert answers and answers[0].quote == "However, they were all re-arrested on 10 May."


def test_a_sentence_going_on_about_someone_named_before_it_can_answer_first(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """TRT World names Fidan once, then says who was with him without naming him again. That
    sentence holds the question's words and Fidan as read from the one before; it comes before
    another outlet's sentence naming Fidan that holds fewer of them."""
    conferences = ["donor", "peace", "security", "energy", "climate", "trade", "health", "water"]
    _articles(
        empty_store,
        tmp_path,
        {
            "talks.md": "# Talks in Niamey\n\n"
            "Turkish Foreign Minister Hakan Fidan held talks with Niger's leaders in Niamey on "
            "Wednesday.\n\n"
            "Defence Minister Yasar Guler and intelligence chief Ibrahim Kalin were also present "
            "at the news conference.\n",
            "briefing.md": "# Ankara briefing\n\n"
            "Hakan Fidan told the news agency Anadolu that ties with Africa were growing.\n",
            "conferences.md": "# Conferences\n\n"
            + "\n\n".join(
                f"The {name} conference on the Sahel opened in Dakar on day {day}."
                for day, name in enumerate(conferences)
            )
            + "\n",
        },
    )
    answers = empty_store.ask("who was with fidan at the news conference").answers
    assert answers[0].quote.startswith("Defence Minister Yasar Guler and intelligence chief")


def test_how_many_troops_is_not_answered_by_a_sentence_without_a_number(
    seed_store: FactStore,
) -> None:
    """No seed article gives China's forces in Niger a figure; one sentence names China and its
    article's title says "troops". That is no answer to "how many", and the bot says why."""
    result = seed_store.ask("how many chinese troops are in niger")
    assert result.answers == ()
    assert "No loaded article gives a troop figure for China." in result.notes


@pytest.mark.parametrize(
    ("text", "gives"),
    [
        ("On August 10, ECOWAS leaders announce plans to deploy a standby force.", False),
        ("The force was approved on 26 July.", False),
        ("At least 10 soldiers were killed on August 3.", True),
        ("The standby force would have 5,000 troops.", True),
        ("The U.S. suspended $500mn in development aid.", True),  # a unit glued to it
        ("The talks ended on the 21st.", False),
    ],
)
def test_a_day_beside_its_month_is_no_number_of_anything(text: str, gives: bool) -> None:
    """AFP's timeline has no publication date, so "On August 10" is no date fact whose words
    a count could be told from: the day is still no figure of troops."""
    assert holds_a_number(text) is gives


def test_how_much_is_not_answered_by_a_sentence_without_an_amount(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "how much rent did the US pay": a sentence saying that rent was paid, with no figure,
    does not say how much, whatever date it gives or whichever number the question itself names
    ("Air Base 201"); "who paid" is still answered by it."""
    _one_article(
        empty_store,
        tmp_path,
        "The United States paid rent to Niger for the drone base, Air Base 201, officials said on "
        "July 7, 2024. The base opened in 2019.\n",
    )
    assert empty_store.ask("how much rent did the us pay niger for air base 201").answers == ()
    who = empty_store.ask("who paid rent for the drone base").answers
    assert who and who[0].quote.startswith("The United States paid rent")
    (tmp_path / "rent.md").write_text(
        "The United States paid Niger rent of $5 million a year for the drone base.\n",
        encoding="utf-8",
    )
    assert not empty_store.ingest([tmp_path / "rent.md"]).failed
    first = empty_store.ask("how much rent did the us pay niger for the drone base").answers[0]
    assert first.quote.endswith("rent of $5 million a year for the drone base.")


def test_how_much_is_answered_by_an_amount_not_by_a_count_in_words(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "how much does an AES passport cost": "the three countries" and a dateline's day are no
    amount, so a passport article that gives no price answers nothing; a scale in words is an
    amount ("the multibillion-dollar pipeline", "several hundred billion each year")."""
    _articles(
        empty_store,
        tmp_path,
        {
            "passport.md": "NIAMEY, (APP - 24th Jan, 2025) The AES announced the launch of its "
            "passport. Officials from the three countries said the passport costs citizens "
            "nothing extra to exchange.\n",
            "pipeline.md": "Algeria and Niger agreed to relaunch the multibillion-dollar "
            "Trans-Saharan gas pipeline.\n",
        },
    )
    assert empty_store.ask("how much does an AES passport cost").answers == ()
    worth = empty_store.ask("how much is the trans-saharan pipeline worth").answers
    assert worth and "multibillion-dollar" in worth[0].quote


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Officials from the three countries met.", False),
        ("The BOAD deploys several hundred billion each year.", True),
        ("They relaunched the multibillion-dollar pipeline.", True),
        ("The bank lent 500 to each farmer.", True),
    ],
)
def test_an_amount_in_words_is_a_scale(text: str, amount: bool) -> None:
    assert holds_a_number(text, amount=True) is amount


def test_an_age_is_no_amount(empty_store: FactStore, tmp_path: Path) -> None:
    """ "how much ransom was asked for the austrian woman": "a 73-year-old Austrian woman" gives
    her age, no sum, so an article that names no ransom answers nothing."""
    _one_article(
        empty_store,
        tmp_path,
        "---\ntitle: Kidnapping in Agadez\npublished: 2025-01-13\n---\n\n"
        "The kidnappers of a 73-year-old Austrian woman in Agadez asked for a ransom, her "
        "family said.\n",
    )
    assert (
        empty_store.ask("how much ransom did the kidnappers ask for the austrian woman").answers
        == ()
    )


def test_a_single_one_is_a_number_and_a_jab_a_vaccine(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "how many doses for the new meningitis jab": "this one is a single dose" says how many,
    and the jab is the vaccine the article writes of."""
    _one_article(
        empty_store,
        tmp_path,
        "---\ntitle: Meningitis\npublished: 2024-05-01\n---\n\n"
        "Niger launched a new meningitis vaccine in Niamey. "
        "Unlike previous vaccines, this one is a single dose.\n",
    )
    answers = empty_store.ask("how many doses for the new meningitis jab").answers
    assert answers and answers[0].quote == "Unlike previous vaccines, this one is a single dose."


def test_the_state_department_is_no_departure(seed_store: FactStore) -> None:
    """Snowball cuts "Department" and "departed" to one stem; a departure is a synonym of a
    withdrawal, so every sentence saying "the State Department said" held "withdraw"."""
    from store.search.index import tokens

    assert tokens("the State Department") == ["the", "state", "department"]
    assert tokens("French troops departed") == ["french", "troop", "depart"]
    quotes = [a.quote for a in seed_store.ask("when did the US withdraw from Niger").answers]
    assert not [q for q in quotes[:3] if "Department" in q and "withdr" not in q]


def test_a_sentence_with_the_telling_word_of_a_name_holds_half_of_it(
    fresh_seed_store: FactStore,
) -> None:
    """ "It is therefore agreed that this disengagement will end…" does not name the Joint
    Disengagement Commission, but holds the rarest of its telling words ("Commission" names any
    body; beside the seeds' joint statements, "joint" is commoner than "disengagement")."""
    from store.search.candidates import NAME_WORD, Relevance

    fresh_seed_store.ingest([DEV_ARTICLES / "23_dod-niger-joint-statement-withdrawal.md"])
    index = fresh_seed_store.index()
    end = next(s for s in index.sentences.values() if "this disengagement will end" in s.text)
    parsed = parse_query(
        "joint disengagement commission", aliases=index.aliases, vocabulary=index.vocabulary
    )
    assert [e.key for e in parsed.entities] == ["org:Joint Disengagement Commission"]
    assert Relevance(parsed, index)(end.id) == NAME_WORD


# --- questions about a measure ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "measures"),
    [
        ("how long is the niger benin pipeline", ("length", "duration")),
        ("how far is the drone base from agadez", ("length",)),
        ("air base 201 runway length", ("length",)),
        ("how many months did the sanctions last", ("duration",)),
        ("how many troops are in niger", ()),
        ("why did talks on the german base fail", ("cause",)),
        ("what reason did tiani give for the coup", ("cause",)),
        ("how much oil does niger pump", ("volume",)),
        ("niger benin pipeline capacity", ("volume",)),
        ("chad election results deby percentage", ("share",)),
        ("what share of somair does orano hold", ("share",)),
        ("how much rain before poor neighbourhoods get flooded", ("rainfall",)),  # not money
        ("how much above normal are cereal prices", ("share",)),  # FEWS NET: "57 … percent higher"
        ("longest serving president", ()),
        ("what time did boko haram attack n'guigmi", ("clock",)),
        ("how old is tiani", ("duration", "age")),  # a person's age, or how long a thing stood
        ("age of swiss hostage agadez", ("age",)),
        ("average troop numbers", ()),  # a whole word only
    ],
)
def test_a_question_about_a_measure_names_the_measure(query: str, measures: tuple) -> None:
    from store.search.measures import asked_measures

    assert asked_measures(query) == measures


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        ("The base is about 5 km southeast of Agadez.", {"#length"}),
        ("a section of the 2,000-km (1,243-mile) pipeline", {"#length"}),
        ("07/25 1,890 metres (6,201 ft) Asphalt", {"#length"}),
        ("the product of four days of talks", {"#duration"}),
        ("sanctions for more than six months", {"#duration"}),
        ("met on 5 May 2023 in Niamey", set()),  # a date is no duration
        ("Chief of the Presidential guard (2011–2023)", {"#duration"}),  # a span of years is
        ("the startup of the 110,000 b/d crude pipeline", {"#volume"}),
        ("Deby won 61 per cent of the votes cast", {"#share"}),
        ("CNPC, which has a 65% interest in the Agadem oil project", {"#share"}),
        ("cut electricity supply to Niger by 42%, reducing it from 80MW to 46MW", {"#share"}),
        ("at risk when rainfall exceeds 80mm in 24 hours", {"#rainfall", "#duration"}),
        ("a 1 million barrel capacity Suezmax", {"#volume"}),
        ("a base built for $110 million", set()),
        ("Day 3 of the talks", set()),
        ("he cited persistent insecurity as justification", {"#cause"}),
        ("This delay was due to his legal team's request", {"#cause"}),
        ("amid lingering tensions stemming from the July 2023 coup in Niger", {"#cause"}),
        (
            "amid suspicions that Niger's crude is being stolen in the neighboring country",
            {"#cause"},
        ),
        ("The move is seen as a precaution against a potential French military return", {"#cause"}),
        ("Tiani has accused Benin of harbouring French bases", {"#cause"}),
        ("attacked the battalion at around 1:50 a.m. (0050 GMT) on Tuesday", {"#clock"}),
        ("According to security sources , the attack took place around 2:00 AM .", {"#clock"}),
        ("The attack was carried out around 9 a.m. Thursday", {"#clock"}),
        ("I am told 5 men came", set()),  # "am" is a time only after a number
        ("the 66-year-old woman was kidnapped", {"#age", "#duration"}),
        ("a man aged 40 was shot", {"#age"}),
        ("Sgt La David Johnson, 25, of Miami Gardens, Florida", {"#age"}),  # the appositive
        ("On March 3, 2023, the troops left", set()),  # a date is no age
        ("soldiers were killed, 12, and wounded", set()),  # nor a number after a lower-case word
        ("Amadou Koufa (born 1961) is a Malian preacher", {"#age"}),  # a year of birth gives it
    ],
)
def test_a_sentence_gives_a_measure_with_a_number_of_its_units(text: str, marks: set) -> None:
    """Read alone, and as the index reads it, with the sentence's search tokens (which skip a
    sentence holding no unit: a sign such as "%" makes none, and must not be skipped)."""
    from store.search.index import tokens
    from store.search.measures import measure_marks

    assert measure_marks(text) == marks
    assert measure_marks(text, set(tokens(text))) == marks


def test_a_sentence_giving_the_measure_asked_answers_before_one_with_more_of_the_words(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "how long is the Niger–Benin pipeline": a sentence naming Niger, Benin and the pipeline
    but no length does not answer it; the one giving the pipeline's length does, although it
    does not name Benin (the measure asked weighs as much as the query's most telling word).
    Likewise "how long were the talks" is answered by a number of days."""
    _one_article(
        empty_store,
        tmp_path,
        "# Pipeline\n\n"
        "Niger and Benin argued for weeks over the pipeline and its terminal on the coast. "
        "Benin had closed its border with Niger in August. "
        "Officials from Niger inspected a section of the 1,950-km pipeline at the Agadem field. "
        "Talks on the pipeline dispute were held in Niamey. "
        "The talks on the dispute lasted three days, officials said.\n",
    )
    first = empty_store.ask("how long is the niger benin pipeline").answers[0]
    assert "1,950-km pipeline" in first.quote
    first = empty_store.ask("how long were the pipeline talks").answers[0]
    assert "lasted three days" in first.quote


def test_a_question_about_someone_s_age_is_answered_by_the_sentence_giving_it(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """News gives an age as "the 66-year-old woman" or between commas after the name, and never
    with the word "age": the sentence giving it answers "la david johnson age", not the ones
    with more of the name."""
    _one_article(
        empty_store,
        tmp_path,
        "# Ambush report\n\n"
        "The Army's report on La David Johnson was released on Thursday. "
        "Sgt La David Johnson, 25, of Miami Gardens, Florida, was found two days after the attack. "
        "La David Johnson was buried in Hollywood, Florida, in October. "
        "The body of La David Johnson was recovered two days after the ambush.\n",
    )
    first = empty_store.ask("la david johnson age").answers[0]
    assert "Johnson, 25," in first.quote
    # asked of a person, "how old" asks an age, not a span ("two days after the attack")
    first = empty_store.ask("how old was la david johnson").answers[0]
    assert "Johnson, 25," in first.quote


@pytest.mark.parametrize(
    "query", ["niger's army", "niger’s army", "the army of niger", "nigers army"]
)
def test_a_possessive_names_its_owner(seed_store: FactStore, query: str) -> None:
    found = parsed(seed_store, query)
    assert [e.key for e in found.entities] == ["country:NE"] and found.terms == ("armi",)


def test_a_possessive_typed_without_its_apostrophe_is_the_name_not_a_plural(
    seed_store: FactStore,
) -> None:
    """ "frances ambassador" is France's ambassador, not francs (a currency, so money) nor a
    woman called Frances; "turkeys" is a word of its own and stays one."""
    found = parsed(seed_store, "who is frances ambassador to niger")
    assert found.intent == "who"
    assert [e.key for e in found.entities] == ["country:FR", "country:NE"]
    assert "turkey" not in [e.text for e in parsed(seed_store, "turkeys in niger").entities]


def test_an_outlets_own_name_in_the_query_asks_for_its_report(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "french forces niger intellinews": two outlets give France's force in Niger; the one whose
    coined name the user typed answers first. An outlet's English words ("The Defense Post")
    are not read this way: "defense" in a query does not ask for that outlet."""
    (tmp_path / "sources.toml").write_text(
        '["a.md"]\noutlet = "The Defense Post"\n\n["b.md"]\noutlet = "bne IntelliNews"\n',
        encoding="utf-8",
    )
    (tmp_path / "a.md").write_text("France keeps 1,500 soldiers in Niger.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("France keeps a large force in Niger.\n", encoding="utf-8")
    assert not empty_store.ingest([tmp_path]).failed
    first = empty_store.ask("french forces niger intellinews").answers[0]
    assert first.quote == "France keeps a large force in Niger."
    index = empty_store.index()
    assert "post" not in index.title_postings and "defens" not in index.title_postings


def test_a_common_english_word_weighs_less_than_a_rare_one_found_as_often(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """In a few articles "keep" may occur once, as "uranium" does; but a sentence lacking "keep"
    may well answer ("will the US keep cooperating": "continue cooperation"), while one lacking
    "uranium" does not answer a question about uranium. Intent words keep their weight: "say"
    is what a statement holds."""
    from store.search.candidates import Relevance

    (tmp_path / "a.md").write_text(
        "Niger will keep its uranium mines open. Orano said the mines would stay closed.\n",
        encoding="utf-8",
    )
    empty_store.ingest([tmp_path / "a.md"])
    index = empty_store.index()
    weights = {}
    for word in ("keep", "uranium", "say"):
        found = parse_query(f"{word} mines", aliases=index.aliases, vocabulary=index.vocabulary)
        weights[word] = Relevance(found, index).parts[0].weight
    assert index.document_frequency["keep"] == index.document_frequency["uranium"] == 1
    assert weights["keep"] < weights["uranium"] == index.idf("uranium")
    assert weights["say"] == index.idf("say")


def test_service_members_are_one_word_as_in_servicemembers() -> None:
    from store.search.index import tokens

    assert tokens("U.S. service members") == tokens("US servicemembers")


def test_accents_are_read_as_people_type_them() -> None:
    """ "Somaïr", "Confédération", "Bāzūm" are typed "somair", "confederation", "bazum"."""
    from store.search.index import tokens

    assert tokens("Somaïr Confédération des États") == tokens("somair confederation des etats")
    assert tokens("Bāzūm") == ["bazum"]


def test_a_name_misspelt_as_a_word_the_articles_use_once_is_still_the_name(
    empty_store: FactStore,
) -> None:
    """The encyclopedia page romanises Bazoum's name as "Bāzūm" once; "bazum immunity" is still
    a question about Mohamed Bazoum, not about that one romanisation."""
    empty_store.ingest([DEV_ARTICLES / "25_wiki-mohamed-bazoum.md"])
    index = empty_store.index()
    assert "bazum" in index.vocabulary
    found = parse_query("bazum immunity", aliases=index.aliases, vocabulary=index.vocabulary)
    assert [e.key for e in found.entities] == ["person:Mohamed Bazoum"]


def test_a_country_the_title_names_is_what_its_sentences_are_about(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """A chronology titled "Mali: a chronology" never repeats "Mali" in its entries: "mali coup" is
    answered by its coup, before the coup of an article about another country."""
    _articles(
        empty_store,
        tmp_path,
        {
            "a-niger.md": "# Niger's junta\n\nThe army staged a coup.\n",
            "b-mali.md": "# Mali: a chronology\n\n"
            "President Keita is overthrown in a military coup by colonels.\n",
        },
    )
    first = empty_store.ask("mali coup").answers[0]
    assert first.quote == "President Keita is overthrown in a military coup by colonels."


def test_a_name_the_articles_use_is_read_before_an_english_word_further_off(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "barick" drops one letter of the articles' Barrick and changes one of Barack, a name the
    English word list holds: it is Barrick, whose gold was seized, not Barack Obama."""
    _articles(
        empty_store,
        tmp_path,
        {
            "gold.md": "# Gold\n\nMali seized three tonnes of bullion from Barrick Gold in January.\n",
            "base.md": "# Base\n\nPresident Barack Obama approved the drone base and its gold-"
            "plated budget.\n",
        },
    )
    result = empty_store.ask("gold mali took from barick")
    assert ("barick", "barrick") in parsed(empty_store, "gold mali took from barick").corrections
    assert result.answers[0].quote.startswith("Mali seized three tonnes of bullion from Barrick")


def test_a_rare_name_the_articles_write_apart_from_a_name_near_it_is_its_own(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "Agadem", an oilfield, is one letter from Agadez, which the articles also name: written
    apart from Agadez it is its own name ("cnpc stake in agadem" had been read as Agadez and
    found nothing). "Bāzūm", written beside Mohamed Bazoum's name, is still Bazoum."""
    _articles(
        empty_store,
        tmp_path,
        {
            "oil.md": "# Oil\n\n"
            "CNPC, which has a 65% interest in the Agadem oil project, invested $5 billion.\n",
            "base.md": "# Base\n\nThe drone base near Agadez cost $110 million to build.\n",
        },
    )
    result = empty_store.ask("cnpc stake in agadem")
    assert result.answers[0].quote.startswith("CNPC, which has a 65% interest")
    assert result.topic != "Agadez"
    empty_store.ingest([DEV_ARTICLES / "25_wiki-mohamed-bazoum.md"])
    assert empty_store.ask("bazum immunity").topic == "Mohamed Bazoum"


def test_a_rare_word_of_the_articles_is_no_misspelling_of_a_name_no_article_names(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """A new article names the Somair mine twice; no article names Somalia, which "somair" is
    near. Read as Somalia, the question was declined ("No loaded article mentions Somalia")."""
    text = "Orano holds 63% of Somair. The remaining 37% of Somair is owned by Niger.\n"
    store = _one_article(empty_store, tmp_path, f"# Uranium\n\n{text}")
    result = store.ask("who owns the rest of somair")
    assert not any("Somalia" in note for note in result.notes)
    assert result.answers[0].quote == "The remaining 37% of Somair is owned by Niger."


def test_a_title_before_a_name_is_part_of_the_name(seed_store: FactStore) -> None:
    """ "who is general tiani": "general" names him, it is not a word his sentences must hold."""
    found = parsed(seed_store, "who is general tchiani")
    assert found.terms == () and [e.key for e in found.entities] == ["person:Abdourahamane Tchiani"]
    assert parsed(seed_store, "what did assistant secretary phee say").terms == ("say",)


def test_one_person_spelled_two_ways_is_one_person(
    fresh_seed_store: FactStore, tmp_path: Path
) -> None:
    """Wire copy writes "Abdourahamane Tiani", an encyclopedia "Abdourahamane Tchiani": the same
    first name and a surname one transliteration away are one person, and so are first names a
    letter apart ("Abdourahmane"). A different surname with the same first name is someone
    else, and so is a different first name with the same surname."""
    from store.search.index import namesakes

    (tmp_path / "wire.md").write_text(
        "General Abdourahamane Tiani met the delegation. "
        "Colonel Abdourahamane Toumba was not there. "
        "General Abdourahmane Tchiani spoke on television. "
        "Colonel Abdoulaye Tchiani was not there either.\n",
        encoding="utf-8",
    )
    fresh_seed_store.ingest([tmp_path / "wire.md"])
    index = fresh_seed_store.index()
    assert "person:Abdourahamane Tchiani" in namesakes(index, "person:Abdourahamane Tiani")
    assert "person:Abdourahamane Tiani" in namesakes(index, "person:Abdourahamane Tchiani")
    assert "person:Abdourahamane Toumba" not in namesakes(index, "person:Abdourahamane Tiani")
    # a first name a letter apart is the same first name; another first name is someone else
    assert "person:Abdourahmane Tchiani" in namesakes(index, "person:Abdourahamane Tchiani")
    assert "person:Abdoulaye Tchiani" not in namesakes(index, "person:Abdourahamane Tchiani")


def test_given_names_in_common_make_one_person_of_surnames_spelled_apart(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """Niger's prime minister is "Ali Mahaman Lamine Zeine" in one report, "Lamine Zein" and
    "Ali Mahaman Lamine Zain" in another: given names one within the other, and a surname a
    letter away (or, with two given names the same, a transliteration away), are one person.
    A shared given name and an unlike surname are not."""
    from store.search.index import namesakes

    _articles(
        empty_store,
        tmp_path,
        {
            "a.md": "Prime Minister Ali Mahaman Lamine Zeine met the delegation.\n",
            "b.md": "Prime Minister Ali Mahaman Lamine Zain spoke to RIA. Lamine Zein stressed the "
            "point. Minister Lamine Bako was absent.\n",
        },
    )
    found = namesakes(empty_store.index(), "person:Ali Mahaman Lamine Zeine")
    assert {"person:Ali Mahaman Lamine Zain", "person:Lamine Zein"} <= set(found)
    assert "person:Lamine Bako" not in found


def test_a_reporters_question_and_an_empty_turn_do_not_answer_before_what_was_said(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """In a briefing, "QUESTION: So you've seen the comments from ECOWAS, the West African
    states…" asks, and "MR MILLER: – comments." says nothing: "what is ecowas" and "what did
    miller say" are answered by what the spokesman told."""
    _one_article(
        empty_store,
        tmp_path,
        "QUESTION:  So you have seen comments from ECOWAS, the West African states, about Niger.\n\n"
        "MR MILLER:  – comments.\n\n"
        "MR MILLER:  ECOWAS is the regional bloc that leads the diplomacy on Niger.\n",
    )
    for query in ("what is ecowas", "what did miller say"):
        first = empty_store.ask(query).answers[0]
        assert "ECOWAS is the regional bloc" in first.quote, query


def test_an_infobox_row_is_about_the_pages_subject(empty_store: FactStore) -> None:
    """ "Born | 1960 or 1961 … Toukounous, Filingué, Niger |" on the page "Abdourahamane Tchiani"
    is where Tchiani was born, though the row does not name him."""
    from store.search.candidates import ENTITY_CONTEXT, Relevance

    empty_store.ingest([DEV_ARTICLES / "35_wiki-abdourahamane-tchiani.md"])
    index = empty_store.index()
    row = next(s for s in index.sentences.values() if s.text.startswith("Born |"))
    assert row.kind != "body"
    found = parse_query("tchiani", aliases=index.aliases, vocabulary=index.vocabulary)
    assert Relevance(found, index)(row.id) == ENTITY_CONTEXT
    answers = empty_store.ask("where was tchiani born").answers
    assert any("Toukounous" in a.quote for a in answers[:3])


def test_how_many_of_something_is_answered_by_a_number_of_it(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "how many trucks are stuck at the border": the sentence giving a number of trucks answers,
    though another names the border, Benin and Niger as well; a year before the noun is no
    number of it, and an ordinal counts ("the fifth coup")."""
    from store.search.candidates import _counting

    _one_article(
        empty_store,
        tmp_path,
        "Trucks parked at the border between Benin and Niger carry cereals. "
        "Benin closed its border with Niger in August. Niger says the border stays shut. "
        "In 2023 trucks waited for weeks. "
        "Consequence: more than a thousand trucks are stuck in the area. "
        "This was the fifth military coup since independence.\n",
    )
    found = parse_query("how many trucks are stuck at the benin niger border", aliases={},
                        vocabulary=set())  # fmt: skip
    assert found.counted == "truck"
    first = empty_store.ask("how many trucks stuck at the benin niger border").answers[0]
    assert "a thousand trucks" in first.quote
    index = empty_store.index()
    counting = {index.sentences[s].text[:20] for s in _counting(index, {"truck"})}
    assert counting == {"Consequence: more th"}
    assert len(_counting(index, {"coup"})) == 1


@pytest.mark.parametrize(
    ("query", "sized"),
    [
        ("tchiani presidential guard size", True),  # a body named, nothing else counted
        ("planned size of africa corps", True),  # a word of its name counted
        ("how big is the aes joint battalion", True),  # an armed unit, not an area
        ("how many militia were killed", True),
        ("how big is niger", False),  # a country's size is its area
        ("how many coups has niger had", False),  # coups are counted
        ("how many french soldiers are in niger", False),  # a troop figure, asked as such
        ("how long has the presidential guard existed", False),  # a duration
    ],
)
def test_the_size_of_a_body_asks_how_many_people_it_has(query: str, sized: bool) -> None:
    aliases = {"presidential guard": "org:PG", "africa corps": "org:AC", "aes": "org:AES"}
    aliases |= {"tchiani": "person:AT", "niger": "country:NE"}
    parsed = parse_query(query, aliases=aliases, vocabulary=set())
    assert parsed.sized is sized
    if sized:
        assert parsed.intent == "search" and parsed.counted is None
        assert "area" not in parsed.measures


@pytest.mark.parametrize(
    "query", ["how big will the ecowas counter terror force be", "size of the french force"]
)
def test_the_size_of_a_force_asks_for_troop_figures(query: str) -> None:
    """A force, a unit of people, has a size in people, never an area."""
    aliases = {"ecowas": "org:ECOWAS", "french": "country:FR"}
    parsed = parse_query(query, aliases=aliases, vocabulary=set())
    assert parsed.intent == "troops" and "area" not in parsed.measures


def test_the_size_of_a_body_is_answered_by_a_number_of_people(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "size of the presidential guard": the sentence saying how many troops it has, which
    holds neither "size" nor the guard's full name, answers before sentences that only name it;
    so does a number of men for a body's planned strength."""
    _one_article(
        empty_store,
        tmp_path,
        "General Salifou Mody once led the Presidential Guard in Niamey. "
        "The Presidential Guard protected the palace during the coup. "
        "The guard consists of approximately 700 well-equipped and trained troops. "
        "Its officers are promoted by the head of state. "
        "The new battalion will eventually number 5,000 men.\n",
    )
    quotes = [a.quote for a in empty_store.ask("presidential guard size").answers]
    assert quotes[0].startswith("The guard consists of approximately 700")
    quotes = [a.quote for a in empty_store.ask("how big is the new battalion").answers]
    assert quotes[0] == "The new battalion will eventually number 5,000 men."


def test_a_flattened_infobox_value_is_read_with_its_label_and_sub_label(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """A Wikipedia mirror flattens the infobox into lines: "GDP (nominal)2023 estimate",
    "• Total", "Increase $17.073 billion[8] (145th)", "• Per capita", "Increase $630[8]
    (185th)". The value rows hold none of the words asked; read with their label and sub-label
    they answer, each for its own sub-label."""
    _one_article(
        empty_store,
        tmp_path,
        "---\ntitle: Niger\n---\nNiger is a landlocked country in West Africa.\n\n"
        "GDP (nominal)2023 estimate\n• Total\nIncrease $17.073 billion[8] (145th)\n"
        "• Per capita\nIncrease $630[8] (185th)\nGini (2021)Positive decrease 32.9[9]\n",
    )
    per_head = empty_store.ask("niger gdp per capita").answers[0]
    assert per_head.quote == "Increase $630[8] (185th)"
    assert per_head.details["context"] == "GDP (nominal)2023 estimate"
    quotes = [a.quote for a in empty_store.ask("gdp nominal total").answers[:3]]
    assert "Increase $17.073 billion[8] (145th)" in quotes


def test_why_is_answered_by_a_sentence_that_gives_a_reason(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "why did the talks on the german base fail": the sentence saying the talks failed does not
    say why; the one giving the reason ("due to …") answers first."""
    _one_article(
        empty_store,
        tmp_path,
        "The German army wanted to keep its base in Niger, but the talks failed. "
        "The talks on the German base failed in August. "
        "The talks broke down due to the question of immunity for the stationed German personnel.\n",
    )
    first = empty_store.ask("why did the talks on the german base fail").answers[0]
    assert "due to the question of immunity" in first.quote


def test_why_is_answered_by_the_reason_a_sentence_refers_back_to(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "why a balanced budget for niger": the sentence holding the question's words says
    only what came of the reason ("This necessitates …"); the sentence before it, which gives the
    reason without any of those words, is read with it and answers first, shown with it."""
    _one_article(
        empty_store,
        tmp_path,
        "The finance ministry published its plans for the year on Monday. "
        "Revenues from abroad have fallen sharply due to the sanctions imposed last year. "
        "This necessitates a balanced budget for Niger. "
        "The balanced budget of Niger amounts to 2,653 billion CFA francs. "
        "The budget of Niger was signed by the head of the junta. "
        "The budget of Niger was presented to journalists in Niamey.\n",
    )
    first = empty_store.ask("why a balanced budget for niger").answers[0]
    assert "due to the sanctions" in first.quote
    assert first.details["context"] == "This necessitates a balanced budget for Niger."


def test_why_is_answered_by_what_the_next_sentence_says_of_the_move(
    fresh_seed_store: FactStore, tmp_path: Path
) -> None:
    """ "why would togo join the sahel alliance": the sentence saying it may join gives no
    reason; the next one, saying what "this move" would bring, answers with it (not merely as a
    looser match from the same article)."""
    _one_article(
        fresh_seed_store,
        tmp_path,
        "Togo may join the Sahel alliance, its foreign minister said on Monday. "
        "This move could give the landlocked member states access to the sea at Lomé. "
        "The minister spoke to reporters after a cabinet meeting. "
        "Lomé's port handles goods for Burkina Faso.\n",
    )
    answers = fresh_seed_store.ask("why would togo join the sahel alliance").answers
    move = next(a for a in answers if a.quote.startswith("This move could give"))
    assert answers.index(move) < 3 and not move.details.get("nearby")
    assert move.details["context"].startswith("Togo may join the Sahel alliance")


@pytest.mark.parametrize(
    "query",
    ["why did germany abandon its niger air base", "why did american troops have to leave niger"],
)
def test_why_asks_for_a_reason_whatever_else_it_names(query: str) -> None:
    """ "base" or "troops" in a why-question names what it is about, not a place or a figure
    asked for: it is searched for the reason."""
    aliases = {"germany": "country:DE", "niger": "country:NE", "american": "country:US"}
    parsed = parse_query(query, aliases=aliases, vocabulary=set())
    assert parsed.intent == "search" and "cause" in parsed.measures


def test_a_three_letter_typo_is_corrected_only_by_the_letter_it_lacks(
    seed_store: FactStore,
) -> None:
    """ "agadez bse built when": "bse" is "base" missing a letter; "the" or "aid" stay words."""
    found = parsed(seed_store, "agadez bse built when")
    assert "base" in found.terms and ("bse", "base") in found.corrections
    assert parsed(seed_store, "aid to niger").terms == ("aid",)


def test_a_query_of_many_misspelt_words_looks_up_eight_at_most(seed_store: FactStore) -> None:
    """Each look-up of a misspelt word among English words costs a millisecond or two; a query of
    forty unknown words is no question with typos in it, and may not cost forty of them."""
    from store.search.query import RESPELLED_AT_MOST
    from store.search.vocabulary import Vocabulary

    index = seed_store.index()
    looked_up: list[str] = []

    class Counting(Vocabulary):
        def spelled(self, word: str, *, score_cutoff: float) -> tuple[str, float] | None:
            looked_up.append(word)
            return super().spelled(word, score_cutoff=score_cutoff)

    vocabulary = Counting(index.document_frequency, stem)
    noise = " ".join(f"qzx{chr(97 + i % 26)}{chr(97 + i // 26)}vw" for i in range(40))
    parse_query(noise, aliases=index.aliases, vocabulary=vocabulary, reference=REFERENCE)
    assert 0 < len(looked_up) <= RESPELLED_AT_MOST
    looked_up.clear()
    found = parse_query("us delegaton", aliases=index.aliases, vocabulary=vocabulary)
    assert "deleg" in found.terms and looked_up == ["delegaton"]  # once, however often read


def test_a_role_in_the_question_names_the_one_who_holds_it(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "what did the junta spokesman say": Amadou Abdramane is the junta's spokesman, so his words
    answer, also where the sentence names neither him nor his role; a word that is no title
    ("junta") names no one by itself."""
    _one_article(
        empty_store,
        tmp_path,
        "Amadou Abdramane, the junta's spokesman, said the military accord with the US was over. "
        "Diplomats in Niamey said the talks were tense.\n\n"
        "Abdramane also spoke on television on Saturday. "
        "“The American presence on our territory is illegal,” Abdramane said.\n",
    )
    quotes = [a.quote for a in empty_store.ask("what did the junta spokesman say").answers[:2]]
    assert any("The American presence on our territory is illegal" in q for q in quotes), quotes
    assert not any("Diplomats" in q for q in quotes)


def test_the_person_asked_is_the_speaker_and_an_organisation_the_topic(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "what did blinken say about the ecowas sanctions": Blinken's two words on ECOWAS's action
    answer; ECOWAS's own statement about sanctions is about the topic, not by the one asked."""
    _one_article(
        empty_store,
        tmp_path,
        "ECOWAS said on Saturday it was keeping the sanctions imposed on Niger after the coup. "
        "US Secretary of State Antony Blinken welcomed ECOWAS’s sanctions.\n",
    )
    first = empty_store.ask("what did blinken say about the ecowas sanctions").answers[0]
    assert first.quote.startswith("US Secretary of State Antony Blinken welcomed")


NEWSROOM = (
    "The company's mining permit was granted in May 2016. "
    "Twelve former ministers met. "
    "The village market was set ablaze by the gunmen. "
    "The junta rescinded the company's mining permit in June. "
    "Responsibility for the attack was attributed to the Islamic State by the governor. "
    "Dozens of former ministers remain detained in Niamey.\n"
)


@pytest.mark.parametrize(
    ("query", "sentence"),
    [
        ("was the market torched", "The village market was set ablaze"),
        ("when was the mining permit scrapped", "The junta rescinded"),
        ("who was blamed for the attack", "Responsibility for the attack"),
        ("how many former ministers are locked up", "Dozens of former ministers"),
    ],
)
def test_newsroom_paraphrases_find_their_sentence(
    empty_store: FactStore, tmp_path: Path, query: str, sentence: str
) -> None:
    """Burning, revoking, blame and detention as news writes them ("set ablaze", "rescinded",
    "responsibility was attributed", "detained") answer the words people type for them, before
    sentences holding only the question's other words (a permit granted, ministers who met)."""
    _one_article(empty_store, tmp_path, NEWSROOM)
    answers = empty_store.ask(query).answers
    assert answers and answers[0].quote.startswith(sentence), query
    assert not answers[0].details.get("closest")


def test_a_verb_asked_finds_the_noun_of_its_action(empty_store: FactStore, tmp_path: Path) -> None:
    """ "why did niger expel the red cross": news writes "the expulsion of the Red Cross", a
    noun the stemmer does not tie to "expel" (derivations.toml does); it comes before an
    expulsion of someone else and before the Red Cross's other news."""
    _one_article(
        empty_store,
        tmp_path,
        "# Red Cross\n\n"
        "The Red Cross has worked in Niger since 1982 and helps people displaced by fighting.\n\n"
        "The junta gave no reason for the expulsion of the Red Cross.\n\n"
        "Niger's junta expelled the French ambassador in September.\n",
    )
    first = empty_store.ask("why did niger expel the red cross").answers[0]
    assert first.quote == "The junta gave no reason for the expulsion of the Red Cross."


def test_an_irregular_verb_asked_finds_its_other_forms(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "who won the runoff": a chronology writes "wins"; the stemmer cuts "won" and "wins" to two
    stems, the irregular forms (derivations.toml) tie them, so the winner comes before the loser
    named beside the same runoff."""
    _one_article(
        empty_store,
        tmp_path,
        "# Niger election\n\n"
        "Seini Oumarou campaigned across the country before the runoff.\n\n"
        "Mahamadou Issoufou wins the runoff against Seini Oumarou.\n",
    )
    first = empty_store.ask("who won the runoff").answers[0]
    assert first.quote == "Mahamadou Issoufou wins the runoff against Seini Oumarou."


@pytest.mark.parametrize(
    ("article", "query", "opening"),
    [
        (  # the ministry's quotation attributed with "it said"
            "# Mosque attack\n\n"
            "Niger’s interior ministry said the attack occurred as people were at prayer.\n\n"
            "“The heavily armed terrorists surrounded the mosque to carry out their massacre,” it "
            "said, adding that the attackers also set fire to a market.\n\n"
            "The defence ministry blamed the attack on the Islamic State in the Great Sahara.\n\n"
            "The interior ministry said later that the attackers had fled towards the border.\n\n"
            "The interior ministry said on Saturday that the attackers had come on motorcycles.\n",
            "what did the interior ministry say about the attackers",
            "“The heavily armed terrorists",
        ),
        (  # NPR: its spokesman's recorded words, which never name the State Department
            "# Russia and the Burkina Faso coup\n\n"
            "People waved Russian flags after the coup. U.S. State Department spokesman Vedant "
            "Patel later issued a warning.\n\n"
            "VEDANT PATEL: Countries where the Wagner group has been deployed find themselves "
            "weaker and less secure.\n\n"
            "The State Department said the ambassador met officials in Ouagadougou on Monday.\n\n"
            "The State Department said it was reviewing its aid programmes.\n\n"
            "The State Department said travel advice was unchanged.\n\n"
            "Wagner fighters have been in Mali since 2021.\n",
            "what did the state department say about wagner",
            "VEDANT PATEL: Countries where the Wagner",
        ),
    ],
)
def test_what_a_body_said_includes_what_it_said_without_its_name(
    empty_store: FactStore, tmp_path: Path, article: str, query: str, opening: str
) -> None:
    """What a body said holds the body as surely as its statements that name it, and is among
    the first answers, not below them all: its quotation attributed with "it said", and the
    words of its titled people ("U.S. State Department spokesman Vedant Patel")."""
    _one_article(empty_store, tmp_path, article)
    quotes = [a.quote for a in empty_store.ask(query).answers[:3]]
    assert any(q.startswith(opening) for q in quotes), quotes


def test_a_word_of_the_kind_asked_does_not_answer_for_the_thing_asked(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "bitcoin price today": "price" only says a money question is asked; in articles where
    it is rare it weighed as much as "bitcoin", and the uranium price answered. It weighs as
    common a word as it is in English, so nothing answers; "uranium price" still does."""
    topics = [
        "The junta met ECOWAS envoys in Niamey",
        "Troops patrolled the border near Tillaberi",
        "The ambassador left the capital",
        "Markets in Zinder reopened after the holiday",
        "Students returned to school in Agadez",
    ]
    news = "\n\n".join(f"{topic} in week {week}." for week in range(8) for topic in topics)
    _one_article(
        empty_store,
        tmp_path,
        f"# Niger news\n\n{news}\n\n"
        "Mining at Imouraren was halted due to the global uranium price collapse.\n",
    )
    assert not empty_store.ask("bitcoin price today").answered
    assert empty_store.ask("uranium price").answers[0].quote.startswith("Mining at Imouraren")


def test_an_infobox_field_answers_when_its_label_is_asked(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "since when has air base 201 been in use": the box's "In useNovember 2019 – present"
    (its cells lost in the copy) is a dated field of the record, not a heading to pass over."""
    _one_article(
        empty_store,
        tmp_path,
        "# Niger Air Base 201\n\nSite history\nBuilt2016 (2016)–2019\n"
        "In useNovember 2019 – present[1]\nOwnerNiger Armed Forces\n\n"
        "Approval for Air Base 201 was given in 2014, and construction began in 2015.\n\n"
        "Since 2018 the base has been used to target Islamic State militants.\n\n"
        "The United States operates two bases in Niger, including Air Base 201.\n",
    )
    answers = empty_store.ask("since when has air base 201 been in use").answers[:3]
    assert "In useNovember 2019 – present[1]" in [a.quote for a in answers]


def test_a_sentence_about_another_country_does_not_answer_for_the_one_asked(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """Niger's World Bank portfolio is no answer about Burkina Faso's, though it holds every
    other word asked and the store names Burkina Faso; asked about Niger, it answers."""
    _articles(
        empty_store,
        tmp_path,
        {
            "bank.md": "Niger has one of the largest World Bank portfolios in Africa, amounting "
            "to $4.5 billion.\n\nThe bank paused its disbursements on Wednesday.\n",
            "burkina.md": "Burkina Faso's junta expelled the French ambassador.\n",
        },
    )
    burkina = empty_store.ask("world bank portfolio in burkina faso")
    assert not burkina.answered  # the closest sentences are shown, as not answers
    niger = empty_store.ask("world bank portfolio in niger")
    assert niger.answers[0].quote.startswith("Niger has one of the largest")


def test_a_title_naming_many_countries_lends_none_to_a_sentence_naming_another(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "US declares Niger takeover a coup; French forces leave for Chad" names four countries:
    its sentence on the deadline for French soldiers to leave Niger is no answer about Chad,
    which the article on Chad gives; a title naming one or two countries still speaks for its
    sentences, as the Chad article's does."""
    _articles(
        empty_store,
        tmp_path,
        {
            "roundup.md": "---\ntitle: US declares Niger takeover a coup; French forces leave "
            "for Chad\n---\nThe deadline for French soldiers to leave Niger is December 22, "
            "2023.\n",
            "chad.md": "---\ntitle: Chad ends its defence pact with France\n---\n"
            "The deadline for French soldiers to leave is January 31, 2025, the minister said.\n",
        },
    )
    result = empty_store.ask("deadline for french soldiers to leave chad")
    assert result.answered
    assert result.answers[0].quote.startswith("The deadline for French soldiers to leave is")
    assert not any("leave Niger" in a.quote for a in result.answers)


def test_a_government_release_speaks_for_its_country_without_naming_it(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """A State Department readout names Niger, never the US: asked what Washington wants, its
    sentence still answers, the country being its outlet's."""
    _articles(
        empty_store,
        tmp_path,
        {
            "readout.md": "---\ntitle: Readout of the Acting Deputy Secretary's Trip\n"
            "outlet: U.S. Department of State\n---\n"
            "The Acting Deputy Secretary will press for the immediate release of President "
            "Bazoum and his family, and for the return of Niger to constitutional order.\n",
            "aid.md": "The United States paused some aid to Niger in August.\n",
        },
    )
    result = empty_store.ask("what does washington want for bazoum and his family")
    assert result.answered
    assert result.answers[0].quote.startswith("The Acting Deputy Secretary will press")


def test_who_wrote_an_article_is_answered_by_its_byline(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """A byline holds none of the words of what its article is about, and no search reads it;
    asked who wrote the article, the article is found by its words and its byline answers."""
    _articles(
        empty_store,
        tmp_path,
        {
            "update.md": "---\ntitle: Africa File Special Edition\n---\n"
            "Africa File Special Edition\n\nAuthor: Liam Karr\n\n"
            "Blinken's trip to West Africa came as Russia and Iran deepened their ties with the "
            "juntas of the Sahel.\n",
            "other.md": "---\ntitle: Niger drone base\n---\nBy Jane Roe\n\n"
            "The drone base near Agadez cost $110 million.\n",
        },
    )
    asked = empty_store.ask("who wrote the special edition on blinken's trip to west africa")
    assert asked.answers[0].quote == "Author: Liam Karr"
    about = empty_store.ask("blinken's trip to west africa")
    assert all(answer.quote != "Author: Liam Karr" for answer in about.answers)


@pytest.mark.parametrize(
    ("query", "asks"),
    [
        ("who wrote the critical threats update", True),
        ("authors of the ecdpm migration brief", True),
        ("who wrote to tiani", False),  # a letter, not an article
        ("what is written in the new charter", False),  # what a text says
    ],
)
def test_a_question_about_authors_is_told_from_one_about_writing(
    seed_store: FactStore, query: str, asks: bool
) -> None:
    from store.search.bylines import asks_for_authors

    assert asks_for_authors(parsed(seed_store, query)) is asks


def test_a_capital_no_article_names_is_its_country(empty_store: FactStore, tmp_path: Path) -> None:
    """APA writes "Ukraine", the question "kyiv": the capital stands for its government, as news
    writes "Kyiv said", rather than "No loaded article mentions Kyiv"."""
    _articles(
        empty_store,
        tmp_path,
        {
            "apa.md": "Mali's transitional authorities announced the immediate breaking off of "
            "diplomatic relations with Ukraine on 4 August.\n"
        },
    )
    result = empty_store.ask("when did mali break off relations with kyiv")
    assert result.answered
    assert "Ukraine" in result.answers[0].quote


def test_a_briefing_is_about_the_body_its_outlet_names(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """The UN's noon briefing never writes "UN" in its body: asked about the UN, it answers,
    instead of "No loaded article mentions United Nations". A news outlet's name is not read
    this way: Reuters is what reports, not what is reported on."""
    _articles(
        empty_store,
        tmp_path,
        {
            "briefing.md": "---\ntitle: Daily Press Briefing by the Office of the Spokesperson\n"
            "outlet: United Nations\n---\n"
            "Our colleagues tell us that humanitarian operations in Niger are currently on hold "
            "given the situation.\n",
            "wire.md": "---\ntitle: Niger aid\noutlet: Reuters\n---\n"
            "Donors said humanitarian operations in Niger would resume.\n",
        },
    )
    result = empty_store.ask("un humanitarian operations niger")
    assert result.answered
    assert result.answers[0].quote.startswith("Our colleagues tell us")
    assert not any("mentions" in note for note in result.notes)


def test_an_answer_in_a_transcript_holds_the_words_of_the_question_before_it(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """The interviewer's turn asks about a "security first" approach and goes on; Blinken's
    answer two sentences into his turn says "the security piece" and holds little else of it."""
    _articles(
        empty_store,
        tmp_path,
        {
            "interview.md": "---\ntitle: Secretary Blinken's Interview With AFP\n---\n"
            "QUESTION:  I wanted to ask you more broadly about the Sahel strategy.  Do you see "
            "this as still a “security first” approach to the Sahel?  Is it more comprehensive?  "
            "How do you see that?\n\n"
            "SECRETARY BLINKEN:  It is and has to be comprehensive.  The security piece is "
            "absolutely necessary, but it’s insufficient.  We are here to listen.\n\n"
            "QUESTION:  And on Russia?\n\nSECRETARY BLINKEN:  We have concerns.\n",
            "other.md": "Security in the Sahel worsened in 2023, the report said.\n\n"
            "The first approach failed, officials said.\n\n"
            "Sahel security forces were stretched thin.\n",
        },
    )
    answers = empty_store.ask("blinken security first approach sahel").answers[:3]
    assert any(a.quote.startswith("The security piece is absolutely necessary") for a in answers)


@pytest.mark.parametrize(
    "query",
    [
        "what did the pope say about the coup in niger",
        "what did pistorius say when he visited niamey",
    ],
)
def test_what_someone_no_article_mentions_said_is_not_answered_by_others_words(
    seed_store: FactStore, query: str
) -> None:
    """The coup and Niamey are in every article; the pope and Pistorius in none: what others
    said about the coup does not answer."""
    result = seed_store.ask(query)
    assert not result.answers
    assert any(note.startswith("No loaded article mentions") for note in result.notes)


def test_a_chronology_entry_means_the_word_of_its_heading(
    empty_store: FactStore, tmp_path: Path, seeds_dir: Path
) -> None:
    """AFP's chronology heads each year with what happened ("2013: FRANCE INTERVENES"); the
    entry under it never says "intervention", yet it is one: "timeline of the french
    intervention in mali" lists it as a dated event."""
    (tmp_path / "afp.md").write_text(
        "---\ntitle: A decade in Mali\npublished: 2022-02-17\n---\n\n"
        "2012: JIHADISTS TAKE NORTH\n\nIn March 2012 rebels seize the north of Mali.\n\n"
        "2013: FRANCE INTERVENES\n\n"
        "In January 2013 Mali appeals to France for help as Islamists pour south.\n",
        encoding="utf-8",
    )
    assert not empty_store.ingest([seeds_dir, tmp_path / "afp.md"]).failed
    first = empty_store.ask("timeline of the french intervention in mali").answers[0]
    assert first.kind == "event" and first.date == "2013-01"
    assert first.quote.startswith("In January 2013 Mali appeals to France")


def test_an_office_written_without_its_acronym_is_the_body(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """Wikipedia writes "UN’s High Commissioner for Refugees spokesman": that is UNHCR speaking,
    so "what did the unhcr spokesman say" is not told no article mentions the agency."""
    _one_article(
        empty_store,
        tmp_path,
        "# Tillabéri attacks\n\nOn 8 January UN’s High Commissioner for Refugees spokesman said "
        "that 73 people had been killed in the village of Tchouma Bangou.\n",
    )
    result = empty_store.ask("what did the unhcr spokesman say about the toll")
    assert result.answers and result.answers[0].quote.startswith("On 8 January UN’s High")


def test_what_an_outlet_says_is_what_its_article_says(
    empty_store: FactStore, tmp_path: Path, seeds_dir: Path
) -> None:
    """A think tank's report never names itself: "what does usip say donors should do" is not
    declined as asking about someone no article mentions; the article its outlet, the United
    States Institute of Peace (USIP), wrote answers it."""
    (tmp_path / "usip.md").write_text(
        "---\ntitle: Niger and its partners\noutlet: United States Institute of Peace (USIP)\n"
        "---\n\nSecurity aid to Niger grew for a decade.\n\n"
        "Donor countries need to center Nigeriens' priorities in their aid.\n",
        encoding="utf-8",
    )
    assert not empty_store.ingest([seeds_dir, tmp_path / "usip.md"]).failed
    result = empty_store.ask("what does usip say donors should do")
    assert not any(note.startswith("No loaded article mentions") for note in result.notes)
    assert result.answers[0].quote.startswith("Donor countries need to center")
    # an outlet's name that is no acronym and no English word is no stranger either
    (tmp_path / "khthon.md").write_text(
        "---\ntitle: Attacks in Tillaberi\noutlet: Project Khthon, open-source research\n---\n"
        "\nThe junta regularly underreports casualties and suppresses information.\n",
        encoding="utf-8",
    )
    assert not empty_store.ingest([tmp_path / "khthon.md"]).failed
    khthon = empty_store.ask("what does khthon say the junta does with casualty numbers")
    assert not any(note.startswith("No loaded article mentions") for note in khthon.notes)
    assert khthon.answers[0].quote.startswith("The junta regularly underreports casualties")


@pytest.mark.parametrize(
    "query",
    [
        "what did ppl say about the coup",
        "What did the U.S. say",
        "what did they say about the coup",
    ],
)
def test_a_speaker_written_in_shorthand_or_as_a_pronoun_still_gets_answers(
    seed_store: FactStore, query: str
) -> None:
    assert seed_store.ask(query).answers


def test_which_countries_is_answered_by_the_sentence_that_lists_them(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "which countries agreed to send soldiers": news says that some did in one sentence and
    names them in the next ("They are Nigeria, Senegal …"), which holds none of the words asked.
    A sentence carrying on from one of the question's best sentences and naming two or more
    countries besides those asked is read with it, and a sentence that lists countries ranks
    above one that names none."""
    _one_article(
        empty_store,
        tmp_path,
        "---\ntitle: ECOWAS defence chiefs meet in Accra\npublished: 2023-08-18\n---\n\n"
        "ECOWAS defence chiefs met in Accra on Thursday to plan an intervention in Niger.\n\n"
        "Five member states have agreed to send soldiers to the intervention force.\n\n"
        "They are Nigeria, Senegal, Benin, Ivory Coast and Guinea-Bissau.\n\n"
        "The soldiers could be sent within weeks, a commissioner told reporters.\n",
    )
    quotes = [a.quote for a in empty_store.ask("which countries agreed to send soldiers").answers]
    listed = "They are Nigeria, Senegal, Benin, Ivory Coast and Guinea-Bissau."
    assert listed in quotes[:3]
    assert quotes.index(listed) < quotes.index(
        "The soldiers could be sent within weeks, a commissioner told reporters."
    )


def test_who_holds_an_office_is_answered_only_by_a_sentence_naming_the_office(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "who is niger's ambassador in tehran": a sentence about Niger's embassy and diplomatic
    ties, naming a minister, does not say who the ambassador is, so nothing answers; "who is the
    governor of tahoua" is answered by the sentence that names the governor, and "name of the
    special unit commander killed" by none: the sentence of the commander names no one."""
    _one_article(
        empty_store,
        tmp_path,
        "---\ntitle: Niger's prime minister in Iran\npublished: 2024-01-25\n---\n\n"
        "In an attack near Tahoua, the commander of a special unit was killed.\n\n"
        "Iran's president Ebrahim Raisi welcomed Niger's prime minister Ali Lamine Zeine in "
        "Tehran on Thursday.\n\n"
        "Raisi praised the reopening of Niger's embassy in Tehran and their diplomatic ties.\n\n"
        "Back home, the governor of Tahoua, Colonel Oumarou Tawayé, met farmers in Tahoua.\n",
    )
    assert not empty_store.ask("who is niger's ambassador in tehran").answered
    assert not empty_store.ask("who is the iranian ambassador in niamey").answered
    # "name of the …" asks for the holder as "who is" does; a commander killed is not named
    assert not empty_store.ask("name of the iranian ambassador in niamey").answered
    assert not empty_store.ask("name of the special unit commander killed near tahoua").answered
    assert "Oumarou Tawayé" in empty_store.ask("name of the tahoua governor").answers[0].quote
    governor = empty_store.ask("who is the governor of tahoua")
    assert governor.answered and "Oumarou Tawayé" in governor.answers[0].quote


def test_where_a_place_is_is_told_by_the_sentence_that_says_where_it_lies(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "where is tassia": the sentence saying where Tassia is located answers before the one
    that only says something happened near it."""
    _one_article(
        empty_store,
        tmp_path,
        '---\ntitle: "Niger: Terrorist attack in Tassia results in 21 casualties"\n'
        "published: 2025-06-20\n---\n\n"
        "A coalition of terrorist armed groups attacked security forces near the village of "
        "Tassia, resulting in 21 deaths and nine injured, the ministry said.\n\n"
        "Tassia is located in the Tillaberi region, which borders Mali and Burkina Faso.\n",
    )
    answers = empty_store.ask("where is tassia").answers
    assert answers[0].quote.startswith("Tassia is located in the Tillaberi region")


def test_how_many_is_not_answered_by_a_sentence_giving_no_number(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """ "how many malian refugees are living in niger": a sentence about Malian refugees in Niger
    that gives no number does not say how many; nothing answers, and the bot says so."""
    _one_article(
        empty_store,
        tmp_path,
        "---\ntitle: Refugees in Tillaberi\npublished: 2024-05-02\n---\n\n"
        "Malian refugees living in Niger fled the fighting in the Menaka region.\n\n"
        "The agency runs camps near Ouallam.\n",
    )
    assert not empty_store.ask("how many malian refugees are living in niger").answered


@pytest.mark.parametrize(
    ("short", "written"),
    [
        ("imf 43m", "imf 43 million"),
        ("€1.5bn loan", "€1.5 billion loan"),
        ("10k troops", "10 thousand troops"),
    ],
)
def test_an_amount_written_short_is_the_amount_written_out(short: str, written: str) -> None:
    """ "$43m", "€1.5bn", "10k": headlines and people write amounts short, articles often in
    full; both are searched by the same words."""
    assert tokens(short) == tokens(written)


def test_a_short_amount_finds_the_sentence_that_writes_it_out(
    empty_store: FactStore, tmp_path: Path
) -> None:
    _one_article(
        empty_store,
        tmp_path,
        "---\ntitle: IMF and Niger\npublished: 2024-11-12\n---\n\n"
        "The IMF and Niger reached an agreement to release $43 million to the country.\n\n"
        "The IMF also praised the country's growth.\n",
    )
    answers = empty_store.ask("where does that imf 43m come from").answers
    assert answers and "$43 million" in answers[0].quote
