"""The OpenAPI 3.0 description of the API, derived from the routes table and the saved queries.

A route in `routes.ROUTES` that belongs to the API names one of the path-item makers below; the
document holds exactly those routes, so it cannot list a path the server does not answer.
"""

from __future__ import annotations

from ..formats import RESULT_FORMATS

ERRORS = {"text/plain": {"schema": {"type": "string"}}}


def _answers() -> dict:
    answers = {media: {"schema": {"type": "string"}} for _, media in RESULT_FORMATS.values()}
    answers["application/sparql-results+json"] = {"schema": {"type": "object"}}
    return answers


def catalogue(path: str, saved) -> dict:
    """The path item of the catalogue."""
    return {path: {"get": {
        "summary": "The catalogue of saved queries", "operationId": "catalogue",
        "responses": {"200": {"description": "the saved queries",
                              "content": {"application/json": {"schema": {"type": "array"}}}}}}}}


def sparql(path: str, saved) -> dict:
    """The path item of the SPARQL endpoint (its GET form; POST is the protocol's)."""
    return {path: {"get": {
        "summary": "SPARQL 1.1 Protocol query (read-only)", "operationId": "sparql",
        "parameters": [{"name": "query", "in": "query", "required": True, "schema": {"type": "string"}}],
        "responses": {"200": {"description": "the answer", "content": _answers()},
                      "400": {"description": "malformed query", "content": ERRORS}}}}}


def saved_queries(path: str, saved) -> dict:
    """One path item per saved query, `{name}` filled in, its parameters as query parameters."""
    items = {}
    for q in saved:
        parameters = [{"name": p.name, "in": "query", "required": not p.optional and p.default is None,
                       "description": p.type_label + (", optional: leave it out for all" if p.optional else ""),
                       "schema": {"type": "string", **({"enum": list(map(str, p.choices))} if p.choices else {}),
                                  **({"default": p.default} if p.default else {})}}
                      for p in q.params]
        items[path.replace("{name}", q.name)] = {"get": {
            "summary": q.summary, "description": q.description, "tags": q.tags, "operationId": q.name,
            "parameters": parameters,
            "responses": {"200": {"description": "the answer", "content": _answers()},
                          "400": {"description": "a bad parameter, named in the message", "content": ERRORS},
                          "503": {"description": "the query ran past the time limit", "content": ERRORS}}}}
    return items


def document(routes, saved) -> dict:
    """The whole description: the path items of every API route in the table, in its order."""
    paths = {}
    for route in routes:
        if route.openapi is not None:
            paths.update(route.openapi(route.path, saved))
    return {"openapi": "3.0.3",
            "info": {"title": "augustkg", "version": "1",
                     "description": "The Soviet–Japanese War of 1945 as a knowledge graph: saved queries and SPARQL."},
            "paths": paths}
