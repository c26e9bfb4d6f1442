"""The rules' reasons as a citizen's notice states them: figures, and only real documents cited.

Staff read every parameter's stored label ("模型默认值" included). A decision notice cites a
figure's source only when that source is a published document; a value that is the project's
assumption (or was replaced since the decision) is stated as a figure without a citation, so no
notice presents an assumption as a policy.
"""

import datetime as dt
from collections.abc import Mapping

from minzheng.eligibility.explain import result_sentences
from minzheng.eligibility.rules.evaluation import parameters_in_force
from minzheng.eligibility.rules.regions import REGIONS
from minzheng.eligibility.services.evaluation import rules_system


def notice_explain(
    *, result: Mapping[str, object], region: str, day: dt.date
) -> dict[str, list[str]]:
    """Programme → the sentences of ``result`` (judged for ``region`` on ``day``) for a notice."""
    held = parameters_in_force(rules_system(), day, region) if region in REGIONS else {}

    def cite(name: str, label: str) -> str:
        source = held.get(name)
        if source is None or source.is_assumption or source.label != label:
            return ""
        return label

    return result_sentences(result, cite)
