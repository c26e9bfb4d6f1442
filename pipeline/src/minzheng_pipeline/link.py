"""Linking sources to each other: records in, one entity id per record out.

    result = link_files([Path("police.csv"), Path("electricity.csv")], Path("out.csv"))

Steps: ingest → standardise → score (Splink: train, predict) → cluster → export. Each step
reports its name through ``progress`` before it starts, and its time in ``LinkResult``.
"""

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from splink import Linker

from minzheng_pipeline.backends import open_backend
from minzheng_pipeline.contracts import ENTITY_ID, ENTITY_SCHEMA, RECORD_ID, SOURCE
from minzheng_pipeline.settings import LinkageSettings
from minzheng_pipeline.steps import cluster as cluster_step
from minzheng_pipeline.steps import score
from minzheng_pipeline.steps.ingest import read_sources
from minzheng_pipeline.steps.standardise import STANDARD_SCHEMA, standardise

Stage = str  # one of STAGES
STAGES = ("read", "standardise", "train", "predict", "cluster", "write")
ProgressCallback = Callable[[Stage], None]

# Splink's input: the features only (record ids and sources stay in Arrow).
MODEL_COLUMNS = [f.name for f in STANDARD_SCHEMA if f.name not in {"source_dataset", "record_id"}]


@dataclass(frozen=True)
class LinkResult:
    """Entities and the figures a run report needs (counts and seconds, no personal data)."""

    entities: pa.Table  # ENTITY_SCHEMA
    records_per_source: dict[str, int]
    entity_count: int
    scored_pairs: int  # candidate pairs at or above the prediction floor
    links: int  # pairs at or above the clustering threshold
    components_split: int
    links_refused: int
    trained: bool
    seconds: dict[Stage, float] = field(default_factory=dict)

    @property
    def records(self) -> int:
        return sum(self.records_per_source.values())


class _Clock:
    def __init__(self, progress: ProgressCallback | None) -> None:
        self.progress = progress
        self.seconds: dict[Stage, float] = {}
        self._stage: Stage | None = None
        self._started = 0.0

    def stage(self, name: Stage) -> None:
        self.stop()
        if self.progress:
            self.progress(name)
        self._stage, self._started = name, time.perf_counter()

    def stop(self) -> None:
        if self._stage is not None:
            self.seconds[self._stage] = time.perf_counter() - self._started
            self._stage = None


def scaled_prior(parameters: score.Parameters, records: int) -> float:
    """The prior for ``records`` records from the bundled one.

    With k records per person on average, a random pair matches with probability about
    (k - 1) / n: the prior falls as 1/n, so the bundled value is rescaled from the size of the
    data it was estimated on.
    """
    trained_on = parameters.get("records")
    prior = float(parameters.get("probability_two_random_records_match", 1e-5))
    if not trained_on or records < 2:
        return min(score.MAX_PRIOR, prior)
    return min(score.MAX_PRIOR, prior * float(trained_on) / records)


def _id_codes(features: pa.Table) -> np.ndarray:
    """Each record's checked resident ID as a small integer, -1 for none."""
    checked = pc.if_else(
        features.column("id_checked"), features.column("id_number"), pa.scalar(None, pa.string())
    )
    codes = pc.dictionary_encode(checked.combine_chunks()).indices
    filled: np.ndarray = pc.fill_null(codes, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    return filled


def entity_ids(labels: np.ndarray) -> pa.Array:
    """``E`` and the entity's smallest row number: stable for the same input."""
    text = pc.utf8_lpad(pc.cast(pa.array(labels), pa.string()), 9, "0")
    result: pa.Array = pc.binary_join_element_wise("E", text, "")
    return result


def link_records(
    records: pa.Table,
    settings: LinkageSettings | None = None,
    *,
    progress: ProgressCallback | None = None,
    clock: _Clock | None = None,
) -> LinkResult:
    """Entities for ``records`` (``source``, ``record_id`` and any linkage columns)."""
    settings = settings or LinkageSettings()
    clock = clock or _Clock(progress)
    clock.stage("standardise")
    features = standardise(records)
    counts = features.group_by("source_dataset").aggregate([([], "count_all")])
    per_source = dict(
        zip(
            counts.column("source_dataset").to_pylist(),
            counts.column("count_all").to_pylist(),
            strict=True,
        )
    )
    rows = features.num_rows
    parameters = score.load_parameters(settings.model_path)
    trained = settings.train and rows >= score.MIN_RECORDS_TO_TRAIN
    left = right = np.zeros(0, dtype=np.int64)
    probability = np.zeros(0, dtype=np.float64)
    if rows >= 2:
        score.quiet_splink()
        backend = open_backend(settings)
        try:
            frame = backend.register(features.select(MODEL_COLUMNS), "minzheng_records")
            prior = scaled_prior(parameters, rows)
            if trained:
                clock.stage("train")
                trainer = Linker(
                    frame,
                    score.model_settings(
                        link_type="dedupe_only",
                        parameters=parameters,
                        probability_two_random_records_match=prior,
                        max_iterations=settings.em_max_iterations,
                    ),
                    log_level=None,
                )
                parameters = score.train(trainer, settings)
                prior = float(parameters["probability_two_random_records_match"])
            # Scoring uses the filled parameters (floors and fallbacks), not the raw estimates.
            linker = Linker(
                frame,
                score.model_settings(
                    link_type="dedupe_only",
                    parameters=parameters,
                    probability_two_random_records_match=prior,
                    term_frequencies=rows >= score.MIN_RECORDS_TO_TRAIN,
                ),
                log_level=None,
            )
            clock.stage("predict")
            pairs = score.predict(
                linker, frame, floor=settings.predict_floor, hash_function=backend.hash_function
            )
            edges = backend.to_arrow(pairs, ["unique_id_l", "unique_id_r", "match_probability"])
        finally:
            backend.close()
        left = edges.column("unique_id_l").to_numpy().astype(np.int64)
        right = edges.column("unique_id_r").to_numpy().astype(np.int64)
        probability = edges.column("match_probability").to_numpy().astype(np.float64)
    clock.stage("cluster")
    clusters = cluster_step.cluster(
        rows,
        left,
        right,
        probability,
        _id_codes(features),
        threshold=settings.cluster_probability,
    )
    entities = pa.table(
        {
            SOURCE: features.column("source_dataset"),
            RECORD_ID: features.column("record_id"),
            ENTITY_ID: entity_ids(clusters.labels),
        },
        schema=ENTITY_SCHEMA,
    )
    clock.stop()
    return LinkResult(
        entities=entities,
        records_per_source=per_source,
        entity_count=len(np.unique(clusters.labels)),
        scored_pairs=len(probability),
        links=int((probability >= settings.cluster_probability).sum()),
        components_split=clusters.components_split,
        links_refused=clusters.links_refused,
        trained=trained,
        seconds=clock.seconds,
    )


def write_entities(entities: pa.Table, out: Path) -> None:
    """``entities`` as CSV. Arrow's "needed" quoting quotes every string, so values are only
    quoted when some value holds a comma, a quote or a line break."""
    special = False
    for name in (SOURCE, RECORD_ID):
        found = pc.any(pc.match_substring_regex(entities.column(name), r'[",\r\n]')).as_py()
        special = special or bool(found)
    quoting = "needed" if special else "none"
    options = pacsv.WriteOptions(quoting_style=quoting, include_header=False)
    with out.open("wb") as handle:
        # Arrow always quotes the header; the column names need no quotes.
        handle.write((",".join(entities.column_names) + "\n").encode())
        pacsv.write_csv(entities, handle, write_options=options)


def link_files(
    paths: Sequence[Path],
    out: Path,
    settings: LinkageSettings | None = None,
    *,
    progress: ProgressCallback | None = None,
) -> LinkResult:
    """Link the source CSV files and write ``source,record_id,entity_id`` to ``out``.

    Raises:
        SourceError: a source file is missing or malformed (Chinese message).
        BackendUnavailable: the Spark engine was chosen but cannot start.
    """
    clock = _Clock(progress)
    clock.stage("read")
    records = read_sources(paths)
    result = link_records(records, settings, clock=clock)
    clock.stage("write")
    write_entities(result.entities, out)
    clock.stop()
    return result
