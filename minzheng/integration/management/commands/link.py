"""``minzheng link``: match the records of several source files to persons (实体).

    minzheng link police.csv electricity.csv --out entities.csv [--engine duckdb|spark]

A thin wrapper around ``minzheng_pipeline.link_files``. Stage messages go to stderr, a
summary to stdout; both hold counts and timings only, never names, ID numbers or addresses.
"""

import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from minzheng_pipeline import (
    BackendUnavailable,
    LinkageSettings,
    SettingsError,
    SourceError,
    link_files,
)

STAGE_LABELS = {
    "read": "读取数据源",
    "standardise": "标准化(繁简转换、拼音、身份证号、电话、地址)",
    "train": "估计匹配模型参数",
    "predict": "生成候选记录对并打分",
    "cluster": "聚合为人员实体",
    "write": "写出结果",
}


class Command(BaseCommand):
    help = (
        "将多个数据源 CSV 文件中的记录按人匹配(跨数据源及数据源内重复)，"
        "输出 source,record_id,entity_id：entity_id 相同的记录为同一人。"
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "sources",
            nargs="+",
            type=Path,
            help="数据源 CSV 文件；表头含 record_id 及 name、id_number、gender、birth_date、"
            "phone、address 中的任意列，文件名(不含扩展名)即数据源名称",
        )
        parser.add_argument("--out", required=True, type=Path, help="输出 CSV 文件")
        parser.add_argument(
            "--engine",
            choices=["duckdb", "spark"],
            default=None,
            help="计算引擎：duckdb(默认，本机)或 spark(需安装 minzheng-pipeline[spark])",
        )
        parser.add_argument("--no-progress", action="store_true", help="不显示阶段信息")

    def handle(self, *args: Any, **options: Any) -> None:
        sources: list[Path] = options["sources"]
        out: Path = options["out"]
        if not out.parent.is_dir():
            raise CommandError(f"输出目录 {out.parent} 不存在")
        if any(out.resolve() == source.resolve() for source in sources):
            raise CommandError(f"输出文件 {out} 不能是数据源文件之一")
        try:
            settings = LinkageSettings.from_env()
            if options["engine"]:
                settings = settings.with_engine(options["engine"])
        except SettingsError as exc:
            raise CommandError(f"环境变量中的匹配参数无效：{exc}") from exc

        started = time.perf_counter()
        stages = list(STAGE_LABELS)

        def progress(stage: str) -> None:
            if options["no_progress"]:
                return
            number = stages.index(stage) + 1 if stage in stages else 0
            elapsed = time.perf_counter() - started
            # Stage messages go to stderr, unstyled, so stdout holds only the summary.
            label = STAGE_LABELS.get(stage, stage)
            self.stderr.write(
                f"[{number}/{len(stages)}] {label}…(已用 {elapsed:.1f} 秒)", style_func=str
            )
            self.stderr.flush()

        try:
            result = link_files(sources, out, settings, progress=progress)
        except SourceError as exc:
            raise CommandError(exc.message) from exc
        except BackendUnavailable as exc:
            raise CommandError(f"无法启动 {settings.engine} 引擎：{exc}") from exc
        except OSError as exc:
            raise CommandError(f"无法写入输出文件 {out}：{exc.strerror or exc}") from exc

        self.stdout.write(
            self.style.SUCCESS(f"匹配完成，结果已写入 {out}(引擎 {settings.engine})：")
        )
        for source, rows in result.records_per_source.items():
            self.stdout.write(f"  {source}  {rows} 条记录")
        self.stdout.write(f"  记录合计 {result.records} 条，识别为 {result.entity_count} 人")
        self.stdout.write(
            f"  候选记录对 {result.scored_pairs} 对，其中 {result.links} 对达到匹配阈值"
            f" {settings.cluster_probability:g}"
        )
        if result.links_refused:
            self.stdout.write(
                f"  拆分 {result.components_split} 个含不同身份证号的聚类，"
                f"舍弃 {result.links_refused} 条冲突链接"
            )
        if not result.trained:
            self.stdout.write("  记录较少，未重新估计模型参数，使用内置参数")
        timings = "，".join(
            f"{STAGE_LABELS[stage].split('(')[0]} {seconds:.1f} 秒"
            for stage, seconds in result.seconds.items()
            if stage in STAGE_LABELS
        )
        self.stdout.write(f"  用时 {time.perf_counter() - started:.1f} 秒({timings})")
