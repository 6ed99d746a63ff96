"""The ``kg`` command line: a thin click layer over the library.

Heavy libraries (spaCy, pySHACL, NetworkX) are imported inside the commands
that need them, so ``kg --help`` and ``kg query`` start fast.

Exit codes: 0 success; 1 error; 2 usage error (bad option, parameter or SPARQL);
3 unknown actor or entity name; 4 store in use by another writer; 5 some inputs
were skipped during ingest (the rest was ingested); 6 the store does not conform
to the SHACL shapes.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import click

from kg.errors import KgError

FORMATS = ("table", "json", "csv", "tsv")


class _Group(click.Group):
    """Turns :class:`KgError` into a one-line message and its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KgError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    "store_path",
    metavar="DIR|URL",
    envvar="KG_STORE",
    default="kg-store",
    show_default=True,
    help="Folder of the embedded store, or a SPARQL endpoint sparql+http://HOST:PORT/PATH (or set KG_STORE).",
)
@click.version_option(package_name="kg")
@click.pass_context
def main(ctx: click.Context, store_path: str) -> None:
    """kg: a knowledge graph of news about international relations.

    Build the graph with `kg ingest`, ask it questions with `kg query`.
    """
    # A folder stays a Path (commands pass it to Store); an endpoint stays the spec string.
    ctx.obj = store_path if "://" in store_path else Path(store_path)


def _open(ctx: click.Context, read_only: bool = False) -> "Any":
    from kg.store import open_store

    return open_store(ctx.obj, read_only=read_only)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--date", "default_date", help="Date (YYYY-MM-DD) of plain-text articles that give none.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Extraction worker processes (1: extract in this process); one loader writes the store.")
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              help="Seconds one article's extraction may take; a slower article is skipped.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...], default_date: str | None, jobs: int,
           time_limit: float, quiet: bool) -> None:
    """Read articles from files and folders into the store.

    PATHS are files or folders (searched recursively) in the sample format
    (a first line `date YYYY-MM-DD`), plain text, or JSON Lines with a `text`
    field.  Re-ingesting an article replaces its graph.  Inputs that cannot be
    read, or whose extraction fails or exceeds --time-limit, are reported and
    skipped; the exit code is then 5.
    """
    from kg.ingest import count_inputs
    from kg.ingest import ingest as run_ingest
    from kg.progress import ArticleProgress
    from kg.readers import Skipped, parse_date

    date = None
    if default_date:
        try:
            date = parse_date(default_date, "--date")
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--date") from None
    store = _open(ctx)
    show = not quiet and sys.stderr.isatty()
    with ArticleProgress("ingesting", count_inputs(paths) if show else None, show) as tick:

        def on_item(item: object) -> None:
            tick(f"[yellow]skipped[/] {item}" if isinstance(item, Skipped) else None)

        report = run_ingest(store, paths, date, on_item=on_item, jobs=jobs, time_limit=time_limit)
    from kg.stats import stats

    summary = stats(store)
    click.echo(
        f"Ingested {report.articles} article(s) ({report.added} new, {report.replaced} replaced), "
        f"skipped {len(report.skipped)}. Store {store}: {summary.articles} articles, "
        f"{summary.extracted_triples} triples."
    )
    if report.skipped:
        if not show:
            for item in report.skipped:
                click.echo(f"skipped {item}", err=True)
        ctx.exit(5)


def _stderr() -> Any:
    from rich.console import Console

    return Console(stderr=True)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def stats(ctx: click.Context, fmt: str) -> None:
    """Counts of articles, triples, actors and events by kind."""
    from kg.stats import stats as count

    s = count(_open(ctx, read_only=True))
    if fmt == "json":
        click.echo(json.dumps(s.__dict__, indent=2))
        return
    click.echo(f"articles   {s.articles}")
    click.echo(f"triples    {s.extracted_triples} extracted, {s.entity_triples} in the entities graph, "
               f"{s.triples} with the ontology")
    for name, n in sorted(s.things.items()):
        click.echo(f"{name:<14}{n}")
    for name, n in s.events.items():
        click.echo(f"  event {name:<16}{n}")


@main.command()
@click.pass_context
def validate(ctx: click.Context) -> None:
    """Check the store against the SHACL shapes (exit 6 when it does not conform)."""
    from kg.validate import validate as check

    result = check(_open(ctx, read_only=True))
    if result.conforms:
        click.echo("The store conforms to the shapes in ontology/shapes.ttl.")
        return
    click.echo(result.report)
    click.echo(f"{result.violations} violation(s).", err=True)
    ctx.exit(6)


def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for value in values:
        key, sep, rest = value.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{value!r} is not KEY=VALUE", param_hint="-p")
        params[key.strip()] = rest
    return params


@main.command()
@click.argument("name", required=False)
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE", help="A parameter, e.g. -p actor=Russia.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--list", "list_", is_flag=True, help="List the named queries and their parameters.")
@click.pass_context
def query(ctx: click.Context, name: str | None, params: tuple[str, ...], fmt: str, list_: bool) -> None:
    """Run the named query NAME (see --list)."""
    from kg import queries

    if list_ or not name:
        for q in queries.catalog().values():
            click.echo(f"{q.name:<12} {q.description}")
            for p in q.params:
                click.echo(f"{'':<14}-p {p.name}=…  {p.description}")
        if not list_:
            ctx.exit(2)
        return
    store = _open(ctx, read_only=True)
    result = queries.run(store, name, **_parse_params(params))
    _print_result(result, fmt)


@main.command()
@click.argument("text", required=False)
@click.option("-f", "--file", "file", type=click.Path(dir_okay=False, exists=True, path_type=Path), help="Read the query from a file.")
@click.option("--format", "fmt", type=click.Choice([*FORMATS, "turtle", "ntriples", "jsonld"]), default=None,
              help="SELECT/ASK: table (default), json, csv or tsv. CONSTRUCT/DESCRIBE: turtle (default), ntriples or jsonld.")
@click.option("--update", "is_update", is_flag=True,
              help="Run a SPARQL Update (INSERT, DELETE, DROP, ...) on the store, opened for writing. "
                   "Without it the store is read-only.")
@click.pass_context
def sparql(ctx: click.Context, text: str | None, file: Path | None, fmt: str | None, is_update: bool) -> None:
    """Run an ad-hoc SPARQL query over the union of all graphs.

    SELECT, ASK, CONSTRUCT and DESCRIBE run read-only; the prefixes kgo, rdf,
    rdfs, xsd, owl, skos, schema, prov and time are predefined. A syntax error
    prints Oxigraph's line:column and message and exits with code 2.
    """
    from kg import queries

    if bool(text) == bool(file):
        raise click.UsageError("give the query as an argument or with -f FILE, not both")
    text = (file.read_text(encoding="utf-8") if file else text) or ""
    if is_update:
        queries.update(_open(ctx), text)
        click.echo("Update done.", err=True)
        return
    result = queries.ad_hoc(_open(ctx, read_only=True), text)
    if isinstance(result, list):
        fmt = fmt or "turtle"
        if fmt not in queries.GRAPH_FORMATS:
            raise click.BadParameter(f"a CONSTRUCT or DESCRIBE result is written as {', '.join(queries.GRAPH_FORMATS)}",
                                     param_hint="--format")
        click.echo(queries.serialize_triples(result, fmt).decode("utf-8"), nl=False)
        return
    fmt = fmt or "table"
    if fmt not in FORMATS:
        raise click.BadParameter(f"a SELECT or ASK result is written as {', '.join(FORMATS)}", param_hint="--format")
    if isinstance(result, bool):
        click.echo(json.dumps({"head": {}, "boolean": result}) if fmt == "json" else str(result).lower())
        return
    _print_result(result, fmt)


def _display(term: Any) -> str:
    from kg.terms import BASE

    if term is None:
        return ""
    value = term.value
    if type(term).__name__ == "NamedNode" and value.startswith(BASE + "id/"):
        return value[len(BASE) + 3:]
    datatype = getattr(getattr(term, "datatype", None), "value", "")
    if datatype.endswith("#decimal") or datatype.endswith("#integer"):
        try:
            number = float(value)
            return f"{number:,.0f}" if number == int(number) else f"{number:,}"
        except ValueError:
            return value
    return value


def _print_result(result: Any, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(result.to_json(), ensure_ascii=False))
    elif fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow(["" if t is None else t.value for t in row])
        click.echo(buffer.getvalue(), nl=False)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*result.variables, show_lines=False)
        for row in result.rows:
            table.add_row(*(_display(t) for t in row))
        console = Console()
        if not console.is_terminal:
            console = Console(width=max(console.width, 240))
        console.print(table)
        click.echo(f"{len(result.rows)} row(s)")



def _add_command_modules() -> None:
    import importlib
    import pkgutil

    import kg.commands

    for info in sorted(pkgutil.iter_modules(kg.commands.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"kg.commands.{info.name}")
        main.add_command(module.command)


_add_command_modules()
