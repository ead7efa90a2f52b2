"""augustkg: a cited knowledge graph of the 1945 Soviet–Japanese War, with SPARQL access.

>>> import augustkg
>>> kg = augustkg.open()                                          # doctest: +SKIP
>>> kg.run("who-commanded", unit="Transbaikal Front").values()   # doctest: +SKIP
"""

from .errors import AugustError
from .graph import KnowledgeGraph, open  # noqa: A004

__version__ = "0.1.0"
__all__ = ["open", "KnowledgeGraph", "AugustError", "__version__"]
