"""Charts in Slack, over signed HTTP against the fake Web API: `/niger chart troops US` and the
Chart button upload a PNG through Slack's external upload flow and show it, privately where the
answer was private and in the thread where it was shared."""

from __future__ import annotations

import io
import json
import time

from PIL import Image

from handlers.blocks import CHART_ACTION, SHARE_ACTION, View
from tests.slack.conftest import Bot
from tests.slack_fake import UPLOAD_PATH

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _buttons(body: dict) -> dict[str, dict]:
    return {
        element["action_id"]: element
        for block in body.get("blocks", [])
        if block["type"] == "actions"
        for element in block["elements"]
    }


def _image_blocks(body: dict) -> list[dict]:
    return [b for b in body.get("blocks", []) if b["type"] == "image"]


def _uploaded_png(bot: Bot) -> tuple[str, bytes]:
    (url_call,) = bot.fake.wait_for("/files.getUploadURLExternal")
    (upload,) = bot.fake.wait_for(UPLOAD_PATH)
    file_id = upload.body["file_id"]
    data = bot.fake.uploads[file_id]
    assert url_call.body["filename"] == "chart.png"
    assert int(url_call.body["length"]) == len(data)
    return file_id, data


def test_niger_chart_uploads_a_png_and_shows_it_privately_by_file_id(bot: Bot) -> None:
    started = time.perf_counter()
    response = bot.slack.command("chart troops US")
    assert response.status_code == 200
    assert time.perf_counter() - started < 3, "acked before anything is drawn"

    file_id, data = _uploaded_png(bot)
    assert data.startswith(PNG_SIGNATURE)
    width, height = Image.open(io.BytesIO(data)).size
    assert width >= 600 and height >= 300

    (complete,) = bot.fake.wait_for("/files.completeUploadExternal")
    assert [f["id"] for f in json.loads(complete.body["files"])] == [file_id]
    assert "channel_id" not in complete.body, "a private chart is not shared into the channel"

    (reply,) = bot.fake.wait_for("/hooks/cmd")
    assert reply.body["response_type"] == "ephemeral"
    (image,) = _image_blocks(reply.body)
    assert image["slack_file"] == {"id": file_id}
    assert image["title"]["text"] == "Troop figures: United States"
    assert "United States: 8 figures, latest about 1,000" in image["alt_text"]
    assert "The Daily Caller News Foundation, 2024-03-22" in image["alt_text"]
    assert "Sources disagree on United States numbers" in image["alt_text"]
    assert bot.fake.to("/files.info"), "the upload is processed before the block names it"


def test_a_query_with_nothing_to_draw_says_so_and_uploads_nothing(bot: Bot) -> None:
    bot.slack.command("chart who is Tchiani")
    (reply,) = bot.fake.wait_for("/hooks/cmd", settle=0.3)
    assert "Nothing to draw" in reply.body["text"]
    assert "who question" in reply.body["text"]
    assert not bot.fake.to("/files.getUploadURLExternal")


def test_a_bare_chart_command_explains_itself(bot: Bot) -> None:
    bot.slack.command("chart")
    (reply,) = bot.fake.wait_for("/hooks/cmd")
    assert "/niger chart troops US" in reply.body["text"]
    assert not bot.fake.to("/files.getUploadURLExternal")


def test_troop_money_and_timeline_answers_have_a_chart_button_others_do_not(bot: Bot) -> None:
    for query, charted in [
        ("troops US", True),
        ("money", True),
        ("timeline", True),
        ("who is Tchiani", False),
        ("recipe for banana bread", False),
    ]:
        bot.fake.calls.clear()
        bot.slack.command(query)
        (reply,) = bot.fake.wait_for("/hooks/cmd")
        assert (CHART_ACTION in _buttons(reply.body)) == charted, query


def test_the_chart_button_under_a_private_answer_shows_the_chart_privately(bot: Bot) -> None:
    bot.slack.command("timeline US")
    (answer,) = bot.fake.wait_for("/hooks/cmd")
    button = _buttons(answer.body)[CHART_ACTION]

    assert bot.slack.action(CHART_ACTION, button["value"]).status_code == 200
    file_id, data = _uploaded_png(bot)
    assert data.startswith(PNG_SIGNATURE)
    (reply,) = bot.fake.wait_for("/hooks/action")
    assert reply.body["response_type"] == "ephemeral"
    assert reply.body.get("replace_original") is False, "the answer stays above its chart"
    (image,) = _image_blocks(reply.body)
    assert image["slack_file"] == {"id": file_id}
    assert image["alt_text"].startswith("Timeline: United States: 19 dated events from 2018")


def test_the_chart_button_under_a_shared_answer_posts_into_its_thread(bot: Bot) -> None:
    bot.slack.command("troops US")
    (private,) = bot.fake.wait_for("/hooks/cmd")
    bot.slack.action(SHARE_ACTION, _buttons(private.body)[SHARE_ACTION]["value"])
    shared, _ = bot.fake.wait_for("/hooks/action", 2)
    assert CHART_ACTION in _buttons(shared.body), "the shared answer keeps its Chart button"
    bot.fake.calls.clear()

    value = View("troops US", 0).value()
    bot.slack.action(CHART_ACTION, value, is_ephemeral=False, message_ts="1700000300.000100")

    file_id, data = _uploaded_png(bot)
    (complete,) = bot.fake.wait_for("/files.completeUploadExternal", settle=0.3)
    assert complete.body["channel_id"] == "C0MEETING"
    assert complete.body["thread_ts"] == "1700000300.000100"
    assert "<@U0REPORTER>" in complete.body["initial_comment"]
    assert data.startswith(PNG_SIGNATURE)
    assert not bot.fake.to("/hooks/action"), "nothing private is sent when the chart is posted"


def test_when_slack_refuses_the_image_block_the_asker_gets_the_chart_in_words(bot: Bot) -> None:
    bot.fake.fail("/hooks/cmd", 404)  # what a response_url answers to invalid_blocks
    bot.slack.command("chart troops US")
    refused, words = bot.fake.wait_for("/hooks/cmd", 2)
    assert _image_blocks(refused.body)
    assert "would not show it here" in words.body["text"]
    assert "United States: 8 figures, latest about 1,000" in words.body["text"]


def test_a_failed_upload_is_reported_to_the_asker(bot: Bot) -> None:
    bot.fake.fail("/files.getUploadURLExternal", 400)
    bot.slack.command("chart troops US")
    (reply,) = bot.fake.wait_for("/hooks/cmd")
    assert "did not take the upload" in reply.body["text"]
    assert not _image_blocks(reply.body)


def test_a_failed_files_info_check_still_shows_the_uploaded_chart(bot: Bot) -> None:
    bot.fake.fail("/files.info", 400)
    bot.slack.command("chart troops US")
    file_id, _ = _uploaded_png(bot)
    (reply,) = bot.fake.wait_for("/hooks/cmd")
    assert [b["slack_file"] for b in _image_blocks(reply.body)] == [{"id": file_id}]
