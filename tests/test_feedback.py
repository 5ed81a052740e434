"""Feedback in the store: a "Wrong?" flag per person and fact, votes on answers, and hides that
every replica honours, that survive reloads and re-ingestion, and that can be undone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from store import FactStore, NotFound

QUERY = "troops France"


def _first_key(store: FactStore, query: str = QUERY) -> tuple[str, str]:
    """The key and summary of the first answer to ``query``."""
    result = store.ask(query)
    key = store.fact_keys(result)[0]
    assert key is not None
    return key, result.answers[0].summary


def _summaries(store: FactStore, query: str = QUERY) -> list[str]:
    return [a.summary for a in store.ask(query).answers]


def test_every_fact_answer_has_a_key_that_names_it_in_its_article(
    fresh_seed_store: FactStore,
) -> None:
    result = fresh_seed_store.ask(QUERY)
    keys = fresh_seed_store.fact_keys(result)
    assert all(keys) and len(set(keys)) == len(keys)
    assert fresh_seed_store.fact_keys(fresh_seed_store.ask("banana bread recipe")) == []


def test_a_flag_is_recorded_once_per_person_and_fact(fresh_seed_store: FactStore) -> None:
    store = fresh_seed_store
    key, summary = _first_key(store)
    first = store.flag(key, user="U1", query=QUERY)
    again = store.flag(key, user="U1", query="french soldiers")
    other = store.flag(key, user="U2", query=QUERY)
    assert (first.again, again.again, other.again) == (False, True, False)
    assert first.fact_id == again.fact_id == other.fact_id
    (flag,) = store.flags()
    assert (flag.id, flag.count, flag.summary) == (first.fact_id, 2, summary)
    assert set(flag.queries) == {QUERY, "french soldiers"}
    assert flag.quote in store.ask(QUERY).answers[0].quote


def test_the_most_flagged_fact_comes_first(fresh_seed_store: FactStore) -> None:
    store = fresh_seed_store
    keys = [k for k in store.fact_keys(store.ask(QUERY)) if k][:2]
    store.flag(keys[0], user="U1", query=QUERY)
    for user in ("U1", "U2", "U3"):
        store.flag(keys[1], user=user, query=QUERY)
    assert [f.count for f in store.flags()] == [3, 1]


def test_a_comment_attaches_to_the_persons_own_flag(fresh_seed_store: FactStore) -> None:
    store = fresh_seed_store
    key, _ = _first_key(store)
    receipt = store.flag(key, user="U1", query=QUERY)
    assert store.comment_flag(receipt.fact_id, user="U1", comment="It was 1,500 in 2022")
    assert not store.comment_flag(receipt.fact_id, user="U9", comment="not mine")
    assert store.flags()[0].comments == ("It was 1,500 in 2022",)


def test_a_hidden_fact_is_never_answered_and_unhiding_restores_it(
    fresh_seed_store: FactStore,
) -> None:
    store = fresh_seed_store
    key, summary = _first_key(store)
    fact_id = store.flag(key, user="U1", query=QUERY).fact_id
    store.hide(fact_id, actor="UADMIN")
    assert summary not in _summaries(store)
    assert store.flags() == [], "a hidden fact leaves the list of open flags"
    assert [f.id for f in store.flags(status="hidden")] == [fact_id]
    store.unhide(fact_id, actor="UADMIN")
    assert summary in _summaries(store)
    actions = [(e.action, e.target, e.outcome) for e in store.audit_log()][:2]
    assert actions == [("unhide", f"#{fact_id}", "ok"), ("hide", f"#{fact_id}", "ok")]


def test_a_hide_survives_a_reload_and_re_ingestion(
    fresh_seed_store: FactStore, seeds_dir: Path, tmp_path: Path
) -> None:
    store = fresh_seed_store
    key, summary = _first_key(store)
    store.hide(store.flag(key, user="U1", query=QUERY).fact_id, actor="UADMIN")
    folder = tmp_path / "articles"
    shutil.copytree(seeds_dir, folder)
    for article in folder.glob("*.txt"):
        article.unlink()  # every article removed from the store ...
    store.reload(folder, actor="UADMIN")
    assert store.sources() == []
    shutil.rmtree(folder)
    shutil.copytree(seeds_dir, folder)
    store.reload(folder, actor="UADMIN")  # ... and ingested again, under new row ids
    assert summary not in _summaries(store)


def test_another_replica_honours_a_hide_within_its_recheck_time(
    fresh_seed_store: FactStore,
) -> None:
    url = fresh_seed_store.engine.url.render_as_string(hide_password=False)
    replica = FactStore.open(url, recheck_seconds=0)
    key, summary = _first_key(fresh_seed_store)
    assert summary in _summaries(replica)
    fresh_seed_store.hide(fresh_seed_store.flag(key, user="U1", query=QUERY).fact_id, actor="A")
    assert summary not in _summaries(replica)
    fresh_seed_store.unhide(fresh_seed_store.flags(status="hidden")[0].id, actor="A")
    assert summary in _summaries(replica)
    replica.engine.dispose()


def test_dismissing_takes_a_fact_off_the_list_and_a_new_flag_puts_it_back(
    fresh_seed_store: FactStore,
) -> None:
    store = fresh_seed_store
    key, summary = _first_key(store)
    fact_id = store.flag(key, user="U1", query=QUERY).fact_id
    store.dismiss(fact_id, actor="UADMIN")
    assert store.flags() == []
    assert summary in _summaries(store), "dismissing hides nothing"
    store.flag(key, user="U2", query=QUERY)
    assert [f.id for f in store.flags()] == [fact_id]


def test_acting_on_an_unknown_id_changes_nothing_and_says_so(fresh_seed_store: FactStore) -> None:
    before = fresh_seed_store.index().version
    with pytest.raises(NotFound, match="#999"):
        fresh_seed_store.hide(999, actor="UADMIN")
    assert fresh_seed_store.index().version == before
    with pytest.raises(NotFound):
        fresh_seed_store.flag("0123456789abcdef.1.troops.000000000000", user="U1", query="x")


def test_votes_are_one_per_person_and_query(fresh_seed_store: FactStore) -> None:
    store = fresh_seed_store
    store.vote(QUERY, user="U1", vote="up")
    store.vote(QUERY, user="U1", vote="down")
    store.vote(QUERY, user="U2", vote="down")
    assert store.votes() == {"down": 2}


def test_the_cli_lists_hides_and_unhides_flagged_facts(fresh_seed_store: FactStore) -> None:
    store = fresh_seed_store
    key, summary = _first_key(store)
    fact_id = store.flag(key, user="U1", query=QUERY).fact_id
    runner = CliRunner()
    env = {"DATABASE_URL": store.engine.url.render_as_string(hide_password=False)}
    listed = runner.invoke(main, ["facts", "flags"], env=env)
    assert listed.exit_code == 0, listed.output
    assert f"#{fact_id} · open · flagged 1×" in listed.output
    assert runner.invoke(main, ["facts", "hide", str(fact_id)], env=env).exit_code == 0
    assert summary not in _summaries(store)
    assert store.audit_log()[0].actor.startswith("cli:")
    assert runner.invoke(main, ["facts", "unhide", str(fact_id)], env=env).exit_code == 0
    assert summary in _summaries(store)
    missing = runner.invoke(main, ["facts", "hide", "999"], env=env)
    assert missing.exit_code == 1 and "No flagged fact #999" in missing.output


def test_a_hidden_fact_can_still_be_flagged_by_its_key(fresh_seed_store: FactStore) -> None:
    """Someone may click Wrong? on an answer shown just before the hide."""
    store = fresh_seed_store
    key, _ = _first_key(store)
    fact_id = store.flag(key, user="U1", query=QUERY).fact_id
    store.hide(fact_id, actor="UADMIN")
    assert store.flag(key, user="U2", query=QUERY).fact_id == fact_id
    assert store.flags(status="hidden")[0].count == 2


def test_a_sentence_found_by_search_can_be_flagged_and_hidden_too(
    fresh_seed_store: FactStore,
) -> None:
    store = fresh_seed_store
    question = "house arrest"
    result = store.ask(question)
    assert result.answers[0].kind == "sentence"
    key = store.fact_keys(result)[0]
    assert key and ".sentence." in key
    sentence = result.answers[0].quote
    flagged = store.flag(key, user="U1", query=question)
    assert store.flags()[0].quote == sentence
    store.hide(flagged.fact_id, actor="UADMIN")
    assert sentence not in [a.quote for a in store.ask(question).answers]
    store.unhide(flagged.fact_id, actor="UADMIN")
    assert sentence in [a.quote for a in store.ask(question).answers]


def test_a_hidden_infobox_row_is_not_brought_back_by_its_title_row(
    fresh_seed_store: FactStore, tmp_path: Path
) -> None:
    """An infobox field is read with its "… Title" row, found by position, not by search: once
    an admin hides the field's row, as a fact and as a sentence, the title row lends it nothing."""
    store = fresh_seed_store
    (tmp_path / "infobox.md").write_text(
        "- Headquarters: Niamey\n- Commander: Brigadier General Moussa Salaou Barmou\n"
        "- Commander Title: Chief of Staff\n- Conscription: 2-year compulsory\n\n"
        "The armed forces are active across the country.\n",
        encoding="utf-8",
    )
    assert not store.ingest([tmp_path / "infobox.md"]).failed
    query, row = "who is niger's army chief of staff", "Commander: Brigadier General Moussa"
    for _ in range(3):  # the person fact first, then the sentence it may still answer as
        result = store.ask(query)
        shown = [i for i, a in enumerate(result.answers) if a.quote.startswith(row)]
        if not shown:
            break
        key = store.fact_keys(result)[shown[0]]
        assert key is not None
        store.hide(store.flag(key, user="U1", query=query).fact_id, actor="UADMIN")
    assert not [a for a in store.ask(query).answers if a.quote.startswith(row)]
