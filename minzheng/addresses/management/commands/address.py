"""``minzheng address match``: match free-text addresses to canonical reference addresses.

    minzheng address match --reference REF.csv --input IN.csv --out OUT.csv

REF.csv has ``address_id,address``; IN.csv has ``record_id,address``; OUT.csv gets
``record_id,address_id,score``, with an empty ``address_id`` and score 0 when no match is
confident (see ``minzheng_pipeline.addresses``). Files are UTF-8 (a BOM is accepted); input
rows are streamed, so IN.csv may be larger than memory.
"""

import csv
import sys
from argparse import ArgumentParser
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError
from minzheng_pipeline.addresses import AddressMatcher
from tqdm import tqdm

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


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return max(0, sum(1 for _ in handle) - 1)


class Command(BaseCommand):
    help = "地址工具。match：把待匹配地址对应到参考(标准)地址，精确到门牌。"

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

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "match":
            self._match(options["reference"], options["input"], options["out"], options)

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
