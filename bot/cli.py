"""The `niger-bot` command: ask questions and load articles from the terminal."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from bot.config import Settings, SettingsError
from bot.terminal import render_result
from store import FactStore, FileResult


def _store(ctx: click.Context) -> FactStore:
    settings: Settings = ctx.obj
    seeds = settings.seeds_dir if settings.autoload_seeds else None
    return FactStore.open(settings.database_url, seeds_dir=seeds)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.pass_context
def main(ctx: click.Context) -> None:
    """Answers about the Niger story, each quoting the sentence it comes from.

    The store is the SQLAlchemy URL in DATABASE_URL, by default a SQLite file in var/.
    """
    try:
        ctx.obj = Settings.from_env()
    except SettingsError as error:
        raise click.UsageError(str(error)) from error


@main.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per query.")
@click.option("--limit", default=10, show_default=True, help="Most answers to show.")
@click.pass_context
def ask(ctx: click.Context, query: tuple[str, ...], as_json: bool, limit: int) -> None:
    """Answer a question from the loaded articles.

    With QUERY "-", read one query per line from standard input and answer each in order.

    Example: niger-bot ask "how many US troops are in Niger?"
    """
    store = _store(ctx)
    queries = [line.rstrip("\n") for line in sys.stdin] if query == ("-",) else [" ".join(query)]
    for text in queries:
        result = store.ask(text)
        if limit < len(result.answers):
            result = type(result)(
                result.query,
                result.intent,
                result.answers[:limit],
                result.suggestions,
                result.notes,
                result.topic,
            )
        if as_json:
            click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        else:
            click.echo(render_result(result, bold=sys.stdout.isatty()))


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
        f"{len(report.results)} articles: {report.count('added')} added, "
        f"{report.count('updated')} updated, {report.count('unchanged')} unchanged, "
        f"{report.count('failed')} failed; {report.sentences} sentences; facts: {counts}"
    )
    for failure in report.failed:
        click.echo(f"error: {failure.source}: {failure.reason}", err=True)
    if report.failed:
        sys.exit(1)
