"""docs/rules.md is the shipped rule values as they are (ADR 0035)."""

from minzheng.core.rule_catalogue import CATALOGUE, render


def test_the_rule_catalogue_is_current() -> None:
    assert CATALOGUE.read_text(encoding="utf-8") == render(), "run `make rules-doc`"


def test_the_catalogue_lists_every_value_with_its_source() -> None:
    text = render()

    assert "| `interval_days.red` |  | 2024-01-01 | 7 | MODEL：" in text
    assert "《最低生活保障审核确认办法》 | 民政部 | 民发〔2021〕57号 | 2021-06-11" in text
    assert "| `dibao.standard` | 低保标准 S（元/人/月） | 330500 | 2024-01-01 | 1145 |" in text
    assert "seed" not in text
