#!/usr/bin/env bash
# Set up a fresh machine: system packages (Graphviz for drawings, Chromium for the browser
# test, Java and the OWL API for the OWL reasoner and profile tests), a virtual environment in
# .venv and the package with its test extras. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v dot >/dev/null 2>&1 || need+=(graphviz)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
[ -f /usr/share/java/owlapi-distribution.jar ] || need+=(libowlapi-java)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e ".[test]" 2>&1 | grep -v -i "warning" || true
# Byte-compile the package: an editable install is otherwise compiled on every start when
# PYTHONDONTWRITEBYTECODE is set, which costs a cold `augustkg query` about 10 ms.
.venv/bin/python -m compileall -q src >/dev/null
.venv/bin/python -c "import augustkg, pyoxigraph, rdflib" # fail loudly if the install did not work
