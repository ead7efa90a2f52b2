"""The `augustkg` command: thin verbs over the library.

Data goes to stdout and messages to stderr, so pipes work; every AugustError becomes one line
`augustkg: error: …` and its exit code, in one place (`Group.invoke`). Heavy imports happen
inside the commands that need them, which keeps `augustkg query` fast to start.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import settings
from .errors import AugustError


class Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except AugustError as exc:
            click.echo(f"augustkg: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("augustkg: interrupted", err=True)
            ctx.exit(130)


def build_dir_option(f):
    return click.option("--build-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                        help=f"Store folder. [env {settings.SETTINGS['build_dir'].env}; default <home>/build]")(f)


def asserted_option(f):
    return click.option("--asserted", is_flag=True, help="Query the asserted graph only, without inferences.")(f)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="augustkg")
def cli():
    """augustkg — the knowledge graph of the 1945 Soviet–Japanese War, with SPARQL access."""


def _open(build_dir):
    from .graph import open as open_graph

    return open_graph(build_dir=build_dir)


@cli.command()
@build_dir_option
@click.option("--reasoner", type=click.Choice(["fast", "owlrl"]), default=None,
              help="fast: the project's materializer; owlrl: the reference reasoner (slow). [env AUGUSTKG_REASONER]")
@click.option("--force", is_flag=True, help="Rebuild even if no input changed.")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation (the consistency check still runs).")
def build(build_dir, reasoner, force, no_validate):
    """Parse, reason, check, validate and store the graph (a no-op when nothing changed)."""
    from .build import build as run_build

    result = run_build(build_dir=build_dir, reasoner=reasoner, force=force, validate=not no_validate,
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
@click.option("-f", "--file", "file_", type=click.File("r"), help="Read the query from a file ('-' for stdin).")
@click.option("--format", "fmt", default=None,
              help="table|json|csv|tsv|xml for SELECT/ASK; ttl|nt|jsonld|xml for CONSTRUCT/DESCRIBE.")
@click.option("--endpoint", default=None, help="Run on a remote SPARQL endpoint instead of the embedded store.")
@asserted_option
@build_dir_option
def query(sparql, file_, fmt, endpoint, asserted, build_dir):
    """Run a SPARQL query given as an argument, with -f FILE, or on stdin."""
    source = "query"
    if file_ is not None:
        sparql, source = file_.read(), file_.name
    elif sparql is None or sparql == "-":
        if sys.stdin.isatty():
            raise click.UsageError("give a query as an argument, with -f FILE, or on stdin")
        sparql, source = sys.stdin.read(), "stdin"
    if endpoint:
        from .remote import Endpoint

        target = Endpoint(endpoint)
    else:
        target = _open(build_dir)
    emit(target, sparql, fmt, asserted=asserted, source=source)


def emit(target, sparql: str, fmt: str | None, asserted: bool = False, source: str = "query", substitutions=None):
    """Print an answer: a labelled table on a terminal, a W3C format otherwise or on request."""
    from .formats import GRAPH_FORMS, query_form

    graph = query_form(sparql) in GRAPH_FORMS
    if fmt is None:
        fmt = "ttl" if graph else ("table" if sys.stdout.isatty() else "tsv")
    if fmt == "table":
        from .table import print_table

        print_table(target.query(sparql, asserted=asserted, substitutions=substitutions, source=source), target)
        return
    data = target.serialize(sparql, fmt, asserted=asserted, substitutions=substitutions, source=source)
    sys.stdout.buffer.write(data)
    if data and not data.endswith(b"\n"):
        sys.stdout.buffer.write(b"\n")


@cli.command()
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@build_dir_option
def describe(name, fmt, build_dir):
    """Show one resource by any of its names or its IRI: the command-line entity page."""
    kg = _open(build_dir)
    page = kg.describe(name)
    if fmt == "json":
        import json

        click.echo(json.dumps(page, indent=2, ensure_ascii=False))
        return
    from .table import print_description

    print_description(page)


@cli.command()
@build_dir_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def validate(build_dir, fmt):
    """Check the graph against the SHACL shapes; exit 1 on violations."""
    from .build.pipeline import check

    results = check()
    if fmt == "json":
        import dataclasses
        import json

        click.echo(json.dumps([dataclasses.asdict(v) for v in results], indent=2, ensure_ascii=False))
    else:
        for v in results:
            click.echo(f"{v.severity}: {v}")
    violations = [v for v in results if v.severity == "Violation"]
    click.echo(f"{len(violations)} violation(s), {len(results) - len(violations)} other result(s)", err=True)
    sys.exit(1 if violations else 0)


# --- saved queries -----------------------------------------------------------------------

def _saved(build_dir=None):
    from .saved import SavedQueries

    return SavedQueries.load(settings.home() / "queries")


@cli.command("queries")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table",
              help="markdown writes the catalogue queries/README.md is generated from.")
def list_queries(fmt):
    """List the saved queries: name, summary, parameters with types and defaults."""
    if fmt == "markdown":
        from .saved import catalog_markdown

        click.echo(catalog_markdown(settings.home() / "queries"), nl=False)
        return
    saved = _saved()
    if fmt == "json":
        import json

        click.echo(json.dumps([
            {"name": q.name, "summary": q.summary, "tags": q.tags,
             "parameters": [{"name": p.name, "variable": "?" + p.variable, "type": p.type_label,
                             "optional": p.optional, "default": p.default} for p in q.params]}
            for q in saved], indent=2, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("name", "summary", "parameters", show_lines=True)
    for q in saved:
        params = "\n".join(
            f"{p.name} ({p.type_label}{', optional' if p.optional else ''}"
            f"{', default ' + p.shown_default if p.default else ''})" for p in q.params)
        table.add_row(q.name, q.summary, params)
    Console().print(table)


@cli.command()
@click.argument("name")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter value; repeat for several. Names, prefixed names and IRIs are accepted for IRIs.")
@click.option("--format", "fmt", default=None, help="As for `query`: table|json|csv|tsv|xml or ttl|nt|jsonld|xml.")
@click.option("--endpoint", default=None, help="Run on a remote SPARQL endpoint instead of the embedded store.")
@click.option("--show", is_flag=True, help="Print the query with its parameters bound instead of running it.")
@build_dir_option
def run(name, params, fmt, endpoint, show, build_dir):
    """Run a saved query by name, with --param name=value for its parameters."""
    from .errors import ParameterError

    query = _saved().get(name)
    values = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep:
            raise ParameterError(item, "write parameters as NAME=VALUE")
        query.param(key.strip())
        values[key.strip()] = value
    if endpoint:
        from .remote import Endpoint

        target = Endpoint(endpoint)
        sparql = query.bind(values, _RemoteNames(target))
    else:
        target = _open(build_dir)
        sparql = query.bind(values, target)
    if show:
        click.echo(sparql)
        return
    emit(target, sparql, fmt, source=str(query.path))


class _RemoteNames:
    """Name resolution for remote runs: the endpoint's own labels."""

    def __init__(self, endpoint):
        self.endpoint = endpoint

    def resolve(self, name):
        return self.endpoint.resolve(name)


# --- export and drawings (issue 6) --------------------------------------------------------

@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["ttl", "nt", "nq", "trig", "jsonld", "xml", "graphml", "csv"]),
              default=None, help="Export format (csv writes nodes and relationships files for Neo4j).")
@click.option("--asserted/--inferred", default=False,
              help="The asserted graph only, or the closure with inferences (default; nq/trig keep both named graphs).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Output file (stdout if omitted); for csv a FOLDER/ or a PREFIX; for --bundle the folder [<home>/dist].")
@click.option("--bundle", is_flag=True, help="Write every export, the ontology, the shapes and SHA256SUMS into dist/.")
@build_dir_option
def export_cmd(fmt, asserted, output, bundle, build_dir):
    """Export the graph for other tools: RDF files, JSON-LD, GraphML, Neo4j CSV, or a release bundle."""
    from .export import export, snapshot

    if bundle == (fmt is not None):
        raise click.UsageError("give either --format FORMAT or --bundle")
    snap = snapshot(settings.home(), build_dir)
    if bundle:
        from .export_bundle import write_bundle

        written = write_bundle(snap, settings.home(), output or settings.home() / "dist")
        click.echo(f"wrote {len(written)} files to {written[0].parent}", err=True)
        return
    for path in export(snap, fmt, inferred=not asserted, out=output):
        click.echo(f"wrote {path}", err=True)


@cli.group()
def draw():
    """Pictures of the graph: the order of battle and the timeline."""


@draw.command("oob")
@click.option("--root", default=None, help="Draw only this unit and everything under it (any of its names).")
@click.option("--format", "fmt", type=click.Choice(["svg", "png"]), default="svg")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Output file (stdout if omitted).")
@build_dir_option
def draw_oob(root, fmt, output, build_dir):
    """The order of battle as a tree: units, their commanders, coloured by side (Graphviz)."""
    from .draw import oob, write_picture

    write_picture(oob.draw(_open(build_dir), root, fmt), output, fmt)


@draw.command("timeline")
@click.option("--format", "fmt", type=click.Choice(["svg", "png"]), default="svg")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Output file (stdout if omitted).")
@build_dir_option
def draw_timeline(fmt, output, build_dir):
    """Operations as start–end bars and dated events as marks on one axis (matplotlib)."""
    from .draw import timeline, write_picture

    write_picture(timeline.draw(_open(build_dir), fmt), output, fmt)


# --- serving (issue 5) ---------------------------------------------------------------------

@cli.command()
@click.option("--host", default=None, help="Address to bind; 0.0.0.0 opens the server to the network. [env AUGUSTKG_HOST; default 127.0.0.1]")
@click.option("--port", type=int, default=None, help="Port to listen on. [env AUGUSTKG_PORT; default 7878]")
@click.option("--timeout", type=float, default=None, help="Seconds a SPARQL query may run. [env AUGUSTKG_TIMEOUT; default 10]")
@build_dir_option
def serve(host, port, timeout, build_dir):
    """Serve SPARQL (/sparql), the saved queries (/queries) and web pages, building first if stale."""
    from .server import serve as run_server

    run_server(host=host, port=port, timeout=timeout, build_dir=build_dir)


# --- scale and remote engines (issue 7) -------------------------------------------------

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
@build_dir_option
def publish(to, graph, asserted, endpoint, build_dir):
    """Upload the built graph to a SPARQL server (chunked Graph Store requests, count checked after)."""
    from .graph import ensure_built
    from .publish import publish as run_publish

    generation = ensure_built(build_dir=build_dir)
    run_publish(generation, to, graph, asserted, endpoint, log=lambda m: click.echo(m, err=True))



def main():
    """Run the command, then leave without the interpreter's teardown.

    Why: tearing down modules and the store handle costs a cold `augustkg query` about 8 ms of
    its ~70. Exit handlers still run and the output streams are flushed; everything a command
    writes (build generations, exports) is closed before the command returns.
    """
    import atexit
    import os

    try:
        cli(prog_name="augustkg")
        code = 0
    except SystemExit as exc:
        code = exc.code
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # `augustkg query ... | head`: the reader left, nothing to report
        pass
    os._exit(code or 0)


if __name__ == "__main__":
    main()
