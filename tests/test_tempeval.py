"""The TimeML benchmark: how the date finder is scored, on a small file of our own, and the
targets it must reach on TempEval-3 when a local copy of the data is there (it is not ours to
redistribute: point TEMPEVAL_DATA at a directory holding te3-platinum and TBAQ-cleaned)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from benchmarks.tempeval import load, main, read_timeml, score
from tests.conftest import DATA

SAMPLE = DATA / "timeml" / "convoy.tml"


def test_a_timeml_file_reads_as_its_plain_text_with_every_timex_and_the_creation_time() -> None:
    doc = read_timeml(SAMPLE)
    assert doc.dct == dt.date(2023, 10, 10)
    assert [(t.text, t.type, t.value) for t in doc.timexes][:3] == [
        ("July 26", "DATE", "2023-07-26"),
        ("yesterday", "DATE", "2023-10-09"),
        ("three hours", "DURATION", "PT3H"),
    ]
    assert all(doc.text[t.start : t.end] == t.text for t in doc.timexes)
    assert "three hours & agreed" in doc.text  # entities decoded, offsets kept
    assert "the convoy reached Chad" in doc.text  # a hard-wrapped line joined, same length


def test_the_sample_scores_as_counted_by_hand() -> None:
    """11 gold DATEs; 10 found (the old days is missed), 9 of them at the same characters
    (mid-August is found wider than the annotated August), 9 with the annotated value (Friday
    is annotated as the coming one); 2020 is found but not annotated; Tuesday evening is a
    gold TIME, so neither right nor wrong."""
    result = score(load([SAMPLE]))
    assert (result.gold, result.found, result.strict, result.relaxed, result.value) == (
        11,
        11,
        9,
        10,
        9,
    )
    figures = result.figures()
    assert figures["value accuracy"] == pytest.approx(0.9)
    assert figures["value F1"] == pytest.approx(9 / 11)
    kinds = sorted((kind, text) for kind, _, text, *_ in result.failures)
    assert kinds == [
        ("missed", "the old days"),
        ("spurious", "2020"),
        ("wrong value", "Friday [Friday]"),
    ]


def test_the_command_prints_the_figures_and_groups_errors(capsys) -> None:
    assert main([str(SAMPLE.parent), "--failures"]) == 0
    out = capsys.readouterr().out
    assert "value F1: 0.818" in out
    assert "missed · the old days · 1" in out
    assert main([str(SAMPLE.parent / "absent")]) == 2


def _real_data(name: str) -> list[Path]:
    root = os.environ.get("TEMPEVAL_DATA")
    found = sorted(Path(root).rglob(name)) if root and Path(root).is_dir() else []
    if not found:
        pytest.skip(f"TempEval-3 data ({name}) not here: set TEMPEVAL_DATA to a local copy")
    return found


def test_value_f1_on_tempeval3_platinum_is_at_least_085() -> None:
    platinum = [p for p in _real_data("te3-platinum") if p.is_dir()]
    assert score(load(platinum[:1])).figures()["value F1"] >= 0.85


def test_value_f1_on_timebank_and_aquaint_is_at_least_080() -> None:
    tbaq = _real_data("TBAQ-cleaned")[0]
    result = score(load([tbaq / "TimeBank", tbaq / "AQUAINT"]))
    assert result.figures()["value F1"] >= 0.80
