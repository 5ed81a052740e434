"""The `niger-bot` command: ask questions and load articles from the terminal."""

from __future__ import annotations

import getpass
import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from bot.config import Settings, SettingsError
from bot.housekeeping import Housekeeping
from bot.logs import configure_logging
from bot.terminal import render_result
from store import (
    ArticleError,
    Busy,
    FactStore,
    FileResult,
    NotFound,
    SchemaError,
    Status,
    current_revision,
    head_revision,
    make_engine,
    upgrade_schema,
)

if TYPE_CHECKING:
    from slack_bolt import App

CHART_ANSWERS = 20  # enough for every figure on the seed store; a timeline's rows are its dates

# Slack's libraries are imported by the commands that run the bot, not at start: they take over a
# second to import, which `niger-bot ask` would otherwise pay on every call.


def _store(ctx: click.Context) -> FactStore:
    settings: Settings = ctx.obj
    seeds = settings.seeds_dir if settings.autoload_seeds else None
    return FactStore(
        _engine(settings),
        seeds_dir=seeds,
        auto_migrate=settings.auto_migrate,
        recheck_seconds=settings.index_recheck_seconds,
    )


def _engine(settings: Settings) -> Engine:
    """The store's engine, or one line saying DATABASE_URL names a database we cannot drive."""
    try:
        return make_engine(settings.database_url)
    except (ArgumentError, NoSuchModuleError, ModuleNotFoundError) as error:
        scheme = settings.database_url.partition("://")[0][:40]
        raise click.ClickException(
            f"DATABASE_URL: {scheme}:// databases are not supported ({type(error).__name__}); "
            "use sqlite:///PATH or postgresql+psycopg://USER:PASSWORD@HOST/NAME"
        ) from None
    except OSError as error:  # the SQLite file's folder cannot be made
        raise click.ClickException(
            f"DATABASE_URL {_where(settings.database_url)}: cannot create its folder "
            f"({error.strerror or error})"
        ) from None


def _where(url: str) -> str:
    """A database URL fit to show: its password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url.partition("://")[0] + "://…"


class Main(click.Group):
    """The command group; a database that cannot be reached is one line of error, naming
    DATABASE_URL without its password, instead of a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except DBAPIError as error:
            if not error.connection_invalidated and not _unreachable(error):
                raise
            settings = ctx.obj if isinstance(ctx.obj, Settings) else Settings.from_env()
            url = settings.database_url
            reason = str(error.orig or error).strip().splitlines()[0][:200]
            password = make_url(url).password if "://" in url else None
            if password:
                reason = reason.replace(str(password), "***")
            raise click.ClickException(
                f"cannot reach the database {_where(url)} (DATABASE_URL): {reason}"
            ) from None


def _unreachable(error: SQLAlchemyError) -> bool:
    from sqlalchemy.exc import InterfaceError, OperationalError

    return isinstance(error, OperationalError | InterfaceError)


@click.group(cls=Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.pass_context
def main(ctx: click.Context) -> None:
    """Answers about the Niger story, each quoting the sentence it comes from.

    The store is the SQLAlchemy URL in DATABASE_URL, by default a SQLite file in var/.
    """
    try:
        ctx.obj = Settings.from_env()
    except SettingsError as error:
        raise click.UsageError(str(error)) from error


MAX_LIMIT = 100  # answers one ask may return; more reads no better in a terminal or Slack


@main.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per query.")
@click.option(
    "--limit",
    default=10,
    show_default=True,
    type=click.IntRange(1, MAX_LIMIT),
    help="Most answers to show (a timeline spreads them over its whole span).",
)
@click.pass_context
def ask(ctx: click.Context, query: tuple[str, ...], as_json: bool, limit: int) -> None:
    """Answer a question from the loaded articles.

    With QUERY "-", read one query per line from standard input and answer each in order.

    Example: niger-bot ask "how many US troops are in Niger?"
    """
    store = _store(ctx)
    queries = [line.rstrip("\n") for line in sys.stdin] if query == ("-",) else [" ".join(query)]
    for text in queries:
        result = store.ask(text, limit=limit)
        if as_json:
            click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        else:
            click.echo(render_result(result, bold=sys.stdout.isatty()))


@main.command()
@click.argument("query", nargs=-1, required=True)
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="PNG file to write.",
)
@click.option(
    "--limit",
    default=CHART_ANSWERS,
    show_default=True,
    help="Most answers to draw: the chart shows what `ask` returns with this limit.",
)
@click.pass_context
def chart(ctx: click.Context, query: tuple[str, ...], out: Path, limit: int) -> None:
    """Draw a chart of the answers: troop or money figures over time, one series per owner, or
    a timeline of dated events. Exits 1, writing nothing, when there is nothing to draw.

    Example: niger-bot chart troops US --out us-troops.png
    """
    from handlers.charts import NothingToDraw, chart_for, describe
    from handlers.drawing import render_png

    result = _store(ctx).ask(" ".join(query), limit=limit)
    try:
        drawn = chart_for(result)
    except NothingToDraw as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    try:
        out.write_bytes(render_png(drawn))
    except OSError as error:
        raise click.ClickException(f"cannot write {out}: {error.strerror or error}") from error
    click.echo(f"{out}: {describe(drawn)}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...]) -> None:
    """Add article files or folders (.txt, .md, .html) to the store.

    A folder's sources.toml, if present, gives each file's title, outlet, author, url and
    publication date. Ingesting the same file again changes nothing.

    Example: niger-bot ingest articles/ new-report.html
    """
    store = _store(ctx)

    def progress(result: FileResult) -> None:
        detail = (
            result.reason
            if result.status == "failed"
            else f"{result.sentences} sentences, {sum(result.facts.values())} facts"
        )
        click.echo(f"  {result.status:<9} {result.source}: {detail}", err=True)

    report = store.ingest(paths, on_progress=progress)
    counts = ", ".join(f"{n} {k}" for k, n in sorted(report.facts.items())) or "no new facts"
    click.echo(
        f"{len(report.results)} articles: {report.count(Status.ADDED)} added, "
        f"{report.count(Status.UPDATED)} updated, {report.count(Status.UNCHANGED)} unchanged, "
        f"{report.count(Status.FAILED)} failed; {report.sentences} sentences; facts: {counts}"
    )
    for failure in report.failed:
        click.echo(f"error: {failure.source}: {failure.reason}", err=True)
    if report.failed:
        sys.exit(1)


def _slack_app(ctx: click.Context, *, socket_mode: bool) -> tuple[App, FactStore]:
    """Check the Slack settings, fill the store, and build the app (auth.test runs here)."""
    settings: Settings = ctx.obj
    try:
        settings.require_slack(socket_mode=socket_mode)
    except SettingsError as error:
        raise click.UsageError(str(error)) from error
    configure_logging(
        settings.slack_bot_token, settings.slack_signing_secret, settings.slack_app_token
    )
    from slack_bolt.error import BoltError
    from slack_sdk.errors import SlackApiError

    from bot.app import create_app
    from bot.metrics import Metrics

    store = _store(ctx)
    metrics = Metrics()
    metrics.observe(store)  # before the index is built, so that its build time is counted
    store.ensure_ready()
    started = time.perf_counter()
    # Built before the first question, not during it: "index build s" in benchmarks/RESULTS.md
    # says how long that takes at each store size.
    index = store.index()
    click.echo(
        f"niger-bot: index of {len(index.facts):,} facts from {len(index.sources):,} articles "
        f"ready in {time.perf_counter() - started:.2f} s",
        err=True,
    )
    try:
        app = create_app(settings, store=store, metrics=metrics)
    except (BoltError, SlackApiError, OSError) as error:
        where = settings.slack_api_url or "Slack"
        raise click.ClickException(
            f"SLACK_BOT_TOKEN could not be checked with auth.test at {where}: {error}"
        ) from error
    return app, store


@main.command()
@click.option("--host", default="0.0.0.0", show_default=True, help="Address to listen on.")
@click.option("--port", default=3000, show_default=True, help="Port to listen on.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int) -> None:
    """Run the bot in HTTP mode: POST /slack/events for Slack, GET /healthz for load balancers.

    Needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET.

    Example: niger-bot serve --port 3000
    """
    from bot.server import EVENTS_PATH, make_wsgi_app
    from bot.server import serve as serve_http

    app, store = _slack_app(ctx, socket_mode=False)
    click.echo(f"niger-bot listening on http://{host}:{port}{EVENTS_PATH}", err=True)
    settings: Settings = ctx.obj
    with Housekeeping(store):
        drained = serve_http(
            make_wsgi_app(app, store, signing_secret=settings.slack_signing_secret),
            host=host,
            port=port,
            drain_seconds=settings.drain_seconds,
        )
    if not drained:
        _exit_now()


def _exit_now() -> None:
    # The interpreter would wait for the listener threads still running before exiting,
    # past the drain bound and into the SIGKILL that follows it.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


@main.command()
@click.pass_context
def socket(ctx: click.Context) -> None:
    """Run the bot in Socket Mode, for development: no public URL needed.

    Needs SLACK_BOT_TOKEN and SLACK_APP_TOKEN (an xapp- token with connections:write). On
    SIGTERM it takes no new requests and lets answers in flight finish (DRAIN_SECONDS).

    Example: niger-bot socket
    """
    from bot.socket_mode import DrainingSocketModeHandler

    app, store = _slack_app(ctx, socket_mode=True)
    settings: Settings = ctx.obj
    assert settings.slack_app_token  # require_slack checked it
    handler = DrainingSocketModeHandler(app, settings.slack_app_token, store=store)
    with Housekeeping(store):
        drained = handler.serve(drain_seconds=settings.drain_seconds)
    if not drained:
        _exit_now()


@main.group()
def db() -> None:
    """The store's schema: migrations run automatically on start unless AUTO_MIGRATE=0."""


@db.command()
@click.pass_context
def upgrade(ctx: click.Context) -> None:
    """Migrate the store's database to the newest schema (safe to run from several replicas).

    Example: DATABASE_URL=postgresql+psycopg://bot@db/niger niger-bot db upgrade
    """
    settings: Settings = ctx.obj
    engine = _engine(settings)
    try:
        result = upgrade_schema(engine)
    except SchemaError as error:
        raise click.ClickException(str(error)) from error
    finally:
        engine.dispose()
    where = _where(settings.database_url)
    if result.changed:
        click.echo(f"{where}: upgraded from {result.before or 'empty'} to {result.after}")
    else:
        click.echo(f"{where}: already at {result.after}, nothing to do")


@db.command()
@click.pass_context
def current(ctx: click.Context) -> None:
    """Print the revision the store's database is at, and whether it is the newest.

    Example: niger-bot db current
    """
    settings: Settings = ctx.obj
    engine = _engine(settings)
    try:
        revision = current_revision(engine)
    finally:
        engine.dispose()
    state = "newest" if revision == head_revision() else f"behind {head_revision()}"
    click.echo(f"{revision or 'no revision'} ({state})")


def _operator() -> str:
    """Who the audit log names for a terminal command."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli:unknown"


@main.command()
@click.option(
    "--folder", type=click.Path(path_type=Path), help="Folder to sync with [default: ARTICLES_DIR]."
)
@click.pass_context
def reload(ctx: click.Context, folder: Path | None) -> None:
    """Sync the store with the articles folder: new and changed files ingested, removed ones
    dropped, all in one transaction. Refused while another reload runs on any replica.

    Example: niger-bot reload
    """
    settings: Settings = ctx.obj
    store = _store(ctx)
    try:
        report = store.reload(folder or settings.articles_dir, actor=_operator())
    except Busy as error:
        raise click.ClickException(str(error)) from error
    except ArticleError as error:
        raise click.ClickException(f"reload failed, the store is unchanged: {error}") from error
    for result in report.results:
        click.echo(f"  {result.source}: {result.describe()}")
    click.echo(report.summary())
    if report.failed:
        sys.exit(1)


@main.command()
@click.pass_context
def sources(ctx: click.Context) -> None:
    """List the loaded articles with their ids, outlets, dates and fact counts.

    Example: niger-bot sources
    """
    for source in _store(ctx).sources():
        click.echo(source.describe())


@main.command()
@click.argument("article_id", type=int)
@click.pass_context
def remove(ctx: click.Context, article_id: int) -> None:
    """Remove one article (by the id `sources` shows) and all its facts.

    Example: niger-bot remove 3
    """
    try:
        gone = _store(ctx).remove(article_id, actor=_operator())
    except NotFound as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"removed {gone.describe()}")


@main.command()
@click.option("--limit", default=30, show_default=True, help="Most entries to show.")
@click.option("--refused", is_flag=True, help="List the refused attempts instead.")
@click.pass_context
def audit(ctx: click.Context, limit: int, refused: bool) -> None:
    """Show who changed the store, when, and with what result, newest first; refused attempts
    are counted at the end (listed with --refused), so they cannot push changes out of view.

    Example: niger-bot audit --limit 10
    """
    store = _store(ctx)
    for entry in store.audit_log(limit=limit, refused=refused):
        click.echo(entry.describe())
    if not refused:
        click.echo(store.refusals().describe())


@main.group()
def facts() -> None:
    """Facts users flagged as wrong: list them, hide one from every answer, or undo a hide."""


@facts.command("flags")
@click.option("--all", "everything", is_flag=True, help="Also the hidden and dismissed ones.")
@click.pass_context
def facts_flags(ctx: click.Context, everything: bool) -> None:
    """List flagged facts, most flagged first, each with its id, quote, query and count.

    Example: niger-bot facts flags
    """
    flagged = _store(ctx).flags(status=None if everything else "open")
    if not flagged:
        click.echo("nothing flagged")
    for flag in flagged:
        click.echo(flag.describe())
        click.echo(f"    > {flag.quote}")
        for comment in flag.comments:
            click.echo(f"    comment: {comment}")


def _change_fact(ctx: click.Context, fact_id: int, action: str) -> None:
    store = _store(ctx)
    change = {"hide": store.hide, "unhide": store.unhide, "dismiss": store.dismiss}[action]
    try:
        flag = change(fact_id, actor=_operator())
    except NotFound as error:
        raise click.ClickException(str(error)) from error
    click.echo(flag.describe())


@facts.command("hide")
@click.argument("fact_id", type=int)
@click.pass_context
def facts_hide(ctx: click.Context, fact_id: int) -> None:
    """Never answer flagged fact FACT_ID again (on every replica; survives reloads; audited).

    Example: niger-bot facts hide 12
    """
    _change_fact(ctx, fact_id, "hide")


@facts.command("unhide")
@click.argument("fact_id", type=int)
@click.pass_context
def facts_unhide(ctx: click.Context, fact_id: int) -> None:
    """Answer hidden fact FACT_ID again.

    Example: niger-bot facts unhide 12
    """
    _change_fact(ctx, fact_id, "unhide")


@facts.command("dismiss")
@click.argument("fact_id", type=int)
@click.pass_context
def facts_dismiss(ctx: click.Context, fact_id: int) -> None:
    """Take flagged fact FACT_ID off the list, leaving it answered.

    Example: niger-bot facts dismiss 12
    """
    _change_fact(ctx, fact_id, "dismiss")
