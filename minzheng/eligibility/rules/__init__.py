"""The shipped rule set as an OpenFisca country package (``docs/eligibility-spec.md``).

Nothing here imports Django: the rules run the same in the web app, the command line and the
benchmarks. Parameters are dated YAML files keyed by region code; formulas are numpy algebra over
whole populations, never a loop over households.
"""

from functools import cache
from pathlib import Path

from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from minzheng.eligibility.rules.entities import ENTITIES

PACKAGE_DIR = Path(__file__).parent
PARAMETERS_DIR = PACKAGE_DIR / "parameters"
VARIABLES_DIR = PACKAGE_DIR / "variables"
TESTS_DIR = PACKAGE_DIR / "tests"

# Bumped whenever a formula changes (a new dated formula, never an edit of an old one). Every
# determination records it next to the parameter values it used.
RULES_VERSION = "2024.1"


class MinzhengRules(TaxBenefitSystem):  # type: ignore[misc]
    """The country package: entities, variables and the region-keyed parameters."""

    def __init__(self) -> None:
        super().__init__(ENTITIES)
        self.add_variables_from_directory(str(VARIABLES_DIR))
        self.load_parameters(str(PARAMETERS_DIR))


@cache
def rules() -> MinzhengRules:
    """The baseline system, built once per process (reading the YAML takes ~0.1 s)."""
    return MinzhengRules()
