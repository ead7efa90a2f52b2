"""The parts of the docs written from the code: the CLI reference, the settings table, the routes list.

Each is made from its registry (the click commands, `settings.SETTINGS`, `server.routes.ROUTES`)
so the docs cannot drift from what the program does: `python -m augustkg.generated_docs` writes
them, and a test fails while any is stale. In the README they sit between marker comments,
`<!-- generated: NAME -->` and `<!-- end: NAME -->`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

CLI_REFERENCE = Path("docs") / "cli.md"
README = Path("README.md")
W3ID_RULES = Path("docs") / "w3id" / ".htaccess"


def cli_markdown() -> str:
    """docs/cli.md: every command and subcommand, its usage, help and options.

    >>> print(cli_markdown().splitlines()[0])
    # Command-line reference
    """
    from .cli import cli

    lines = ["# Command-line reference", "",
             "Generated from the commands (`python -m augustkg.generated_docs`); a test fails when it is stale.",
             "Every option that has a setting can also be given by its environment variable; see the README's",
             "settings table.", ""]
    root = click.Context(cli, info_name="augustkg", **cli.context_settings)
    lines += _command(cli, root)
    return "\n".join(lines).rstrip() + "\n"


def _command(command: click.Command, ctx: click.Context) -> list[str]:
    out = []
    if ctx.parent is not None:
        out += [f"## `{ctx.command_path}`", ""]
    out += [f"    {ctx.command_path} {' '.join(command.collect_usage_pieces(ctx))}", ""]
    if command.help:
        out += [" ".join(command.help.split()), ""]
    options = [p.get_help_record(ctx) for p in command.get_params(ctx) if isinstance(p, click.Option)]
    options = [record for record in options if record]
    if options:
        out += ["| option | meaning |", "|---|---|"]
        out += [f"| `{_cell(names)}` | {_cell(' '.join(text.split()))} |" for names, text in options]
        out.append("")
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            out += _command(sub, click.Context(sub, info_name=name, parent=ctx))
    return out


def _cell(text: str) -> str:
    """Text for a Markdown table cell: a `|` would end the cell, even inside backticks."""
    return text.replace("|", "\\|")


def blocks() -> dict[str, str]:
    """The README's generated blocks by name."""
    from . import settings
    from .server.routes import markdown_table

    return {"settings": settings.markdown_table(), "routes": markdown_table()}


def with_blocks(text: str, found: dict[str, str]) -> str:
    """The text with each marked block replaced by its generated content.

    >>> with_blocks("a\\n<!-- generated: x -->\\nold\\n<!-- end: x -->\\nb", {"x": "new"})
    'a\\n<!-- generated: x -->\\nnew\\n<!-- end: x -->\\nb'
    """
    for name, content in found.items():
        pattern = re.compile(rf"(<!-- generated: {name} -->\n)(?:.*?\n)?(<!-- end: {name} -->)", re.S)
        if not pattern.search(text):
            raise ValueError(f"no '<!-- generated: {name} -->' block to fill")
        text = pattern.sub(lambda m: m.group(1) + content + "\n" + m.group(2), text)
    return text


def expected(home: Path) -> dict[Path, str]:
    """Every generated file as it should read now."""
    readme = home / README
    from .settings import SETTINGS
    from .w3id import htaccess

    return {home / CLI_REFERENCE: cli_markdown(), readme: with_blocks(readme.read_text(encoding="utf-8"), blocks()),
            home / W3ID_RULES: htaccess(SETTINGS["public_url"].default)}


def stale(home: Path) -> list[Path]:
    """The generated files that do not match the code."""
    return [path for path, text in expected(home).items()
            if not path.is_file() or path.read_text(encoding="utf-8") != text]


def main() -> None:
    from . import settings

    for path, text in expected(settings.home()).items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
