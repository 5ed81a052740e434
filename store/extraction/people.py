"""Who people are and who said what: roles from titles and appositions, speakers of statements."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache

from store.extraction.entities import Mention
from store.extraction.genders import sex_of
from store.extraction.sentences import RECORD_LABEL
from store.lexicon import words

QUOTE_SPANS = re.compile(r"“([^”]{3,})”|\"([^\"]{3,})\"")
ROLE_WORD = re.compile(r"[\w’'.\-]+")
ROLE_CONNECTORS = {"of", "for", "the", "and", "to", "on", "in"}
ROLE_MODIFIERS = {
    "former",
    "acting",
    "deposed",
    "ousted",
    "then",
    "interim",
    "new",
    "senior",
    "top",
    "deputy",
    "assistant",
    "chief",
    "junta",
    "military",
}


@dataclass(frozen=True, slots=True)
class Role:
    person: Mention
    role: str


@dataclass(frozen=True, slots=True)
class Statement:
    speaker: str  # a display name ("Molly Phee", "the official")
    speaker_key: str | None  # canonical key when the speaker is a known entity
    content: str  # the quoted words, or the reported clause
    verb: str


@cache
def _title_words() -> frozenset[str]:
    out: set[str] = set()
    for title in words()["titles"]:
        out.update(part.lower() for part in title.split())
    return frozenset(out)


@cache
def _speech_verbs() -> re.Pattern[str]:
    verbs = sorted(words()["speech_verbs"], key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(verbs) + r")\b")


def _bare(word: str) -> str:
    """A word without case or a possessive ending: "Department’s" -> "department"."""
    return word.lower().removesuffix("’s").removesuffix("'s").strip("’'")


def _role_before(sentence: str, person: Mention) -> str | None:
    """Title words straight before a name: "State Department spokesperson Matthew Miller"."""
    head = sentence[: person.start]
    tokens = list(ROLE_WORD.finditer(head))
    if not tokens or head[tokens[-1].end() :].strip():
        return None
    index = len(tokens)
    seen_title = False
    while index > 0:
        word = tokens[index - 1].group(0)
        lower = _bare(word)
        gap = head[tokens[index - 1].end() : tokens[index].start() if index < len(tokens) else None]
        if index < len(tokens) and gap.strip():
            break
        if lower in _title_words():
            seen_title = True
        elif not (
            word[0].isupper()
            or lower in ROLE_CONNECTORS
            or lower in ROLE_MODIFIERS
            or word.endswith(("’", "’s", "'s"))
        ):
            break
        if (
            word in {"The", "A", "An"}
            or (lower.endswith("ing") and lower not in ROLE_MODIFIERS)
            or (index == 1 and word[0].isupper() and not seen_title and lower not in _title_words())
        ):
            break  # "Echoing UN Emergency Relief Coordinator Martin Griffiths": no title's word
        index -= 1
        if lower in PARTICIPLES and index > 0 and tokens[index - 1].group(0).islower():
            break  # "the junta ousted President Bazoum": "ousted" is the junta's act
    while index < len(tokens) and tokens[index].group(0).lower() in ROLE_CONNECTORS:
        index += 1
    if not seen_title or index >= len(tokens):
        return None
    return head[tokens[index].start() :].strip()


PARTICIPLES = {"ousted", "deposed"}
# A role set before the name with a comma: "the prime minister of the junta, Ali Lamine Zeine",
# "Niger's prime minister, Ali Lamine Zeine".
ROLE_OPENING = re.compile(r"\b(?:[Tt]he|an?|An?)\s+|\b[A-Z][\w-]*[’']s\s+")
ROLE_APPOSED = re.compile(
    r"(?:\b(?:[Tt]he|an?|An?)\s+|\b[A-Z][\w-]*[’']s\s+)(?P<role>[^,;:“”\"()]{3,80}?),\s*"
    r"(?:[A-Z][a-z]+\s+)?$"  # "the UN coordinator in this country, Canadian Louise Aubin"
)
APPOSED_SKIP = ROLE_MODIFIERS | {"country's", "country’s"}


def _role_apposed(sentence: str, person: Mention) -> str | None:
    """The role set before a name with a comma, read from the determiner nearest the name:
    "The regime … ordered the UN coordinator in this country, Canadian Louise Aubin" gives "UN
    coordinator in this country", not a role beginning at "The regime"."""
    head = sentence[max(0, person.start - 120) : person.start]
    for opening in reversed(list(ROLE_OPENING.finditer(head))):
        match = ROLE_APPOSED.match(head, opening.start())
        if match is None:
            continue
        role = match.group("role").strip()
        words_ = role.split()
        first = next((w for w in words_ if not (w[0].isupper() or w.lower() in APPOSED_SKIP)), None)
        if first is None or _bare(first) not in _title_words():
            continue  # "…of the junta, Ali Lamine Zeine": the role opens further back
        if head[match.start()].islower() or head[match.start() : match.start() + 4] == "The ":
            return role  # "the prime minister of the junta": the article is not part of the role
        return head[match.start() : match.end("role")].strip()  # "Niger's prime minister"
    return None


APPOSITION = re.compile(r"^,\s+(?:(?:the|a|an)\s+)?(?P<role>[^,;:“”\"]{3,120}?)(?:,|\.$|$)")
WHO = re.compile(
    r"^,\s+who\s+(?P<role>(?:heads|leads|is|was|serves as|runs|chairs)\s[^,;“”]{3,100})"
)
# "Salifou Modi (Arabic: …; born 12 October 1962) is a Nigerien military officer who …": an
# encyclopedia's lead gives the role after the name's brackets and citation marks, and the
# role ends where a relative clause begins.
IS_ROLE = re.compile(
    r"^(?:\s*\([^()]{0,300}\))?(?:\[\w+\])*\s+(?:is|was)\s+(?:the|a|an)\s+"
    r"(?P<role>[^,;.“”()\[\]]{3,100}?)(?=\s+(?:who|which|that|whose)\b|[,;.“”()\[\]]|$)"
)


def _role_after(sentence: str, person: Mention) -> str | None:
    tail = sentence[person.end :]
    for pattern in (WHO, IS_ROLE, APPOSITION):
        match = pattern.match(tail)
        if not match:
            continue
        role = match.group("role").strip()
        first = role.split()[0].lower().strip("’'")
        is_title = any(_bare(w) in _title_words() for w in role.split())
        opens_role = (
            re.match(r"^,\s+(?:the|a|an)\s", tail) is not None
            or role[0].isupper()
            or first in _title_words()
        )
        if pattern is APPOSITION and (not is_title or not opens_role):
            continue
        return role
    return None


LED_BY = re.compile(r"\b(led|headed|chaired|commanded|run)\s+by\s+(?:[\w.]+\s+){0,3}$")
LED_GAP = re.compile(r"[\s,]*(?:(?:which|that|who)\s+(?:is|was|are|were|has been|had been)\s+)?")
LEADS = {
    "led": "leads",
    "headed": "heads",
    "chaired": "chairs",
    "commanded": "commands",
    "run": "runs",
}


def _leads(sentence: str, person: Mention, mentions: list[Mention]) -> str | None:
    """ "the CNSP, which is led by Gen. Abdourahamane Tchiani" -> "leads the CNSP"."""
    match = LED_BY.search(sentence[: person.start])
    if not match:
        return None
    bodies = [m for m in mentions if m.kind == "organisation" and m.end <= match.start()]
    if not bodies or not LED_GAP.fullmatch(sentence[bodies[-1].end : match.start()]):
        return None  # "sanctions on the regime led by ...": the regime, not the bloc named before
    return f"{LEADS[match.group(1)]} the {bodies[-1].text}"


ATTRIBUTION = re.compile(r"\baccording\b|\bnews agency\b|\bon condition of anonymity\b")


def _attribution(role: str) -> bool:
    """A clause that says who told the news ("officials told a news agency"), not a role."""
    return _speech_verbs().search(role) is not None or ATTRIBUTION.search(role) is not None


def find_roles(sentence: str, mentions: list[Mention]) -> list[Role]:
    """Roles stated for the people a sentence names."""
    roles: list[Role] = []
    for mention in mentions:
        if mention.kind != "person":
            continue
        found = (
            _role_before(sentence, mention) or _role_apposed(sentence, mention),
            _leads(sentence, mention, mentions),
            _role_after(sentence, mention),
        )
        parts = [r for r in found if r and not _attribution(r)]
        if parts:
            roles.append(Role(mention, "; ".join(dict.fromkeys(parts))))
    return roles


SPEAKER_NOUN = re.compile(
    r"((?:the|a|an|one|another|two|three|several|senior|US|U\.S\.)?\s*(?:[\w’'\-]+\s+){0,3}?"
    r"(?:official|officials|spokesman|spokeswoman|spokesperson|department|ministry|government|"
    r"statement|regime|junta|military|army|source|sources|diplomat|diplomats|instructor|"
    r"instructors|trainer|trainers|soldier|soldiers|officer|officers|commander|resident|"
    r"residents|witness|witnesses|analyst|analysts|expert|experts|minister))"
    r"(?:\s+(?:was|were|is|are)\s+(?:quoted|reported|said)\s+(?:as|to\s+have))?\s*$",
    re.IGNORECASE,
)  # "One instructor was quoted as saying …": an unnamed speaker, named by what they are


PRONOUN_SPEAKER = re.compile(
    r"\b(?P<pronoun>he|she|it)\s+(?:(?:also|later|then|further|again|earlier|\w+ly)\s+)?"
    r"(?:said|added|told|says|stated)\b",
    re.IGNORECASE,
)
# A speech verb used of something done, not said: "denied access to Bazoum".
NOT_SPEECH = re.compile(r"\s+(?:access|entry|permission|visas?|passage)\b", re.IGNORECASE)
# After "said", a name followed by a verb is whom the words are about, not who said them: "He
# also said Phee had further threatened sanctions" (Zeine said it of Phee).
REPORTED_SUBJECT = re.compile(
    r"\s+(?:had|has|have|was|were|is|are|would|will|could|should|might|must|did|does|do|"
    r"\w+ed)\b"
)
ACCORDING_NOUN = re.compile(r"((?:the|a|an)\s+[\w’'\- ]{2,60}?)\s*,")  # "according to the PM,"
NAME_BEFORE_VERB = re.compile(r"((?:[A-Z][\w’'\-]+\s+){0,2}[A-Z][\w’'\-]+)\s+$")
WHEN_BEFORE_VERB = re.compile(
    r"\b(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|"
    r"tonight|(?:last|this)\s+(?:week|month|year|night))\s*$"
)  # from a word's start, not from any blank: a run of blanks is not read again at each one


def find_statement(
    sentence: str,
    mentions: list[Mention],
    *,
    previous_people: Sequence[Mention] = (),
    previous_speaker: Mention | None = None,
    previous_body: Mention | None = None,
) -> Statement | None:
    """The speaker and words of a reported statement, if the sentence reports one.

    "He said" / "she said" is attributed to the last person the article named before it whose
    given name does not tell the other sex (``previous_people``, the latest last: "He said …"
    after "Zeine tells Rachel Chason…" is Zeine's); "she added" goes on quoting the last
    speaker, when there was one; "it said" the body that spoke just before (``previous_body``:
    "the interior ministry said …" then "“…,” it said"), when one did.
    """
    spans = list(QUOTE_SPANS.finditer(sentence))
    verb_match = _reporting_verb(sentence, spans)
    according = re.search(r"\b[Aa]ccording to\s+", sentence)
    pronoun = PRONOUN_SPEAKER.search(sentence)
    if not verb_match and not according:
        return None
    quotes = [m.group(1) or m.group(2) for m in spans]
    # whoever the quoted words name is spoken of, not speaking ("quoted as saying that "We are
    # here to train the Niger army…"": not Niger)
    regions = _quoted_regions(sentence, spans)
    mentions = [m for m in mentions if not any(start <= m.start < end for start, end in regions)]
    if according:
        anchor, verb = according.end(), "according to"
        speaker = _mention_after(mentions, anchor)
    else:
        assert verb_match is not None
        verb = verb_match.group(1)
        speaker = _mention_before(sentence, mentions, verb_match.start())
        if speaker is None and verb.endswith("ing"):
            # "Zeine expressed dissatisfaction with the U.S. presence, stating:": the clause's
            # subject speaks, the first one named before the verb
            named = [m for m in mentions if m.end <= verb_match.start() and m.via != "demonym"]
            speaker = next((m for m in named if m.kind == "person"), None) or next(
                (m for m in named if m.kind != "place"), None
            )
        said_by_pronoun = pronoun is not None and pronoun.end() == verb_match.end()
        # "told reporters": told whom, not who; "He said the Nigerien leaders…": "He" said it
        if speaker is None and verb not in ADDRESSING and not said_by_pronoun:
            speaker = _mention_after(mentions, verb_match.end(), window=40)
            if speaker is not None and REPORTED_SUBJECT.match(sentence, speaker.end):
                speaker = None  # "said Phee had threatened": Phee is spoken of
            if speaker is not None and MEDIUM_BEFORE.match(sentence, verb_match.end()):
                speaker = None  # "a trainer … said on RTN": where it was said, not who said it
    before = sentence[: verb_match.start()] if verb_match and not according else ""
    speaker_at = speaker.start if speaker is not None else len(before)
    if speaker is None and pronoun:
        adding = pronoun.group().lower().endswith("added")
        if pronoun["pronoun"].lower() == "it":
            previous = previous_body
        else:
            previous = (previous_speaker if adding else None) or _referent(
                pronoun["pronoun"].lower(), previous_people
            )
        if previous is not None:
            speaker, speaker_at = previous, pronoun.start()
    if speaker is None and according:
        # "According to the Prime Minister, “…”": an unnamed speaker, named by what they are
        noun = ACCORDING_NOUN.match(sentence, according.end())
        if noun is None:
            return None
        name, key, speaker_at = noun.group(1).strip(), None, noun.start(1)
    elif speaker is None:
        # "A government official on Wednesday said": the official, not "Wednesday"
        subject = WHEN_BEFORE_VERB.sub(" ", before)
        noun = SPEAKER_NOUN.search(subject) or NAME_BEFORE_VERB.search(subject)
        if noun is None:
            return None
        name, key, speaker_at = noun.group(1).strip(), None, noun.start(1)
    else:
        name, key = speaker.name, speaker.key or None  # an unnamed body has no key
        body = POSSESSED_BODY.match(sentence, speaker.end) if speaker.kind == "country" else None
        if body is not None and verb_match is not None and body.end() == verb_match.start():
            name = f"{speaker.text}{body.group(1)}"  # "Niger’s interior ministry said": not Niger
    if quotes and verb_match and _scare_quotes(quotes):
        # the clause holding the quoted phrase, whichever side of "SPEAKER said" it stands on
        if spans[0].start() >= verb_match.end():
            content = _clause_after(sentence, verb_match.end())
        else:
            content = sentence[: min(speaker_at, verb_match.start())].strip(" ,.")
    elif quotes:
        content = " … ".join(q.strip(" ,") for q in quotes)
    elif verb_match and sentence.rstrip().endswith(":"):
        # the words follow in the next sentences; what this one says of them is the gist
        content = sentence[: verb_match.start()].strip(" ,.:")
    elif verb_match:
        content = _reported(sentence, min(speaker_at, verb_match.start()), verb_match.end())
    elif according:
        # "…, according to X" says what came before; "According to X, …" what comes after (a
        # quotation it opens for the next sentence to close)
        content = sentence[: according.start()].strip(" ,.") or (
            sentence[according.end() :].partition(",")[2].strip(' “”"')
        )
    else:
        content = sentence
    if not content:
        return None
    return Statement(speaker=name, speaker_key=key, content=content, verb=verb)


SCARE_QUOTE_WORDS = 4  # quoted words, at most, that only mark a phrase as the speaker's own


def _scare_quotes(quotes: list[str]) -> bool:
    """Quotation marks around a few words ("denounces the "state-to-state" agreement") mark the
    speaker's phrase within a reported clause: the clause says what was said, the phrase alone
    does not."""
    return all(len(q.split()) <= SCARE_QUOTE_WORDS for q in quotes)


ADDRESSING = {"told", "tells", "urged"}
# A country's body that speaks for it, between the country and the speech verb: "’s interior
# ministry", "'s defence ministry", "’s military".
POSSESSED_BODY = re.compile(
    r"([’']s\s+(?:[\w\-]+\s+){0,3}?(?:ministry|government|army|military|junta|regime|"
    r"presidency|embassy|foreign office|state department|armed forces|authorities))\s+",
    re.IGNORECASE,
)
# Words after a speech verb that make the name after them where it was said ("said on RTN",
# "said in Niamey", "said at the United Nations"), not who said it.
MEDIUM_BEFORE = re.compile(r"\s*(?:on|in|at|to|from|via)\b")


def _reporting_verb(sentence: str, spans: list[re.Match[str]]) -> re.Match[str] | None:
    """The speech verb that reports the sentence: the first finite one outside its quotations
    ("“…I said, ‘Madame…’” recounted Zeine": "recounted"), else the first outside them, else the
    first."""
    verbs = [
        v for v in _speech_verbs().finditer(sentence) if not NOT_SPEECH.match(sentence, v.end())
    ]
    quoted = [q.span() for q in spans]
    outside = [v for v in verbs if not any(a <= v.start() < b for a, b in quoted)]
    # a finite verb before a participle: "In explaining why…, Niger's prime minister … tells
    # Rachel Chason that…" reports with "tells"
    finite = (v for v in outside if not v.group(1).endswith("ing"))
    return next(finite, outside[0] if outside else verbs[0] if verbs else None)


def _quoted_regions(sentence: str, spans: list[re.Match[str]]) -> list[tuple[int, int]]:
    """Where the sentence quotes: each closed quotation, and a quotation it opens but leaves
    for the next sentence to close ("…quoted as saying that "We are here to train…")."""
    regions = [q.span() for q in spans]
    rest = sentence[regions[-1][1] :] if regions else sentence
    offset = len(sentence) - len(rest)
    # a straight mark glued to the word before it closes a quotation an earlier sentence opened
    # ("… it will come with time," Macron said): only one after a space or at the start opens
    straight = STRAIGHT_OPENER.search(rest)
    opener = min(
        (i for i in (rest.find("“"), straight.start(1) if straight else -1) if i >= 0), default=-1
    )
    if opener >= 0:
        regions.append((offset + opener, len(sentence)))
    return regions


STRAIGHT_OPENER = re.compile(r'(?:^|[\s(\[—–-])(")')


def _titular(word: str) -> bool:
    """A word of a title before a name: "Oil", "Minister", "deputy", "of"."""
    lower = _bare(word)
    return (
        word[0].isupper()
        or lower in _title_words()
        or lower in ROLE_CONNECTORS
        or lower in ROLE_MODIFIERS
    )


APPOSED_ROLE = re.compile(r",\s+(?:(?:the|a|an)\s)?[^,;“”\"]{3,120},\s*$")


def _clause_after(sentence: str, verb_end: int) -> str:
    """What a speech verb introduces: "said (that) CLAUSE"."""
    return sentence[verb_end:].strip(" ,.").removeprefix("that ").strip()


def _reported(sentence: str, speaker_at: int, verb_end: int) -> str:
    """What was said without quotation marks: the clause before the speaker in "CLAUSE,
    SPEAKER said on Thursday", else the words after the verb in "SPEAKER said (that) CLAUSE"."""
    lead = sentence[:speaker_at].rstrip()
    comma = lead.rfind(",")
    title = lead[comma + 1 :].split()
    if comma > 0 and len(title) <= 6 and all(_titular(w) for w in title):
        lead = lead[: comma + 1]  # "..., Oil Minister Mahamane Moustapha Barke Bako said"
    # a quotation left open to the next sentence keeps no mark of its opening here
    after = _clause_after(sentence, verb_end).lstrip('“"')
    if lead.endswith(",") and len(lead.split()) >= 4 or len(after) < 12:
        return lead.strip(" ,.")
    return after


def _mention_before(sentence: str, mentions: list[Mention], position: int) -> Mention | None:
    """The entity named just before a speech verb, within the same clause."""
    candidates = [m for m in mentions if m.end <= position and m.kind != "place"]
    if not candidates:
        return None
    last = candidates[-1]
    between = sentence[last.end : position]
    if between.strip() == "," and last.kind == "person":
        return last  # "State Department spokesman, Matthew Miller, said": the name set off
    if "," in between:  # "Molly Phee, the US assistant secretary ..., told": before the role
        apposed = APPOSED_ROLE.search(sentence, max(0, position - 160), position)
        named = [m for m in candidates if apposed and m.end == apposed.start()]
        return named[-1] if named else None
    if len(between) > 45 or any(mark in between for mark in '”"'):
        return None
    return last


def _referent(pronoun: str, people: Sequence[Mention]) -> Mention | None:
    """The latest person "he" or "she" may refer to: not one whose given name is the other
    sex's (a name the lists do not tell may be either)."""
    other = "female" if pronoun == "he" else "male"
    for person in reversed(people):
        if sex_of(person.name.split()[0]) != other:
            return person
    return None


def _mention_after(mentions: list[Mention], position: int, window: int = 80) -> Mention | None:
    for mention in mentions:
        if position <= mention.start <= position + window and mention.kind != "place":
            return mention
    return None


# A transcript's speaker label opening a paragraph: "BRIGADIER GENERAL PAT RYDER:  So first…",
# "MR. MILLER: Thank you.", "Q:  Just on Niger…".
SPEAKER_LABEL = re.compile(
    r"(?P<label>[A-Z][A-Za-z.’'\-]*(?:[ \t]+[A-Z][A-Za-z.’'\-]*){0,5})"
    r"(?:,[ \t]+(?P<part>HOST|BYLINE|GUEST|ANCHOR|CORRESPONDENT))?[ \t]*:"
    r"(?:[ \t]+(?=\S)|[ \t]*$)"
)  # "MARY LOUISE KELLY, HOST:" as broadcasters' transcripts print it, alone on its line
UNNAMED_SPEAKERS = frozenset(
    {"q", "question", "a", "answer", "moderator", "operator", "reporter", "participant",
     "interviewer", "host", "staff", "audience", "journalist", "unidentified"}
)  # fmt: skip
MAX_NAME_WORDS = 3


@dataclass(frozen=True, slots=True)
class SpeakerLabel:
    end: int  # where the speaker's own words start
    name: str | None  # the name without titles, in title case ("Pat Ryder"); None for "Q"
    titled: bool = False  # the label gave a title ("MR.", "GENERAL") or part ("HOST"): a person
    answering: bool = False  # "A:", "Answer.": the interviewee's turn, whom the label not names
    capitals: bool = True  # in capitals, as transcripts write labels; else its paragraph only


# An interview's turns as printed: "Q:", "Q.", "Question:", "A.", "Answer:" (any case).
INTERVIEW_LABEL = re.compile(r"(?i)(q|a|question|answer|response)[ \t]*[:.](?:[ \t]+(?=\S)|$)")
ANSWERING = frozenset({"a", "answer", "response"})


def speaker_label(paragraph_start: str, people: Collection[str] = ()) -> SpeakerLabel | None:
    """The speaker label a transcript's paragraph opens with, if it has one.

    Labels are written in capitals (or are "Q"): that tells them from an infobox row
    ("Strength: 5,000") or a note ("Update: …"), which are in title case. A label in title case
    is one only when it names someone the article names (``people``, in lower case: "Major
    General Kenneth Ekman: I think…" in an interview). The label's titles ("BRIGADIER GENERAL",
    "MR.") are dropped; a label naming no one ("Q", "MODERATOR") still opens a turn, ending the
    previous speaker's. An interview's "Q." and "A." (or "Question:", "Answer:") are labels in
    any case; an answer's turn is the interviewee's (``answering``). The Congressional Record
    labels its speakers "Mr. RISCH." (RECORD_LABEL)."""
    interview = INTERVIEW_LABEL.match(paragraph_start)
    if interview is not None:
        return SpeakerLabel(interview.end(), None, answering=interview[1].lower() in ANSWERING)
    record = RECORD_LABEL.match(paragraph_start)
    if record is not None and paragraph_start[record.end() : record.end() + 1] in {" ", "\t"}:
        # the Congressional Record's "Mr. RISCH. Mr. President, I rise …": the Senator speaks
        # until the next label
        shown = "-".join(part.capitalize() for part in record["name"].split("-"))
        return SpeakerLabel(record.end() + 1, shown, titled=True)
    match = SPEAKER_LABEL.match(paragraph_start)
    if match is None:
        return None
    label = match.group("label")
    capitals = label.upper() == label
    if match.end() == len(paragraph_start) and match.group("part") is None:
        # "BACKGROUND:" alone on its line heads what follows, as a heading would, ending the
        # turn before it; "MARY LOUISE KELLY, HOST:" alone on its line speaks
        return SpeakerLabel(match.end(), None) if capitals else None
    if not capitals and not people:
        return None
    parts = [w.strip(".") for w in label.split()]
    name = [
        w
        for w in parts
        if not {w.lower(), f"{w.lower()}."} & _title_words() and w.lower() not in ROLE_MODIFIERS
    ]
    if not capitals and " ".join(name).lower() not in people:
        return None
    if parts[0].lower() in UNNAMED_SPEAKERS:
        return SpeakerLabel(match.end(), None)
    if not name or len(name) > MAX_NAME_WORDS or any(len(w) < 2 for w in name):
        return SpeakerLabel(match.end(), None)
    shown = " ".join("-".join(p.capitalize() for p in w.split("-")) for w in name)
    # a title ("MR.") or a broadcaster's part (", HOST") says the label names a person
    titled = len(name) < len(parts) or match.group("part") is not None
    return SpeakerLabel(match.end(), shown, titled=titled, capitals=capitals)
