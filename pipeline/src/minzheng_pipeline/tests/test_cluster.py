import numpy as np

from minzheng_pipeline.steps.cluster import cluster, connected_components


def ints(*values: int) -> np.ndarray:
    return np.array(values, dtype=np.int64)


def test_connected_components_label_by_the_smallest_member():
    labels = connected_components(7, ints(0, 1, 5, 4), ints(1, 2, 6, 2))
    assert labels.tolist() == [0, 0, 0, 3, 0, 5, 5]


def test_a_long_chain_is_one_component():
    nodes = 1000
    left = np.arange(nodes - 1, dtype=np.int64)[::-1].copy()
    labels = connected_components(nodes, left, left + 1)
    assert set(labels.tolist()) == {0}


def test_links_below_the_threshold_are_ignored():
    result = cluster(
        3, ints(0, 1), ints(1, 2), np.array([0.9, 0.4]), ints(-1, -1, -1), threshold=0.5
    )
    assert result.labels.tolist() == [0, 0, 2]


def test_a_record_fitting_two_people_joins_the_better_and_never_merges_them():
    # Nodes 0 and 2 carry different checked IDs; node 1 (no ID) links to both, better to 2.
    result = cluster(
        3, ints(0, 1), ints(1, 2), np.array([0.8, 0.95]), ints(7, -1, 9), threshold=0.5
    )
    assert result.labels.tolist() == [0, 1, 1]
    assert (result.components_split, result.links_refused) == (1, 1)


def test_components_without_conflicts_are_left_alone():
    result = cluster(
        4, ints(0, 2), ints(1, 3), np.array([0.99, 0.99]), ints(5, 5, 6, -1), threshold=0.5
    )
    assert result.labels.tolist() == [0, 0, 2, 2]
    assert result.components_split == 0
