"""Which shipped values are the model's assumption rather than a cited document.

The YAML marks them in the value's metadata: the reference starts "MODEL" and the label says
模型默认值 or 模型占位值. A county must confirm such a value before deciding on it.
"""

from collections.abc import Mapping

ASSUMPTION_MARK = "MODEL"
ASSUMPTION_LABEL_MARK = "模型"


def is_assumption(metadata: Mapping[str, object]) -> bool:
    reference = str(metadata.get("reference", "")).lstrip()
    label = str(metadata.get("label", ""))
    return reference.startswith(ASSUMPTION_MARK) or ASSUMPTION_LABEL_MARK in label
