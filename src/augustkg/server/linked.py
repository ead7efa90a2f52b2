"""Linked Data on the server: every akr: resource and ako: term in RDF as well as HTML, the
ontology's documentation, the SPARQL service description and the VoID description.

Why one mechanism: a resource, a term, /ontology, /sparql and /.well-known/void all answer the
same way — HTML for browsers, Turtle, N-Triples, JSON-LD or RDF/XML by `Accept` or by an
extension — with `Vary: Accept`, `Content-Location` naming the form sent, and `Link` headers to
every other form. Answers are 200 at the server (no redirect): the 303 is the w3id namespace's
job (docs/w3id/.htaccess), which is how DBpedia-style and w3id-hosted publications split it.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ..errors import UnknownName
from ..namespaces import AKO, AKR, PREFIXES
from ..void import VOID, void_turtle

#: Extension -> media type of the RDF forms, in the order offered.
FORMS = {"ttl": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json",
         "rdf": "application/rdf+xml"}
RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdf": "xml"}
HTML = "text/html"
SD = "http://www.w3.org/ns/sparql-service-description#"


def split_extension(name: str) -> tuple[str, str | None]:
    """A path's name and its RDF extension, if it has one.

    >>> split_extension("KwantungArmy.ttl"), split_extension("Kwantung Army")
    (('KwantungArmy', 'ttl'), ('Kwantung Army', None))
    """
    stem, dot, ext = name.rpartition(".")
    return (stem, ext) if dot and ext in FORMS else (name, None)


def negotiate(accept: str | None, html_ok: bool = True) -> str | None:
    """The extension of the RDF form `Accept` prefers, or None for HTML (the default, and what
    browsers ask for).

    >>> negotiate("text/turtle;q=0.9, application/ld+json"), negotiate("text/html,*/*;q=0.8")
    ('jsonld', None)
    >>> negotiate("application/n-triples"), negotiate(None)
    ('nt', None)
    """
    best, best_q = None, 0.0
    for i, part in enumerate((accept or "").split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        q -= i * 1e-6  # earlier wins a tie
        ext = next((e for e, m in FORMS.items() if m == media.lower()), None)
        if media.lower() in ("text/turtle", "application/x-turtle"):
            ext = "ttl"
        if ext and q > best_q:
            best, best_q = ext, q
        elif media.lower() in (HTML, "application/xhtml+xml") and q > best_q:
            best, best_q = None, q
    return best if best or html_ok else "ttl"


def links(base: str) -> str:
    """The Link header naming every form of a document at `base` (its path without extension)."""
    forms = [f'<{base}>; rel="alternate"; type="{HTML}"'] if base else []
    forms += [f'<{base}.{ext}>; rel="alternate"; type="{media}"' for ext, media in FORMS.items()]
    return ", ".join(forms)


def rdf_response(graph, ext: str, base: str) -> Response:
    """A graph serialized as one of FORMS, with the conneg headers."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    body = graph.serialize(format=RDFLIB_FORMAT[ext], encoding="utf-8")
    headers = {"Vary": "Accept", "Content-Location": f"{base}.{ext}", "Link": links(base)}
    return Response(body, media_type=FORMS[ext], headers=headers)


def _graph():
    import rdflib

    return rdflib.Graph()


def choose(request: Request, name: str) -> tuple[str, str | None]:
    stem, ext = split_extension(name)
    return stem, ext or negotiate(request.headers.get("accept"))


# --- resources --------------------------------------------------------------------------------

def resource_graph(kg, iri: str):
    """What the store says of a resource (asserted and inferred): its own triples, with the
    labels of what they point at."""
    import rdflib

    graph = _graph()
    query = (f"CONSTRUCT {{ <{iri}> ?p ?o . ?o rdfs:label ?l }} WHERE {{ GRAPH ?g {{ <{iri}> ?p ?o }} "
             f"OPTIONAL {{ GRAPH ?h {{ ?o rdfs:label ?l }} }} }}")
    for t in kg.store.query(query, prefixes=PREFIXES):
        graph.add(tuple(_term(rdflib, x) for x in (t.subject, t.predicate, t.object)))
    return graph


def _term(rdflib, term):
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    return rdflib.Literal(term.value, lang=term.language,
                          datatype=None if term.language else rdflib.URIRef(term.datatype.value))


async def resource_rdf(request: Request, stem: str, ext: str) -> Response:
    """A resource's RDF in the form `ext` (its HTML page is `pages.resource`'s)."""
    kg = request.app.state.kg
    try:
        iri = await run_in_threadpool(kg.resolve, stem)
    except UnknownName as exc:
        return Response(str(exc) + "\n", 404, media_type="text/plain")
    graph = await run_in_threadpool(resource_graph, kg, iri)
    return rdf_response(graph, ext, "/resource/" + iri.removeprefix(AKR))


# --- the ontology -------------------------------------------------------------------------------

def ontology_graph(state):
    """The ontology file, parsed once per server."""
    cached = state.__dict__.get("_ontology")
    if cached is None:
        import rdflib

        cached = rdflib.Graph().parse(state.config.home / "ontology" / "augustkg.ttl", format="turtle")
        state._ontology = cached
    return cached


async def ontology_rdf(request: Request, ext: str) -> Response:
    """The ontology in the form `ext` (its documentation is `pages.ontology`'s)."""
    if ext not in FORMS:
        return Response(f"no form .{ext}; there are: {', '.join(FORMS)}\n", 404, media_type="text/plain")
    return rdf_response(await run_in_threadpool(ontology_graph, request.app.state), ext, "/ontology")


async def term(request: Request):
    """/ontology/{term}: one ako: term — its triples in RDF, or its place in the documentation."""
    import rdflib

    stem, ext = choose(request, request.path_params["term"])
    graph = await run_in_threadpool(ontology_graph, request.app.state)
    iri = rdflib.URIRef(AKO + stem)
    if (iri, None, None) not in graph:
        return Response(f"no term ako:{stem} in the ontology\n", 404, media_type="text/plain")
    if ext is None:
        return RedirectResponse(f"/ontology#{stem}", 303, headers={"Vary": "Accept", "Link": links(f"/ontology/{stem}")})
    out = _graph()
    for triple in graph.triples((iri, None, None)):
        out.add(triple)
        for inner in graph.triples((triple[2], None, None)) if isinstance(triple[2], rdflib.BNode) else ():
            out.add(inner)  # a property chain's or restriction's list, kept whole
            _add_list(graph, out, inner[2])
    return rdf_response(out, ext, f"/ontology/{stem}")


def _add_list(graph, out, node) -> None:
    import rdflib

    while isinstance(node, rdflib.BNode):
        triples = list(graph.triples((node, None, None)))
        if not triples:
            return
        for t in triples:
            out.add(t)
        node = graph.value(node, rdflib.RDF.rest)


# --- the service description and VoID ----------------------------------------------------------

def base_url(request_or_scope) -> str:
    """The server's own URL as the client reached it."""
    scope = request_or_scope if isinstance(request_or_scope, dict) else request_or_scope.scope
    host = dict(scope["headers"]).get(b"host", b"127.0.0.1").decode("latin-1")
    return f"{scope.get('scheme', 'http')}://{host}"


def service_description(endpoint: str) -> str:
    """The SPARQL 1.1 service description of the endpoint, in Turtle."""
    formats = "\n".join(f"    sd:resultFormat <http://www.w3.org/ns/formats/{f}> ;"
                        for f in ["SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                                  "SPARQL_Results_TSV", "Turtle", "N-Triples", "RDF_XML", "JSON-LD"])
    return f"""@prefix sd: <{SD}> .
@prefix void: <{VOID}> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
{formats}
    sd:feature sd:UnionDefaultGraph ;
    dcterms:description "Read-only: updates are refused with 403. The default graph is the union of the asserted and inferred graphs." ;
    sd:defaultDataset [ a sd:Dataset ;
        sd:defaultGraph [ a sd:Graph, void:Dataset ; void:sparqlEndpoint <{endpoint}> ;
            dcterms:title "The Soviet–Japanese War of 1945 (augustkg)" ] ;
        sd:namedGraph [ a sd:NamedGraph ; sd:name <https://w3id.org/augustkg/graph/asserted> ] ,
                      [ a sd:NamedGraph ; sd:name <https://w3id.org/augustkg/graph/inferred> ] ] .
"""


async def describe_service(state, scope, receive, send) -> None:
    """GET /sparql without a query: the service description, by Accept (Turtle by default)."""
    import rdflib

    endpoint = base_url(scope) + "/sparql"
    accept = dict(scope["headers"]).get(b"accept", b"").decode("latin-1")
    ext = negotiate(accept) or "ttl"
    graph = rdflib.Graph().parse(data=service_description(endpoint), format="turtle")
    response = rdf_response(graph, ext, "/sparql")
    response.headers["Content-Location"] = "/sparql"
    await response(scope, receive, send)


def _closure(state) -> tuple:
    """The served generation's asserted and inferred triples, read once per server."""
    cached = state.__dict__.get("_snapshot")
    if cached is None:
        from ..export.snapshot import Snapshot

        snap = Snapshot.read(state.config.generation)
        cached = state._snapshot = (snap.asserted, snap.inferred)
    return cached


async def void(request: Request):
    """/.well-known/void: the VoID description, by Accept (Turtle unless HTML or another form is asked)."""
    import rdflib

    text = void_turtle(*await run_in_threadpool(_closure, request.app.state), base_url(request) + "/sparql")
    graph = rdflib.Graph().parse(data=text, format="turtle")
    ext = request.path_params.get("ext") or negotiate(request.headers.get("accept"), html_ok=False) or "ttl"
    if ext not in FORMS:
        return Response(f"no form .{ext}\n", 404, media_type="text/plain")
    return rdf_response(graph, ext, "/.well-known/void")
