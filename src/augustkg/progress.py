"""Progress bars on stderr for the long steps of a big build (parse, reason, store).

A million-triple build takes tens of seconds; a silent terminal for that long looks like a hang.
Bars only appear on a terminal, so logs and pipes stay clean.
"""

from __future__ import annotations

import sys
from typing import Callable


class BuildProgress:
    """`with BuildProgress(on) as bar: tick = bar.stage("parse", total); tick(done)`."""

    def __init__(self, enabled: bool | None = None):
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.bars = None

    def __enter__(self) -> "BuildProgress":
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bars = Progress(TextColumn("{task.description:<8}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), console=Console(stderr=True), transient=True)
            self.bars.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.bars is not None:
            self.bars.stop()

    def stage(self, name: str, total: int | None = None) -> Callable[..., None]:
        """A callback `tick(done, total=None)` for one step; a no-op when bars are off."""
        if self.bars is None:
            return lambda done, total=None: None
        task = self.bars.add_task(name, total=total)

        def tick(done: int, total: int | None = None) -> None:
            self.bars.update(task, completed=done, **({"total": total} if total is not None else {}))

        return tick
