"""Turning ontology/ and data/ into a reasoned, validated, persistent store."""

from .pipeline import REASONERS, BuildResult, build

__all__ = ["build", "BuildResult", "REASONERS"]
