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

    __slots__ = ("name", "default", "help", "type", "choices", "old_env")

    def __init__(self, name: str, default: object, help: str, type: type = str,  # noqa: A002
                 choices: dict[str, str] | None = None, old_env: str | None = None):
        self.name, self.default, self.help, self.type = name, default, help, type
        self.choices = choices or {}  # value -> what it means; the CLI offers exactly these
        self.old_env = old_env  # a deprecated variable still read, with a note on stderr

    @property
    def env(self) -> str:
        return "AUGUSTKG_" + self.name.upper()

    @property
    def meaning(self) -> str:
        """The help text with its choices spelled out: what `--help` and the README show."""
        if not self.choices:
            return self.help
        return self.help + " " + "; ".join(f"{k}: {v}" for k, v in self.choices.items()) + "."

    def get(self):
        raw = os.environ.get(self.env)
        if not raw and self.old_env and os.environ.get(self.old_env):
            raw = os.environ[self.old_env]
            _deprecated(self.old_env, self.env)
        if raw is None or raw == "":
            return self.default
        try:
            value = self.type(raw)
        except ValueError:
            value = None
        if value is None or (self.choices and value not in self.choices):
            from .errors import AugustError

            wanted = f"one of: {', '.join(self.choices)}" if self.choices else f"a valid {self.type.__name__}"
            raise AugustError(f"setting {self.env}={raw!r} is not {wanted}")
        return value


_warned: set[str] = set()


def _deprecated(old: str, new: str) -> None:
    if old not in _warned:
        _warned.add(old)
        import sys

        print(f"augustkg: {old} is deprecated; set {new} instead", file=sys.stderr)


SETTINGS = {
    s.name: s
    for s in [
        Setting("home", "", "Project folder holding ontology/ and data/ (default: found from the current folder, then the package's own checkout, then the files an installed wheel carries in <prefix>/share/augustkg)."),
        Setting("store_dir", "", "Where `build` writes the store, its dumps and manifest (default: <home>/store in a checkout, "
                "the per-user data folder (~/.local/share/augustkg/store on Linux) for an installed package; "
                "the old AUGUSTKG_BUILD_DIR is still read).", old_env="AUGUSTKG_BUILD_DIR"),
        Setting("reasoner", "fast", "Reasoner used by `build`.",
                choices={"fast": "the project's materializer", "owlrl": "the reference reasoner (slow)"}),
        Setting("timeout", 10.0, "Seconds a SPARQL query may run on the server before it is stopped.", float),
        Setting("max_body", 1_048_576, "Largest request body the server accepts, in bytes (413 above).", int),
        Setting("host", "127.0.0.1", "Address `serve` binds to; 0.0.0.0 opens it to the network on purpose."),
        Setting("port", 7878, "Port `serve` listens on.", int),
        Setting("public_url", "https://augustkg.example.org", "Public address where `augustkg serve` answers behind "
                "https://w3id.org/augustkg/: the target of the w3id redirects (docs/w3id/.htaccess, `python -m augustkg.w3id`) "
                "and the SPARQL endpoint named in the release bundle's VoID."),
        Setting("cors", "", "Origins allowed by CORS on the server, separated by commas ('*' for any); empty means CORS off. "
                "A page on any other site is refused (403) when it sends a query or a POST."),
        Setting("allowed_hosts", "", "Host names the server answers for besides 127.0.0.1, localhost, [::1] and the "
                "`host` it binds (any port), separated by spaces; '*' for any. Other Host headers get 421, so that "
                "a page on another site cannot reach a local server by DNS rebinding; needed when serving on "
                "0.0.0.0 or behind a proxy."),
        Setting("max_request_line", 65_536, "Longest request line (method, URL, version) the server reads, in bytes "
                "(414 above: send long queries by POST).", int),
        Setting("max_header_bytes", 65_536, "Largest block of request headers the server reads, in bytes (431 above).", int),
        Setting("header_timeout", 10.0, "Seconds a client has to send a complete request head before the server "
                "answers 408 and closes the connection.", float),
        Setting("row_limit", 10_000, "Most rows a web page or table output shows.", int),
        Setting("shacl", "sparql", "SHACL engine of `build` and `validate`.",
                choices={"sparql": "the shapes compiled to queries over the store: fast at every size; tests prove it reports what pyshacl reports",
                         "pyshacl": "the reference implementation (slower: seconds on the shipped graph)",
                         "auto": "sparql above `shacl_sparql_above` triples, else pyshacl"}),
        Setting("shacl_sparql_above", 200_000, "Closure size (triples) above which `shacl=auto` validates with SPARQL instead of pyshacl.", int),
        Setting("max_query_length", 1_000_000, "Longest query text accepted, in characters (CLI, Python and server: exit 2 / HTTP 400 above).", int),
        Setting("max_query_depth", 200, "Deepest nesting of brackets accepted in a query; deeper texts are refused before parsing, since they overflow the parser.", int),
        Setting("service_allow", "", "Endpoints a SERVICE clause may call, separated by spaces; empty means federated queries are refused.", str),
        Setting("endpoint_timeout", 60.0, "Seconds to wait for a remote SPARQL endpoint (`--endpoint`, `publish`) before giving up.", float),
        Setting("publish_chunk", 100_000, "Triples per request when `publish` uploads to a Graph Store.", int),
    ]
}


def markdown_table() -> str:
    """The README's settings table, generated so that docs and code cannot drift apart."""
    rows = ["| setting | environment variable | default | meaning |", "|---|---|---|---|"]
    rows += [f"| `{s.name}` | `{s.env}` | `{s.default!s}` | {s.meaning} |" for s in SETTINGS.values()]
    return "\n".join(rows)


def get(name: str):
    """The current value of a setting.

    >>> get("port")
    7878
    """
    return SETTINGS[name].get()


def choose(name: str, value: str | None = None) -> str:
    """A value given by the caller, else the setting's, checked against the setting's choices.

    >>> choose("reasoner"), choose("reasoner", "owlrl")
    ('fast', 'owlrl')
    """
    setting = SETTINGS[name]
    value = value or setting.get()
    if setting.choices and value not in setting.choices:
        from .errors import AugustError

        raise AugustError(f"unknown {name} '{value}'; choose one of: {', '.join(setting.choices)}")
    return value


def home() -> Path:
    """The project folder: the setting, else the nearest folder up with ontology/ and data/,
    else the checkout the package was installed from (editable install), else the copy of
    ontology/, data/ and queries/ an installed wheel carries (<prefix>/share/augustkg)."""
    explicit = get("home")
    if explicit:
        return Path(explicit).resolve()
    here = Path.cwd().resolve()
    for folder in [here, *here.parents]:
        if _is_project(folder):
            return folder
    checkout = Path(__file__).resolve().parents[2]
    if _is_project(checkout):
        return checkout
    for folder in installed_homes():
        if _is_project(folder):
            return folder
    return checkout


def _is_project(folder: Path) -> bool:
    return (folder / "ontology" / "augustkg.ttl").is_file() and (folder / "data").is_dir()


def installed_homes() -> list[Path]:
    """Where a wheel puts the project's files: `data-files` in pyproject.toml map ontology/,
    data/ and queries/ to share/augustkg/ under the install scheme's data folder (the venv or
    system prefix, or the user base for `pip install --user`)."""
    import sysconfig

    schemes = [sysconfig.get_default_scheme(), f"{os.name}_user"]
    folders = []
    for scheme in schemes:
        try:
            folders.append(Path(sysconfig.get_path("data", scheme)) / "share" / "augustkg")
        except KeyError:
            continue
    return folders


def user_data_dir() -> Path:
    """The per-user data folder of the platform (the conventions platformdirs follows):
    $XDG_DATA_HOME/augustkg or ~/.local/share/augustkg on Linux, ~/Library/Application
    Support/augustkg on macOS, %LOCALAPPDATA%\\augustkg on Windows."""
    import sys

    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Application Support")
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "augustkg"


STORE_FOLDER = "store"  # <home>/store: a name no packaging tool writes to (unlike build/ and dist/)
OLD_STORE_FOLDER = "build"  # where stores were written before


def store_dir(home_dir: Path | None = None) -> Path:
    """Where the store lives: the setting, else <home>/store in a checkout, else (an installed
    package, whose files sit in a folder the user may not write) <user data folder>/store."""
    explicit = get("store_dir")
    if explicit:
        return Path(explicit).resolve()
    home_dir = home_dir or home()
    # an installed home always ends in share/augustkg: the cheap test spares a checkout the
    # sysconfig import (milliseconds on every cold command)
    installed = home_dir.name == "augustkg" and home_dir.parent.name == "share"
    if installed and any(home_dir.resolve() == folder.resolve() for folder in installed_homes()):
        return user_data_dir() / STORE_FOLDER
    return home_dir / STORE_FOLDER
