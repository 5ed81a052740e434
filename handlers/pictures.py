"""Charts in Slack: `/niger chart QUERY` and the Chart button under troop, money and timeline
answers. Drawing runs in the lazy listener, after the ack; the PNG goes up through Slack's external
upload flow (files.getUploadURLExternal, the upload, files.completeUploadExternal, which is what
``files_upload_v2`` does), then is shown.

Where the answer was private the file is uploaded unshared and shown to the asker alone, in an
ephemeral image block naming the file by id; Slack finishes processing an upload after
completeUploadExternal returns, so files.info is polled briefly first. Where the answer was shared
(a channel, a thread, a DM) the upload completes into that channel and thread, which posts it.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from slack_bolt import App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackRequestError
from sqlalchemy.exc import SQLAlchemyError

from handlers.acks import ack_at_once
from handlers.blocks import (
    CHART_ACTION,
    Message,
    escape,
    read_button_value,
    render_chart,
    render_error,
)
from handlers.charts import Chart, NothingToDraw, chart_for, describe
from handlers.drawing import render_png
from handlers.questions import FAILED, STORE_DOWN
from store import FactStore

CHART_ANSWERS = 20  # as `niger-bot chart`: the answers `ask` returns with this limit
FILENAME = "chart.png"
PROCESSING_WAITS = (0.2, 0.4, 0.8, 1.6)  # seconds between files.info checks, 3 s in all
USAGE = (
    "Say what to chart: `/niger chart troops US`, `/niger chart money`, `/niger chart timeline`."
)
UPLOAD_FAILED = "The chart was drawn but Slack did not take the upload ({error}). Please try again."
NOT_SHOWN = "The chart was uploaded but Slack would not show it here. In words: {alt}"

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Drawing:
    chart: Chart
    png: bytes
    alt_text: str


def register(app: App, *, store: FactStore) -> None:
    def chart(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        query, _ = read_button_value(action.get("value") or "")
        container = body.get("container") or {}
        channel = container.get("channel_id")
        if container.get("is_ephemeral") or not channel:
            show_privately(store, client, respond, query)
            return
        thread = container.get("thread_ts") or container.get("message_ts")
        problem = post_chart(
            store, client, query, channel=channel, thread_ts=thread, user=body["user"]["id"]
        )
        if problem is not None:
            respond(response_type="ephemeral", replace_original=False, **problem.payload())

    app.action(CHART_ACTION)(ack=ack_at_once, lazy=[chart])


def draw(store: FactStore, query: str) -> Drawing | Message:
    """The chart of what ``ask`` answers for ``query``, or the message saying why there is none."""
    try:
        chart = chart_for(store.ask(query, limit=CHART_ANSWERS))
        return Drawing(chart, render_png(chart), describe(chart))
    except NothingToDraw as nothing:
        return render_error(str(nothing).capitalize())
    except SQLAlchemyError:
        log.exception("store unavailable while charting")
        return render_error(STORE_DOWN)
    except Exception:  # the asker must hear back even when a bug surfaces; the log has it
        log.exception("failed to chart %r", query[:300])
        return render_error(FAILED)


def show_privately(store: FactStore, client: WebClient, respond: Respond, query: str) -> None:
    """Draw, upload unshared, and show the chart to the asker alone (``/niger chart`` and the
    Chart button under a private answer). If Slack refuses the image block, the asker gets the
    chart in words instead of silence."""
    if not query.strip():
        respond(response_type="ephemeral", replace_original=False, text=USAGE)
        return
    drawing = draw(store, query)
    if isinstance(drawing, Message):
        respond(response_type="ephemeral", replace_original=False, **drawing.payload())
        return
    try:
        uploaded = _upload(client, drawing)
        _wait_until_processed(client, uploaded)
    except (SlackApiError, SlackRequestError, OSError) as error:
        log.warning("chart upload failed: %s", error)
        message = render_error(UPLOAD_FAILED.format(error=_reason(error)))
        respond(response_type="ephemeral", replace_original=False, **message.payload())
        return
    message = render_chart(
        uploaded, title=drawing.chart.title, alt_text=drawing.alt_text, query=query
    )
    reply = respond(response_type="ephemeral", replace_original=False, **message.payload())
    if reply is not None and getattr(reply, "status_code", 200) != 200:
        log.warning("Slack refused the chart's image block: %s", getattr(reply, "body", ""))
        words = render_error(NOT_SHOWN.format(alt=drawing.alt_text))
        respond(response_type="ephemeral", replace_original=False, **words.payload())


def post_chart(
    store: FactStore,
    client: WebClient,
    query: str,
    *,
    channel: str,
    thread_ts: str | None,
    user: str,
) -> Message | None:
    """Draw and upload into the channel and thread where the answer was shared, crediting who
    asked; None when posted, else the message to tell the asker privately."""
    drawing = draw(store, query)
    if isinstance(drawing, Message):
        return drawing
    try:
        _upload(
            client,
            drawing,
            channel=channel,
            thread_ts=thread_ts,
            initial_comment=f"Chart of _{escape(query[:300])}_, asked by <@{user}>",
        )
    except (SlackApiError, SlackRequestError, OSError) as error:
        log.warning("chart upload failed: %s", error)
        return render_error(UPLOAD_FAILED.format(error=_reason(error)))
    return None


def _upload(
    client: WebClient,
    drawing: Drawing,
    *,
    channel: str | None = None,
    thread_ts: str | None = None,
    initial_comment: str | None = None,
) -> str:
    """Upload the PNG (files_upload_v2: getUploadURLExternal, POST, completeUploadExternal),
    unshared unless ``channel`` is given; its file id."""
    response = client.files_upload_v2(
        file=drawing.png,
        filename=FILENAME,
        title=drawing.chart.title,
        alt_txt=drawing.alt_text[:1000],
        channel=channel,
        thread_ts=thread_ts,
        initial_comment=initial_comment,
    )
    return str(response["file"]["id"])


def _wait_until_processed(client: WebClient, file_id: str) -> None:
    """Slack processes an upload after completing it; an image block naming the file before then
    is refused. Wait, briefly, until files.info reports the file's type."""
    for pause in (0.0, *PROCESSING_WAITS):
        time.sleep(pause)
        try:
            info = client.files_info(file=file_id)
        except SlackApiError as error:  # the upload itself went through: show it anyway
            log.warning("files.info on a new chart failed: %s", _reason(error))
            return
        if (info.get("file") or {}).get("mimetype"):
            return


def _reason(error: Exception) -> str:
    if isinstance(error, SlackApiError):
        return str(error.response.get("error") or "error")
    return type(error).__name__
