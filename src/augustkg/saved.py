"""Saved query files: read the grlc header, check it, bind parameters as RDF terms, run.

A file in `queries/` is plain SPARQL with a header of `#+ key: value` lines (YAML, grlc's
decorator format) and parameters named in grlc's convention: `?_name_type` (required) or
`?__name_type` (optional), where the type suffix is `iri`, `xsd_<datatype>`, a language tag,
or nothing for a plain string. Unbound, a parameter means "for all", so every file runs as is
in any SPARQL engine.

Values are bound by a VALUES block written from RDF terms (pyoxigraph serialises them with
correct escaping) and placed at the top of the outer WHERE group — never pasted into the query
text — so a value can only ever be data.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .errors import ParameterError, QueryFileError, UnknownName, UnknownQuery
from .namespaces import XSD, expand, shorten
from .sparql import bind_values, has_where, strip_comments

# grlc: `?_` or `?__`, a name of letters and digits, then optional `_type` parts.
PARAM = re.compile(r"\?(__?)([A-Za-z0-9]+)((?:_[A-Za-z0-9]+)*)\b")
LANG = re.compile(r"^[a-z]{2,3}$")
HEADER_KEYS = {"summary", "description", "tags", "defaults", "enumerate", "endpoint", "method", "pagination",
               "endpoint_in_url", "transform"}


@dataclass(frozen=True)
class Param:
    name: str  # as users write it: `unit`
    variable: str  # as the query writes it, without `?`: `_unit_iri`
    type: str  # "iri", "string", a language tag, or an XSD datatype local name ("date", "integer", ...)
    optional: bool
    default: str | None = None
    choices: tuple = ()

    @property
    def shown_default(self) -> str | None:
        """The default as people read it: `akr:KwantungArmy` rather than the whole IRI."""
        if self.default is not None and self.type == "iri" and self.default.startswith(("http://", "https://")):
            return shorten(self.default)
        return self.default

    @property
    def type_label(self) -> str:
        return {"iri": "IRI or name", "string": "text"}.get(self.type, f"xsd:{self.type}" if not LANG.match(self.type) else f"text @{self.type}")

    def term(self, value, kg=None):
        """The RDF term for a value given as text (or a Python date/int), checked against the type."""
        if self.type == "iri":
            text = str(value).strip()
            if not text:
                raise ParameterError(self.name, "needs a name, a prefixed name (akr:...) or an IRI; got an empty value")
            if kg is not None:
                try:
                    iri = kg.resolve(text)
                except UnknownName as exc:  # say which parameter the unknown name was given for
                    raise ParameterError(self.name, str(exc)) from None
            else:
                iri = expand(text)
                if iri is None:
                    raise ParameterError(self.name, f"'{text}' is not an IRI or a prefixed name")
            if any(c in iri for c in '<>"{}|^`\\ \n\t'):
                raise ParameterError(self.name, f"'{text}' is not a valid IRI")
            return ox.NamedNode(iri)
        if self.type in ("string",):
            return ox.Literal(str(value))
        if LANG.match(self.type):
            return ox.Literal(str(value), language=self.type)
        return ox.Literal(_check_xsd(self.name, self.type, value), datatype=ox.NamedNode(XSD + self.type))


def _check_xsd(name: str, datatype: str, value) -> str:
    text = value.isoformat() if isinstance(value, datetime.date) else str(value).strip()
    try:
        if datatype == "date":
            datetime.date.fromisoformat(text)
            if not re.fullmatch(r"-?\d{4}-\d{2}-\d{2}", text):
                raise ValueError
        elif datatype in ("integer", "int", "long", "nonNegativeInteger"):
            int(text)
        elif datatype in ("decimal", "double", "float"):
            float(text)
        elif datatype == "gYear":
            if not re.fullmatch(r"-?\d{4}", text):
                raise ValueError
        elif datatype == "boolean":
            if text not in ("true", "false"):
                raise ValueError
    except ValueError:
        example = {"date": "1945-08-09", "gYear": "1945", "boolean": "true"}.get(datatype, "42")
        raise ParameterError(name, f"'{text}' is not a valid xsd:{datatype} (for example {example})") from None
    return text


def _without_grlc_twins(params: list) -> list:
    """Drop `?__xName_literal`, the by-name twin of an IRI parameter `?__x_iri` for grlc users:
    grlc can only paste an IRI into `?__x_iri`, so each query also matches a name given as
    `xName` in SPARQL. Here `x` itself takes any name, so the twin stays unbound (which the
    query reads as "no name given") and is not offered twice.

    >>> [p.name for p in _without_grlc_twins([Param("unit", "__unit_iri", "iri", True),
    ...                                       Param("unitName", "__unitName_literal", "string", True)])]
    ['unit']
    """
    iris = {p.name for p in params if p.type == "iri"}
    return [p for p in params if not (p.variable.endswith("Name_literal") and p.name[:-4] in iris)]


def _param_type(suffix: str) -> str:
    parts = [p for p in suffix.split("_") if p]
    if not parts:
        return "string"
    if parts == ["iri"]:
        return "iri"
    if parts[0] == "xsd" and len(parts) == 2:
        return parts[1]
    if len(parts) == 1 and LANG.match(parts[0]):
        return parts[0]
    return "string"


@dataclass
class SavedQuery:
    name: str
    path: Path
    text: str
    header: dict = field(default_factory=dict)
    params: list[Param] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return str(self.header.get("summary", ""))

    @property
    def description(self) -> str:
        return str(self.header.get("description", ""))

    @property
    def tags(self) -> list:
        return list(self.header.get("tags") or [])

    @classmethod
    def read(cls, path: Path) -> "SavedQuery":
        import yaml

        from .sparql import decode_query

        text = decode_query(path.read_bytes(), str(path))
        header_lines, first_body = [], None
        for number, line in enumerate(text.splitlines(), 1):
            if line.startswith("#+"):
                header_lines.append((number, line[2:].removeprefix(" ")))
            elif first_body is None and line.strip() and not line.startswith("#"):
                first_body = number
        if not header_lines:
            raise QueryFileError(path, 1, "no header: start the file with '#+ summary: ...' lines (grlc format)")
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 5x faster
        try:
            header = yaml.load("\n".join(line for _, line in header_lines), Loader=loader) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = header_lines[min(mark.line, len(header_lines) - 1)][0] if mark else header_lines[0][0]
            raise QueryFileError(path, line, f"the #+ header is not valid YAML: {getattr(exc, 'problem', exc)}") from None
        if not isinstance(header, dict):
            raise QueryFileError(path, header_lines[0][0], "the #+ header must be a YAML mapping (key: value lines)")
        unknown = set(header) - HEADER_KEYS
        if unknown:
            raise QueryFileError(path, header_lines[0][0], f"unknown header key(s): {', '.join(sorted(unknown))}")
        if not header.get("summary"):
            raise QueryFileError(path, header_lines[0][0], "the header needs a summary")
        defaults = _mapping_list(path, header.get("defaults"), "defaults")
        choices = _mapping_list(path, header.get("enumerate"), "enumerate")
        body = strip_comments(text)
        params, seen = [], {}
        for match in PARAM.finditer(body):
            prefix, name, suffix = match.groups()
            variable = match.group(0)[1:]
            if variable in seen:
                continue
            seen[variable] = True
            default = defaults.get(name)
            params.append(Param(name, variable, _param_type(suffix), prefix == "__",
                                None if default is None else str(default), tuple(choices.get(name) or ())))
        params = _without_grlc_twins(params)
        names = [p.name for p in params]
        if len(set(names)) != len(names):
            raise QueryFileError(path, first_body, "two parameter variables share one name")
        for key in list(defaults) + list(choices):
            if key not in names:
                raise QueryFileError(path, header_lines[0][0], f"the header names '{key}', which no ?_{key}... variable uses")
        if params and not has_where(body):
            raise QueryFileError(path, first_body, "a query with parameters needs an explicit WHERE { ... }")
        return cls(path.stem, path, text, header, params)

    def param(self, name: str) -> Param:
        for p in self.params:
            if name in (p.name, p.variable, "?" + p.variable):
                return p
        known = [p.name for p in self.params]
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        raise ParameterError(name, f"'{self.name}' has no such parameter (its parameters: "
                                   f"{', '.join(known) or 'none'}).{hint}")

    def values(self, pairs) -> dict:
        """(name, value) pairs as a dict, each name checked to be a parameter of this query.

        >>> q = SavedQuery("q", Path("q.rq"), "SELECT * WHERE { ?s ?p ?__unit_iri }",
        ...                params=[Param("unit", "__unit_iri", "iri", True)])
        >>> q.values([("unit", "akr:KwantungArmy")])
        {'unit': 'akr:KwantungArmy'}
        """
        values = {}
        for key, value in pairs:
            values[self.param(key.strip()).name] = value
        return values

    def bind(self, values: dict, kg=None) -> str:
        """The query text with the values bound in a VALUES block; missing required ones default.

        `kg` (any `engine.Engine`) resolves names given for IRI parameters.
        """
        terms = {}
        for key, value in values.items():
            p = self.param(key)
            if value is None or (p.optional and str(value).strip() == ""):
                continue  # an optional parameter left empty means "for all"
            if p.choices and str(value) not in map(str, p.choices) and p.type != "iri":
                raise ParameterError(p.name, f"'{value}' is not one of: {', '.join(map(str, p.choices))}")
            terms[p.variable] = p.term(value, kg)
        for p in self.params:
            if p.variable not in terms and not p.optional:
                if p.default is None:
                    raise ParameterError(p.name, f"is required by '{self.name}' ({p.type_label}); give --param {p.name}=...")
                terms[p.variable] = p.term(p.default, kg)
        return bind_values(self.text, terms)

    def run(self, kg, values: dict, fmt: str | None = None):
        """Bind and run on an engine: a `Result`, or bytes in `fmt`."""
        sparql = self.bind(values, kg)
        if fmt:
            return kg.serialize(sparql, fmt, source=str(self.path))
        return kg.query(sparql, source=str(self.path))


def _mapping_list(path, value, key) -> dict:
    """grlc writes defaults/enumerate as a list of one-key mappings; accept a mapping too."""
    if value is None:
        return {}
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, list) and all(isinstance(item, dict) for item in value):
        out = {}
        for item in value:
            out.update(item)
        return out
    raise QueryFileError(path, None, f"'{key}' must be a list of 'name: value' entries")


class SavedQueries:
    """The folder of saved queries, each file read when first needed.

    `augustkg run NAME` reads only the file it runs: parsing every header would cost more than
    answering the query. Iterating (the catalogue, the server at start) reads and checks them all.
    """

    def __init__(self, folder: Path, paths: dict[str, Path]):
        self.folder, self.paths = folder, paths
        self._read: dict[str, SavedQuery] = {}

    @classmethod
    def load(cls, folder: Path) -> "SavedQueries":
        paths = {p.stem: p for p in sorted(Path(folder).glob("*.rq")) if not p.stem.endswith("-violation")}
        return cls(Path(folder), paths)

    @property
    def queries(self) -> dict[str, SavedQuery]:
        return {name: self._query(name) for name in self.paths}

    def _query(self, name: str) -> SavedQuery:
        if name not in self._read:
            self._read[name] = SavedQuery.read(self.paths[name])
        return self._read[name]

    def __iter__(self):
        return iter(self.queries.values())

    def __len__(self):
        return len(self.paths)

    def get(self, name: str) -> SavedQuery:
        name = name.removesuffix(".rq")
        if name in self.paths:
            return self._query(name)
        close = difflib.get_close_matches(name, list(self.paths), n=4, cutoff=0.5)
        if not close:
            close = [q for q in self.paths if name and (name in q or q in name)][:4]
        hint = f" Did you mean: {', '.join(close)}?" if close else " Run 'augustkg queries' for the list."
        raise UnknownQuery(f"no saved query is called '{name}'.{hint}")


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def catalog_markdown(folder) -> str:
    """queries/README.md, written from the headers so that the catalogue cannot drift from the files."""
    saved = SavedQueries.load(Path(folder))
    lines = [
        "# Saved queries",
        "",
        "Plain SPARQL 1.1 files with a [grlc](https://grlc.io) header (`#+ summary:`, `description`,",
        "`tags`, `defaults`, `enumerate`). Run one with `augustkg run NAME --param name=value`, from",
        "Python with `kg.run(\"NAME\", name=value)`, or paste the file into any SPARQL engine: every",
        "file declares its prefixes, and a parameter left unbound means \"for all\".",
        "",
        "Parameters follow grlc's convention: `?_name_type` is required and falls back to its default;",
        "`?__name_type` is optional: left out, the query runs for all, and its default is only the",
        "value grlc offers in its form. `_iri` parameters take an IRI, a prefixed name",
        "(`akr:KwantungArmy`) or any name of the resource; `_xsd_date` ones a date such as `1945-08-20`.",
        "Through grlc, which pastes text as it is, an `_iri` parameter `x` takes only a full IRI; its",
        "twin `xName` (`?__xName_literal`, not listed below) takes any name of the resource, any case.",
        "",
        "This file is generated: `augustkg queries --format markdown > queries/README.md`.",
        "",
        "| query | summary | parameters |",
        "|---|---|---|",
    ]
    for q in saved:
        params = []
        for p in q.params:
            default = p.shown_default
            bits = [p.type_label, "optional" if p.optional else "required"]
            if default is not None:
                bits.append(f"default `{default}`")
            params.append(f"`{p.name}` ({', '.join(bits)})")
        lines.append(f"| `{q.name}` | {_cell(q.summary)} | {'<br>'.join(params) or '—'} |")
    return "\n".join(lines) + "\n"
