"""``minzheng eligibility``: the rule set from the command line.

    minzheng eligibility evaluate CASES.json --out RESULTS.json [--set NAME=VALUE ...]
    minzheng eligibility run [--as-of DATE]
    minzheng eligibility whatif --set NAME=VALUE --user USERNAME [--from DATE] [--region CODE]
                               [--as-of DATE] [--out FILE.xlsx]

``evaluate`` judges the cases of a JSON file (``docs/eligibility-spec.md``) and writes one
result per case in the same order; a malformed case gets an error entry naming the case and
the field, and the others are still judged. ``--set`` overrides a parameter for every date and
region in this run only. ``run`` judges every household of the registry and stores the results
as the current determinations; ``whatif`` compares the registry under changed parameters with
the rules in force.
"""

import datetime as dt
import json
import time
from argparse import ArgumentParser
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from minzheng.accounts.selectors import active_staff_get
from minzheng.accounts.system import system_user
from minzheng.core.clock import today
from minzheng.core.exceptions import ApplicationError, PermissionDenied
from minzheng.eligibility.exports import whatif_workbook
from minzheng.eligibility.selectors import determination_counts
from minzheng.eligibility.selectors.whatifs import whatif_households
from minzheng.eligibility.services import (
    cases_evaluate,
    determinations_run,
    parameter_settings_parse,
)
from minzheng.eligibility.services.whatif import policy_whatif


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

        run = commands.add_parser("run", help="批量判定登记的全部家庭，保存为当前判定结果")
        run.add_argument("--as-of", type=_date, default=None, help="判定日期，默认今天")
        whatif = commands.add_parser("whatif", help="政策测算：调整参数后与现行规则比较")
        whatif.add_argument(
            "--set",
            dest="parameter_settings",
            action="append",
            required=True,
            metavar="NAME=VALUE",
            help="调整的参数，可重复",
        )
        whatif.add_argument("--from", dest="start", type=_date, help="调整的生效日期，默认所有日期")
        whatif.add_argument("--region", help="只调整这个行政区划的参数，默认全部")
        whatif.add_argument(
            "--as-of", type=_date, help="测算日期，默认批量判定日期与生效日期中较晚者"
        )
        whatif.add_argument("--user", required=True, help="执行测算的工作人员用户名（记入审计）")
        whatif.add_argument("--out", type=Path, help="把变化户清单写入 Excel 文件")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "evaluate":
            self._evaluate(options["cases"], options["out"], options["parameter_settings"])
        elif options["action"] == "run":
            self._run(options["as_of"] or today())
        elif options["action"] == "whatif":
            self._whatif(options)

    def _whatif(self, options: dict[str, Any]) -> None:
        actor = active_staff_get(username=options["user"])
        if actor is None:
            raise CommandError(f"没有这个工作人员：{options['user']}")
        try:
            changes = [
                replace(change, start=options["start"], region=options["region"])
                for change in parameter_settings_parse(options["parameter_settings"])
            ]
            whatif = policy_whatif(actor=actor, changes=changes, as_of=options["as_of"])
        except ApplicationError as error:
            raise CommandError(str(error.message)) from None
        except PermissionDenied:
            raise CommandError(f"{options['user']} 没有政策测算权限") from None
        totals = whatif.summary["totals"]
        self.stdout.write(
            f"测算 {whatif.summary['households']} 户（测算日期 {whatif.as_of}），"
            f"用时 {whatif.seconds} 秒"
        )
        self.stdout.write(
            f"  新增享受 {totals['gained']} 户，不再享受 {totals['lost']} 户，"
            f"金额增加 {totals['increased']} 户，金额减少 {totals['decreased']} 户"
        )
        self.stdout.write(
            f"  每月支出 {totals['monthly_before']} → {totals['monthly_after']} 元"
            f"（{totals['monthly_delta']:+d}）"
        )
        for line in whatif.summary["townships"]:
            self.stdout.write(f"  {line['name']}：每月 {line['monthly_delta']:+d} 元")
        if options["out"]:
            rows = whatif_households(actor=actor, whatif=whatif)
            options["out"].write_bytes(whatif_workbook(whatif, rows.iterator(chunk_size=2000)))
            self.stdout.write(f"变化户清单写入 {options['out']}")

    def _run(self, as_of: dt.date) -> None:
        started = time.perf_counter()
        run = determinations_run(actor=system_user(), as_of=as_of, progress=True)
        counts = determination_counts(run_id=run.pk)
        self.stdout.write(
            f"已判定 {run.household_count} 户（判定日期 {as_of}），用时 "
            f"{time.perf_counter() - started:.1f} 秒"
        )
        for label, households, monthly in counts:
            self.stdout.write(f"  {label}：{households} 户，每月 {monthly} 元")

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


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期应为 YYYY-MM-DD 格式：{text}") from None


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
