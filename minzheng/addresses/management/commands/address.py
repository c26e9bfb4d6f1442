"""``minzheng address``: door-plate matching of free-text addresses.

    minzheng address match --reference REF.csv --input IN.csv --out OUT.csv
    minzheng address resolve --source police --input police.csv [--column address]
    minzheng address rematch

``match`` works on files only: REF.csv has ``address_id,address``; IN.csv has
``record_id,address``; OUT.csv gets ``record_id,address_id,score``, with an empty
``address_id`` and score 0 when no match is confident (see ``minzheng_pipeline.addresses``).
Input rows are streamed, so IN.csv may be larger than memory.

``resolve`` runs a department file's address column through the alias table
(``address_aliases_resolve``) against the standard addresses in the database: strings seen
before are answered from the table, new ones are matched and remembered, and unmatched ones
land on their 镇街's worklist (/addresses/worklist/). It prints counts and timings, never an
address. ``rematch`` tries the unmatched aliases again after standard addresses were added.
Files are UTF-8 (a BOM is accepted).
"""

import csv
import sys
import time
from argparse import ArgumentParser
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError
from minzheng_pipeline.addresses import AddressMatcher
from tqdm import tqdm

from minzheng.addresses.services import address_aliases_rematch, address_aliases_resolve

REFERENCE_COLUMNS = ("address_id", "address")
INPUT_COLUMNS = ("record_id", "address")
OUTPUT_COLUMNS = ("record_id", "address_id", "score")


def _open(path: Path, label: str, stack: ExitStack) -> TextIO:
    try:
        return stack.enter_context(path.open(encoding="utf-8-sig", newline=""))
    except FileNotFoundError:
        raise CommandError(f"找不到{label}：{path}") from None
    except OSError as error:
        raise CommandError(f"无法读取{label} {path}：{error.strerror}") from None


def _rows(
    handle: TextIO, path: Path, label: str, columns: tuple[str, str]
) -> Iterator[tuple[str, str]]:
    """The two named columns of each row, after checking the header names them."""
    reader = csv.DictReader(handle)
    try:
        header = reader.fieldnames
    except UnicodeDecodeError:
        raise CommandError(f"{label} {path} 不是 UTF-8 编码。") from None
    if not header:
        raise CommandError(f"{label} {path} 为空，缺少表头：{','.join(columns)}")
    missing = [c for c in columns if c not in header]
    if missing:
        raise CommandError(f"{label} {path} 缺少列：{'、'.join(missing)}")
    first, second = columns
    try:
        for row in reader:
            yield (row[first] or "").strip(), row[second] or ""
    except UnicodeDecodeError:
        raise CommandError(f"{label} {path} 不是 UTF-8 编码。") from None
    except csv.Error as error:
        raise CommandError(f"{label} {path} 第 {reader.line_num} 行格式错误：{error}") from None


def _column_counts(path: Path, column: str, limit: int) -> Counter[str]:
    """How many rows carry each distinct non-blank value of ``column``; the first ``limit`` only."""
    counts: Counter[str] = Counter()
    with ExitStack() as stack:
        handle = _open(path, "部门数据文件", stack)
        reader = csv.DictReader(handle)
        try:
            header = reader.fieldnames or []
            if column not in header:
                raise CommandError(f"部门数据文件 {path} 缺少列：{column}")
            for row in reader:
                text = row[column] or ""
                if not text.strip():
                    continue
                if limit and text not in counts and len(counts) >= limit:
                    continue
                counts[text] += 1
        except UnicodeDecodeError:
            raise CommandError(f"部门数据文件 {path} 不是 UTF-8 编码。") from None
        except csv.Error as error:
            raise CommandError(
                f"部门数据文件 {path} 第 {reader.line_num} 行格式错误：{error}"
            ) from None
    return counts


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return max(0, sum(1 for _ in handle) - 1)


class Command(BaseCommand):
    help = (
        "地址工具。match：把待匹配地址对应到参考(标准)地址，精确到门牌；"
        "resolve：把部门数据的地址记入地址别名表；rematch：重新匹配未匹配的地址别名。"
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="子命令")
        match = subcommands.add_parser(
            "match",
            help="门牌级地址匹配",
            description="把 IN.csv 的地址匹配到 REF.csv 的标准地址，写出 OUT.csv。",
        )
        match.add_argument(
            "--reference", required=True, type=Path, help="参考地址 CSV(列 address_id,address)"
        )
        match.add_argument(
            "--input", required=True, type=Path, help="待匹配 CSV(列 record_id,address)"
        )
        match.add_argument(
            "--out", required=True, type=Path, help="输出 CSV(列 record_id,address_id,score)"
        )
        match.add_argument("--no-progress", action="store_true", help="不显示进度条")
        resolve = subcommands.add_parser(
            "resolve",
            help="把部门数据的地址对应到库内标准地址，并记入地址别名表",
            description=(
                "把 IN.csv 某一列的地址逐一(去重后)对应到数据库中的标准地址，结果记入地址别名表；"
                "未匹配的进入各镇街的未匹配地址清单。"
            ),
        )
        resolve.add_argument(
            "--source", required=True, help="来源部门代码，如 police、electricity、registry"
        )
        resolve.add_argument("--input", required=True, type=Path, help="部门数据 CSV")
        resolve.add_argument("--column", default="address", help="地址所在列(默认 address)")
        resolve.add_argument(
            "--limit", type=int, default=0, help="只处理前 N 个不同的地址(用于测速)"
        )
        resolve.add_argument("--no-progress", action="store_true", help="不显示进度条")
        rematch = subcommands.add_parser(
            "rematch",
            help="新增标准地址后，重新匹配所有未匹配的地址别名",
            description="用当前的标准地址重新匹配地址别名表中所有未匹配的地址。",
        )
        rematch.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "match":
            self._match(options["reference"], options["input"], options["out"], options)
        elif options["subcommand"] == "resolve":
            self._resolve(options)
        elif options["subcommand"] == "rematch":
            self._rematch(options)

    def _rematch(self, options: dict[str, Any]) -> None:
        with tqdm(
            unit="条", desc="重新匹配", file=sys.stderr, disable=options["no_progress"]
        ) as bar:

            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.update(done - bar.n)

            matched = address_aliases_rematch(progress=progress)
        self.stdout.write(f"重新匹配完成：{matched} 条原未匹配的地址已对应到标准地址。")

    def _resolve(self, options: dict[str, Any]) -> None:
        source, path, column = options["source"], options["input"], options["column"]
        if not source or len(source) > 32:
            raise CommandError("来源部门代码须为 1 到 32 个字符。")
        counts = _column_counts(path, column, options["limit"])
        with tqdm(
            total=len(counts),
            unit="条",
            desc="地址匹配",
            file=sys.stderr,
            disable=options["no_progress"],
        ) as bar:

            def progress(done: int, total: int) -> None:
                bar.update(done - bar.n)

            started = time.perf_counter()
            result = address_aliases_resolve(raw_texts=counts, source=source, progress=progress)
            seconds = time.perf_counter() - started
        records = result.records_matched + result.records_unmatched
        rate = 100 * result.records_matched / records if records else 0.0
        matching = seconds - result.index_seconds
        index = (
            f"建立标准地址索引 {result.index_seconds:.1f} 秒"
            if result.index_seconds
            else "标准地址索引无需重建"
        )
        self.stdout.write(
            f"不同地址 {len(counts)} 条：已匹配 {result.matched}，未匹配 {result.unmatched}"
            f"(其中 {result.from_table} 条由别名表直接给出，新记入 {result.created} 条)\n"
            f"记录 {records} 条，地址匹配率 {rate:.2f}%\n"
            f"共用时 {seconds:.1f} 秒：{index}；"
            f"匹配与写入 {matching:.1f} 秒，{len(counts) / max(matching, 1e-9):.0f} 条/秒"
        )

    def _match(self, reference: Path, input_path: Path, out: Path, options: dict[str, Any]) -> None:
        with ExitStack() as stack:
            ref_handle = _open(reference, "参考地址文件", stack)
            ref_rows = _rows(ref_handle, reference, "参考地址文件", REFERENCE_COLUMNS)
            matcher = AddressMatcher.from_reference(ref_rows)
            in_handle = _open(input_path, "待匹配文件", stack)
            in_rows = _rows(in_handle, input_path, "待匹配文件", INPUT_COLUMNS)
            first = next(in_rows, None)  # checks the header before OUT.csv is created
            try:
                out_handle = stack.enter_context(out.open("w", encoding="utf-8", newline=""))
            except OSError as error:
                raise CommandError(f"无法写入输出文件 {out}：{error.strerror}") from None
            writer = csv.writer(out_handle)
            writer.writerow(OUTPUT_COLUMNS)
            rows = in_rows if first is None else _chain(first, in_rows)
            progress = tqdm(
                rows,
                total=_count_lines(input_path),
                unit="条",
                desc="地址匹配",
                file=sys.stderr,
                disable=options["no_progress"],
            )
            matched = total = 0
            for record_id, text in progress:
                result = matcher.match(text)
                total += 1
                if result is None:
                    writer.writerow((record_id, "", 0))
                else:
                    matched += 1
                    writer.writerow((record_id, result.address_id, f"{result.score:.3f}"))
        skipped = f"；{len(matcher.skipped)} 条参考地址无门牌，已跳过" if matcher.skipped else ""
        self.stdout.write(f"已匹配 {matched}/{total} 条，结果写入 {out}{skipped}")


def _chain(first: tuple[str, str], rest: Iterator[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    yield first
    yield from rest
