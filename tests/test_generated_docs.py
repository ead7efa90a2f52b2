"""The docs written from the code are current: docs/cli.md from the commands, and the README's
settings table and routes list from their registries (`python -m augustkg.generated_docs`)."""

from __future__ import annotations

from augustkg import generated_docs, settings
from augustkg.server.routes import ROUTES


def test_the_generated_docs_are_current(root):
    assert generated_docs.stale(root) == [], "run: .venv/bin/python -m augustkg.generated_docs"


def test_the_cli_reference_covers_every_command(root):
    from augustkg.cli import cli

    text = (root / "docs" / "cli.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"## `augustkg {name}`" in text
    assert "`augustkg draw timeline`" in text and "AUGUSTKG_STORE_DIR" in text


def test_the_readme_names_every_setting_and_route(root):
    readme = (root / "README.md").read_text(encoding="utf-8")
    for setting in settings.SETTINGS.values():
        assert f"`{setting.env}`" in readme
    for route in ROUTES:
        assert f"| `{route.path}` |" in readme
