"""Charts: the data behind each picture comes from exactly the answers `ask` returns, each date at
its own precision, vague figures as their ranges, sources named; and the picture is a real PNG."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from bot.cli import CHART_ANSWERS, main
from handlers.charts import (
    EVENT_CHARS,
    DateSpan,
    FigureChart,
    NothingToDraw,
    TimelineChart,
    chart_for,
    describe,
    source_label,
)
from handlers.drawing import render_png
from store import FactStore

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chart(store: FactStore, query: str) -> FigureChart | TimelineChart:
    return chart_for(store.ask(query, limit=CHART_ANSWERS))


def _point(chart: FigureChart, owner: str, text: str, label: str):
    (series,) = [s for s in chart.series if s.owner == owner]
    (point,) = [p for p in series.points if p.text == text and p.label == label]
    return point


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("2023", date(2023, 1, 1), date(2023, 12, 31), "year"),
        ("2023-12", date(2023, 12, 1), date(2023, 12, 31), "month"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month"),
        ("2023-10-09", date(2023, 10, 9), date(2023, 10, 9), "day"),
    ],
)
def test_a_date_spans_exactly_what_its_precision_names(text, start, end, precision) -> None:
    assert DateSpan.parse(text) == DateSpan(text, start, end, precision)


@pytest.mark.parametrize("text", [None, "", "2023-13", "2023-02-30", "July 2023"])
def test_what_is_not_a_date_is_not_placed(text) -> None:
    assert DateSpan.parse(text) is None


def test_us_troops_are_one_series_of_every_figure_ask_returns(seed_store: FactStore) -> None:
    result = seed_store.ask("troops US", limit=CHART_ANSWERS)
    chart = chart_for(result)
    assert isinstance(chart, FigureChart)
    assert chart.title == "Troop figures: United States"
    assert chart.unit == "troops"
    assert [s.owner for s in chart.series] == ["United States"]
    drawn = sorted((p.text, p.label, p.when.text) for p in chart.points)
    asked = sorted(
        (a.details["text"], source_label(a), a.date or a.source.published) for a in result.answers
    )
    assert drawn == asked
    points = chart.series[0].points
    assert [p.when.start for p in points] == sorted(p.when.start for p in points), "oldest first"


def test_each_figure_keeps_its_dates_precision_and_its_wordings_range(
    seed_store: FactStore,
) -> None:
    chart = _chart(seed_store, "troops US")
    as_of_2023 = _point(chart, "United States", "about 1,100", "ThisDay")
    assert (as_of_2023.when.start, as_of_2023.when.end) == (date(2023, 1, 1), date(2023, 12, 31))
    assert (as_of_2023.value, as_of_2023.low, as_of_2023.high) == (1100, 990, 1210)
    last_week = _point(chart, "United States", "648", "Antiwar.com")
    assert last_week.when.precision == "month" and last_week.when.text == "2023-12"
    more_than = _point(chart, "United States", "More than 1,000", "ThisDay")
    assert (more_than.low, more_than.high) == (1000, None), "the figure and up"


def test_a_figure_with_no_date_stated_is_placed_at_publication_and_says_so(
    seed_store: FactStore,
) -> None:
    chart = _chart(seed_store, "troops US")
    undated = _point(chart, "United States", "1,100", "US declares Niger takeover a…")
    assert not undated.dated
    assert undated.when == DateSpan.parse("2023-10-10")
    assert all(p.dated for p in chart.points if p is not undated)


def test_the_latest_figure_is_marked_and_disagreeing_sources_are_visible(
    seed_store: FactStore,
) -> None:
    chart = _chart(seed_store, "troops US")
    latest = chart.series[0].latest
    assert (latest.text, latest.label, latest.when.text) == (
        "about 1,000",
        "The Daily Caller News Foundation",
        "2024-03-22",
    )
    assert sum(p.latest for p in chart.points) == 1
    disputed = {(p.text, p.label, p.when.text) for p in chart.points if p.disputed}
    assert disputed == {("648", "Antiwar.com", "2023-12"), ("about 1,100", "ThisDay", "2023")}
    assert chart.notes[0].startswith("Sources disagree on United States numbers")


def test_all_troops_are_one_series_per_owner_and_a_vague_figure_is_only_a_range(
    seed_store: FactStore,
) -> None:
    chart = _chart(seed_store, "troops")
    assert chart.title == "Troop figures by owner"
    assert [s.owner for s in chart.series] == ["United States", "Russia", "France", "Niger"]
    few_hundred = _point(chart, "Russia", "a few hundred", "ThisDay")
    assert (few_hundred.value, few_hundred.low, few_hundred.high) == (None, 200, 500)
    assert [s.latest.text for s in chart.series] == [
        "about 1,000",
        "about 1,000",
        "Some 1,400",
        "around 1,000",
    ]


def test_money_is_charted_in_its_currency_and_a_stated_date_outranks_publication_for_latest(
    seed_store: FactStore,
) -> None:
    chart = _chart(seed_store, "money")
    assert (chart.kind, chart.unit, chart.title) == ("money", "USD", "Money (USD) by owner")
    us = next(s for s in chart.series if s.owner == "United States")
    assert (us.latest.text, us.latest.when.text) == ("nearly $200 million", "2023-08")
    over = _point(chart, "United States", "over $100 million", "Antiwar.com")
    assert (over.value, over.low, over.high) == (100_000_000, 100_000_000, None)


def test_a_timeline_has_one_row_per_date_oldest_first_with_short_labels(
    seed_store: FactStore,
) -> None:
    result = seed_store.ask("timeline US", limit=CHART_ANSWERS)
    chart = chart_for(result)
    assert isinstance(chart, TimelineChart)
    assert chart.title == "Timeline: United States"
    dates = [e.when.text for e in chart.events]
    assert dates == sorted(set(dates), key=lambda d: (DateSpan.parse(d).start, d))
    assert dates[0] == result.answers[0].date == "2018"
    assert dates[-1] == result.answers[-1].date  # the whole span: the timeline's last event
    assert sum(1 + e.more for e in chart.events) == len(result.answers)
    assert all(len(e.label) <= EVENT_CHARS for e in chart.events)
    first = chart.events[0]
    assert (first.label, first.source) == ("Was built six years ago for $110 million", "ThisDay")
    year_2023 = next(e for e in chart.events if e.when.text == "2023")
    same_year = [a for a in result.answers if a.date == "2023"]
    assert year_2023.more == len(same_year) - 1 and year_2023.when.precision == "year"


@pytest.mark.parametrize(
    ("query", "why"),
    [
        ("who is Tchiani", "this is a who question"),
        ("troops Germany", "no troop figures match"),
        ("timeline Germany", "no dated events match"),
    ],
)
def test_a_query_with_nothing_to_draw_says_why(seed_store: FactStore, query, why) -> None:
    with pytest.raises(NothingToDraw, match=why):
        _chart(seed_store, query)


def test_the_alt_text_names_each_series_and_its_latest_value(seed_store: FactStore) -> None:
    words = describe(_chart(seed_store, "troops"))
    assert "United States: 8 figures, latest about 1,000 (The Daily Caller" in words
    assert "Russia: 2 figures, latest about 1,000 (ThisDay, 2024-03-18)" in words
    assert "France: 2 figures, latest Some 1,400 (US declares Niger takeover a…, no date" in words
    timeline = describe(_chart(seed_store, "timeline US"))
    assert timeline.startswith("Timeline: United States: 19 dated events from 2018 to 2024-03-21")


@pytest.mark.parametrize("query", ["troops US", "troops", "money", "timeline US", "troops France"])
def test_each_chart_is_a_png_big_enough_to_read(seed_store: FactStore, query) -> None:
    png = render_png(_chart(seed_store, query))
    assert png.startswith(PNG_SIGNATURE)
    width, height = Image.open(io.BytesIO(png)).size
    assert width >= 600 and height >= 300


def _cli(store: FactStore, *args: str):
    env = {"DATABASE_URL": store.engine.url.render_as_string(hide_password=False)}
    return CliRunner().invoke(main, list(args), env=env)


def test_the_chart_command_writes_the_png_and_says_what_it_shows(
    seed_store: FactStore, tmp_path: Path
) -> None:
    out = tmp_path / "us.png"
    run = _cli(seed_store, "chart", "troops", "US", "--out", str(out))
    assert run.exit_code == 0, run.output
    assert out.read_bytes().startswith(PNG_SIGNATURE)
    assert "United States: 8 figures, latest about 1,000" in run.output


def test_the_chart_command_with_nothing_to_draw_exits_1_and_writes_nothing(
    seed_store: FactStore, tmp_path: Path
) -> None:
    out = tmp_path / "none.png"
    run = _cli(seed_store, "chart", "who", "is", "Tchiani", "--out", str(out))
    assert run.exit_code == 1
    assert run.stderr.strip().startswith("error: nothing to draw for “who is Tchiani”")
    assert len(run.stderr.strip().splitlines()) == 1
    assert not out.exists()
