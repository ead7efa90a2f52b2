"""The `augustkg` command: thin verbs over the library.

Data goes to stdout and messages to stderr, so pipes work; every AugustError becomes one line
`augustkg: error: …` and its exit code, in one place (`console.guarded`, which the console
script's fast path for a plain `augustkg query` shares). Choices and help come
from the registries (settings, answer, export and picture formats), so they cannot drift from
what the library accepts. Heavy imports happen inside the commands that need them, which keeps
`augustkg query` fast to start. `docs/cli.md` is generated from these commands.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import settings
from .console import emit, guarded, leave


class Group(click.Group):
    def invoke(self, ctx):
        invoke = super().invoke
        code = guarded(lambda: invoke(ctx))
        if code:
            ctx.exit(code)


def setting_help(name: str, text: str | None = None) -> str:
    """Option help from the settings registry: what it means, its variable and its default."""
    setting = settings.SETTINGS[name]
    default = f"; default {setting.default}" if setting.default != "" else ""
    return f"{text or setting.meaning} [env {setting.env}{default}]"


class RegistryChoice(click.Choice):
    """A choice whose values a registry gives, imported only when the option is used or shown,
    so that the export package stays off the path of a cold `augustkg query`."""

    def __init__(self, load):
        self._load, self._choices, self.case_sensitive = load, None, True

    @property
    def choices(self) -> tuple:
        if self._choices is None:
            self._choices = tuple(self._load())
        return self._choices

    @choices.setter
    def choices(self, value) -> None:
        self._choices = tuple(value)


def _export_formats() -> list[str]:
    from .export import FORMATS

    return list(FORMATS)


def store_dir_option(f):
    return click.option("--store-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                        help=setting_help("store_dir", "Store folder (default <home>/store)."))(f)


def endpoint_option(f):
    return click.option("--endpoint", default=None, metavar="URL",
                        help="Run on a remote SPARQL endpoint instead of the embedded store.")(f)


def answer_format_option(f):
    from .formats import help_text

    return click.option("--format", "fmt", default=None, help=help_text())(f)


def picture_options(f):
    from .draw import PICTURE_FORMATS  # a small package: no cost worth deferring

    f = click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="Output file (stdout if omitted).")(f)
    return click.option("--format", "fmt", type=click.Choice(PICTURE_FORMATS), default=PICTURE_FORMATS[0],
                        show_default=True)(f)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="augustkg")
def cli():
    """augustkg — the knowledge graph of the 1945 Soviet–Japanese War, with SPARQL access.

    The store is <home>/store in a checkout, or the per-user data folder (~/.local/share/augustkg/store
    on Linux) for an installed package; `augustkg info` says which.
    """


def _open(store_dir):
    from .graph import open as open_graph

    return open_graph(store_dir=store_dir)


def _engine(endpoint, store_dir):
    """The remote endpoint when one is given, else the embedded store: one `engine.Engine` either way."""
    if endpoint:
        from .remote import Endpoint

        return Endpoint(endpoint)
    return _open(store_dir)


@cli.command()
@store_dir_option
@click.option("--reasoner", type=click.Choice(list(settings.SETTINGS["reasoner"].choices)), default=None,
              help=setting_help("reasoner"))
@click.option("--force", is_flag=True, help="Rebuild even if no input changed.")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation (the consistency check still runs).")
def build(store_dir, reasoner, force, no_validate):
    """Parse, reason, check, validate and store the graph (a no-op when nothing changed)."""
    from .pipeline import build as run_build

    result = run_build(store_dir=store_dir, reasoner=reasoner, force=force, validate=not no_validate,
                       log=lambda m: click.echo(m, err=True))
    if result.noop:
        click.echo(f"up to date ({result.reason}): {result.generation}", err=True)
    else:
        c = result.counts
        times = ", ".join(f"{k} {v:.2f}s" for k, v in result.timings.items())
        click.echo(f"built {result.generation}: {c['asserted']} asserted + {c['inferred']} inferred triples ({times})",
                   err=True)


@cli.command()
@click.argument("sparql", required=False)
@click.option("-f", "--file", "file_", type=click.File("rb"), help="Read the query from a file ('-' for stdin).")
@answer_format_option
@endpoint_option
@click.option("--asserted", is_flag=True, help="Query the asserted graph only, without inferences.")
@store_dir_option
def query(sparql, file_, fmt, endpoint, asserted, store_dir):
    """Run a SPARQL query given as an argument, with -f FILE, or on stdin."""
    from .sparql import decode_query

    source = "query"
    if file_ is not None:
        source = "stdin" if file_.name == "<stdin>" else file_.name
        sparql = decode_query(file_.read(), source)
    elif sparql is None or sparql == "-":
        if sys.stdin.isatty():
            raise click.UsageError("give a query as an argument, with -f FILE, or on stdin")
        sparql, source = decode_query(sys.stdin.buffer.read(), "stdin"), "stdin"
    emit(_engine(endpoint, store_dir), sparql, fmt, asserted=asserted, source=source)


@cli.command()
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@store_dir_option
def describe(name, fmt, store_dir):
    """Show one resource by any of its names or its IRI: the command-line entity page."""
    page = _open(store_dir).describe(name)
    if fmt == "json":
        import json

        click.echo(json.dumps(page, indent=2, ensure_ascii=False))
        return
    from .terminal import print_description

    print_description(page)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--shacl", type=click.Choice(list(settings.SETTINGS["shacl"].choices)), default=None,
              help=setting_help("shacl"))
def validate(fmt, shacl):
    """Check the project's files: the SHACL shapes and every ontology/checks/*-violation.rq query
    (rows are violations), on a graph built in memory. Exit 1 on violations."""
    from .pipeline.run import validate_project

    results, findings = validate_project(shacl=shacl)
    rows = [(f.check.name, line) for f in findings for line in f.lines()]
    if fmt == "json":
        import dataclasses
        import json

        click.echo(json.dumps([dataclasses.asdict(v) for v in results]
                              + [{"severity": "Violation", "check": name, "row": line} for name, line in rows],
                              indent=2, ensure_ascii=False))
    else:
        for v in results:
            click.echo(f"{v.severity}: {v}")
        for _, line in rows:
            click.echo(f"Violation: {line}")
    violations = [v for v in results if v.severity == "Violation"]
    click.echo(f"{len(violations) + len(rows)} violation(s), {len(results) - len(violations)} other result(s) "
               f"({len(findings)} checks run)", err=True)
    sys.exit(1 if violations or rows else 0)


@cli.command()
def info():
    """Say where the project's files and the store are (and whether the store is built)."""
    from .generations import current_generation

    home = settings.home()
    store = settings.store_dir(home)
    generation = current_generation(store)
    click.echo(f"home:  {home}")
    click.echo(f"store: {store}" + ("" if generation else " (not built yet: any query builds it)"))
    if generation:
        click.echo(f"current generation: {generation}")


# --- saved queries -----------------------------------------------------------------------

@cli.command("queries")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table", show_default=True,
              help="markdown writes the catalogue queries/README.md is generated from.")
def list_queries(fmt):
    """List the saved queries: name, summary, parameters with types and defaults."""
    from .saved import SavedQueries, catalog_markdown

    folder = settings.home() / "queries"
    if fmt == "markdown":
        click.echo(catalog_markdown(folder), nl=False)
        return
    saved = SavedQueries.load(folder)
    if not list(saved):
        from .errors import AugustError

        raise AugustError(f"no saved queries in {folder} (set AUGUSTKG_HOME to a project folder)")
    if fmt == "json":
        import json

        click.echo(json.dumps([
            {"name": q.name, "summary": q.summary, "tags": q.tags,
             "parameters": [{"name": p.name, "variable": "?" + p.variable, "type": p.type_label,
                             "optional": p.optional, "default": p.default} for p in q.params]}
            for q in saved], indent=2, ensure_ascii=False))
        return
    from .terminal import print_catalogue

    print_catalogue(saved)


@cli.command()
@click.argument("name")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter value; repeat for several. Names, prefixed names and IRIs are accepted for IRIs.")
@answer_format_option
@endpoint_option
@click.option("--show", is_flag=True, help="Print the query with its parameters bound instead of running it.")
@store_dir_option
def run(name, params, fmt, endpoint, show, store_dir):
    """Run a saved query by name, with --param name=value for its parameters."""
    from .errors import ParameterError
    from .saved import SavedQueries

    query = SavedQueries.load(settings.home() / "queries").get(name)
    pairs = []
    for item in params:
        key, sep, value = item.partition("=")
        if not sep:
            raise ParameterError(item, "write parameters as NAME=VALUE")
        pairs.append((key, value))
    values = query.values(pairs)  # names checked before the store is opened
    engine = _engine(endpoint, store_dir)
    sparql = query.bind(values, engine)
    if show:
        click.echo(sparql)
        return
    emit(engine, sparql, fmt, source=str(query.path))


# --- exports and pictures ------------------------------------------------------------------

@cli.command("export")
@click.option("--format", "fmt", type=RegistryChoice(_export_formats), default=None,
              help="Export format (csv writes nodes and relationships files for Neo4j).")
@click.option("--asserted/--inferred", default=False,
              help="The asserted graph only, or the closure with inferences (default; nq/trig keep both named graphs).")
@click.option("--provenance/--no-provenance", default=True,
              help="For graphml and csv: keep or leave out the sources' records (statements, citations, "
                   "references, sections) and the links to them.")
@click.option("-o", "--output", type=click.Path(), default=None,
              help="Output file (stdout if omitted); for csv a FOLDER/ (created if missing) or a PREFIX; for "
                   "--bundle the folder [default <home>/release].")
@click.option("--bundle", is_flag=True, help="Write every export, the ontology, the shapes and SHA256SUMS into "
                                             "one release folder.")
@store_dir_option
def export_cmd(fmt, asserted, provenance, output, bundle, store_dir):
    """Export the graph for other tools: RDF files, JSON-LD, GraphML, Neo4j CSV, or a release bundle."""
    from .export import export, snapshot

    if bundle == (fmt is not None):
        raise click.UsageError("give either --format FORMAT or --bundle")
    snap = snapshot(settings.home(), store_dir)
    if bundle:
        from .export.bundle import write_bundle

        written = write_bundle(snap, settings.home(), Path(output) if output else None)
        click.echo(f"wrote {len(written)} files to {written[0].parent}", err=True)
        return
    for path in export(snap, fmt, inferred=not asserted, out=output, provenance=provenance):
        click.echo(f"wrote {path}", err=True)


@cli.group()
def draw():
    """Pictures of the graph: the order of battle and the timeline."""


@draw.command("oob")
@click.option("--root", default=None, help="Draw only this unit and everything under it (any of its names).")
@picture_options
@endpoint_option
@store_dir_option
def draw_oob(root, fmt, output, endpoint, store_dir):
    """The order of battle as a tree: units, their commanders, coloured by side (Graphviz)."""
    from .draw import oob, write_picture

    write_picture(oob.draw(_engine(endpoint, store_dir), root, fmt), output, fmt)


@draw.command("timeline")
@picture_options
@endpoint_option
@store_dir_option
def draw_timeline(fmt, output, endpoint, store_dir):
    """Operations as start–end bars and dated events as marks on one axis (matplotlib)."""
    from .draw import timeline, write_picture

    write_picture(timeline.draw(_engine(endpoint, store_dir), fmt), output, fmt)


# --- serving -------------------------------------------------------------------------------

@cli.command()
@click.option("--host", default=None, help=setting_help("host"))
@click.option("--port", type=int, default=None, help=setting_help("port"))
@click.option("--timeout", type=float, default=None, help=setting_help("timeout"))
@store_dir_option
def serve(host, port, timeout, store_dir):
    """Serve SPARQL (/sparql), the saved queries (/queries) and web pages, building first if stale."""
    from .server import serve as run_server

    run_server(host=host, port=port, timeout=timeout, store_dir=store_dir)


# --- scale and remote engines ------------------------------------------------------------

@cli.command()
@click.option("--units", type=click.IntRange(min=1), required=True,
              help="How many units; about 12 asserted triples each (830 ≈ 10k, 8300 ≈ 100k, 83000 ≈ 1M).")
@click.option("--seed", type=int, default=1, show_default=True, help="Same seed, same files.")
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for the Turtle files (use it as data/ under an AUGUSTKG_HOME).")
def synth(units, seed, out):
    """Write a synthetic order of battle (units, commanders, operations, places) for scale tests."""
    from .synth import generate

    counts = generate(units, out, seed)
    click.echo(", ".join(f"{v} {k}" for k, v in counts.items()) + f" written to {out}", err=True)


@cli.command()
@click.option("--to", "to", required=True, metavar="URL",
              help="Graph Store Protocol endpoint of the server, e.g. http://localhost:7878/store (Oxigraph).")
@click.option("--graph", default=None, metavar="IRI", help="Named graph to fill with the closure (default: the default graph).")
@click.option("--asserted", is_flag=True,
              help="Also upload the asserted triples to <https://w3id.org/augustkg/graph/asserted>, so `--asserted` queries work there.")
@click.option("--endpoint", default=None, metavar="URL",
              help="Query endpoint used to check the triple count (default: the sibling 'query' of --to).")
@store_dir_option
def publish(to, graph, asserted, endpoint, store_dir):
    """Upload the built graph to a SPARQL server (chunked Graph Store requests, count checked after)."""
    from .export.publish import publish as run_publish
    from .graph import ensure_built

    generation = ensure_built(store_dir=store_dir)
    run_publish(generation, to, graph, asserted, endpoint, log=lambda m: click.echo(m, err=True))


def main():
    """Run the click CLI (the console script, `entry.main`, comes here for all but a plain query)."""
    try:
        cli(prog_name="augustkg")
        code = 0
    except SystemExit as exc:
        code = exc.code
    leave(code)


if __name__ == "__main__":
    main()
