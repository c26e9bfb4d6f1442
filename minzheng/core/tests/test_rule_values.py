"""The one format of shipped rule values: what the walker refuses (ADR 0034)."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from minzheng.core.rule_values import document, parse, reference_problems

MEASURES = document("social_assistance_measures").citation


def _rule_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rule_values.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_value_without_a_reference_is_refused(tmp_path: Path) -> None:
    values = parse(_rule_file(tmp_path, "interval_days.red:\n  2024-01-01:\n    value: 7\n"))

    (entry,) = values.entries
    assert reference_problems(entry.reference) == ["no reference"]


def test_a_value_without_a_start_date_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="start date"):
        parse(_rule_file(tmp_path, "interval_days.red:\n  value: 7\n  reference: x\n"))


@pytest.mark.parametrize(
    "reference",
    [
        f"{MEASURES}：见 seed 004",
        f"{MEASURES}（domain §5）",
        "MODEL：见 ../shared/docs/domain.md",
        "MODEL：docs/eligibility-spec",
    ],
)
def test_a_reference_into_the_repository_is_refused(reference: str) -> None:
    assert any("repository" in problem for problem in reference_problems(reference))


def test_a_reference_must_cite_a_catalogued_document_or_say_it_is_an_assumption() -> None:
    assert reference_problems("民发〔2023〕39号 二(三)")  # a number without its document
    assert reference_problems("MODEL")  # an assumption that does not say why
    assert reference_problems(f"{MEASURES}第四十七条") == []
    assert reference_problems("MODEL：县级管理员须确认的本系统假设") == []


def test_values_are_read_as_they_stood_on_the_day_and_per_region(tmp_path: Path) -> None:
    path = _rule_file(
        tmp_path,
        f"""
review_body:
  label: 行政复议机关
  2024-01-01: {{value: 县人民政府, reference: "MODEL：通常"}}
  "330482":
    2024-01-01: {{value: 平湖市人民政府, reference: "MODEL：平湖"}}
interval_days.red:
  2024-01-01: {{value: 7, reference: "{MEASURES}"}}
  2027-01-01: {{value: 5, reference: "{MEASURES}"}}
""",
    )
    values = parse(path)

    assert values.at("interval_days.red", dt.date(2026, 12, 31)) == Decimal(7)
    assert values.at("interval_days.red", dt.date(2027, 1, 1)) == Decimal(5)
    assert values.at("interval_days.red", dt.date(2023, 12, 31)) is None
    assert values.at("review_body", dt.date(2025, 1, 1), region="330482") == "平湖市人民政府"
    assert values.at("review_body", dt.date(2025, 1, 1), region="330500") == "县人民政府"
    assert values.label("review_body") == "行政复议机关"


def test_code_without_a_day_cannot_read_a_name_that_has_dated_values(tmp_path: Path) -> None:
    path = _rule_file(
        tmp_path,
        f"""
interval_days.red:
  2024-01-01: {{value: 7, reference: "{MEASURES}"}}
  2027-01-01: {{value: 5, reference: "{MEASURES}"}}
""",
    )

    with pytest.raises(TypeError, match="at\\(day\\)"):
        parse(path).integer("interval_days.red")
