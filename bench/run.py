"""Benchmark of issue 7 (Scale): speed, parallelism, incremental builds, memory, export and query.

Run with ``make bench`` (or ``.venv/bin/python bench/run.py``); ``bench/README.md``
explains each figure. Every build and parse runs in a fresh subprocess (its
peak memory is its own ``getrusage`` maxrss). The last line printed is one
JSON object with the headline ratios.

The corpus is generated deterministically from the articles in ``data/``:
each article is a lead paragraph followed by four to eight paragraphs drawn
with a seeded RNG, with its own id and date, so every text (and cache key)
differs.

Example:
    .venv/bin/python bench/run.py              # the full run, about 15 minutes on 2 cores
    .venv/bin/python bench/run.py --small 120  # a quick look with smaller corpora
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

SEED = 20251123
QUERIES = ROOT / "ontology" / "queries"
TARGETS = {"build_ratio": ("≤", 1.15), "speedup_2": ("≥", 1.7), "incremental_ratio": ("≤", 0.05),
           "incremental_ratio_500": ("≤", 0.05), "incremental_ratio_watch": ("≤", 0.05),
           "memory_ratio": ("≤", 1.2), "export_speedup": ("≥", 20.0), "query_speedup": ("≥", 20.0),
           "extract_overhead": ("≤", 0.15), "resolve_overhead": ("≤", 0.10)}


# -- the corpus -----------------------------------------------------------------------------------

def generate(count: int, path: Path, *, seed: int = SEED, prefix: str = "bench") -> Path:
    """``count`` articles as JSON Lines, recombined from the paragraphs of data/ (deterministic)."""
    from kg.io import read_inputs
    from kg.records import Article

    sources = [item for item in read_inputs([str(ROOT / "data")]) if isinstance(item, Article)]
    leads = [article.text.split("\n")[0] for article in sources]
    paragraphs = [p for article in sources for p in article.text.split("\n")[1:] if p.strip()]
    rng = random.Random(f"{seed}-{prefix}")
    with open(path, "w", encoding="utf-8") as handle:
        for number in range(count):
            body = [rng.choice(leads)] + rng.sample(paragraphs, rng.randint(4, 8))
            date = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            record = {"id": f"{prefix}-{number:05d}", "date": date, "lang": "fr", "text": "\n".join(body)}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


# -- work done in child processes ---------------------------------------------------------------

def child_pipe(inputs: list[str], batch_size: int = 16) -> dict[str, Any]:
    """Raw spaCy: load the model, then ``nlp.pipe`` over the cleaned texts, nothing else."""
    from kg import nlp as nlp_module
    from kg.io import read_inputs
    from kg.records import Article
    from kg.text import clean

    start, start_cpu = time.perf_counter(), time.process_time()
    nlp = nlp_module.load()
    loaded, loaded_cpu = time.perf_counter(), time.process_time()
    texts = [clean(item.text).text for item in read_inputs(inputs) if isinstance(item, Article)]
    parse_start, parse_cpu = time.perf_counter(), time.process_time()
    for _doc in nlp.pipe(texts, batch_size=batch_size):
        pass
    return {"articles": len(texts), "load": loaded - start, "pipe": time.perf_counter() - parse_start,
            "load_cpu": loaded_cpu - start_cpu, "pipe_cpu": time.process_time() - parse_cpu}


def child_build(inputs: list[str], out: str, jobs: int, cache: bool = True) -> dict[str, Any]:
    """``kg build`` as the command runs it (model loaded lazily, in this process or in workers)."""
    from kg.build import build

    start, start_cpu = time.perf_counter(), time.process_time()
    report = build(None, inputs, Path(out), jobs=jobs, use_cache=cache)
    return {"wall": time.perf_counter() - start, "cpu": time.process_time() - start_cpu, "articles": report.articles, "parsed": report.parsed,
            "cached": report.cached, "mentions": report.mentions, "statements": report.statements,
            "problems": len(report.problems), "timings": report.timings}


def child_export_query(statements_jsonl: str, min_triples: int) -> dict[str, Any]:
    """Turtle export and a SPARQL query on a graph of at least ``min_triples``: kg's way and plain rdflib."""
    from dataclasses import replace

    from kg.export.turtle import turtle_bytes
    from kg.graph import build_rdf, type_scheme
    from kg.merge import merge_mentions
    from kg.query import QUERY_PREFIXES, query_store
    from kg.records import Mention

    import pyoxigraph as ox

    base = [Mention.from_dict(json.loads(line)) for line in Path(statements_jsonl).read_text(encoding="utf-8").splitlines()]
    shared = len(type_scheme())  # every copy of the mentions shares the type scheme
    per_mention = (len(build_rdf(merge_mentions(base))) - shared) / len(base)
    wanted = int((min_triples - shared) / per_mention) + 1
    copies = [[replace(m, article=f"{m.article}-c{copy}", speaker=replace(m.speaker, id=f"{m.speaker.id}-c{copy}"))
               for m in base] for copy in range(wanted // len(base) + 1)]
    mentions = [m for copy in copies for m in copy][:wanted]
    graph = build_rdf(merge_mentions(mentions))

    start = time.perf_counter()
    data = turtle_bytes(graph)
    kg_export = time.perf_counter() - start
    start = time.perf_counter()
    graph.serialize(format="turtle")
    rdflib_export = time.perf_counter() - start

    store = ox.Store()
    start = time.perf_counter()
    store.bulk_load(data, format=ox.RdfFormat.TURTLE)
    ox_load = time.perf_counter() - start
    queries = []
    for path in sorted(QUERIES.glob("*.rq")):
        query = path.read_text(encoding="utf-8")
        kg_query, (_columns, rows) = best_of(5, lambda: query_store(store, query))
        try:  # rdflib's slowest queries take minutes: timed once
            rdflib_query, rdflib_rows = best_of(1, lambda: list(graph.query(query, initNs=QUERY_PREFIXES)))
        except Exception as error:  # noqa: BLE001 (rdflib cannot answer every shipped query)
            queries.append({"name": path.name, "kg": kg_query, "rows": len(rows), "rdflib_error": type(error).__name__})
            continue
        queries.append({"name": path.name, "kg": kg_query, "rdflib": rdflib_query, "rows": len(rows),
                        "rdflib_rows": len(rdflib_rows)})
    return {"triples": len(graph), "kg_export": kg_export, "rdflib_export": rdflib_export, "ox_load": ox_load,
            "queries": queries}


def best_of(runs: int, work: Any) -> tuple[float, Any]:
    """The shortest time of ``runs`` calls of ``work``, and its last result."""
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def child_watch(inputs: list[str], out: str, count: int) -> dict[str, Any]:
    """``kg build --watch``: a build of ``inputs`` (the last not there yet), then ``count`` new articles land in
    that last file and the watcher builds again, the model still loaded: that build is timed."""
    from kg.watch import Watcher

    watcher = Watcher(inputs, Path(out), jobs=1)
    watcher.build()
    watcher.resident_pipeline()
    watcher.tidy()  # as Watcher.run does while it waits
    generate(count, Path(inputs[-1]), prefix="added-watch")
    assert watcher.changed()
    start, start_cpu = time.perf_counter(), time.process_time()
    report = watcher.build()
    return {"wall": time.perf_counter() - start, "cpu": time.process_time() - start_cpu, "parsed": report.parsed,
            "cached": report.cached, "timings": report.timings}


def shortest_rebuild(built: Path, inputs: list[str], runs: int) -> tuple[dict[str, Any], str]:
    """``kg build --jobs 1`` of ``inputs`` ``runs`` times, each on a fresh copy of the output folder ``built`` (its
    cache as the full build left it): the run of shortest CPU time, and every run's CPU time as text."""
    results = []
    for turn in range(runs):
        copy = built.with_name(f"{built.name}-rebuild-{turn}")
        shutil.copytree(built, copy)
        results.append(run_child("build", inputs=inputs, out=str(copy), jobs=1))
        shutil.rmtree(copy, ignore_errors=True)
    return min(results, key=lambda run: run["cpu"]), ", ".join(f"{run['cpu']:.2f}" for run in results)


CHILDREN = {"pipe": child_pipe, "build": child_build, "export_query": child_export_query, "watch": child_watch}


def snapshot(work: Path) -> Path:
    """A copy of the ``kg`` package that every step imports: edits made while the bench runs do not reach it."""
    source = work / "src"
    shutil.copytree(ROOT / "kg", source / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    sys.path.insert(0, str(source))
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(source), os.environ.get("PYTHONPATH")]))
    return source


def run_child(task: str, **arguments: Any) -> dict[str, Any]:
    """Run one task in a fresh interpreter; its result, with the peak memory of it and of its workers."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", task, json.dumps(arguments)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"bench: the '{task}' step failed (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def child_main(task: str, arguments: str) -> None:
    result = CHILDREN[task](**json.loads(arguments))
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["worker_peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps(result))


# -- the run ----------------------------------------------------------------------------------------

def say(line: str) -> None:
    print(line, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500, help="corpus size for the timings (default 500)")
    parser.add_argument("--large", type=int, default=2000, help="the larger corpus of the memory figure (default 2000)")
    parser.add_argument("--triples", type=int, default=200_000, help="graph size for export and query (default 200,000)")
    parser.add_argument("--small", type=int, help="shrink both corpora to this many articles (×4 for the large one)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the raw parse and of the build, the shortest kept (default 3)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child_main(*options.child)
        return
    if options.repeat < 1:
        parser.error("--repeat must be 1 or more")
    if options.small:
        options.articles, options.large = options.small, options.small * 4
    started = time.perf_counter()
    say(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} (other processes slow every figure down)")
    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        snapshot(work)
        figures = run(options, work)
    finally:
        if options.keep:
            say(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    say(f"bench: {time.perf_counter() - started:.0f} s on {os.cpu_count()} cores; "
        f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    for key, (sign, target) in TARGETS.items():
        value = figures[key]
        met = value <= target if sign == "≤" else value >= target
        say(f"  {key:24} {value:8.3f}   target {sign} {target:<5}  {'met' if met else 'NOT met'}")
    print(json.dumps({key: round(figures[key], 3) for key in TARGETS}))


def run(options: argparse.Namespace, work: Path) -> dict[str, float]:  # noqa: PLR0915 (one step after another)
    size, large = options.articles, options.large
    new = max(1, size // 100)
    corpus = generate(size, work / f"corpus-{size}.jsonl")
    added = generate(new, work / "added.jsonl", prefix="added")
    big = generate(large, work / f"corpus-{large}.jsonl", prefix="large")
    say(f"corpus: {size} and {large} articles generated from data/ (seed {SEED}), {new} more for the rebuild")

    # The parse and the build are timed --repeat times each (default 3), alternately, and the shortest CPU time of
    # each is kept: on a shared machine one run can be 10 to 30 % slower than the next for reasons of its own.
    pipes, builds = [], []
    for turn in range(options.repeat):
        pipes.append(run_child("pipe", inputs=[str(corpus)]))
        builds.append(run_child("build", inputs=[str(corpus)], out=str(work / ("out-1" if turn == 0 else f"out-1-{turn}")), jobs=1))
    pipe = min(pipes, key=lambda run: run["pipe_cpu"])
    pipe_runs = ", ".join(f"{run['pipe_cpu']:.1f}" for run in pipes)
    build_runs = ", ".join(f"{run['cpu'] - run['timings'].get('load_cpu', 0.0):.1f}" for run in builds)
    say(f"raw nlp.pipe, {size} articles: {pipe['pipe']:.1f} s ({size / pipe['pipe']:.1f} articles/s; model load {pipe['load']:.1f} s)"
        f"; CPU time of each run: {pipe_runs} s")
    one = builds[0]  # the build whose output folder (and cache) the rebuild below starts from, and the
    # reference of the --jobs 2 and rebuild figures (build_ratio alone takes the shortest run)
    fastest = min(builds, key=lambda run: run["cpu"] - run["timings"].get("load_cpu", 0.0))
    timings = fastest["timings"]
    build_time = fastest["wall"] - timings.get("load", 0.0)
    say(f"kg build --jobs 1, {size} articles: {fastest['wall']:.1f} s, {build_time:.1f} s without the model load "
        f"(parse {timings['parse']:.1f}, extract {timings['extract']:.1f}, resolve+merge {timings['resolve_merge']:.2f}, "
        f"outputs {timings['outputs']:.1f}); {fastest['mentions']} mentions, {fastest['statements']} statements; CPU time "
        f"without the model load of each run: {build_runs} s")
    figures = {"build_ratio": (fastest["cpu"] - timings.get("load_cpu", 0.0)) / pipe["pipe_cpu"],
               "extract_overhead": timings["extract"] / timings["parse"],
               "resolve_overhead": timings["resolve_merge"] / fastest["wall"]}
    say(f"  build ÷ raw nlp.pipe, CPU time without the model load (shortest of {options.repeat} each): {figures['build_ratio']:.2f} "
        f"(wall clock: {build_time / pipe['pipe']:.2f}); the build's own parse ÷ raw nlp.pipe, wall clock: "
        f"{timings['parse'] / pipe['pipe']:.2f} (it fills spaCy's tokenizer cache first, see docs/scale.md); "
        f"extraction ÷ parse: {figures['extract_overhead']:.2f}; "
        f"resolve+merge ÷ build: {figures['resolve_overhead']:.3f}")

    two = run_child("build", inputs=[str(corpus)], out=str(work / "out-2"), jobs=2)
    differ = [name for name in ("statements.jsonl", "graph.ttl")
              if (work / "out-1" / name).read_bytes() != (work / "out-2" / name).read_bytes()]
    say(f"kg build --jobs 2, {size} articles: {two['wall']:.1f} s; speed-up over --jobs 1: {one['wall'] / two['wall']:.2f}; "
        f"same statements.jsonl and graph.ttl as --jobs 1: {'NO, ' + ' and '.join(differ) + ' differ' if differ else 'yes'}")
    if differ:
        lines = zip(*((work / out / "statements.jsonl").read_text(encoding="utf-8").splitlines() for out in ("out-1", "out-2")))
        first = next(((number, a, b) for number, (a, b) in enumerate(lines, 1) if a != b), None)
        if first:
            say(f"  first difference, statements.jsonl line {first[0]}:\n    --jobs 1: {first[1][:300]}\n    --jobs 2: {first[2][:300]}")

    rebuild, rebuild_runs = shortest_rebuild(work / "out-1", [str(corpus), str(added)], max(3, options.repeat))
    figures["incremental_ratio_500"] = rebuild["cpu"] / fastest["cpu"]
    say(f"rebuild with {new} new articles (+{100 * new / size:.0f} %), --jobs 1: {rebuild['wall']:.1f} s, "
        f"{rebuild['parsed']} parsed, {rebuild['cached']} from the cache (model load {rebuild['timings'].get('load', 0):.1f} s, "
        f"outputs {rebuild['timings']['outputs']:.1f} s; CPU time of each run: {rebuild_runs} s); ÷ full build, CPU time "
        f"(shortest of each): {figures['incremental_ratio_500']:.3f} (wall clock: {rebuild['wall'] / fastest['wall']:.3f})")

    large_ones = [run_child("build", inputs=[str(big)], out=str(work / f"out-large-1{'' if turn == 0 else f'-{turn}'}"), jobs=1)
                  for turn in range(options.repeat)]
    large_one = large_ones[0]  # the reference of the speed-up and memory figures, and the cache the rebuilds start from
    large_fastest = min(large_ones, key=lambda run: run["cpu"])
    large_two = run_child("build", inputs=[str(big)], out=str(work / "out-large-2"), jobs=2)
    figures["speedup_2"] = large_one["wall"] / large_two["wall"]
    big_timings = large_one["timings"]
    say(f"kg build, {large} articles: --jobs 1 {large_one['wall']:.1f} s (model load {big_timings.get('load', 0):.1f}, "
        f"parse {big_timings['parse']:.1f}, extract {big_timings['extract']:.1f}, outputs {big_timings['outputs']:.1f}), "
        f"--jobs 2 {large_two['wall']:.1f} s; speed-up {figures['speedup_2']:.2f} (the figure kept: at {size} articles "
        f"the one-off model load and exports weigh more)")

    added_large = generate(max(1, large // 100), work / "added-large.jsonl", prefix="added-large")
    large_rebuild, large_rebuild_runs = shortest_rebuild(work / "out-large-1", [str(big), str(added_large)],
                                                         max(3, options.repeat))
    figures["incremental_ratio"] = large_rebuild["cpu"] / large_fastest["cpu"]
    large_runs = ", ".join(f"{run['cpu']:.1f}" for run in large_ones)
    say(f"rebuild of the {large}-article build with {large_rebuild['parsed']} new articles (+1 %), --jobs 1: "
        f"{large_rebuild['wall']:.1f} s ({large_rebuild['cached']} from the cache; model load "
        f"{large_rebuild['timings'].get('load', 0):.1f} s, parse {large_rebuild['timings'].get('parse', 0):.1f} s, "
        f"decoding the cache {large_rebuild['timings'].get('decode', 0):.1f} s, resolve+merge {large_rebuild['timings'].get('resolve_merge', 0):.1f} s, outputs {large_rebuild['timings']['outputs']:.1f} s; "
        f"CPU time of each run: {large_rebuild_runs} s); ÷ full build ({large_runs} s), "
        f"CPU time (shortest of each): {figures['incremental_ratio']:.3f} (wall clock: "
        f"{large_rebuild['wall'] / large_fastest['wall']:.3f})")

    watched = run_child("watch", inputs=[str(big), str(work / "added-watch.jsonl")], out=str(work / "out-large-1"),
                        count=max(1, large // 100))
    figures["incremental_ratio_watch"] = watched["cpu"] / large_fastest["cpu"]
    say(f"the same with the model kept loaded (kg build --watch, {watched['parsed']} new articles land while it "
        f"watches): {watched['wall']:.1f} s (parse {watched['timings'].get('parse', 0):.1f} s, resolve+merge "
        f"{watched['timings'].get('resolve_merge', 0):.1f} s, outputs {watched['timings']['outputs']:.1f} s); ÷ full "
        f"build, CPU time: {figures['incremental_ratio_watch']:.3f} (wall clock: {watched['wall'] / large_fastest['wall']:.3f})")

    figures["memory_ratio"] = large_one["peak_mb"] / one["peak_mb"]
    say(f"peak memory, --jobs 1 (one process, maxrss): {size} articles {one['peak_mb']:.0f} MB, "
        f"{large} articles {large_one['peak_mb']:.0f} MB ({large_one['mentions']} mentions); ratio {figures['memory_ratio']:.2f}")
    small_total = two["peak_mb"] + 2 * two["worker_peak_mb"]
    large_total = large_two["peak_mb"] + 2 * large_two["worker_peak_mb"]
    say(f"  --jobs 2, build process + 2 × largest worker: {size} articles {small_total:.0f} MB "
        f"({two['peak_mb']:.0f} + 2 × {two['worker_peak_mb']:.0f}), {large} articles {large_total:.0f} MB "
        f"({large_two['peak_mb']:.0f} + 2 × {large_two['worker_peak_mb']:.0f}); ratio {large_total / small_total:.2f}; "
        f"extraction workers alone ×{large_two['worker_peak_mb'] / two['worker_peak_mb']:.2f}")

    graph = run_child("export_query", statements_jsonl=str(work / "out-1" / "statements.jsonl"),
                      min_triples=options.triples)
    figures["export_speedup"] = graph["rdflib_export"] / graph["kg_export"]
    answered = [q for q in graph["queries"] if "rdflib" in q]
    ratios = [q["rdflib"] / q["kg"] for q in answered]
    figures["query_speedup"] = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
    say(f"graph of {graph['triples']:,} triples: Turtle export kg {graph['kg_export']:.2f} s, rdflib {graph['rdflib_export']:.2f} s "
        f"(×{figures['export_speedup']:.1f}); Oxigraph store loaded in {graph['ox_load']:.2f} s; "
        f"the {len(graph['queries'])} queries of ontology/queries (Oxigraph best of 5, rdflib once):")
    for query in graph["queries"]:
        if "rdflib" in query:
            say(f"  {query['name']:40} Oxigraph {query['kg']:.4f} s, rdflib {query['rdflib']:8.3f} s, ×{query['rdflib'] / query['kg']:7.1f}; "
                f"{query['rows']} rows (rdflib: {query['rdflib_rows']})")
        else:
            say(f"  {query['name']:40} Oxigraph {query['kg']:.4f} s, {query['rows']} rows; rdflib cannot answer it ({query['rdflib_error']})")
    say(f"  query speed-up, geometric mean over the {len(ratios)} queries both answer: ×{figures['query_speedup']:.1f} "
        f"(lowest ×{min(ratios):.1f}, highest ×{max(ratios):.0f})")
    return figures


if __name__ == "__main__":
    main()
