"""The answer contract: `store/answer.schema.json` describes what `niger-bot ask --json` prints,
matches the code's types, and real output for every kind of question validates against it."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from store import ANSWER_SCHEMA, Answer, FactStore, Intent, Kind, Result, Source

SCHEMA: dict[str, Any] = json.loads(ANSWER_SCHEMA.read_text())
VALIDATOR = Draft202012Validator(SCHEMA)
LONG_QUERY = ("how many French troops are in Niger? " * 120)[:4000]

# label -> (query, the intent it is taken as, the kinds its answers are)
QUESTIONS: dict[str, tuple[str, str, set[str]]] = {
    "troops": ("how many US troops are in Niger?", "troops", {"troops"}),
    "money": ("cost of the drone base", "money", {"money"}),
    "timeline": ("timeline US", "timeline", {"event"}),
    "when": ("when did France leave", "when", {"event"}),
    "who": ("who is Tchiani", "who", {"person"}),
    "organisation": ("what is CNSP", "organisation", {"organisation"}),
    "place": ("where is Airbase 201", "place", {"place"}),
    "statement": ("what did Phee say", "statement", {"statement"}),
    "sources": ("sources", "sources", {"source"}),
    "help": ("help", "help", set()),
    "free search": ("niger junta military relationship", "search", {"sentence"}),
    "no match": ("purple elephants quantum", "search", set()),
    "typo": ("frnace troops", "troops", {"troops"}),
    "4,000 characters": (LONG_QUERY, "troops", {"troops"}),
}


def _errors(output: dict[str, Any]) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(output)
    ]


def _details_schema(kind: str) -> dict[str, Any]:
    return SCHEMA["$defs"][f"{kind}_details"]


def _check(label: str, output: dict[str, Any]) -> None:
    query, intent, kinds = QUESTIONS[label]
    assert _errors(output) == []
    assert output["intent"] == intent
    # The first answer is of the kind asked; sentences may follow it where no fact of that kind
    # holds as much of the question (a search answers every intent when its facts run out).
    assert not output["answers"] or output["answers"][0]["kind"] in kinds
    assert {a["kind"] for a in output["answers"]} <= kinds | {"sentence"}
    for answer in output["answers"]:
        documented = set(_details_schema(answer["kind"])["properties"])
        assert set(answer["details"]) <= documented, (
            f"{answer['kind']} details {set(answer['details']) - documented} are not in "
            f"{ANSWER_SCHEMA.name}: type them there (and in the README's JSON contract)"
        )


def test_the_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_schema_names_every_field_of_the_result_types_and_nothing_else() -> None:
    answer = SCHEMA["$defs"]["answer"]
    source = Source("t", None, None, None)
    assert set(SCHEMA["properties"]) == {f.name for f in dataclasses.fields(Result)}
    assert set(SCHEMA["required"]) == set(SCHEMA["properties"])
    assert set(answer["properties"]) == {f.name for f in dataclasses.fields(Answer)}
    assert set(SCHEMA["$defs"]["source"]["properties"]) == set(source.to_dict())


def test_the_schema_lists_exactly_the_kinds_and_intents_of_the_code() -> None:
    assert SCHEMA["properties"]["intent"]["enum"] == [i.value for i in Intent]
    assert SCHEMA["$defs"]["answer"]["properties"]["kind"]["enum"] == [k.value for k in Kind]
    per_kind = [
        rule["if"]["properties"]["kind"]["const"] for rule in SCHEMA["$defs"]["answer"]["allOf"]
    ]
    assert per_kind == [k.value for k in Kind]


@pytest.mark.parametrize(
    ("output", "wrong"),
    [
        ({"date": "2023-13"}, "date"),
        ({"date": "23 March 2024"}, "date"),
        ({"kind": "rumour"}, "kind"),
        ({"value": "1,000"}, "value"),
        ({"details": {"low": "about 1,000"}}, "details/low"),
    ],
)
def test_the_schema_refuses_what_the_contract_does_not_allow(
    output: dict[str, Any], wrong: str
) -> None:
    answer = Answer(
        Kind.TROOPS, "1,000 US troops", 1000.0, "2024-03", "q", Source("t", None, None, None), 1.0
    )
    result = Result("q", Intent.TROOPS, (answer,)).to_dict()
    result["answers"][0].update(output)
    assert any(error.startswith(f"answers/0/{wrong}") for error in _errors(result)), _errors(result)


@pytest.mark.parametrize("label", QUESTIONS)
def test_what_ask_returns_for_every_kind_of_question_validates(
    seed_store: FactStore, label: str
) -> None:
    _check(label, seed_store.ask(QUESTIONS[label][0]).to_dict())


def test_what_the_ask_command_prints_validates_for_every_kind_of_question(
    seed_store: FactStore,
) -> None:
    """One `niger-bot ask --json -` process, one query per line in, one object per line out."""
    url = seed_store.engine.url.render_as_string(hide_password=False)
    command = Path(sys.executable).with_name("niger-bot")
    done = subprocess.run(
        [str(command), "ask", "--json", "-"],
        input="".join(query + "\n" for query, _, _ in QUESTIONS.values()),
        env={**os.environ, "DATABASE_URL": url, "AUTOLOAD_SEEDS": "0"},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    lines = done.stdout.splitlines()
    assert len(lines) == len(QUESTIONS)
    for label, line in zip(QUESTIONS, lines, strict=True):
        _check(label, json.loads(line))


def test_every_answer_kind_is_covered_by_the_questions_above() -> None:
    covered = set().union(*(kinds for _, _, kinds in QUESTIONS.values()))
    assert covered == {k.value for k in Kind}


def test_the_readme_documents_the_schema_and_every_kind_and_its_details() -> None:
    readme = (ANSWER_SCHEMA.parents[1] / "README.md").read_text()
    section = readme.split("### The JSON contract", 1)[1].split("\n## ", 1)[0]
    assert "store/answer.schema.json" in section
    for kind in Kind:
        row = re.search(rf"^  \| `{kind}` \| (.*) \|$", section, re.M)
        assert row, f"README's JSON contract has no details row for {kind}"
        documented = set(re.findall(r"`(\w+)`", row[1]))
        assert documented == set(_details_schema(kind)["properties"]), kind
