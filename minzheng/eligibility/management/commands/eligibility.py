"""``minzheng eligibility``: the rule set from the command line.

    minzheng eligibility evaluate CASES.json --out RESULTS.json [--set NAME=VALUE ...]
    minzheng eligibility run [--as-of DATE]
    minzheng eligibility whatif --set NAME=VALUE [--from DATE] [--as-of DATE] [--out FILE.xlsx]

``evaluate`` judges the cases of a JSON file (``docs/eligibility-spec.md``) and writes one
result per case in the same order; a malformed case gets an error entry naming the case and
the field, and the others are still judged. ``--set`` overrides a parameter for every date and
region in this run only. ``run`` judges every household of the registry and stores the results
as the current determinations; ``whatif`` compares the registry under changed parameters with
the rules in force.
"""

import json
import time
from argparse import ArgumentParser
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from minzheng.core.exceptions import ApplicationError
from minzheng.eligibility.services import cases_evaluate, parameter_settings_parse


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


class Command(BaseCommand):
    help = "救助政策规则：判定案例文件、批量判定全部家庭、政策测算。"

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        evaluate = commands.add_parser("evaluate", help="判定 CASES.json 中的每个案例")
        evaluate.add_argument("cases", type=Path, help="案例文件 (JSON 列表)")
        evaluate.add_argument("--out", type=Path, required=True, help="结果文件 (JSON 列表)")
        evaluate.add_argument(
            "--set",
            dest="parameter_settings",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help="本次运行中覆盖一个参数（所有日期和区划），可重复",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "evaluate":
            self._evaluate(options["cases"], options["out"], options["parameter_settings"])

    def _evaluate(self, cases_path: Path, out: Path, settings: list[str]) -> None:
        try:
            changes = parameter_settings_parse(settings)
        except ApplicationError as error:
            raise CommandError(str(error.message)) from None
        cases = _read_cases(cases_path)
        started = time.perf_counter()
        results = cases_evaluate(cases=cases, settings=changes)
        elapsed = time.perf_counter() - started
        try:
            out.write_text(
                json.dumps(results, ensure_ascii=False, indent=2, default=_json_default) + "\n",
                encoding="utf-8",
            )
        except OSError as error:
            raise CommandError(f"无法写入结果文件 {out}：{error.strerror}") from None
        failed = sum(1 for result in results if "error" in result)
        self.stdout.write(
            f"已判定 {len(results) - failed} 个案例，{failed} 个案例有误，用时 {elapsed:.2f} 秒；"
            f"结果写入 {out}"
        )
        for result in results:
            problem = result.get("error")
            if isinstance(problem, dict):
                self.stderr.write(
                    f"案例 {result['case_id']}：字段 {problem['field']}：{problem['message']}"
                )


def _read_cases(path: Path) -> list[object]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CommandError(f"找不到案例文件：{path}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"无法读取案例文件 {path}：{error}") from None
    try:
        # Decimal keeps 1700.10 exactly as written: amounts are checked to two decimals.
        cases = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as error:
        raise CommandError(
            f"案例文件 {path} 不是有效的 JSON：第 {error.lineno} 行第 {error.colno} 列，{error.msg}"
        ) from None
    if not isinstance(cases, list):
        raise CommandError(f"案例文件 {path} 应是一个 JSON 列表（每个元素一个案例）")
    return cases
