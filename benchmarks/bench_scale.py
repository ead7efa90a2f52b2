"""Scale: the build and three saved queries at 10k, 100k and 1M asserted triples.

    .venv/bin/python benchmarks/bench_scale.py [--sizes 10000,100000,1000000] [--owlrl-cap 600]

For each size, on a synthetic order of battle (`augustkg synth`, about 12 asserted triples per
unit) with the real ontology and shapes, all in one run:
  * closure only, each in its own process: our reasoner (parse + closure) and owlrl (closure,
    capped at --owlrl-cap seconds; once it hits the cap it is not started on bigger sizes unless
    --owlrl-every-size), with wall time and peak memory (ru_maxrss of the child), and whether
    the two closures are equal where owlrl finishes;
  * the full `augustkg build --force` in its own process: its step timings (parse, reason,
    consistency, store, validate — and which SHACL engine ran), wall time and peak memory;
  * an Oxigraph server (`oxigraph serve`) loaded through `augustkg publish` (timed);
  * three saved queries — order-of-battle (from a theatre command), units-under-authority (of
    its commander), operations-of-unit — median of 5 warm runs on the embedded store and on the
    server, with their row counts (which must agree).
Goal checked: load + closure (parse + reason in the build) ≤ 30 s and peak memory ≤ 3 GiB at 1M.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "tests"))
from processes import oxigraph  # noqa: E402  (the tests' server helpers: one way to start servers)
QUERIES = [("order-of-battle", {"unit": "akr:unit_1"}),
           ("units-under-authority", {"person": "akr:cmd_1"}),
           ("operations-of-unit", {"unit": "akr:unit_1_1"})]

CLOSURE_CHILD = """
import gc, json, sys, time
gc.disable()
from augustkg.pipeline.parse import parse_files
files = json.loads(sys.argv[1])
w0, c0 = time.perf_counter(), time.process_time()
asserted = parse_files(files)
w1, c1 = time.perf_counter(), time.process_time()
equal = None
if sys.argv[2] == "fast":
    from augustkg.pipeline.reason import Closure
    size = len(Closure.compute(asserted))
else:
    from augustkg.pipeline.reference_reasoner import owlrl_closure
    gc.enable()
    reference = owlrl_closure(asserted)
    size = len(reference)
w2, c2 = time.perf_counter(), time.process_time()
if sys.argv[2] != "fast":
    from augustkg.pipeline.reason import materialize
    equal = materialize(asserted) == reference
print(json.dumps({"parse": w1 - w0, "closure": w2 - w1, "parse_cpu": c1 - c0, "closure_cpu": c2 - c1,
                  "size": size, "equal": equal}))
"""


def measured(cmd, timeout=None, env=None) -> dict:
    """Run a process: wall time, its own peak RSS (MiB, from wait4), its output, and whether it
    was stopped at the timeout. Output goes through files, so a chatty child cannot block."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env)
        capped = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if timeout is not None and time.perf_counter() - start > timeout:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                capped = True
                break
            time.sleep(0.05)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text, errors = out.read().decode(), err.read().decode()
    if not capped and proc.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, cmd[:3]))} failed:\n{errors[-2000:]}")
    return {"wall": wall, "rss": usage.ru_maxrss / 1024, "cpu": usage.ru_utime + usage.ru_stime,
            "out": text, "err": errors, "capped": capped}


def median_time(fn, runs=5) -> tuple[float, int]:
    fn()  # warm-up
    times, rows = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        rows = len(fn())
        times.append(time.perf_counter() - start)
    return statistics.median(times), rows


def bench_size(size: int, tmp: Path, cap: float, run_owlrl: bool) -> dict:
    from augustkg.synth import TRIPLES_PER_UNIT, generate

    home = tmp / f"home-{size}"
    shutil.copytree(ROOT / "ontology", home / "ontology")
    generate(round(size / TRIPLES_PER_UNIT), home / "data", seed=1)
    files = json.dumps([str(home / "ontology" / "augustkg.ttl")] + sorted(str(p) for p in (home / "data").glob("*.ttl")))
    row = {"size": size}

    fast = measured([sys.executable, "-c", CLOSURE_CHILD, files, "fast"])
    row["fast"] = {**json.loads(fast["out"]), "rss": fast["rss"], "wall": fast["wall"]}
    if run_owlrl:
        ref = measured([sys.executable, "-c", CLOSURE_CHILD, files, "owlrl"], timeout=cap)
        row["owlrl"] = {"capped": True, "wall": ref["wall"], "rss": ref["rss"]} if ref["capped"] else \
            {**json.loads(ref["out"]), "rss": ref["rss"], "wall": ref["wall"], "capped": False}
    print(f"  closure: ours {row['fast']['closure']:.2f}s, owlrl {row.get('owlrl')}", file=sys.stderr, flush=True)

    store_dir = tmp / f"store-{size}"
    env = dict(os.environ, AUGUSTKG_HOME=str(home), AUGUSTKG_STORE_DIR=str(store_dir))
    built = measured([str(BIN / "augustkg"), "build", "--force"], env=env)
    row["load"] = os.getloadavg()[0]
    line = built["err"].strip().splitlines()[-1]
    row["build"] = {"wall": built["wall"], "rss": built["rss"], "cpu": built["cpu"],
                    "steps": {k: float(v) for k, v in re.findall(r"(\w+) ([\d.]+)s", line.split("(", 1)[1])},
                    "engine": "sparql" if "SPARQL queries over the store" in built["err"] else "pyshacl",
                    "counts": [int(n) for n in re.findall(r"(\d+) (?:asserted|inferred)", line)]}
    print(f"  build: {line}", file=sys.stderr, flush=True)

    import augustkg
    from augustkg.remote import Endpoint
    from augustkg.saved import SavedQueries

    saved = SavedQueries.load(ROOT / "queries")

    with oxigraph(tmp / f"ox-{size}", within=60) as base:
        published = measured([str(BIN / "augustkg"), "publish", "--to", f"{base}/store"], env=env)
        row["publish"] = published["wall"]
        kg = augustkg.open(home, store_dir, quiet=True)
        endpoint = Endpoint(f"{base}/query", timeout=600)
        row["queries"] = {}
        for name, params in QUERIES:
            sparql = saved.get(name).bind(params, kg)
            local, local_rows = median_time(lambda: kg.query(sparql).rows)
            remote, remote_rows = median_time(lambda: endpoint.query(sparql).rows)
            row["queries"][name] = {"embedded": local, "server": remote, "rows": local_rows, "server_rows": remote_rows}
    return row


def fmt_owlrl(row, cap) -> str:
    o = row.get("owlrl")
    if o is None:
        return "not started (stopped at a smaller size)"
    if o["capped"]:
        return f"stopped at the {cap:.0f} s cap ({o['rss']:.0f} MiB by then)"
    return f"{o['closure']:.1f} s, {o['rss']:.0f} MiB, equal to ours: {'yes' if o['equal'] else 'NO'}"


def report(rows: list[dict], cap: float) -> str:
    out = ["| asserted triples (target) | closure triples | ours: parse + closure, wall (CPU) | ours: peak RSS "
           "| owlrl: closure, peak RSS |", "|---|---|---|---|---|"]
    for r in rows:
        f = r["fast"]
        out.append(f"| {r['build']['counts'][0]:,} ({r['size']:,}) | {f['size']:,} | "
                   f"{f['parse']:.2f} + {f['closure']:.2f} s ({f['parse_cpu']:.2f} + {f['closure_cpu']:.2f} s) | "
                   f"{f['rss']:.0f} MiB | {fmt_owlrl(r, cap)} |")
    out += ["", "| asserted triples | build: parse | reason | consistency | store (dumps + load) | validate (engine) | "
                "build wall (CPU) | build peak RSS | publish to Oxigraph server | load average |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        s, b = r["build"]["steps"], r["build"]
        out.append(f"| {r['build']['counts'][0]:,} | {s.get('parse', 0):.2f} s | {s.get('reason', 0):.2f} s | "
                   f"{s.get('consistency', 0):.2f} s | {s.get('store', 0):.2f} s | {s.get('validate', 0):.2f} s "
                   f"({b['engine']}) | {b['wall']:.1f} s ({b['cpu']:.1f} s) | {b['rss']:.0f} MiB | {r['publish']:.1f} s | "
                   f"{r['load']:.1f} |")
    out += ["", "| asserted triples | query | rows | embedded store | Oxigraph server | server/embedded |",
            "|---|---|---|---|---|---|"]
    for r in rows:
        for name, q in r["queries"].items():
            agree = "" if q["rows"] == q["server_rows"] else f" (server: {q['server_rows']} rows!)"
            out.append(f"| {r['build']['counts'][0]:,} | {name} | {q['rows']}{agree} | {q['embedded'] * 1000:.1f} ms | "
                       f"{q['server'] * 1000:.1f} ms | {q['server'] / q['embedded']:.2f}× |")
    big = rows[-1]
    load_closure = big["build"]["steps"].get("parse", 0) + big["build"]["steps"].get("reason", 0)
    out += ["", f"At {big['size']:,} triples: load + closure {load_closure:.1f} s in the build and "
                f"{big['fast']['parse'] + big['fast']['closure']:.1f} s alone (goal ≤ 30 s); build peak memory "
                f"{big['build']['rss'] / 1024:.2f} GiB (goal ≤ 3 GiB)."]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--owlrl-cap", type=float, default=600.0)
    parser.add_argument("--owlrl-every-size", action="store_true")
    parser.add_argument("--json", type=Path, help="Also write the raw figures here.")
    args = parser.parse_args()
    rows, run_owlrl = [], True
    with tempfile.TemporaryDirectory() as tmp:
        for size in map(int, args.sizes.split(",")):
            print(f"size {size:,} ...", file=sys.stderr, flush=True)
            row = bench_size(size, Path(tmp), args.owlrl_cap, run_owlrl or args.owlrl_every_size)
            rows.append(row)
            if row.get("owlrl", {}).get("capped"):
                run_owlrl = False
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    print(report(rows, args.owlrl_cap))
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f} (2 cores)")


if __name__ == "__main__":
    main()
