"""The build pipeline: Turtle files in, a reasoned, checked, validated, persistent store out.

One module per step, in order: `parse` (Turtle → triples), `reason` with `rules` (the OWL 2 RL
closure; `reference_reasoner` is owlrl, the reference), `check` (consistency), `validate` with
`shacl_pyshacl` and `shacl_sparql` (SHACL), `store` (a new generation, swapped in atomically).
`run` orders them; `progress` and `rdflib_bridge` serve the steps.
"""

from .run import BuildResult, build, in_memory

__all__ = ["build", "BuildResult", "in_memory"]
