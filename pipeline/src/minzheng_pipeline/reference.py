"""Linking a department feed to the registry: the best registry person for each record.

    matches = link_to_reference(records, reference, decisions=decisions)
    auto = matches.filter(pc.greater_equal(matches["match_probability"], AUTO_MATCH_PROBABILITY))

The model is the bundled one, *not* re-trained per feed: a probability must mean the same
thing from one import to the next, or the review thresholds below would drift. Term
frequencies (how common a name is) still come from the data at hand, and the prior is one
over the number of registry persons: a record describes at most one of them.

Clerks' decisions override the model: an approved (record, person) pair comes out with
probability 1.0 whether or not the model found it, and a rejected pair is never returned, so
the record's next-best candidate (if any) is.
"""

from dataclasses import replace

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from splink import Linker

from minzheng_pipeline.backends import open_backend
from minzheng_pipeline.contracts import (
    IS_MATCH,
    LINKAGE_COLUMNS,
    MATCH_PROBABILITY,
    RECORD_ID,
    REFERENCE_ID,
    REFERENCE_MATCH_SCHEMA,
)
from minzheng_pipeline.errors import ReferenceInputError
from minzheng_pipeline.settings import LinkageSettings
from minzheng_pipeline.steps import score
from minzheng_pipeline.steps.standardise import standardise
from minzheng_pipeline.thresholds import (
    AUTO_MATCH_PROBABILITY,
    MIN_CANDIDATE_PROBABILITY,
    REVIEW_PROBABILITY,
)

__all__ = [
    "AUTO_MATCH_PROBABILITY",
    "MIN_CANDIDATE_PROBABILITY",
    "REVIEW_PROBABILITY",
    "ReferenceInputError",
    "link_to_reference",
]

_REFERENCE_SOURCE = "reference"
_RECORD_SOURCE = "records"


def _strings(table: pa.Table, name: str) -> pa.ChunkedArray:
    column = table.column(name)
    if not pa.types.is_string(column.type) and not pa.types.is_large_string(column.type):
        column = pc.cast(column, pa.string())
    return column


def _linkage_table(table: pa.Table, key: str, source: str) -> pa.Table:
    if key not in table.column_names:
        raise ReferenceInputError(f"{source} table has no {key} column")
    keys = _strings(table, key)
    if keys.null_count:
        raise ReferenceInputError(f"{source} table has empty {key} values")
    if pc.count_distinct(keys).as_py() != len(keys):
        raise ReferenceInputError(f"{source} table has repeated {key} values")
    columns: dict[str, pa.ChunkedArray | pa.Array] = {
        "source": pa.repeat(pa.scalar(source, pa.string()), table.num_rows),
        RECORD_ID: keys,
    }
    for name in LINKAGE_COLUMNS:
        if name in table.column_names:
            columns[name] = _strings(table, name)
    return pa.table(columns)


def _empty() -> pa.Table:
    return REFERENCE_MATCH_SCHEMA.empty_table()


def _best_per_record(candidates: pa.Table) -> pa.Table:
    """Highest probability per record; ties go to the smallest reference id."""
    if not candidates.num_rows:
        return _empty()
    ordered = candidates.sort_by(
        [(RECORD_ID, "ascending"), (MATCH_PROBABILITY, "descending"), (REFERENCE_ID, "ascending")]
    )
    records = ordered.column(RECORD_ID).combine_chunks()
    first = np.ones(len(records), dtype=np.bool_)
    if len(records) > 1:
        first[1:] = pc.not_equal(records[1:], records[:-1]).to_numpy(zero_copy_only=False)
    return ordered.filter(pa.array(first)).cast(REFERENCE_MATCH_SCHEMA)


def _exclusive(candidates: pa.Table) -> pa.Table:
    """Each candidate's probability given that a record describes at most one registry person.

    Splink scores every pair on its own: a record with only a name and a birth date scores
    0.99999 against each of two registry persons who share them, and the better of two equal
    scores is no evidence at all. With the pairs' odds o, the chance the record is this person
    rather than another or nobody is o / (1 + sum of o over its candidates): one strong candidate
    keeps its score, two strong ones fall to about a half each and go to a clerk.
    """
    if not candidates.num_rows:
        return candidates
    probability = np.clip(
        candidates.column(MATCH_PROBABILITY).to_numpy(zero_copy_only=False), 0.0, 1.0 - 1e-12
    )
    odds = probability / (1.0 - probability)
    records = candidates.column(RECORD_ID).combine_chunks()
    groups = pc.dictionary_encode(records).indices.to_numpy(zero_copy_only=False)
    total = np.bincount(groups, weights=odds)
    return candidates.set_column(
        candidates.schema.get_field_index(MATCH_PROBABILITY),
        MATCH_PROBABILITY,
        pa.array(odds / (1.0 + total[groups]), pa.float64()),
    )


def _apply_decisions(
    candidates: pa.Table, decisions: pa.Table | None, record_ids: pa.ChunkedArray
) -> pa.Table:
    if decisions is None or not decisions.num_rows:
        return _exclusive(candidates)
    for column in (RECORD_ID, REFERENCE_ID, IS_MATCH):
        if column not in decisions.column_names:
            raise ReferenceInputError(f"decisions table has no {column} column")
    decided = pa.table(
        {
            RECORD_ID: _strings(decisions, RECORD_ID),
            REFERENCE_ID: _strings(decisions, REFERENCE_ID),
            IS_MATCH: pc.cast(decisions.column(IS_MATCH), pa.bool_()),
        }
    ).filter(pc.is_in(_strings(decisions, RECORD_ID), value_set=record_ids.combine_chunks()))
    # Every decided pair leaves the model's candidates; approved ones come back at 1.0.
    remaining = _exclusive(
        candidates.join(
            decided.select([RECORD_ID, REFERENCE_ID]),
            keys=[RECORD_ID, REFERENCE_ID],
            join_type="left anti",
        )
    )
    approved = decided.filter(pc.fill_null(decided.column(IS_MATCH), False))
    approved_pairs = pa.table(
        {
            RECORD_ID: approved.column(RECORD_ID),
            REFERENCE_ID: approved.column(REFERENCE_ID),
            MATCH_PROBABILITY: pa.repeat(pa.scalar(1.0, pa.float64()), approved.num_rows),
        },
        schema=REFERENCE_MATCH_SCHEMA,
    )
    return pa.concat_tables([remaining.cast(REFERENCE_MATCH_SCHEMA), approved_pairs])


def link_to_reference(
    records: pa.Table,
    reference: pa.Table,
    *,
    decisions: pa.Table | None = None,
    settings: LinkageSettings | None = None,
) -> pa.Table:
    """The best registry candidate for each record that has one.

    Args:
        records: ``record_id`` and any of name, id_number, gender, birth_date, phone, address
            (strings; None or "" is missing; birth_date ``YYYY-MM-DD``; gender 男/女 or
            male/female).
        reference: ``reference_id`` and the same linkage columns, for the registry's persons.
        decisions: earlier clerical decisions: ``record_id``, ``reference_id``, ``is_match``.
        settings: engine and resources; the model is always the bundled one, untrained.

    Returns:
        ``record_id``, ``reference_id``, ``match_probability`` (float64): one row per record
        with a candidate at or above ``MIN_CANDIDATE_PROBABILITY`` (or an approved pair).

    Raises:
        ReferenceInputError: a key column is missing, empty or repeated.
    """
    settings = replace(settings or LinkageSettings(), train=False)
    left = _linkage_table(records, RECORD_ID, _RECORD_SOURCE)
    right = _linkage_table(reference, REFERENCE_ID, _REFERENCE_SOURCE)
    candidates = _empty()
    if left.num_rows and right.num_rows:
        candidates = _score(left, right, settings)
    return _best_per_record(_apply_decisions(candidates, decisions, left.column(RECORD_ID)))


def _score(left: pa.Table, right: pa.Table, settings: LinkageSettings) -> pa.Table:
    both = pa.concat_tables([left, right], promote_options="default")
    features = standardise(both)
    parameters = score.load_parameters(settings.model_path)
    score.quiet_splink()
    backend = open_backend(settings)
    try:
        frame = backend.register(
            features.drop_columns(["source_dataset", "record_id"]), "minzheng_reference_link"
        )
        linker = Linker(
            frame,
            score.model_settings(
                link_type="dedupe_only",
                parameters=parameters,
                probability_two_random_records_match=min(score.MAX_PRIOR, 1.0 / right.num_rows),
                term_frequencies=features.num_rows >= score.MIN_RECORDS_TO_TRAIN,
            ),
            log_level=None,
        )
        pairs = score.predict(
            linker,
            frame,
            floor=MIN_CANDIDATE_PROBABILITY,
            hash_function=backend.hash_function,
            reference_from=left.num_rows,
        )
        edges = backend.to_arrow(pairs, ["unique_id_l", "unique_id_r", "match_probability"])
    finally:
        backend.close()
    keys = features.column("record_id").combine_chunks()
    left_rows = pc.cast(edges.column("unique_id_l"), pa.int64())
    right_rows = pc.cast(edges.column("unique_id_r"), pa.int64())
    return pa.table(
        {
            RECORD_ID: pc.take(keys, left_rows),
            REFERENCE_ID: pc.take(keys, right_rows),
            MATCH_PROBABILITY: pc.cast(edges.column("match_probability"), pa.float64()),
        },
        schema=REFERENCE_MATCH_SCHEMA,
    )
