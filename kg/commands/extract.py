"""``kg extract``: the extraction stage alone, into N-Quads shards that ``kg load`` reads."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder of the shards (created when missing).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Extraction worker processes (1: extract in this process).")
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              help="Seconds one article's extraction may take; a slower article is skipped.")
@click.option("--shard-size", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Articles per shard.")
@click.option("--date", "default_date", help="Date (YYYY-MM-DD) of plain-text articles that give none.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def command(paths: tuple[Path, ...], out: Path, jobs: int, time_limit: float, shard_size: int,
            default_date: str | None, quiet: bool) -> None:
    """Extract articles into N-Quads shards in --out, without a store.

    Each shard (shard-*.nq, one named graph per article) is written to a
    temporary file and renamed when complete, then its manifest (shard-*.json)
    is written the same way.  Running the same command again after an
    interruption skips the articles already in finished shards.  Load the
    shards with `kg load DIR`.  Exit code 5 when some inputs were skipped.
    """
    from kg.ingest import count_inputs
    from kg.progress import ArticleProgress
    from kg.readers import Skipped, parse_date
    from kg.shards import extract_to_shards

    date = None
    if default_date:
        try:
            date = parse_date(default_date, "--date")
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--date") from None
    show = not quiet and sys.stderr.isatty()
    with ArticleProgress("extracting", count_inputs(paths) if show else None, show) as tick:

        def on_item(item: object) -> None:
            tick(f"[yellow]skipped[/] {item}" if isinstance(item, Skipped) else None)

        report = extract_to_shards(paths, out, jobs, time_limit, date, shard_size, on_item)
    click.echo(
        f"Extracted {report.extracted} article(s) into {report.shards} new shard(s) in {out}; "
        f"{report.already} already done, skipped {len(report.skipped)}. Load them with `kg load {out}`."
    )
    if report.skipped:
        if not show:
            for item in report.skipped:
                click.echo(f"skipped {item}", err=True)
        sys.exit(5)
