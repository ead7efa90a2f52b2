"""A saved query run in a fresh process, against the naive rdflib + owlrl path.

    .venv/bin/python benchmarks/bench_run.py [--runs 11] [--naive-runs 3] [--unit "Kwangtung Army"]

Times, each in a new process (cold: a new interpreter, imports and store opening every time;
the OS file cache stays warm):
  * `augustkg run who-commanded --param unit=NAME --format csv` — the product's path: read the
    query file, resolve the name, bind it, answer from the built store;
  * the naive path: rdflib parses ontology + data, owlrl computes the OWL 2 RL closure, and
    rdflib's engine answers the same query file with the same unit bound.
Both must print the same commander. Prints the medians and their ratio (naive / ours).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

NAIVE = """
import glob, sys, rdflib, owlrl
root, iri = sys.argv[1], sys.argv[2]
g = rdflib.Graph()
for f in [root + "/ontology/augustkg.ttl"] + sorted(glob.glob(root + "/data/*.ttl")):
    g.parse(f, format="turtle")
owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
text = open(root + "/queries/who-commanded.rq", encoding="utf-8").read()
query = text.replace("WHERE {", "WHERE { VALUES ?__unit_iri { <" + iri + "> }", 1)
for row in g.query(query):
    print(row.commander)
"""


def timed(cmd, env) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, env=env, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:3])} failed: {proc.stderr[-800:]}")
    return elapsed, proc.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="fresh `augustkg run` processes (at least 10)")
    parser.add_argument("--naive-runs", type=int, default=3, help="fresh naive processes (each takes seconds)")
    parser.add_argument("--unit", default="Kwangtung Army", help="any name of the unit")
    args = parser.parse_args()
    if args.runs < 10:
        parser.error("--runs must be at least 10")
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, AUGUSTKG_HOME=str(ROOT), AUGUSTKG_STORE_DIR=tmp)
        augustkg = str(BIN / "augustkg")
        subprocess.run([augustkg, "build"], check=True, capture_output=True, env=env)  # not timed
        ours_cmd = [augustkg, "run", "who-commanded", "--param", f"unit={args.unit}", "--format", "csv"]
        ours, answers = [], set()
        for _ in range(args.runs):
            elapsed, out = timed(ours_cmd, env)
            ours.append(elapsed)
            answers.add(tuple(line.split(",")[2] for line in out.splitlines()[1:]))
        iri = subprocess.run([sys.executable, "-c", "import augustkg,sys; print(augustkg.open().resolve(sys.argv[1]))",
                              args.unit], check=True, capture_output=True, env=env, text=True).stdout.strip()
        naive, naive_answers = [], set()
        for _ in range(args.naive_runs):
            elapsed, out = timed([sys.executable, "-c", NAIVE, str(ROOT), iri], env)
            naive.append(elapsed)
            naive_answers.add(tuple(out.split()))
    if len(answers) != 1 or answers != naive_answers or not next(iter(answers)):
        raise SystemExit(f"the two paths disagree: {answers} vs {naive_answers}")
    ours_median, naive_median = statistics.median(ours), statistics.median(naive)
    print(f"command:  {' '.join(ours_cmd[1:])}")
    print(f"answer:   {next(iter(answers))}")
    print(f"augustkg run, cold  median {ours_median * 1000:8.1f} ms  (min {min(ours) * 1000:.1f}, "
          f"max {max(ours) * 1000:.1f}, {len(ours)} runs)")
    print(f"naive rdflib+owlrl  median {naive_median * 1000:8.1f} ms  (min {min(naive) * 1000:.1f}, "
          f"max {max(naive) * 1000:.1f}, {len(naive)} runs)")
    print(f"ratio naive / augustkg run: {naive_median / ours_median:.0f}x")


if __name__ == "__main__":
    main()
