"""What a build reads, and a fingerprint of it for staleness checks.

The fingerprint covers file names and bytes plus the reasoner's name, so an edited data file, an
added file or a switch of reasoner each make the store stale.
"""

from __future__ import annotations

from pathlib import Path

ENGINE_VERSION = "2"  # bump when the closure the engine computes changes


class Inputs:
    """The files of one project. Lives outside `pipeline/` and avoids dataclasses because every
    reading command checks freshness with it, and must start fast."""

    def __init__(self, home: Path, ontology: tuple, shapes: Path | None, data: tuple, checks: tuple = ()):
        self.home, self.ontology, self.shapes, self.data, self.checks = home, ontology, shapes, data, checks

    @classmethod
    def find(cls, home: Path, data_dir: Path | None = None) -> "Inputs":
        """The ontology files (ontology/*.ttl but the shapes), the shapes, data/**/*.ttl and the
        quality checks (ontology/checks/*-violation.rq: some of them fail the build)."""
        onto = home / "ontology"
        shapes = onto / "shapes.ttl"
        ontology = tuple(sorted(p for p in onto.glob("*.ttl") if p.name != "shapes.ttl"))
        data = tuple(sorted((data_dir or home / "data").rglob("*.ttl")))
        checks = tuple(sorted((onto / "checks").glob("*-violation.rq")))
        return cls(home, ontology, shapes if shapes.is_file() else None, data, checks)

    @property
    def graph_files(self) -> tuple[Path, ...]:
        """Files whose triples make up the asserted graph, in a fixed order."""
        return self.ontology + self.data

    @property
    def all_files(self) -> tuple[Path, ...]:
        return self.graph_files + ((self.shapes,) if self.shapes else ()) + self.checks

    def stat_key(self) -> list[list]:
        """Names, sizes and mtimes: cheap to compute, enough to notice most edits."""
        out = []
        for p in self.all_files:
            st = p.stat()
            out.append([self.rel(p), st.st_size, st.st_mtime_ns])
        return out

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.home))
        except ValueError:
            return str(path)

    def fingerprint(self, reasoner: str) -> str:
        import hashlib

        h = hashlib.sha256(f"augustkg-engine {ENGINE_VERSION} reasoner {reasoner}\n".encode())
        for p in self.all_files:
            h.update(self.rel(p).encode() + b"\0")
            h.update(hashlib.sha256(p.read_bytes()).digest())
        return h.hexdigest()
