"""augustkg: a cited knowledge graph of the 1945 Soviet–Japanese War, with SPARQL access.

Open the graph (built into `<home>/store` first if anything changed, or in memory only), then
ask it in SPARQL, run a saved query by name, or look a resource up by any of its names:

>>> import augustkg
>>> kg = augustkg.open(memory=True)
>>> [row["commanderLabel"] for row in kg.run("who-commanded", unit="Kwangtung Army").values()]
['Otozō Yamada']
>>> kg.label(kg.resolve("Shenyang"))
'Mukden'

The same calls work on a remote SPARQL endpoint holding the published graph
(`augustkg.Endpoint(url)`); every mistake is an `augustkg.AugustError`.
"""

from .engine import Engine
from .errors import AugustError
from .graph import KnowledgeGraph, open  # noqa: A004

__version__ = "0.1.0"
__all__ = ["open", "KnowledgeGraph", "Endpoint", "Engine", "AugustError", "__version__"]


def __getattr__(name: str):
    """`augustkg.Endpoint`, imported on first use: the HTTP client it needs costs every cold
    `augustkg query` on the embedded store several milliseconds otherwise."""
    if name == "Endpoint":
        from .remote import Endpoint

        return Endpoint
    raise AttributeError(f"module 'augustkg' has no attribute {name!r}")
