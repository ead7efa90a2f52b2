"""Terminal output: tables with labels beside IRIs."""

from __future__ import annotations

import io


def test_table_shows_labels_beside_iris(kg):
    from rich.console import Console

    from augustkg.terminal import print_table

    console = Console(file=io.StringIO(), width=200)
    print_table(kg.query("SELECT ?c WHERE { ?c ako:commands akr:TransbaikalFront }"), kg, console)
    assert "Rodion Malinovsky (akr:RodionMalinovsky)" in console.file.getvalue()
