from minzheng.eligibility.selectors.confirmations import (
    UnconfirmedParameter,
    result_unconfirmed_parameters,
    unconfirmed_parameters,
)
from minzheng.eligibility.selectors.current import JudgedSnapshot, current_snapshot_judged
from minzheng.eligibility.selectors.determinations import (
    current_eligible_households,
    current_judgement_frame,
    current_judgement_sentences,
    determination_counts,
    determination_result,
    household_suggestions,
)
from minzheng.eligibility.selectors.prefill import household_case_prefill, snapshot_case_prefills
from minzheng.eligibility.selectors.snapshot import RegistrySnapshot, registry_snapshot

__all__ = [
    "JudgedSnapshot",
    "RegistrySnapshot",
    "UnconfirmedParameter",
    "current_eligible_households",
    "current_judgement_frame",
    "current_judgement_sentences",
    "current_snapshot_judged",
    "determination_counts",
    "determination_result",
    "household_case_prefill",
    "household_suggestions",
    "registry_snapshot",
    "result_unconfirmed_parameters",
    "snapshot_case_prefills",
    "unconfirmed_parameters",
]
