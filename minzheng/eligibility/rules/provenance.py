"""Which shipped values are the model's assumption rather than a cited document.

The YAML marks them in the value's metadata the way every shipped rule value is marked
(``core.rule_values``, ADR 0034): the reference starts "MODEL：", and the label says 模型默认值
or 模型占位值. A county must confirm such a value before deciding on it (ADR 0019).
"""

from collections.abc import Mapping

from minzheng.core.rule_values import ASSUMPTION_MARK
from minzheng.core.rule_values import is_assumption as reference_is_assumption

__all__ = ["ASSUMPTION_LABEL_MARK", "ASSUMPTION_MARK", "is_assumption"]

ASSUMPTION_LABEL_MARK = "模型"


def is_assumption(metadata: Mapping[str, object]) -> bool:
    label = str(metadata.get("label", ""))
    return reference_is_assumption(str(metadata.get("reference", ""))) or (
        ASSUMPTION_LABEL_MARK in label
    )
