"""Every shipped rule value has a start date and a reference to a real document (ADR 0034).

The walker reads what the release ships, not a list of it kept by hand: every
``rule_values.yaml`` under the package, every value of every eligibility parameter (OpenFisca
YAML) and every OpenFisca variable. A value without a reference, a reference into this
repository, or one that cites no catalogued document without saying it is an assumption fails.
"""

from collections.abc import Iterator

from openfisca_core.parameters import Parameter

from minzheng.core.rule_values import PACKAGE_ROOT, parse, reference_problems, rule_files
from minzheng.eligibility.rules import rules
from minzheng.monitoring.rules import RULES

# The apps whose shipped numbers a county lives by: each keeps them in its rule file.
APPS_WITH_RULE_VALUES = {"cases", "integration", "monitoring", "payments", "profiling", "visits"}


def _parameter_values() -> Iterator[tuple[str, object, object]]:
    for node in rules().parameters.get_descendants():
        if isinstance(node, Parameter):
            for held in node.values_list:
                yield node.name, held.instant_str, held.metadata.get("reference")


def test_every_app_that_ships_rule_values_keeps_them_in_its_rule_file() -> None:
    apps = {path.relative_to(PACKAGE_ROOT).parts[0] for path in rule_files()}

    assert apps >= APPS_WITH_RULE_VALUES


def test_every_shipped_rule_value_has_a_start_and_a_reference_to_a_document() -> None:
    problems = [
        f"{path.relative_to(PACKAGE_ROOT)} {entry.name} {entry.start}: {problem}"
        for path in rule_files()
        for entry in parse(path).entries
        for problem in reference_problems(entry.reference)
    ]

    assert problems == []


def test_every_eligibility_parameter_value_has_a_reference_to_a_document() -> None:
    values = list(_parameter_values())
    problems = [
        f"{name} {start}: {problem}"
        for name, start, reference in values
        for problem in reference_problems(reference)
    ]

    assert len(values) >= 20  # 11 parameters × 2 regions: the walk reached the leaves
    assert problems == []


def test_every_openfisca_variable_has_a_reference_to_a_document() -> None:
    variables = rules().variables
    problems = [
        f"{name}: {problem}"
        for name, variable in variables.items()
        for reference in variable.reference or [None]
        for problem in reference_problems(reference)
    ]

    assert len(variables) > 50
    assert problems == []


def test_every_warning_rule_cites_its_document() -> None:
    problems = [
        f"{kind}: {problem}"
        for kind, rule in RULES.items()
        for problem in reference_problems(rule.reference)
    ]

    assert problems == []
