"""Exceptions of the public API, importable without loading Splink."""

from enum import StrEnum
from pathlib import Path


class ReferenceInputError(ValueError):
    """A malformed input table for ``link_to_reference``; the message names the table and
    column."""


class SourceProblem(StrEnum):
    """Stable codes for what is wrong with a source file."""

    MISSING_FILE = "missing_file"
    UNREADABLE = "unreadable"
    NO_RECORD_ID = "no_record_id"
    NO_LINKAGE_COLUMN = "no_linkage_column"
    EMPTY_RECORD_ID = "empty_record_id"
    DUPLICATE_RECORD_ID = "duplicate_record_id"
    DUPLICATE_SOURCE = "duplicate_source"


_MESSAGES = {
    SourceProblem.MISSING_FILE: "文件 {path} 不存在",
    SourceProblem.UNREADABLE: "文件 {path} 无法读取：{detail}",
    SourceProblem.NO_RECORD_ID: "文件 {path} 缺少 record_id 列",
    SourceProblem.NO_LINKAGE_COLUMN: (
        "文件 {path} 没有可用于匹配的列(至少需要 name、id_number、gender、birth_date、phone、"
        "address 之一)"
    ),
    SourceProblem.EMPTY_RECORD_ID: "文件 {path} 有 {detail} 行 record_id 为空",
    SourceProblem.DUPLICATE_RECORD_ID: "文件 {path} 的 record_id 有 {detail} 个重复值",
    SourceProblem.DUPLICATE_SOURCE: "数据源名称 {detail} 重复：每个文件名(不含扩展名)须唯一",
}


class SourceError(ValueError):
    """A source file that cannot be linked; ``message`` is Chinese, for the user."""

    def __init__(self, problem: SourceProblem, path: Path, detail: str = "") -> None:
        self.problem = problem
        self.path = path
        self.message = _MESSAGES[problem].format(path=path, detail=detail)
        super().__init__(self.message)


class BackendUnavailable(RuntimeError):
    """The chosen engine cannot start (PySpark or Java missing); the message says why."""
