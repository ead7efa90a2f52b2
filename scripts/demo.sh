#!/usr/bin/env bash
# Set up, build the graph and answer a real question: who commanded each front, and who had
# authority over the Kwantung Army's units.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/augustkg build
echo "== Who commanded each front (and the commands above them)?"
.venv/bin/augustkg run who-commanded --format csv
.venv/bin/augustkg query --format csv 'SELECT ?front ?commander WHERE {
  ?f a ako:Front ; rdfs:label ?front ; ako:commandedBy/rdfs:label ?commander }
  ORDER BY ?front'
