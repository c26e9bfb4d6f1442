"""Pairwise precision, recall and F1 of a clustering against known truth.

Two records form a predicted pair when they share an entity id, and a true pair when they
share a truth id. Counts come from the contingency table of (entity, truth) sizes, so no pair
is ever listed: n records in one group contribute n(n-1)/2 pairs.
"""

from dataclasses import dataclass

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
