"""The installed package: a wheel built from the checkout, installed into a fresh virtual
environment and used from an empty folder, answers questions on its own.

Why: an editable install reads the checkout, so every other test would pass even if the wheel
shipped no ontology, data or queries. The fresh venv gets its dependencies from this
environment's site-packages through a .pth file (no network, a few seconds), while augustkg
itself comes only from the wheel: the venv's own site-packages come first on sys.path, and the
editable install's finder (a .pth in the other folder) is not run for a path a .pth adds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(python, augustkg script, environment, data home) of a fresh venv holding the wheel."""
    base = tmp_path_factory.mktemp("package")
    wheels, source = base / "wheels", base / "source"
    # Built from a copy of what the wheel is made of: setuptools leaves build/ and *.egg-info
    # beside the sources, which must not appear in the checkout (nor race another test run).
    for folder in ("src", "ontology", "data", "queries"):
        shutil.copytree(ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for file in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / file, source / file)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                    "-w", str(wheels), str(source)], check=True, capture_output=True, cwd=base)
    wheel = next(wheels.glob("augustkg-*.whl"))
    env_dir = base / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "deps-from-test-env.pth").write_text(sysconfig.get_path("purelib") + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q",
                    str(wheel)], check=True, capture_output=True)
    data_home = base / "xdg"
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUGUSTKG_")}
    env |= {"XDG_DATA_HOME": str(data_home), "PYTHONNOUSERSITE": "1"}
    return python, env_dir / "bin" / "augustkg", env, data_home, wheel


@pytest.fixture
def empty(tmp_path):
    return tmp_path


def test_the_wheel_carries_ontology_shapes_checks_data_and_queries(installed):
    names = zipfile.ZipFile(installed[4]).namelist()
    for path in ["ontology/augustkg.ttl", "ontology/shapes.ttl", "ontology/checks/resource-label-violation.rq",
                 "data/units.ttl", "data/statements/units.ttl", "queries/who-commanded.rq",
                 "augustkg/server/static/app.css"]:
        assert any(n.endswith(path) for n in names), path


def test_installed_cli_runs_a_saved_query_from_an_empty_folder(installed, empty):
    python, script, env, data_home, _ = installed
    proc = subprocess.run([str(script), "run", "who-commanded", "--param", "unit=Kwangtung Army"],
                          cwd=empty, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Otozō Yamada" in proc.stdout
    store = data_home / "augustkg" / "store"
    assert str(store) in proc.stderr  # the first use says where it builds the store
    assert list(empty.iterdir()) == []  # nothing written in the folder it was run from
    info = subprocess.run([str(script), "info"], cwd=empty, env=env, capture_output=True, text=True, timeout=60)
    assert f"store: {store}" in info.stdout and "share/augustkg" in info.stdout


def test_installed_python_api_answers_a_query(installed, empty):
    python, _, env, _, _ = installed
    code = ("import augustkg; kg = augustkg.open(quiet=True); "
            "print([r['commanderLabel'] for r in kg.run('who-commanded', unit='Kwangtung Army').values()]); "
            "print(augustkg.__file__)")
    proc = subprocess.run([str(python), "-c", code], cwd=empty, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    label, module = proc.stdout.splitlines()
    assert label == "['Otozō Yamada']"
    assert str(ROOT) not in module  # the wheel's copy, not the checkout


def test_installed_queries_lists_the_saved_queries_and_fails_without_any(installed, empty):
    _, script, env, _, _ = installed
    listing = subprocess.run([str(script), "queries"], cwd=empty, env=env, capture_output=True, text=True, timeout=60)
    assert listing.returncode == 0 and "who-commanded" in listing.stdout
    bare = empty / "bare"
    (bare / "ontology").mkdir(parents=True)
    (bare / "data").mkdir()
    none = subprocess.run([str(script), "queries"], cwd=empty, env=env | {"AUGUSTKG_HOME": str(bare)},
                          capture_output=True, text=True, timeout=60)
    assert none.returncode != 0 and "no saved queries" in none.stderr
