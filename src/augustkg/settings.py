"""Every tunable in one registry: defaults, environment variables, `--help` and the README table.

A setting is read from its environment variable (``AUGUSTKG_<NAME>``) or takes its default;
command-line options override both. A test checks that the README mentions each one.
"""

from __future__ import annotations

import os
from pathlib import Path


class Setting:
    """One setting. A plain class rather than a dataclass: `dataclasses` pulls in `inspect`,
    which costs a cold `augustkg query` several milliseconds."""

    __slots__ = ("name", "default", "help", "type")

    def __init__(self, name: str, default: object, help: str, type: type = str):  # noqa: A002
        self.name, self.default, self.help, self.type = name, default, help, type

    @property
    def env(self) -> str:
        return "AUGUSTKG_" + self.name.upper()

    def get(self):
        raw = os.environ.get(self.env)
        if raw is None or raw == "":
            return self.default
        try:
            return self.type(raw)
        except ValueError:
            from .errors import AugustError

            raise AugustError(f"setting {self.env}={raw!r} is not a valid {self.type.__name__}") from None


SETTINGS = {
    s.name: s
    for s in [
        Setting("home", "", "Project folder holding ontology/ and data/ (default: found from the current folder, then the package's own checkout)."),
        Setting("build_dir", "", "Where the store, the closure dump and the build manifest are written (default: <home>/build)."),
        Setting("reasoner", "fast", "Reasoner used by `build`: fast (the project's materializer) or owlrl (the reference)."),
        Setting("timeout", 10.0, "Seconds a SPARQL query may run on the server before it is stopped.", float),
        Setting("max_body", 1_048_576, "Largest request body the server accepts, in bytes (413 above).", int),
        Setting("host", "127.0.0.1", "Address `serve` binds to; 0.0.0.0 opens it to the network on purpose."),
        Setting("port", 7878, "Port `serve` listens on.", int),
        Setting("cors", "", "Origins allowed by CORS on the server ('*' for any); empty means CORS off."),
        Setting("row_limit", 10_000, "Most rows a web page or table output shows.", int),
        Setting("shacl", "auto", "SHACL engine of `build`: pyshacl, sparql (the shapes compiled to queries over the store, for big graphs) or auto (sparql above `shacl_sparql_above`)."),
        Setting("shacl_sparql_above", 200_000, "Closure size (triples) above which `shacl=auto` validates with SPARQL instead of pyshacl.", int),
        Setting("endpoint_timeout", 60.0, "Seconds to wait for a remote SPARQL endpoint (`--endpoint`, `publish`) before giving up.", float),
        Setting("publish_chunk", 100_000, "Triples per request when `publish` uploads to a Graph Store.", int),
    ]
}


def markdown_table() -> str:
    """The README's settings table, generated so that docs and code cannot drift apart."""
    rows = ["| setting | environment variable | default | meaning |", "|---|---|---|---|"]
    rows += [f"| `{s.name}` | `{s.env}` | `{s.default!s}` | {s.help} |" for s in SETTINGS.values()]
    return "\n".join(rows)


def get(name: str):
    """The current value of a setting.

    >>> get("port")
    7878
    """
    return SETTINGS[name].get()


def home() -> Path:
    """The project folder: the setting, else the nearest folder up with ontology/ and data/,
    else the checkout the package was installed from."""
    explicit = get("home")
    if explicit:
        return Path(explicit).resolve()
    here = Path.cwd().resolve()
    for folder in [here, *here.parents]:
        if (folder / "ontology" / "augustkg.ttl").is_file() and (folder / "data").is_dir():
            return folder
    return Path(__file__).resolve().parents[2]


def build_dir() -> Path:
    explicit = get("build_dir")
    return Path(explicit).resolve() if explicit else home() / "build"
