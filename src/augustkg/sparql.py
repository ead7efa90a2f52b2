"""The one place that reads and writes SPARQL text: form, prologue, comments, error positions, binding.

Every way into the graph (the CLI, the embedded store, a remote endpoint, the server) needs the
same few answers about a query it has not parsed: which form it is (SELECT or CONSTRUCT, or an
update to refuse), which prefixes it declares, where its comments are, where the parser
stopped, and how to bind values into it without pasting text. Written once here, they cannot
disagree — an earlier copy took the `#` inside `<http://…#>` for a comment.

Kept free of heavy imports: the query path goes through here on every cold start.
"""

from __future__ import annotations

import re

from .namespaces import PREFIXES, sparql_prefixes

#: IRIs and strings (where a `#` is not a comment), and comments, in one lexer.
_LEXEME = re.compile(r'''<[^\s<>"{}|^`\\]*>|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|(#[^\n]*)''')
#: The prologue once comments are gone: PREFIX and BASE declarations and white space.
_PROLOGUE = re.compile(r"(?is)(?:\s+|PREFIX\s+([^\s:]*):\s*<[^>]*>|BASE\s*<[^>]*>)*")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
#: How pyoxigraph and Oxigraph's server give a position: `error at 2:7` or `error at 2:7-2:9`.
_POSITION = re.compile(r"error at (\d+):(\d+)(?:-(\d+):(\d+))?")

GRAPH_FORMS = frozenset({"CONSTRUCT", "DESCRIBE"})
UPDATE_FORMS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})

#: Every predeclared prefix on one line, so a position in the engine's error moves by one line.
PROLOGUE = sparql_prefixes(sep=" ").rstrip() + "\n"


def strip_comments(sparql: str) -> str:
    r"""The text without its comments; a `#` inside an IRI or a string is kept, lines stay lines.

    >>> strip_comments('SELECT * WHERE { ?s <http://e.org/ns#p> "#1" } # all\nLIMIT 1')
    'SELECT * WHERE { ?s <http://e.org/ns#p> "#1" } \nLIMIT 1'
    """
    return _LEXEME.sub(lambda m: "" if m.group(1) else m.group(0), sparql)


def decode_query(data: bytes, source: str) -> str:
    r"""Query text from bytes: SPARQL is UTF-8, so anything else is refused naming where.

    >>> decode_query(b"ASK {}", "q.rq")
    'ASK {}'
    >>> decode_query(b"# x\nASK { ?s ?p '\xff' }", "q.rq")
    Traceback (most recent call last):
    ...
    augustkg.errors.QueryFileError: q.rq:2: the text is not UTF-8 (byte 0xff at offset 17); save it as UTF-8
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        from .errors import QueryFileError

        line = data.count(b"\n", 0, exc.start) + 1
        raise QueryFileError(source, line, f"the text is not UTF-8 (byte 0x{data[exc.start]:02x} at offset "
                                           f"{exc.start}); save it as UTF-8") from None


#: SERVICE and its target: an IRI, a variable or a prefixed name.
_SERVICE = re.compile(r"\bSERVICE\s+(?:SILENT\s+)?(<[^>]*>|[?$]\w+|[\w.-]*:[\w.-]*)", re.IGNORECASE)
_BRACKET = re.compile(r"[(\[{]|[)\]}]")


def guard(sparql: str, max_length: int, max_depth: int, services: frozenset[str] = frozenset()) -> None:
    """Refuse, before any parser sees it, a query too long, nested too deeply, or calling out.

    The engine's recursive parser overflows its stack on a few thousand nested brackets and
    takes the process down with it (the CLI, or the server's engine); and SERVICE makes the
    engine fetch from any address the query names. Strings and comments are left out of both
    counts; SERVICE is allowed only towards the endpoints in `services`.

    >>> guard("ASK { FILTER((1)) }", 1000, 8)
    >>> guard("ASK { FILTER(" + "(" * 50 + "1" + ")" * 50 + ") }", 1000, 8)
    Traceback (most recent call last):
    ...
    augustkg.errors.QueryRefused: the query nests brackets 52 deep; the limit is 8 (setting max_query_depth)
    >>> guard("SELECT * { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }", 1000, 8)
    Traceback (most recent call last):
    ...
    augustkg.errors.QueryRefused: SERVICE <http://127.0.0.1:9/x> is refused: federated queries are off; allow an endpoint with the setting service_allow
    >>> guard("SELECT * { SERVICE <http://e.org/sparql> { ?s ?p ?o } }", 1000, 8, frozenset({"http://e.org/sparql"}))
    """
    from .errors import QueryRefused

    if len(sparql) > max_length:
        raise QueryRefused(f"the query is {len(sparql)} characters long; the limit is {max_length} "
                           "(setting max_query_length)")
    # The server runs this on every request, so the lexing is skipped when it cannot matter:
    # fewer opening brackets than the limit cannot nest past it, no "service" no SERVICE.
    deep = sparql.count("(") + sparql.count("[") + sparql.count("{") > max_depth
    calls = "service" in sparql.lower()
    if not (deep or calls):
        return
    code = _LEXEME.sub(lambda m: " " if m.group(1) else ('""' if m.group(0)[0] in "\"'" else m.group(0)), sparql)
    depth = deepest = 0
    for m in _BRACKET.finditer(code) if deep else ():
        depth += 1 if m.group(0) in "([{" else -1
        deepest = max(deepest, depth)
    if deepest > max_depth:
        raise QueryRefused(f"the query nests brackets {deepest} deep; the limit is {max_depth} (setting max_query_depth)")
    for m in _SERVICE.finditer(code):
        target = m.group(1)
        if target.strip("<>") not in services:
            raise QueryRefused(f"SERVICE {target} is refused: federated queries are off; "
                               "allow an endpoint with the setting service_allow")


def guard_by_settings(sparql: str) -> None:
    """`guard` with the limits and the allowed endpoints of the settings."""
    from . import settings

    guard(sparql, settings.get("max_query_length"), settings.get("max_query_depth"),
          frozenset(settings.get("service_allow").split()))


def query_form(sparql: str) -> str:
    r"""The first keyword after the prologue, upper-cased: SELECT, ASK, CONSTRUCT, INSERT, ...

    >>> query_form("PREFIX ex: <http://e.org/ns#>  # a comment\nconstruct { ?s ?p ?o } WHERE { ?s ?p ?o }")
    'CONSTRUCT'
    """
    text = strip_comments(sparql)
    return re.match(r"[A-Za-z]*", text[_PROLOGUE.match(text).end():]).group(0).upper()


def is_graph_query(sparql: str) -> bool:
    """Whether the answer is a graph (CONSTRUCT, DESCRIBE) rather than rows or a boolean."""
    return query_form(sparql) in GRAPH_FORMS


def is_update(sparql: str) -> bool:
    """Whether a text is a SPARQL update, which every read-only way in refuses.

    >>> is_update("PREFIX x: <urn:x:>\\n# note\\nINSERT DATA { x:a x:b x:c }"), is_update("ASK {}")
    (True, False)
    """
    return query_form(sparql) in UPDATE_FORMS


def declared_prefixes(sparql: str) -> set[str]:
    """The prefixes the query's prologue declares itself.

    >>> sorted(declared_prefixes("PREFIX ako: <x:> PREFIX : <y:> SELECT * {}"))
    ['', 'ako']
    """
    text = strip_comments(sparql)
    prologue = text[:_PROLOGUE.match(text).end()]
    return {m.group(1) for m in re.finditer(r"(?i)PREFIX\s+([^\s:]*):", prologue)}


def with_prefixes(sparql: str) -> str:
    """The query with the predeclared prefixes it does not declare itself, on one line before it:
    for engines that take no prefix map (rdflib, remote endpoints).

    >>> with_prefixes("SELECT * WHERE { ?s a ako:Front }").count("PREFIX ako:")
    1
    >>> with_prefixes("PREFIX ako: <x:> SELECT * WHERE { ?s a ako:Front }").count("PREFIX ako:")
    1
    """
    declared = declared_prefixes(sparql)
    missing = [p for p in PREFIXES if p not in declared]
    return sparql_prefixes(missing, sep=" ").rstrip() + "\n" + sparql if missing else sparql


def error_position(message: str) -> tuple[int | None, int | None, str]:
    """(line, column, the rest of the message) from a parser's `error at L:C` message.

    >>> error_position("error at 2:7: expected '}'")
    (2, 7, "expected '}'")
    >>> error_position("no position here")
    (None, None, 'no position here')
    """
    match = _POSITION.search(message)
    if not match:
        return None, None, message
    return int(match.group(1)), int(match.group(2)), message[match.end():].lstrip(": ")


def shift_positions(message: str, lines: int) -> str:
    """The message with every `error at` position moved up by `lines` (never above line 1):
    positions in the caller's own text after a prologue was put before it.

    >>> shift_positions("error at 2:7-2:9: expected", 1)
    'error at 1:7-1:9: expected'
    """
    def shift(match: re.Match) -> str:
        line, column, line2, column2 = match.groups()
        text = f"error at {max(1, int(line) - lines)}:{column}"
        return text + (f"-{max(1, int(line2) - lines)}:{column2}" if line2 else "")

    return _POSITION.sub(shift, message)


def has_where(sparql: str) -> bool:
    """Whether the query has an explicit `WHERE {` outside its comments (a VALUES block goes there)."""
    return _WHERE.search(strip_comments(sparql)) is not None


def bind_values(sparql: str, terms: dict) -> str:
    """Insert `VALUES (?a ?b) { (t1 t2) }` right after the outer WHERE's opening brace.

    Values are RDF terms written by pyoxigraph (correctly escaped), never text pasted into the
    query, so a value can only ever be data; unbound, the query still means "for all".

    >>> import pyoxigraph as ox
    >>> bind_values("SELECT * WHERE { ?s ?p ?_x_iri }", {"_x_iri": ox.NamedNode("http://e/x")})
    'SELECT * WHERE { VALUES (?_x_iri) { (<http://e/x>) }\\n ?s ?p ?_x_iri }'
    """
    if not terms:
        return sparql
    match = _WHERE.search(strip_comments(sparql))
    if match is None:
        from .errors import QueryFileError

        raise QueryFileError("query", None, "no WHERE { ... } to bind parameters into")
    at = _same_offset(sparql, match.end())
    names = " ".join("?" + v for v in terms)
    row = " ".join(str(t) for t in terms.values())
    return f"{sparql[:at]} VALUES ({names}) {{ ({row}) }}\n{sparql[at:]}"


def _same_offset(sparql: str, offset: int) -> int:
    """The offset in the original text of an offset in its comment-stripped form."""
    kept = 0
    for match in _LEXEME.finditer(sparql):
        if match.start() - kept >= offset:
            break
        if match.group(1):
            kept += len(match.group(0))
    return offset + kept
