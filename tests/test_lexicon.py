"""The lexicon files: one loader checks each file's shape and names the file and key of anything
out of place; each file says at its top what an entry means and how to add one."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path

import pytest

from store import LexiconError
from store.lexicon import LEXICON_DIR, SHAPES, check_shape, entries, load_toml
from store.lexicon.wordnet import action_nouns, irregular_forms, to_toml
from store.search.index import stem
from store.search.query import synonyms


def test_every_lexicon_file_has_a_declared_shape_and_loads() -> None:
    files = {path.name for path in LEXICON_DIR.glob("*.toml")}
    assert files == set(SHAPES)
    for name in files:
        assert load_toml(name)
    assert entries()


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_every_lexicon_file_opens_with_what_an_entry_means_and_how_to_add_one(name: str) -> None:
    header = []
    for line in (LEXICON_DIR / name).read_text().splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    text = " ".join(header)
    assert header[0].startswith(f"# {name}:"), header[:1]
    assert "To add" in text and "./run pytest" in text


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        (
            "countries.toml",
            lambda d: d["NE"].__setitem__("aliases", "Niger"),
            "countries.toml: NE.aliases: expected a list, found str 'Niger'",
        ),
        (
            "countries.toml",
            lambda d: d["NE"]["aliases"].append(3),
            "countries.toml: NE.aliases[",
        ),
        (
            "countries.toml",
            lambda d: d["NE"].pop("name"),
            "countries.toml: NE: missing key 'name'",
        ),
        (
            "organisations.toml",
            lambda d: d["CNSP"].__setitem__("alias", ["the junta"]),
            "organisations.toml: CNSP: unknown key 'alias'",
        ),
        (
            "countries.toml",
            lambda d: d["FR"].__setitem__("metonym", "yes"),
            "countries.toml: FR.metonym: expected bool, found str 'yes'",
        ),
        (
            "quantities.toml",
            lambda d: d["numbers"].__setitem__("dozen", True),
            "quantities.toml: numbers.dozen: expected int, found bool True",
        ),
        (
            "queries.toml",
            lambda d: d.pop("stopwords"),
            "queries.toml: the top level: missing key 'stopwords'",
        ),
        (
            "dates.toml",
            lambda d: d["cues"].__setitem__("future", [["will"]]),
            "dates.toml: cues.future[0]: expected str, found list",
        ),
    ],
)
def test_a_misshapen_lexicon_is_refused_naming_the_file_and_the_key(
    name: str, change, message: str
) -> None:
    data = copy.deepcopy(load_toml(name))
    change(data)
    with pytest.raises(LexiconError) as refused:
        check_shape(name, data)
    assert str(refused.value).startswith(message), str(refused.value)


def test_a_file_without_a_declared_shape_is_refused() -> None:
    with pytest.raises(LexiconError, match="notes.toml: no shape is declared"):
        load_toml("notes.toml")


# Synsets in WordNet 3.0's data format (offset, file, part of speech, words, pointers), cut to
# what the builder reads: "expel" links to the noun "expulsion" (pointer "+", word 1 -> 1) and
# to the agent "expeller", whose ending names no action; "state" links to "statement" and
# "depose" to "deposition". The sense counts (cntlist.rev) say "state" is mostly a noun (a
# country), "expel" and "depose" verbs.
DATA_VERB = (
    "  1 This software and database is being provided to you, the LICENSEE, by Princeton\n"
    "02402268 41 v 02 expel 0 throw_out 0 002 + 00204167 n 0101 + 09999999 n 0102 | eject\n"
    "01009240 32 v 01 state 0 001 + 06722453 n 0101 | express in words\n"
    "02402825 41 v 01 depose 0 001 + 00205046 n 0101 | force out\n"
)
DATA_NOUN = (
    "  1 This software and database is being provided to you, the LICENSEE, by Princeton\n"
    "00204167 04 n 01 expulsion 0 001 + 02402268 v 0101 | the act of expelling\n"
    "09999999 18 n 02 ejection 0 expeller 0 001 + 02402268 v 0201 | one who expels\n"
    "06722453 10 n 01 statement 0 001 + 01009240 v 0101 | a message that is stated\n"
    "00205046 04 n 01 deposition 0 001 + 02402825 v 0101 | the act of deposing\n"
)
CNTLIST = (
    "expel%2:41:00:: 1 4\n"
    "state%1:15:01:: 1 120\n"
    "state%1:14:00:: 2 72\n"
    "state%2:32:00:: 1 90\n"
    "depose%2:41:00:: 1 3\n"
)


def test_the_derivations_are_verbs_and_the_nouns_of_their_action(tmp_path: Path) -> None:
    (tmp_path / "data.verb").write_text(DATA_VERB, encoding="latin-1")
    (tmp_path / "data.noun").write_text(DATA_NOUN, encoding="latin-1")
    (tmp_path / "cntlist.rev").write_text(CNTLIST, encoding="latin-1")
    pairs = action_nouns(tmp_path, common=0.0)
    # not the agent "expeller", nor two-word verbs, nor "state", mostly a country, nor
    # "deposition", which the stemmer cuts to "deposit" (a deposed president no uranium deposit)
    assert pairs == [("expel", "expulsion")]
    table = tomllib.loads(to_toml(pairs, []))
    check_shape("derivations.toml", table)
    assert ["expel", "expulsion"] in load_toml("derivations.toml")["pairs"]


# WordNet 3.0's exception list of verb forms (verb.exc): each irregular form and its verb.
VERB_EXC = "fled flee\nfound find\nwas be\nwon win\nborn bear\nwithdrew withdraw\n"


def test_irregular_forms_of_verbs_are_read_as_their_verb(tmp_path: Path) -> None:
    """The stemmer cannot tell that "won" is "win": the table does. Not "found", a verb of its
    own (to found a party), nor "was", a function word, nor "born", no bearing in the news."""
    (tmp_path / "data.verb").write_text(
        DATA_VERB + "01234567 41 v 01 found 0 000 | set up\n", encoding="latin-1"
    )
    (tmp_path / "verb.exc").write_text(VERB_EXC, encoding="latin-1")
    forms = irregular_forms(tmp_path, frozenset({"was", "be"}), common=0.0)
    assert forms == [("flee", "fled"), ("win", "won"), ("withdraw", "withdrew")]
    check_shape("derivations.toml", tomllib.loads(to_toml([], forms)))
    assert ["win", "won"] in load_toml("derivations.toml")["forms"]
    assert stem("win") in synonyms()[stem("won")]


def test_a_word_kept_apart_from_its_stem_has_no_derivation() -> None:
    """ "found" is read as "find" (index.KEPT_WHOLE): it is no verb of "foundation" there."""
    assert stem("foundation") not in synonyms().get(stem("found"), frozenset())
    assert stem("expulsion") in synonyms()[stem("expel")]


def test_what_was_found_was_not_founded() -> None:
    """ "found" is read as "find" (index.KEPT_WHOLE): listed among the words for creating, it made
    "find" one of them, so "the bodies were found" held part of "when was the alliance created".
    "founded" still is."""
    assert stem("found") not in synonyms()[stem("establish")]
    assert stem("founded") in synonyms()[stem("establish")]


def test_the_doers_are_not_the_deed() -> None:
    """ "how many kidnappers broke into her house" asks about the kidnappers: a sentence about the
    kidnapping holds no part of it (joined, the question lost its sentence in dev41)."""
    assert stem("kidnappers") not in synonyms()[stem("kidnapped")]
    assert stem("captors") in synonyms()[stem("kidnappers")]


@pytest.mark.parametrize(
    ("asked", "written"),
    [
        ("executives", "directors"),  # Reuters: "the directors were asked to leave" (2025)
        ("rest", "remaining"),  # Africanews: "The remaining 37% of the mine is owned by Niger"
        ("charge", "prosecute"),  # HRW: "its intention to prosecute Bazoum for high treason"
        ("massacre", "attack"),  # UN: "the cowardly terrorist attack … in Kokorou"
        ("attackers", "perpetrators"),  # UN: "hold perpetrators … of these reprehensible acts"
        ("clash", "confrontation"),  # AP: "The confrontation occurred near the Algeria border"
        ("say", "denied"),  # Iran International: "Niger's Junta government has denied …"
        ("voted", "elected"),  # AFP: "Troops overthrow President Mohamed Bazoum, elected in 2021."
        ("father", "dad"),  # Zazia Bazoum: "but not my dad"
        ("kids", "children"),  # AFP: "778 Nigeriens, including 222 children"
        ("buying", "purchase"),  # RFI: "provides for the purchase by Niger of light planes"
        ("worries", "concerned"),  # RFI: "he is concerned that the Nigerien government …"
        ("spreading", "extending"),  # AFP: "increasingly extending its influence towards …"
        ("watching", "monitored"),  # "closely monitored in Washington given the presence …"
        ("harshest", "stringent"),  # DW: "some of the most stringent sanctions on Niger"
        ("foreign", "external"),  # Ecofin: "expected to came from external partners"
        ("hopeful", "optimistic"),  # "I remain optimistic," says the former Minister of Mines
        ("conquer", "conquest"),  # Wikipedia: "beginning with the French conquest in 1898"
        ("charges", "fees"),  # "the elimination of mobile roaming fees between the three countries"
        ("scrap", "elimination"),  # the same sentence
        ("rainy", "precipitation"),  # FEWS NET: "with above-average precipitation in general"
        ("deaths", "fatalities"),  # ACSS: "Fatalities linked to militant Islamist groups reached"
        ("displaced", "idps"),  # UNHCR: "IDPs (Burkina Faso, Mali, Niger): 3,859,400"
        ("need", "requirements"),  # OCHA: "Current Requirements (US$)" / "$583.9 million"
        ("ultimatum", "deadline"),  # Daily Trust: "the deadline given the military junta expired"
        ("lapsed", "expired"),
        ("share", "stake"),  # Business Insider Africa: "Orano holds a 63% stake in Somaïr"
        ("expats", "expatriates"),  # Reuters: "the contracts of expatriates who have been …"
        ("population", "inhabitants"),  # Wikipedia: "Its 487,620 inhabitants account for …"
        ("original", "initial"),  # RT: "double the initial sum of $50 million"
        ("worst", "deadliest"),  # Wikipedia: "the deadliest against civilians in the country"
        ("roadside", "ieds"),  # UN: "encountered six IEDs along the way"
        ("helmets", "peacekeepers"),  # UN: "A total of 37 peacekeepers required medical attention"
        ("polls", "elections"),  # AFP: "the dates of presidential and parliamentary elections"
        ("legislative", "parliamentary"),  # the same sentence
        ("ngos", "nongovernmental"),  # AP: "through the United Nations and nongovernmental …"
        ("gathering", "regrouping"),  # Le Quotidien: "The regrouping of soldiers has begun"
        ("work", "employs"),  # Le Monde: "Somaïr employs nearly 750 employees"
        ("workers", "employees"),  # Reuters: "ECOWAS employees from Mali, Niger and Burkina"
        ("agreements", "memoranda"),  # IRNA: "turning the newly-inked memoranda of understanding"
        ("boundary", "border"),  # Wikipedia: "the line which would become the modern Niger –
        # Nigeria border"
        ("frontier", "borders"),
        ("hit", "affected"),  # AIB: "The regions of Tahoua and Maradi … are the most affected"
        ("dependent", "relies"),  # WACSOF: "which heavily relies on external resources"
        ("sail", "departed"),  # Bloomberg: "loaded at a terminal off … Cotonou and departed"
        ("farming", "agriculture"),  # AFP: "40% of whose economy is based on agriculture"
        ("check", "assess"),  # AFP: "the World Bank wishes to assess the country's eligibility"
        ("junta", "rulers"),  # wire copy: "the military rulers said in a statement read on state …"
        ("juntas", "regimes"),  # AFP: "Mali, Burkina Faso and Guinea, led by military regimes"
        ("thank", "gratitude"),  # AA: "Tiani expressed gratitude Monday to Algeria"
        ("medal", "award"),  # News-Pravda: "presented Haftar with the highest state award"
        ("launched", "unveiling"),  # Walaw: "The unveiling ceremony, held Saturday in Bamako"
        ("siege", "blockade"),  # DG ECHO: "non-state armed groups have imposed a blockade on Djibo"
        ("resources", "rich"),  # TRT Afrika: "The country is rich in uranium, oil and gold."
        ("resources", "riches"),  # AFP: "… right to dispose of its natural riches"
        ("mistake", "error"),  # Le Monde: "Dated July 30, 2022 and “posted in error”"
        ("revision", "reassessed"),  # the same: "were thus reassessed during the year at 71.4 …"
        ("mediators", "facilitate"),  # "ECOWAS appointed … Faye and … Gnassingbé to facilitate"
        ("brokered", "mediation"),
        ("parent", "affiliate"),  # "Both are affiliate companies of the China National …"
        ("jobs", "employed"),  # "can no longer be employed by its institutions"
        ("revenge", "retaliate"),  # "the government and Wagner forces may retaliate"
        ("debt", "defaulted"),  # "The country again defaulted on August 11"
        ("label", "designation"),  # "the coup designation"
        ("podcast", "episode"),  # "On today's episode, the Washington Post's …"
        ("trainers", "instructors"),  # "sending military instructors to Niger"
        ("rejoin", "resume"),  # "its readiness to resume active participation"
        ("outlook", "forecast"),  # "a growth forecast of 7.9% for 2025"
        ("outsourcing", "externalisation"),  # "the externalisation of EU migration policies"
        ("prolonged", "extended"),  # IFRC: "The Emergency Appeal extended up to June 2017"
        ("spying", "reconnaissance"),  # "hub for counterterror intelligence, reconnaissance, …"
        ("lawsuit", "litigation"),
        ("trouble", "difficulties"),
        ("admit", "acknowledged"),
        ("watchdog", "oversight"),  # "several oversight bodies, including the Court of Accounts"
        ("stuck", "stranded"),  # Xinhua: "medical supplies … are stranded in neighboring countries"
        ("stuck", "stalled"),  # "the Kandadji hydroelectric dam …, which had been stalled"
        ("funeral", "buried"),
        ("exposed", "revealed"),
        ("split", "rift"),
        ("worldwide", "global"),
        ("penalty", "punishments"),  # "criminal charges are two possible punishments"
        ("tribunal", "court"),  # "Bazoum can now be tried by a military court"
        ("nickname", "dubbed"),
        ("hostage", "kidnapped"),  # "the 66-year-old woman … was kidnapped" (swissinfo)
        ("abduction", "kidnapping"),
        ("kidnappers", "captors"),
    ],
)
def test_a_word_asked_finds_the_word_news_writes_for_it(asked: str, written: str) -> None:
    assert stem(written) in synonyms()[stem(asked)]
