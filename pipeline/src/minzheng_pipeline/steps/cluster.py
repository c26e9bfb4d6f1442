"""Entities from scored pairs: connected components that never join two resident IDs.

Plain connected components let one weak record bridge two people: a record with only a name
and a birth date matches both 张伟 born on 1990-01-01, and the two become one entity. So every
component that ends up holding two different *checked* resident IDs (valid check character,
both) is rebuilt greedily: its links are added best first, and a link that would join two
different checked IDs is skipped. Such components are rare, so the Python loop only ever sees
a few thousand links; everything else is vectorised.
"""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Clusters:
    labels: IntArray  # per node: the smallest node id of its entity
    components_split: int  # components rebuilt because they held two checked IDs
    links_refused: int  # links skipped while rebuilding them


def connected_components(nodes: int, left: IntArray, right: IntArray) -> IntArray:
    """Per node, the smallest node id in its component (hook and compress, vectorised)."""
    parent = np.arange(nodes, dtype=np.int64)
    if not len(left):
        return parent
    while True:
        a = parent[left]
        b = parent[right]
        differ = a != b
        if not differ.any():
            return parent
        low = np.minimum(a[differ], b[differ])
        high = np.maximum(a[differ], b[differ])
        np.minimum.at(parent, high, low)
        while True:
            jumped = parent[parent]
            if np.array_equal(jumped, parent):
                break
            parent = jumped


def _find(parent: dict[int, int], node: int) -> int:
    root = node
    while parent[root] != root:
        root = parent[root]
    while parent[node] != root:
        parent[node], node = root, parent[node]
    return root


def _rebuild(
    members: IntArray,
    left: IntArray,
    right: IntArray,
    probability: FloatArray,
    id_code: IntArray,
) -> tuple[dict[int, int], int]:
    """Greedy best-first union of one set of components; returns (root per member, refused)."""
    parent = {int(m): int(m) for m in members.tolist()}
    owner = {int(m): int(id_code[m]) for m in members.tolist()}
    refused = 0
    for i in np.argsort(-probability, kind="stable").tolist():
        a = _find(parent, int(left[i]))
        b = _find(parent, int(right[i]))
        if a == b:
            continue
        id_a, id_b = owner[a], owner[b]
        if id_a >= 0 and id_b >= 0 and id_a != id_b:
            refused += 1
            continue
        low, high = (a, b) if a < b else (b, a)
        parent[high] = low
        owner[low] = id_a if id_a >= 0 else id_b
    return {m: _find(parent, m) for m in parent}, refused


def cluster(
    nodes: int,
    left: IntArray,
    right: IntArray,
    probability: FloatArray,
    id_code: IntArray,
    *,
    threshold: float,
) -> Clusters:
    """Entities from links at or above ``threshold``.

    ``id_code`` gives each node's checked resident ID as a small integer, -1 for none.
    """
    keep = probability >= threshold
    left, right, probability = left[keep], right[keep], probability[keep]
    labels = connected_components(nodes, left, right)

    # Components holding more than one distinct checked ID.
    has_id = id_code >= 0
    pairs = np.unique(np.stack([labels[has_id], id_code[has_id]]), axis=1)
    roots, counts = np.unique(pairs[0], return_counts=True)
    conflicted = roots[counts > 1]
    if not len(conflicted):
        return Clusters(labels=labels, components_split=0, links_refused=0)

    in_conflict = np.isin(labels[left], conflicted)
    members = np.flatnonzero(np.isin(labels, conflicted))
    rebuilt, refused = _rebuild(
        members, left[in_conflict], right[in_conflict], probability[in_conflict], id_code
    )
    labels = labels.copy()
    nodes_rebuilt = np.fromiter(rebuilt.keys(), dtype=np.int64, count=len(rebuilt))
    labels[nodes_rebuilt] = np.fromiter(rebuilt.values(), dtype=np.int64, count=len(rebuilt))
    return Clusters(labels=labels, components_split=len(conflicted), links_refused=refused)
