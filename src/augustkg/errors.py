"""One base error for everything a user can get wrong, so the CLI reports it in one place.

Each subclass names its spot (a file and line, a query position, a parameter) and the message
says what to do next. Exit codes: 2 for malformed input (bad SPARQL, bad parameters, unknown
names), 1 for a graph that fails its checks.
"""


class AugustError(Exception):
    """A mistake in user input or data: reported as one clean message, never a traceback.

    Every error the library raises for something a user can fix is one of these; the CLI prints
    it as one line and exits with its `exit_code`.

    >>> from augustkg import KnowledgeGraph
    >>> try:
    ...     KnowledgeGraph.from_turtle("").query("SELECT nonsense")
    ... except AugustError as exc:
    ...     print(type(exc).__name__, exc.exit_code, str(exc).split(":")[0])
    QuerySyntaxError 2 query, line 1, column 16
    """

    exit_code = 2


class DataError(AugustError):
    """A data or ontology file that cannot be read: names the file and line."""

    def __init__(self, path, line: int | None, message: str):
        self.path, self.line = str(path), line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


class QuerySyntaxError(AugustError):
    """Malformed SPARQL: carries the line and column the parser stopped at."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None, source: str = "query"):
        self.line, self.column = line, column
        where = f"{source}, line {line}, column {column}: " if line else f"{source}: "
        super().__init__(f"{where}{message}")


class UnknownName(AugustError):
    """A name that matches no resource, or several: lists close matches or candidates."""

    def __init__(self, name: str, candidates: list[tuple[str, str]], ambiguous: bool = False):
        self.name, self.candidates, self.ambiguous = name, candidates, ambiguous
        listing = "".join(f"\n  {label}  ({iri})" for iri, label in candidates)
        if ambiguous:
            msg = f"'{name}' is ambiguous; it names {len(candidates)} resources:{listing}\nUse one of the IRIs."
        elif candidates:
            msg = f"no resource is called '{name}'. Did you mean:{listing}"
        else:
            msg = f"no resource is called '{name}'."
        super().__init__(msg)


class ParameterError(AugustError):
    """A bad saved-query parameter: names the parameter."""

    def __init__(self, name: str, message: str):
        self.name = name
        super().__init__(f"parameter '{name}': {message}")


class QueryFileError(AugustError):
    """A saved query file with a malformed header or body: names the file and line."""

    def __init__(self, path, line: int | None, message: str):
        self.path, self.line = str(path), line
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")


class QueryRefused(AugustError):
    """A query refused before any engine sees it: too long, nested too deeply, or calling out
    to another endpoint (SERVICE) that is not allowed. Exit code 2; HTTP 400 on the server."""


class UnknownQuery(AugustError):
    """No saved query of that name: suggests close ones."""


class InconsistentGraph(AugustError):
    """The closure violates a disjointness axiom or has members of owl:Nothing."""

    exit_code = 1


class BuildFailed(AugustError):
    """The inputs are those of a build that failed already: its error, remembered."""

    exit_code = 1


class BuildFailedWarning(UserWarning):
    """The store is older than the inputs because their build failed: answers come from the
    last good generation. The message names the error (file and line)."""


class ValidationFailed(AugustError):
    """SHACL validation found violations."""

    exit_code = 1


class EndpointError(AugustError):
    """A remote SPARQL endpoint that cannot be reached, answers an error, or times out."""

    exit_code = 3
