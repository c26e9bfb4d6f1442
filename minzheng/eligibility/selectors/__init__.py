from minzheng.eligibility.selectors.prefill import household_case_prefill
from minzheng.eligibility.selectors.snapshot import RegistrySnapshot, registry_snapshot

__all__ = ["RegistrySnapshot", "household_case_prefill", "registry_snapshot"]
