"""Settings: one registry of defaults, variables and choices (the README table is checked in
test_generated_docs.py)."""

import pytest

from augustkg import settings
from augustkg.errors import AugustError


def test_environment_overrides_defaults(monkeypatch):
    monkeypatch.setenv("AUGUSTKG_PORT", "9999")
    assert settings.get("port") == 9999


def test_a_malformed_setting_names_the_variable(monkeypatch):
    monkeypatch.setenv("AUGUSTKG_TIMEOUT", "soon")
    with pytest.raises(AugustError, match="AUGUSTKG_TIMEOUT"):
        settings.get("timeout")


def test_choices_are_checked(monkeypatch):
    monkeypatch.setenv("AUGUSTKG_REASONER", "magic")
    with pytest.raises(AugustError, match="AUGUSTKG_REASONER='magic' is not one of: fast, owlrl"):
        settings.get("reasoner")


def test_the_old_store_variable_is_still_read(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv("AUGUSTKG_STORE_DIR", raising=False)
    monkeypatch.setenv("AUGUSTKG_BUILD_DIR", str(tmp_path))
    assert settings.store_dir() == tmp_path.resolve()
    monkeypatch.setenv("AUGUSTKG_STORE_DIR", str(tmp_path / "new"))
    assert settings.store_dir() == (tmp_path / "new").resolve()


def test_the_default_store_is_home_store(monkeypatch, tmp_path):
    monkeypatch.delenv("AUGUSTKG_STORE_DIR", raising=False)
    monkeypatch.delenv("AUGUSTKG_BUILD_DIR", raising=False)
    assert settings.store_dir(tmp_path) == tmp_path / "store"
