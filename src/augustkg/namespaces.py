"""The project's IRIs as plain strings.

Kept free of rdflib on purpose: the query path must start fast, and rdflib costs ~125 ms to
import. Build-side code that needs rdflib terms wraps these strings itself.
"""

AKO = "https://w3id.org/augustkg/ontology#"
AKR = "https://w3id.org/augustkg/resource/"

#: Named graphs of the store: what the files say, and what reasoning added to it.
ASSERTED_GRAPH = "https://w3id.org/augustkg/graph/asserted"
INFERRED_GRAPH = "https://w3id.org/augustkg/graph/inferred"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SH = "http://www.w3.org/ns/shacl#"

#: Prefixes every query may use without declaring them (the CLI, the API and the server).
PREFIXES = {
    "ako": AKO,
    "akr": AKR,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
}


def sparql_prefixes(names=None, sep: str = "\n") -> str:
    """PREFIX declarations for some of PREFIXES (all by default), each ended by `sep`: the one
    writer of them, for engines that take no prefix map (rdflib, remote endpoints, the server's
    engine). `augustkg.sparql` decides which ones a query needs.

    >>> sparql_prefixes().splitlines()[0]
    'PREFIX ako: <https://w3id.org/augustkg/ontology#>'
    >>> sparql_prefixes(["akr"], sep=" ")
    'PREFIX akr: <https://w3id.org/augustkg/resource/> '
    """
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>{sep}" for p in (PREFIXES if names is None else names))


def shorten(iri: str) -> str:
    """A prefixed name for an IRI when one of PREFIXES fits, else the IRI in angle brackets.

    >>> shorten(AKR + "TransbaikalFront")
    'akr:TransbaikalFront'
    >>> shorten("http://example.org/x")
    '<http://example.org/x>'
    """
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            local = iri[len(ns):]
            if local and all(c.isalnum() or c in "_-." for c in local) and not local.endswith("."):
                return f"{prefix}:{local}"
    return f"<{iri}>"


def expand(name: str) -> str | None:
    """The IRI of a prefixed name (`akr:Mukden`) or an `<IRI>`, or None if it is neither.

    >>> expand("akr:Mukden")
    'https://w3id.org/augustkg/resource/Mukden'
    >>> expand("<http://example.org/x>")
    'http://example.org/x'
    >>> expand("Mukden") is None
    True
    """
    name = name.strip()
    if name.startswith("<") and name.endswith(">"):
        return name[1:-1]
    if name.startswith(("http://", "https://", "urn:")):
        return name
    prefix, sep, local = name.partition(":")
    if sep and prefix in PREFIXES and " " not in local:
        return PREFIXES[prefix] + local
    return None
