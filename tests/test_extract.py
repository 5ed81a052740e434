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


def test_an_acronym_joined_to_its_blocs_is_defined_too() -> None:
    """ "(BCID-AES)": the bank's acronym joined to its alliance's by a hyphen names the bank, as
    "(BCID)" would, so "what does bcid-aes stand for" finds the sentence that spells it out."""
    mentions = find_mentions(
        "The AES has formally established the Confederal Investment and Development Bank "
        "(BCID-AES)."
    )
    assert ("Confederal Investment and Development Bank", "org:BCID-AES") in {
        (m.text, m.key) for m in mentions
    }


def test_a_known_name_in_title_case_is_still_the_known_name() -> None:
    """The lexicon lists "Sahel alliance"; WA Press writes "the Sahel Alliance"."""
    mentions = find_mentions("He launched a unified military force for the Sahel Alliance.")
    assert [(m.text, m.key) for m in mentions] == [("the Sahel Alliance", "org:AES")]


def test_a_spelled_out_name_with_arabic_particles_is_the_acronyms_organisation() -> None:
    """A spelling the lexicon does not list ("Nasr" for "Nusrat") still names the known group
    its acronym gives, and none of its words makes a person ("Islam wal Muslimin")."""
    mentions = find_mentions("Jama'at Nasr al-Islam wal Muslimin (JNIM) attacked the town.")
    assert {(m.text, m.kind, m.key) for m in mentions} == {
        ("Jama'at Nasr al-Islam wal Muslimin", "organisation", "org:JNIM"),
        ("JNIM", "organisation", "org:JNIM"),
    }


def _organisations(text: str) -> list[tuple[int, str, str]]:
    """(sentence, summary, key) of each organisation fact, in the article's order."""
    return [(f.sentence, f.summary, f.subject) for f in _facts(text, kind="organisation")]


def test_an_acronym_spelled_out_elsewhere_in_the_article_names_that_organisation() -> None:
    text = (
        "The instructors will train Nigerien troops, state-owned Radio Television du Niger "
        "reported late Thursday. RTN broadcast images showing a Russian cargo plane."
    )
    name = "Radio Television du Niger (RTN)"
    assert _organisations(text) == [(0, name, "org:RTN"), (1, name, "org:RTN")]


@pytest.mark.parametrize(
    ("text", "name", "key"),
    [
        (  # function words give a letter or none: "pour la" none, "d'" one
            "Officials of the Conseil Supérieur pour la Restauration de l'Etat met on Friday. "
            "The CSRE said the audit was over.",
            "Conseil Supérieur pour la Restauration de l'Etat",
            "org:CSRE",
        ),
        (
            "The Movement for the Salvation of Niger (MSN) was formed in August. "
            "MSN fighters attacked an army post near Tahoua.",
            "Movement for the Salvation of Niger",
            "org:MSN",
        ),
    ],
)
def test_an_acronym_takes_its_letters_from_the_names_capitalised_words(text, name, key) -> None:
    assert _organisations(text)[-1] == (1, f"{name} ({key[4:]})", key)


def test_the_broadcaster_a_statement_was_made_on_is_not_its_speaker() -> None:
    text = (
        "State-owned Radio Television du Niger reported late Thursday that the instructors had "
        "arrived. The deployment aims to “develop military cooperation between Russia and "
        "Niger,” a Russian military trainer, whose face was partially covered by a scarf, said "
        "on RTN."
    )
    statements = _facts(text, kind="statement")
    assert [f.subject for f in statements if f.sentence == 1] in ([], [None])


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Ali Lamine Zeine spoke. The PM said the talks would resume.",
        "Mohamed Bazoum was detained in July. MB was not seen again.",
        "The US operates Air Base 201 near Agadez. AB staff left in August.",
        "Radio Niger reported the talks. RTN broadcast images of the plane.",  # a letter short
        "Television du Niger Radio reported the talks. RTN broadcast images.",  # out of order
        "NIGER TELEVISION REPORTS TALKS. The RTN story was short.",  # no capitalised name
    ],
)
def test_capitals_that_only_happen_to_share_initials_are_no_acronym(text: str) -> None:
    assert [key for *_, key in _organisations(text)] == []


@pytest.mark.parametrize(
    "alias", ["U.S.", "US", "United States", "American", "Washington", "White House"]
)
def test_the_united_states_has_one_key_whatever_it_is_called(alias: str) -> None:
    mentions = find_mentions(f"The decision by {alias} officials was expected.")
    assert [m.key for m in mentions if m.kind == "country"] == ["country:US"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Soldiers led by Lieutenant-Colonel Paul-Henri Sandaogo Damiba arrested him.",
         "Paul-Henri Sandaogo Damiba"),
        ("The delegation was led by Colonel-Major Mamane Sani Kiaou.", "Mamane Sani Kiaou"),
    ],
)  # fmt: skip
def test_a_rank_joined_by_hyphens_is_a_title_not_part_of_the_name(text: str, name: str) -> None:
    assert [m.text for m in find_mentions(text) if m.kind == "person"] == [name]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Michael Langley, Commander-in-Chief of Africom, came.", "org:AFRICOM"),
        ("Nato said so.", "org:NATO"),
    ],
)
def test_an_acronym_written_as_a_word_is_still_the_acronym(text: str, key: str) -> None:
    assert key in [m.key for m in find_mentions(text)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Harouna Mounkaila from the Université Abdou Moumouni in Niamey wrote it.",
         ("Université Abdou Moumouni", "organisation")),
        ("The Banque Ouest Africaine lent money.", ("Banque Ouest Africaine", "organisation")),
        ("Chair Cardin said so.", ("Cardin", "person")),  # a committee's chair: a title
    ],
)  # fmt: skip
def test_a_french_name_opening_with_its_head_is_an_organisation(text: str, found) -> None:
    assert found in [(m.text, m.kind) for m in find_mentions(text)]


def test_a_british_title_without_its_full_stop_is_no_part_of_the_name() -> None:
    """Premium Times writes "Mr Langley", as British papers do: Langley, not "Mr Langley"."""
    mentions = find_mentions("Mr Langley, who retires after 40 years of service, said so.")
    assert [(m.text, m.key) for m in mentions] == [("Langley", "person:Langley")]


def test_a_newspaper_named_after_a_city_is_not_a_country() -> None:
    mentions = find_mentions("The Washington Post reported the talks.")
    assert [m.key for m in mentions] == ["org:WAPO"]


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Cote d’Ivoire", "country:CI"),  # the lexicon lists "Cote d'Ivoire" and "Côte d’Ivoire"
        ("Cote d'Ivoire", "country:CI"),
        ("Lome", "place:Lomé"),  # accents dropped, as copies often drop them
        ("Turkiye", "country:TR"),
    ],
)
def test_a_known_name_is_found_with_either_apostrophe_and_without_its_accents(
    written: str, key: str
) -> None:
    """The State Department wrote "Benin, Cote d’Ivoire, Senegal, and Togo": a curly apostrophe
    without the accent, a spelling the lexicon did not list, so no article "mentioned" Ivory
    Coast."""
    found = find_mentions(f"Officials met in Benin, {written} and Togo on Monday.")
    assert key in [m.key for m in found]


def test_numbered_bases_have_one_name() -> None:
    for text in (
        "known as Airbase 201",
        "at air base 201",
        "Air Base 201 near Agadez",
        "from the 201st Air Base in Agadez",  # as TASS writes it
    ):
        keys = {m.key for m in find_mentions(text) if m.kind == "place" and "201" in m.text}
        assert keys == {"place:Air Base 201"}, text
    # a year before "air base" is no base's number
    assert not [m for m in find_mentions("after the 2023 air base attack") if "2023" in m.text]


@pytest.mark.parametrize(
    ("sentence", "places"),
    [
        (
            # Al Jazeera, on the Kokorou mosque attack: neither name is in the gazetteer
            "The victims were killed in a “savage” armed assault in the Fambita quarter of the "
            "rural border town of Kokorou, the interior ministry said in a statement.",
            ["Fambita", "Kokorou"],
        ),
        (
            "Gunmen attacked the village of Tamou and the commune of Anzourou.",
            ["Tamou", "Anzourou"],
        ),
        # a capitalised word next to a lower-case noun of a place only: not "Defense" here
        ("He briefed the Department of Defense and the French state.", []),
    ],
)
def test_a_name_next_to_a_noun_of_a_place_is_a_place(sentence: str, places: list[str]) -> None:
    found = [m.text for m in find_mentions(sentence) if m.kind == "place"]
    assert found == places
    assert [f.subject for f in _facts(sentence, kind="place")] == [f"place:{p}" for p in places]


def test_statements_name_their_speaker() -> None:
    facts = _facts("“If we can’t see, we can’t sense,” Langley said.", kind="statement")
    assert facts[0].data["speaker"] == "Langley"
    assert facts[0].data["content"].startswith("If we can’t see")


# The West Africa Report on Zeine's account of his meeting with Molly Phee (heldout article 16).
ZEINE = (
    "Niger’s prime minister, Ali Mahamane Lamine Zeine, spoke to the Washington Post.\n\n"
    "“When she finished, I said, ‘Madame, I am going to summarise in two points what you have "
    "said,’” recounted Zeine, who has led negotiations with the United States. “First, you have "
    "come here to threaten us in our country. That is unacceptable. And you have come here to "
    "tell us with whom we can have relationships.”\n"
)


def test_the_verb_that_reports_a_quotation_is_the_one_outside_it() -> None:
    """ "“… I said, ‘Madame…’” recounted Zeine": Zeine recounts; "I said" is what he quotes."""
    said = [f for f in _facts(ZEINE, kind="statement") if f.sentence == 1]
    assert [(f.subject, f.data["verb"]) for f in said] == [
        ("person:Ali Mahamane Lamine Zeine", "recounted")
    ]


def test_a_quotation_resumed_after_its_attribution_goes_on_in_the_speakers_voice() -> None:
    """News resumes a quotation after naming its speaker, in the same paragraph: "“…,”
    recounted Zeine. “First, you have come here to threaten us…" is Zeine's too, to its end."""
    said = {f.sentence: f.subject for f in _facts(ZEINE, kind="statement")}
    assert said == {i: "person:Ali Mahamane Lamine Zeine" for i in (1, 2, 3, 4)}


# The West Africa Report's account of the Washington Post interview (heldout article 16).
POST_INTERVIEW = (
    "Niger’s prime minister, Ali Mahamane Lamine Zeine, tells Rachel Chason, West African bureau "
    "chief for Washington Post, that U.S. officials tried to dictate which countries Niger could "
    "partner with.\n\n"
    "He said the Nigerien leaders took particular umbrage at remarks by Molly Phee, the State "
    "Department’s top official for African affairs. He also said Phee had further threatened "
    "sanctions if Niger pursued a deal to sell uranium to Iran.\n"
)


def test_he_said_is_the_last_man_named_not_the_last_person() -> None:
    """ "He said" after "Zeine tells Rachel Chason…" is Zeine's, and so is "He also said Phee had
    further threatened sanctions": Phee is spoken of there, and a woman besides."""
    said = {f.sentence: f.subject for f in _facts(POST_INTERVIEW, kind="statement")}
    assert said[1] == said[2] == "person:Ali Mahamane Lamine Zeine"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # the seeds' Reuters report: an unnamed official, not the country the words are about
        ("One official said that counterterrorism operations in Niger will remain paused.",
         "One official"),
        ("A government official on Wednesday said Niger had asked the US for a timeline.",
         "A government official"),
        # "Ecowas", as British papers write it, is ECOWAS
        ("Ecowas on Saturday said it was lifting some of the sanctions imposed on Niger.",
         "Economic Community of West African States"),
        # a name set off by commas right before the verb (the seeds' Al Jazeera report)
        ("US’ State Department spokesman, Matthew Miller, said that officials are “aware of the "
         "statement”.", "Matthew Miller"),
    ],
)  # fmt: skip
def test_the_speaker_is_who_speaks_not_whom_the_words_name(sentence: str, speaker: str) -> None:
    assert [f.data["speaker"] for f in _facts(sentence, kind="statement")] == [speaker]


def test_a_speech_verb_used_of_a_deed_reports_no_statement() -> None:
    """TRT Afrika's timeline: "…delegation led by … Abdulsalami Abubakar, denied access to Bazoum
    and Tiani." Nobody said anything; a denial of a claim still is a statement."""
    deed = "August 3 – ECOWAS delegation led by Abdulsalami Abubakar, denied access to Bazoum."
    assert _facts(deed, kind="statement") == []
    assert [
        f.data["speaker"] for f in _facts("The junta denied that it held Bazoum.", kind="statement")
    ] == ["The junta"]


# --- Owners of troop figures ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "value", "owners"),
    [
        # The subject owns the figure, not the country it is stationed in.
        ("Germany had about 100 soldiers in Niger.", 100, ["country:DE"]),
        ("100 German soldiers were stationed at this base.", 100, ["country:DE"]),
        (
            "Niger already hosts American military personnel, with about 1,000 US troops deployed "
            "in the West African nation, the majority of them at a $110 million drone base in the "
            "central city of Agadez.",
            1000,
            ["country:US"],
        ),
        # A figure two owners share is a figure of each.
        ("The US and France had 3,000 troops in the region.", 3000, ["country:US", "country:FR"]),
    ],
)
def test_a_troop_figure_belongs_to_the_forces_that_have_it(sentence, value, owners) -> None:
    troops = [f for f in _facts(sentence, kind="troops") if f.value == value]
    assert [f.subject for f in troops] == owners
    assert all(f.data["where"] != "Germany" for f in troops)


@pytest.mark.parametrize(
    ("text", "value", "quoted", "owner"),
    [
        (
            "Niger had good relations with former colonial power France, which maintains a "
            "2,000-strong military force there to guard against jihadist insurrectionists.",
            2000,
            "2,000-strong",
            "country:FR",
        ),
        (
            "Paris began pulling out the 1,500-strong French contingent in October.",
            1500,
            "1,500-strong",
            "country:FR",
        ),
        (
            "Officials in Washington said the Pentagon would keep its 1,100-strong garrison at "
            "the drone base in Agadez for now.",
            1100,
            "1,100-strong",
            "country:US",
        ),
        (
            "Nigeria pledged troops to a 5,000-strong joint force that the bloc plans to send.",
            5000,
            "5,000-strong",
            "country:NG",
        ),
    ],
)
def test_the_strength_of_an_armed_unit_is_a_troop_count(text, value, quoted, owner) -> None:
    troops = [f for f in _facts(text, kind="troops") if f.value == value]
    assert [(f.data["text"], f.subject) for f in troops] == [(quoted, owner)]


@pytest.mark.parametrize(
    "text",
    [
        "A 40,000-strong crowd gathered outside the French base in Niamey.",
        "Kenya sent a 1,000-strong police force to Haiti.",
        "The mine's 3,000-strong workforce went on strike in Arlit.",
        "The EU sent a 90-strong election observer mission to Niger.",
    ],
)
def test_the_strength_of_an_unarmed_body_is_no_troop_count(text: str) -> None:
    assert _facts(text, kind="troops") == []


def test_where_a_subject_owned_figure_is_stationed() -> None:
    (fact,) = _facts("Germany had about 100 soldiers in Niger.", kind="troops")
    assert fact.data["where"] == "Niger"
    assert fact.summary == "about 100 soldiers (Germany) in Niger"


# --- Money ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "amounts"),
    [
        (  # Reuters via devdiscourse, 11 August 2023
            "Coup-hit Niger has failed to pay 12 billion CFA francs ($19 million) in principal on "
            "treasury bonds due on Friday, the West African debt agency Umoa-Titres said in "
            "statement.",
            [(12e9, "XOF"), (19e6, "USD")],
        ),
        (  # naijaecho, February 2024
            "A planned 30 billion CFA franc ($51m) bond issuance by Niger in July was canceled by "
            "the Central Bank of West African States (BCEAO).",
            [(30e9, "XOF"), (51e6, "USD")],
        ),
        # a Reuters headline, with a full stop so that it is a sentence
        ("Niger misses treasury bond repayment of $3.8 mln after coup.", [(3.8e6, "USD")]),
        ("The World Bank approved a US$25 million grant for Niger.", [(25e6, "USD")]),
        (
            "The EU froze €40m of budget support and Britain £3bn of trade.",
            [(40e6, "EUR"), (3e9, "GBP")],
        ),
        ("Niger raised CFA 50 billion on the regional market.", [(50e9, "XOF")]),
        ("China paid a $1.2bn advance for the oil.", [(1.2e9, "USD")]),
        # a WFP country brief's key figure: the scale apart from the figure, after a currency
        ("USD 82.5 m six-month net funding requirement.", [(82.5e6, "USD")]),
        # a finance act, in words and then in digits in brackets (Afrik Times, January 2024)
        (
            "The 2024 budget amounts to two trillion six hundred fifty-three billion (2,653,440,643,850)"
            " XOF.",
            [(2653440643850.0, "XOF")],
        ),
    ],
)
def test_money_in_the_formats_newsrooms_write_it(sentence, amounts) -> None:
    money = _facts(sentence, kind="money")
    assert [(f.value, f.data["currency"]) for f in money] == amounts


# --- People --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The Air Force said it had moved its drones to Agadez.",
        "Member States of ECOWAS agreed on the sanctions.",
        "Commercial Banks in Niamey ran short of cash.",
        "The Armed Forces of Niger took power in July.",
        "The Prime Minister spoke on state television.",
        "Population Estimate Year: 2024\nGdp Nominal Per Capita: $874",
        "The 724th Expeditionary Air Base Squadron built the runway.",
        # seas, documents, a company's name ending: from real pages of the evaluation sets
        "Juntas run a belt of countries from the Atlantic Ocean to the Red Sea.",
        "The Final Communique was read in Abuja.",
        "Methodology Note: the map uses Armed Conflict Location and Event Data.",
        "Amnesty International said the detentions were arbitrary.",
        "The Press Release came late on Friday.",
        "Last week, it seized French state uranium company Orano’s Somair mine.",
        # a site's link to another story, inside the article's paragraph, in title case
        "Hippo Attack in South Africa: Hippopotamus Crushes Park Ranger to Death at Mkhuze Game"
        " Reserve.",
        # OCHA's key figures: everyday words, capitalised as a label
        "Current People in Need\n4.3 million",
        # a web page's bold lead-in before a colon (World Policy Hub, WA Press)
        "Worsening Diplomatic Tensions: The minister summoned the chargé d’affaires.",
        "Total Strength: The force consists of 5,000 troops ready for joint operations.",
        # a photo's caption between paragraphs (West Africa Weekly): a noun in -ity is no name
        "Niger adds ten people to the list\n\n258\nNiger Revoke Nationality\n\nTen more people"
        " may lose their nationality.",
    ],
)
def test_capitalised_phrases_are_not_people(sentence: str) -> None:
    assert _facts(sentence, kind="person") == []


def test_an_everyday_word_after_in_is_no_place_and_a_dollar_sign_makes_no_country() -> None:
    """ "People in Need" names no place "Need"; "(US$)" is a currency, not the United States,
    which would then own the amount."""
    mentions = find_mentions("Current People in Need\n4.3 million")
    assert mentions == []
    assert [m.key for m in find_mentions("The attack in Tillia killed five.")] == ["place:Tillia"]
    assert find_mentions("Current Requirements (US$)\n$583.9 million") == []
    assert [m.key for m in find_mentions("US troops cost $5 million.")] == ["country:US"]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Minister of Interior Mohamed Toumba said the border was closed.", "Mohamed Toumba"),
        ("Minister of Defence Salifou Mody met the Malian delegation.", "Salifou Mody"),
        ("His Excellency Mohamed Bazoum was received in Paris.", "Mohamed Bazoum"),
    ],
)
def test_what_a_minister_is_minister_of_is_not_part_of_the_name(sentence: str, name: str) -> None:
    assert [f.subject for f in _facts(sentence, kind="person")] == [f"person:{name}"]


def test_an_infobox_row_of_names_is_no_title_in_title_case() -> None:
    """Every word of "Commander: Brigadier General Moussa Salaou Barmou" is capitalised, as in a
    title, but hardly any is an English word other than a title: the name stands."""
    text = "- Headquarters: Niamey\n- Commander: Brigadier General Moussa Salaou Barmou\n"
    people = [f.subject for f in extract(text, published=None).facts if f.kind == "person"]
    assert people == ["person:Moussa Salaou Barmou"]


INFOBOX_SIZE = """= Jama'at Nusrat al-Islam wal-Muslimin =

- Active: 2 March 2017 – present
- Headquarters: Tinzaouaten
- Size: 2,000–3,000 (2022 estimate), 5,000–6,000 (2024 estimate)
- Allies: Ansar ul Islam
"""


def test_an_infobox_size_row_counts_the_members_of_the_page_subject() -> None:
    """The page is about the body its opening heading names; its "Size" row's bare figures
    count that body's fighters, each at the year beside it."""
    troops = [f for f in extract(INFOBOX_SIZE, published=None).facts if f.kind == "troops"]
    assert [(f.subject, f.data["low"], f.data["high"], f.date) for f in troops] == [
        ("org:JNIM", 2000.0, 3000.0, "2022"),
        ("org:JNIM", 5000.0, 6000.0, "2024"),
    ]
    assert troops[0].data["owner_rule"] == "the page's subject, in its “Size” row"


def test_a_size_row_on_a_page_that_opens_with_no_heading_counts_no_one() -> None:
    text = INFOBOX_SIZE.split("\n", 2)[2]  # the rows without the heading
    assert [f for f in extract(text, published=None).facts if f.kind == "troops"] == []


def test_a_name_placed_in_part_of_a_country_is_a_place() -> None:
    sentence = (
        "The pipeline runs between Agadem, in eastern Niger, and Seme Kpodji, in southern Benin."
    )
    assert _facts(sentence, kind="person") == []
    places = {f.subject for f in _facts(sentence, kind="place")}
    assert {"place:Agadem", "place:Seme Kpodji"} <= places
    # someone with a given name stays someone, wherever the sentence puts them
    said = "Mohamed Bazoum, in northern Niger at the time, was detained."
    assert [f.subject for f in _facts(said, kind="person")] == ["person:Mohamed Bazoum"]


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        (
            "The prime minister of the junta, Ali Lamine Zeine, said the sanctions were unjust.",
            "Ali Lamine Zeine",
            "prime minister of the junta",
        ),
        (
            "The written announcement by State Department Spokesperson Matthew Miller came more "
            "than two months after the coup.",
            "Matthew Miller",
            "State Department Spokesperson",
        ),
        (
            "Commenting on the latest French actions, Marine Le Pen, leader of the National Rally "
            "party, told the France Inter radio station that it was not a solution.",
            "Marine Le Pen",
            "leader of the National Rally party",
        ),
        (  # an encyclopedia's lead: the role after the name's brackets, up to "who"
            "Salifou Modi (Arabic: ساليفو مودي, romanized: Sālyfw Mwdy; born 12 October 1962) is "
            "a Nigerien military officer who has been the Vice President of the council.",
            "Salifou Modi",
            "Nigerien military officer",
        ),
        (  # Africanews: the role opens at the determiner nearest the name, past a nationality
            "The regime in Niger on Wednesday ordered the UN coordinator in this country, "
            "Canadian Louise Aubin, to leave it within three days.",
            "Louise Aubin",
            "UN coordinator in this country",
        ),
        (
            "The junta named the prime minister of the junta, Ali Lamine Zeine, on Monday.",
            "Ali Lamine Zeine",
            "prime minister of the junta",
        ),
        (  # Xinhua: a participle opening the sentence is no word of the title
            "Echoing UN Emergency Relief Coordinator Martin Griffiths, she called for more aid.",
            "Martin Griffiths",
            "UN Emergency Relief Coordinator",
        ),
        (
            "Special prosecutor Mario Metonou announced on Thursday that the group was detained.",
            "Mario Metonou",
            "Special prosecutor",
        ),
    ],
)
def test_roles_from_titles_and_appositions(sentence: str, name: str, role: str) -> None:
    people = {f.subject: f for f in _facts(sentence, kind="person")}
    assert people[f"person:{name}"].data["role"] == role


@pytest.mark.parametrize(
    "sentence",
    [
        "Mohamed Bazoum, officials told a news agency, was still held at the palace.",
        "Mohamed Bazoum, two officials said, was still held at the palace.",
    ],
)
def test_an_attribution_clause_is_not_a_role(sentence: str) -> None:
    (person,) = _facts(sentence, kind="person")
    assert person.data["role"] is None


@pytest.mark.parametrize(
    ("text", "described"),
    [
        # NPR's introduction of its guest (2023-07-28)
        ("To discuss the implications, Ousmane Diallo joins us now. He's a senior researcher at "
         "Amnesty International in Dakar.",
         ("person:Ousmane Diallo", "senior researcher at Amnesty International in Dakar")),
        # "He" cannot be Molly Phee; two people before: which one is not said
        ("Molly Phee met the junta. He is a retired general.", None),
        ("Molly Phee met Ali Lamine Zeine. He is the prime minister.", None),
        # the sentence names someone itself
        ("Ousmane Diallo joins us now. He is a colleague of Nick Turse.", None),
    ],
)  # fmt: skip
def test_he_describing_the_one_person_named_just_before_gives_that_persons_role(
    text: str, described: tuple[str, str] | None
) -> None:
    facts = [
        f for f in extract(text, published=None).facts if f.kind == "person" and f.sentence == 1
    ]
    found = [(f.subject, f.data["role"]) for f in facts if f.data.get("subject_rule")]
    assert found == ([described] if described else [])
    if described:
        assert facts[0].data["subject_rule"] == "“He” is the one person the sentence before names"


def test_a_possessive_is_not_part_of_a_name() -> None:
    people = _facts("Mohamed Bazoum’s son Salem was released in January.", kind="person")
    assert [p.subject for p in people] == ["person:Mohamed Bazoum"]


def test_the_regime_led_by_a_general_is_not_the_bloc_named_before() -> None:
    (person,) = _facts(
        "West African bloc ECOWAS condemned the coup and imposed sanctions on the Nigerien "
        "military regime led by General Abdourahamane Tiani.",
        kind="person",
    )
    assert person.data["role"] == "General"


# --- Statements ----------------------------------------------------------------------------------


def test_a_straight_quotation_mark_glued_to_a_word_closes_the_quotation() -> None:
    """TRT World: ""I think that they forgot to say 'thank you'. It does not matter, it will
    come with time," Macron said …": the mark after "time," closes the quotation opened a
    sentence earlier, so Macron, after it, is its speaker, not words inside it."""
    text = (
        "President Emmanuel Macron is facing a backlash in West Africa.\n\n"
        "\"I think that they forgot to say 'thank you'. It does not matter, it will come with "
        'time," Macron said in a speech to French ambassadors on Monday.\n'
    )
    statements = _facts(text, kind="statement")
    assert sorted((f.sentence, f.subject) for f in statements) == [
        (1, "person:Emmanuel Macron"),
        (2, "person:Emmanuel Macron"),
    ]


def test_a_statement_before_its_speaker_is_the_clause_before_it() -> None:
    (statement,) = _facts(
        "There are now about 1,000 Department of Defense personnel in the country, one official "
        "said.",
        kind="statement",
    )
    assert statement.data["speaker"] == "one official"
    assert statement.data["content"] == (
        "There are now about 1,000 Department of Defense personnel in the country"
    )


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Amadou Abdramane, the junta's spokesman, said the Nigerien government \"forcefully "
            'denounces" the "state-to-state" agreement.',
            'the Nigerien government "forcefully denounces" the "state-to-state" agreement',
        ),
        (
            'The junta is a "guarantee of dictatorship", Bazoum said on Friday.',
            'The junta is a "guarantee of dictatorship"',
        ),
        ('"We will not accept this," Tiani said.', "We will not accept this"),
    ],
)
def test_a_phrase_in_quotation_marks_is_said_with_the_clause_around_it(
    text: str, content: str
) -> None:
    """A few quoted words mark a phrase as the speaker's own; what was said is the clause that
    holds them (a headline reading "said: state-to-state" tells nothing). A whole quotation is
    still what was said."""
    (statement,) = _facts(text, kind="statement")
    assert statement.data["content"] == content


def test_the_speaker_of_told_is_the_name_before_the_role() -> None:
    (statement,) = _facts(
        "Molly Phee, the US assistant secretary of state for African Affairs, told reporters that "
        "she met with CNSP ministers.",
        kind="statement",
    )
    assert statement.subject == "person:Molly Phee"


# --- Datelines -----------------------------------------------------------------------------------

REUTERS_LEAD = (
    "NIAMEY, June 14 (Reuters) - Niger has shut off oil exports to China via its pipeline to "
    "Benin's coast, Oil Minister Mahamane Moustapha Barke Bako said on Thursday, deepening a "
    "standoff between the West African neighbours."
)


def test_a_dateline_is_no_fact_of_its_own() -> None:
    extraction = extract(REUTERS_LEAD, published=dt.date(2024, 6, 14))
    subjects = {f.subject for f in extraction.facts}
    assert "org:REUTERS" not in subjects
    assert not any("NIAMEY" in f.summary or "Reuters" in f.summary for f in extraction.facts)
    (statement,) = [f for f in extraction.facts if f.kind == "statement"]
    assert statement.subject == "person:Mahamane Moustapha Barke Bako"
    assert statement.data["content"] == (
        "Niger has shut off oil exports to China via its pipeline to Benin's coast"
    )


# --- Summaries -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "kind", "summary"),
    [
        (  # seed 003: the comma of "1,100" is not the end of a clause
            "As of 2023 there were about 1,100 US troops in Niger, where the US military operates "
            "out of two bases including a drone base known as airbase 201, built near Agadez in "
            "central Niger.",
            "event",
            "As of 2023 there were about 1,100 US troops in Niger",
        ),
        (  # seed 002: nor the comma of "1,000", and "and" does not open a summary
            "Niger regularly hosts about 1,000 U.S. troops, and operates a $110 million air base "
            "used to control drone operations.",
            "money",
            "$110 million — operates a $110 million air base used to control drone operations",
        ),
        (  # a date alone is no summary: the clause it opens comes with it
            "In December, Russia and Niger announced that they had signed new security agreements.",
            "event",
            "In December, Russia and Niger announced that they had signed new security agreements",
        ),
        (
            "But late last month, French President Emmanuel Macron agreed to withdraw France’s "
            "ambassador and troops from Niger.",
            "event",
            "late last month, French President Emmanuel Macron agreed to withdraw France’s "
            "ambassador and troops from Niger",
        ),
    ],
)
def test_summaries_are_whole_phrases(sentence: str, kind: str, summary: str) -> None:
    facts = _facts(sentence, dt.date(2023, 10, 10), kind=kind)
    assert [f.summary for f in facts] == [summary]


def _said(text: str) -> dict[str, str]:
    """Each sentence that is someone's statement -> its speaker's key."""
    extraction = extract(text, published=dt.date(2023, 8, 8))
    return {
        extraction.sentences[f.sentence].text: f.subject
        for f in extraction.facts
        if f.kind == "statement" and f.subject
    }


# The opening of a Pentagon press gaggle, as the Department of Defense publishes its transcripts.
GAGGLE = """Press Gaggle With Air Force Brigadier General Pat Ryder, Pentagon Press Secretary

BRIGADIER GENERAL PAT RYDER:  So first of all, Secretary Austin is going to host the Iraqi \
minister of defense here in the Pentagon today.

We're still continuing to monitor the situation in Niger.  At this time, there's been no change \
to U.S. military force posture in the country.

Q:  Just on Niger, have you received a similar request?  What was that for?

GEN. RYDER:  Yeah, thanks, Idrees.  We have not received any request.
"""


def test_a_transcript_turn_is_its_speakers_statement_sentence_by_sentence() -> None:
    """Everything after "NAME:" up to the next label is what that speaker said, though no
    sentence of it names them; a reporter's "Q:" turn is nobody's statement."""
    said = _said(GAGGLE)
    assert said["We're still continuing to monitor the situation in Niger."] == "person:Pat Ryder"
    assert said["We have not received any request."] == "person:Pat Ryder"
    assert not [text for text in said if "similar request" in text or "What was" in text]
    extraction = extract(GAGGLE, published=None)
    monitor = next(i for i, s in enumerate(extraction.sentences) if "monitor" in s.text)
    assert "person:Pat Ryder" in extraction.entities[monitor]
    (fact,) = [f for f in extraction.facts if f.sentence == monitor and f.kind == "statement"]
    assert fact.data["speaker_rule"]  # the name is not in the quoted sentence: say by which rule


@pytest.mark.parametrize(
    "row",
    ["Strength: At least 2,000", "NIAMEY: The junta said on Monday it would stay.", "UPDATE: none"],
)
def test_an_infobox_row_or_a_dateline_is_no_speaker_label(row: str) -> None:
    said = _said(f"{row}\n\nThe troops will stay until September.\n")
    assert "The troops will stay until September." not in said


# An interview as VOA prints it: the interviewer's topic line, then the general's answer under a
# label in title case, not capitals.
INTERVIEW = """U.S. Africa Command's Major General Kenneth Ekman left Niger on Sunday.

VOA: On what Nigeriens should expect in terms of a partnership with the US military:

Major General Kenneth Ekman: I think that remains to be seen. I think the starting impetus will \
be reflecting on the 15 years of partnership. We have shed blood together.

The last American troops flew to Germany.
"""


def test_a_label_in_title_case_opens_a_turn_when_it_names_someone_the_article_names() -> None:
    """Such a label speaks for its own paragraph only: written as a name, it may as well open a
    paragraph about that person ("Bazoum: the president remains detained")."""
    said = _said(INTERVIEW)
    assert said["We have shed blood together."] == "person:Kenneth Ekman"
    assert not [text for text in said if text.startswith("VOA")]
    assert "The last American troops flew to Germany." not in said


@pytest.mark.parametrize("row", ["Major General: Kenneth Ekman", "Commander Ekman: retired"])
def test_a_label_in_title_case_naming_no_one_the_article_names_is_no_label(row: str) -> None:
    said = _said(f"Kenneth Ekman left Niger.\n\n{row}\n\nThe troops will stay until September.\n")
    assert "The troops will stay until September." not in said


# An interview summary: the speaker is named with his role once, then called by the role.
SUMMARY = """Prime Minister of Niger Ali Mahaman Lamine Zain gave an interview to RIA Novosti.

The French military contingent left. According to the Prime Minister, “they took a sovereign \
decision to end our military co-operation. It is a position of condescension by the French \
authorities.”
"""


def test_a_speaker_called_by_a_role_one_person_was_given_is_that_person() -> None:
    """ "According to the Prime Minister, “…" names no one, but the article gave the role to one
    person: his statement, by that stated rule, and so is the rest of the quotation it opens."""
    extraction = extract(SUMMARY, published=None)
    said = [f for f in extraction.facts if f.kind == "statement"]
    assert [f.subject for f in said] == ["person:Ali Mahaman Lamine Zain"] * 2
    assert (
        said[0].data["content"]
        == "they took a sovereign decision to end our military co-operation."
    )
    assert "Prime Minister" in said[0].data["speaker_rule"]


def test_a_role_two_people_were_given_names_neither() -> None:
    text = (
        "Minister of Defence Salifou Mody met Minister of Mines Ousmane Abarchi.\n\n"
        "According to the minister, the talks went well.\n"
    )
    (said,) = [f for f in extract(text, published=None).facts if f.kind == "statement"]
    assert said.subject is None and said.data["speaker"] == "the minister"


# A newspaper interview as printed: "Question." and "Answer." (or "Q:" and "A:") open the turns.
QA = """Niger's foreign minister Hassoumi Massoudou spoke to the paper in Paris on Tuesday.

Question. How is President Bazoum?

Answer. He is in good spirits. He is held in his residence without electricity.

Q: Will ECOWAS intervene?

A: We hope that the pressure of the sanctions will be enough.
"""


def test_an_interviews_answers_are_the_interviewees_statements() -> None:
    """The answers name no one; they are the words of the person the interview is with, the
    one the article names most, by that stated rule. The questions are nobody's statements."""
    said = [f for f in extract(QA, published=None).facts if f.kind == "statement"]
    assert [f.data["content"] for f in said] == [
        "He is in good spirits.",
        "He is held in his residence without electricity.",
        "We hope that the pressure of the sanctions will be enough.",
    ]
    assert {f.subject for f in said} == {"person:Hassoumi Massoudou"}
    assert all("interview" in f.data["speaker_rule"] for f in said)


def test_an_initial_opening_a_paragraph_is_no_answer_where_nothing_was_asked() -> None:
    """ "A. Moussa, a trader, said…" starts like an interview's "A." turn; with no question
    asked in the article, it is a name, and the sentences after it are nobody's statement."""
    text = (
        "Ali Mahaman Lamine Zeine met the envoy. Zeine said talks went well.\n\n"
        "A. Moussa, a trader in Niamey, said prices had doubled. The market was quiet.\n"
    )
    said = {
        f.data["content"]: f.subject
        for f in extract(text, published=None).facts
        if f.kind == "statement"
    }
    assert said["prices had doubled"] == "person:A. Moussa"
    assert not [c for c in said if "market" in c]


# A quotation over several sentences, attributed only where it closes ("she added"), after a
# quote that names someone else ([Macron]): from a news report on the French envoy's departure.
ENVOY = """Marine Le Pen, leader of the National Rally party, told the France Inter radio station: \
“It was not a solution… [Macron] had no choice actually.” “It’s sad because we are being kicked \
out of Africa. But there was no other choice. It’s a serious failure for French diplomacy,” she \
added.
"""


def test_she_added_goes_on_quoting_the_last_speaker_over_every_sentence_of_the_quote() -> None:
    said = _said(ENVOY)
    assert said["But there was no other choice."] == "person:Marine Le Pen"
    assert (
        said["It’s a serious failure for French diplomacy,” she added."] == "person:Marine Le Pen"
    )
    assert "person:Emmanuel Macron" not in said.values()


def test_a_quotation_in_straight_marks_goes_on_in_its_speakers_voice() -> None:
    """Most copies found online write quotations with straight marks, which say not whether they
    open or close: they alternate. "He added: "… was signed. Our task is … Niger."" is the
    speaker's to its last sentence, as with curly marks (from a report on Rosatom in Niger)."""
    said = _said(
        'Energy Minister Sergey Tsivilev visited Niamey on Friday. "We listened to detailed '
        'presentations," said Tsivilev.\n\nHe added: "An important memorandum on cooperation '
        "in the field of peaceful atom was signed. Our task is not just to participate in "
        'uranium mining. We also agreed on the joint training of specialists."\n\n'
        "The talks ended on Saturday.\n"
    )
    tsivilev = "person:Sergey Tsivilev"
    assert said["Our task is not just to participate in uranium mining."] == tsivilev
    assert said['We also agreed on the joint training of specialists."'] == tsivilev
    assert "The talks ended on Saturday." not in said


def test_a_quote_introduced_with_a_colon_is_its_introducers() -> None:
    said = _said(
        "Prime Minister Ali Mahaman Lamine Zeine expressed dissatisfaction with the U.S. "
        "presence, stating:\n\n“The Americans stayed on our soil, doing nothing while the "
        "terrorists killed people. It is not a sign of friendship.”\n"
    )
    zeine = "person:Ali Mahaman Lamine Zeine"
    assert said["It is not a sign of friendship.”"] == zeine
    assert (
        said["“The Americans stayed on our soil, doing nothing while the terrorists killed people."]
        == zeine
    )


def test_whom_a_quotation_names_is_not_its_speaker() -> None:
    """ "quoted as saying that "We are here to train the Niger army": Niger does not speak."""
    said = _said(
        'One instructor was quoted as saying that "We are here to train the Niger army and '
        'help it use the equipment."\n'
    )
    assert "country:NE" not in said.values()


def test_a_titled_label_names_a_person_the_text_names_nowhere_else() -> None:
    """State Department briefings label their spokesman "MR MILLER:" and never write his name
    out: the title says the label is a person's; "QUESTION:" turns are the press's."""
    said = _said(
        "MR MILLER:  Good afternoon, everyone.\n\nQUESTION:  What is the latest on Niger?\n\n"
        "MR MILLER:  With respect to the embassy, we completed the ordered departure on Friday.\n"
    )
    assert said == {
        "MR MILLER:  Good afternoon, everyone.": "person:Miller",
        "MR MILLER:  With respect to the embassy, we completed the ordered departure on Friday.": (
            "person:Miller"
        ),
    }


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            'One instructor was quoted as saying that "We are here to train the Niger army.',
            "One instructor",
        ),
        ("Residents said the town was quiet after the attack.", "Residents"),
    ],
)
def test_an_unnamed_speaker_is_named_by_what_they_are(sentence: str, speaker: str) -> None:
    """ "One instructor was quoted as saying …": no name, but a speaker all the same; the words
    of a quotation left open keep no opening mark."""
    said = _facts(sentence, kind="statement")
    assert [f.data["speaker"] for f in said] == [speaker]
    assert not said[0].data["content"].startswith(('"', "“"))


def _speakers(text: str) -> dict[str, str]:
    """Each sentence that is a statement -> its speaker as the article calls them."""
    extraction = extract(text, published=dt.date(2023, 8, 8))
    return {
        extraction.sentences[f.sentence].text: f.data["speaker"]
        for f in extraction.facts
        if f.kind == "statement"
    }


def test_a_quotation_closed_by_a_body_is_that_bodys_in_every_sentence() -> None:
    """ "“Hordes of criminals … resistance. Our soldiers … enemy,” the army said.": the army
    speaks from the quotation's first sentence, and "it added" goes on quoting the army (from
    a Xinhua report of an attack at Niaktiré)."""
    said = _speakers(
        "“Hordes of criminals, coming in hundreds, launched the assault but faced fierce "
        "resistance. Our soldiers held their position bravely,” the army said.\n\n"
        "“In response, two units of special forces were deployed as reinforcements,” it added."
        "\n\nThe attack happened on Sunday.\n"
    )
    assert said == {
        "“Hordes of criminals, coming in hundreds, launched the assault but faced fierce "
        "resistance.": "the army",
        "Our soldiers held their position bravely,” the army said.": "the army",
        "“In response, two units of special forces were deployed as reinforcements,” it added.": (
            "the army"
        ),
    }


def test_it_said_quotes_the_body_that_spoke_just_before() -> None:
    """ "Niger’s interior ministry said …" then "“…,” it said": the ministry's words (not
    Niger's at large, and not a person's); "it said" long after anyone spoke names no one."""
    said = _speakers(
        "Niger’s interior ministry said the attack occurred in the afternoon. “The heavily "
        "armed terrorists surrounded the mosque,” it said.\n\n"
        "Prime Minister Ali Zeine said the country would rebuild. The town was calm on Monday. "
        "Markets reopened. Schools stayed closed. “Life goes on,” it said.\n"
    )
    assert said["“The heavily armed terrorists surrounded the mosque,” it said."] == (
        "Niger’s interior ministry"
    )
    assert "“Life goes on,” it said." not in said


def test_an_infobox_field_glued_to_its_label_gives_its_date_and_keeps_its_words() -> None:
    """The field "In use" of a box whose cells were lost: dated November 2019, read as "In use:
    November 2019 – present", and quoted as the page prints it."""
    extraction = extract(
        "Site history\nBuilt2016 (2016)–2019\nIn useNovember 2019 – present[1]\n",
        published=None,
    )
    (event,) = [f for f in extraction.facts if f.kind == "event" and f.date == "2019-11"]
    assert event.summary == "In use: November 2019 – present[1]"
    assert extraction.sentences[event.sentence].text == "In useNovember 2019 – present[1]"


def test_a_broadcast_transcripts_labels_name_their_speakers() -> None:
    """NPR prints "MARY LOUISE KELLY, HOST:" alone on its line, her words in the paragraphs
    after it, and "EMMANUEL AKINWOTU, BYLINE: …" before a reporter's: the part after the comma
    says the label is a person's, though the article names neither elsewhere. A heading in
    capitals alone on its line ("BACKGROUND:") speaks for no one."""
    said = _said(
        "MARY LOUISE KELLY, HOST:\n\nThe overnight coup in Niger is the ninth in three years.\n\n"
        "EMMANUEL AKINWOTU, BYLINE: Twenty-four hours in Niger that followed a familiar script."
        "\n\nBACKGROUND:\n\nNiger's army seized power on 26 July 2023.\n"
    )
    assert said == {
        "The overnight coup in Niger is the ninth in three years.": "person:Mary Louise Kelly",
        "EMMANUEL AKINWOTU, BYLINE: Twenty-four hours in Niger that followed a familiar "
        "script.": "person:Emmanuel Akinwotu",
    }


def test_the_congressional_records_speaker_labels_name_the_senator() -> None:
    """The Record prints "Mr. RISCH." before a Senator's words: the label and the first sentence
    are one sentence, and every paragraph until the next label is the Senator's."""
    said = _said(
        "Mr. RISCH. Mr. President, I rise in opposition to my friend's motion to discharge this "
        "from our committee.\n\nLet me say this as clearly as I can: We have no troops involved in"
        " hostilities in Niger.\n\nMrs. SHAHEEN. I agree with the ranking member.\n"
    )
    assert said == {
        "Mr. RISCH. Mr. President, I rise in opposition to my friend's motion to discharge this "
        "from our committee.": "person:Risch",
        "Let me say this as clearly as I can: We have no troops involved in hostilities in "
        "Niger.": "person:Risch",
        "Mrs. SHAHEEN. I agree with the ranking member.": "person:Shaheen",
    }


def test_a_count_of_them_counts_the_forces_the_sentence_before_describes() -> None:
    """ "about 350 of them" names no noun: the Italian soldiers of the sentence before are
    counted, and the rule says so."""
    text = (
        "The Italian soldiers in the Sahel country are instead safe in the Aerienne 101 base. "
        "There are about 350 of them, most of them employed in the Italian Bilateral Support "
        "Mission."
    )
    (fact,) = _facts(text, kind="troops")
    assert (fact.sentence, fact.value, fact.subject) == (1, 350, "country:IT")
    assert fact.data["owner_rule"] == "the forces the sentence before describes"


def test_a_force_numbering_a_figure_is_counted_as_troops() -> None:
    (fact,) = _facts("The US force in Niger, numbering about 1,100, left in August.", kind="troops")
    assert (fact.value, fact.subject) == (1100, "country:US")


@pytest.mark.parametrize(
    "text",
    [
        "The protesters gathered outside the embassy. About 300 of them were arrested.",
        "The mission employs 130 European experts. Some 20 of them are police officers.",
        "The police force, numbering 2,000, patrolled Niamey.",
        "The police forces, numbering 2,000, patrolled Niamey.",
    ],
)
def test_of_them_and_numbering_count_no_troops_of_other_people(text: str) -> None:
    assert _facts(text, kind="troops") == []


def test_a_place_found_by_its_setting_is_the_place_wherever_the_article_names_it() -> None:
    """ "near the village of Tassia" names a place the lexicon does not know; "Tassia is located
    in the Tillaberi region", later in the same report, names it bare and is about it too."""
    found = extract(
        "A coalition of armed groups attacked security forces near the village of Tassia.\n\n"
        "Tassia is located in the Tillaberi region, which borders Mali and Burkina Faso.\n",
        published=dt.date(2025, 6, 20),
    )
    assert "place:Tassia" in found.entities[0]
    assert "place:Tassia" in found.entities[1]


def test_a_place_named_like_an_english_word_is_not_read_into_the_word() -> None:
    """A town called Mission (by the words around it) is not every "Mission" of the article."""
    found = extract(
        "Gunmen attacked the town of Mission on Monday.\n\n"
        "Mission staff said the convoy was hit.\n",
        published=dt.date(2025, 6, 20),
    )
    assert "place:Mission" in found.entities[0]
    assert "place:Mission" not in found.entities[1]
