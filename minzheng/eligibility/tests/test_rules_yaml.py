"""The YAML cases a domain expert reads are the rule set's own tests."""

from pathlib import Path

import pytest
from openfisca_core.tools.test_runner import run_tests

from minzheng.eligibility.rules import TESTS_DIR, rules

YAML_FILES = sorted(TESTS_DIR.glob("*.yaml"))


def test_every_programme_has_yaml_cases():
    assert {path.stem for path in YAML_FILES} >= {"dibao", "tekun", "rigid_expenditure"}


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda path: path.stem)
def test_yaml_cases_pass(path: Path):
    assert run_tests(rules(), [str(path)], options={}) == 0


def test_a_wrong_expectation_fails(tmp_path):
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(
        "- name: 低保金额写错\n"
        "  period: 2024-07-01\n"
        "  input:\n"
        "    households: {h1: {members: [a], region: '330500', has_capable_supporter: true}}\n"
        "    persons: {a: {birth_date: 1958-03-02, monthly_income: 620}}\n"
        "  output:\n"
        "    dibao_amount: [526]\n",
        encoding="utf-8",
    )
    assert run_tests(rules(), [str(wrong)], options={}) != 0
