"""Settings: one registry, and the README's table generated from it."""

import pytest

from augustkg import settings
from augustkg.errors import AugustError


def test_readme_settings_table_is_up_to_date(root):
    readme = (root / "README.md").read_text()
    assert settings.markdown_table() in readme, (
        "README.md's settings table is stale; paste settings.markdown_table() into it")


def test_environment_overrides_defaults(monkeypatch):
    monkeypatch.setenv("AUGUSTKG_PORT", "9999")
    assert settings.get("port") == 9999


def test_a_malformed_setting_names_the_variable(monkeypatch):
    monkeypatch.setenv("AUGUSTKG_TIMEOUT", "soon")
    with pytest.raises(AugustError, match="AUGUSTKG_TIMEOUT"):
        settings.get("timeout")
