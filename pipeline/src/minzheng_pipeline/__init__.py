"""minzheng's record-linkage pipeline: Chinese text preparation, door-plate matching, Splink.

Nothing here imports Django (an import-linter contract keeps it so): the pipeline runs on
files and Arrow tables, and the web application calls it.

Public API:

* ``link_files(paths, out, settings)`` / ``link_records(table, settings)``: link sources to each
  other (``minzheng link``); records with the same ``entity_id`` are one person.
* ``link_to_reference(records, reference, decisions=..., settings=...)``: the best registry
  person per feed record, with ``AUTO_MATCH_PROBABILITY`` and ``REVIEW_PROBABILITY``.
* ``LinkageSettings``: engine (``duckdb`` or ``spark``), thresholds and resources.

The linkage functions load Splink, DuckDB and pypinyin (over two seconds), so they are
imported on first use: importing the package for its constants stays cheap.
"""

from typing import TYPE_CHECKING, Any

from minzheng_pipeline.errors import (
    BackendUnavailable,
    ReferenceInputError,
    SourceError,
    SourceProblem,
)
from minzheng_pipeline.settings import Engine, LinkageSettings, SettingsError
from minzheng_pipeline.thresholds import (
    AUTO_MATCH_PROBABILITY,
    MIN_CANDIDATE_PROBABILITY,
    REVIEW_PROBABILITY,
)

if TYPE_CHECKING:
    from minzheng_pipeline.link import LinkResult, link_files, link_records
    from minzheng_pipeline.reference import link_to_reference

_LAZY = {
    "LinkResult": "minzheng_pipeline.link",
    "link_files": "minzheng_pipeline.link",
    "link_records": "minzheng_pipeline.link",
    "link_to_reference": "minzheng_pipeline.reference",
}

__all__ = [
    "AUTO_MATCH_PROBABILITY",
    "MIN_CANDIDATE_PROBABILITY",
    "REVIEW_PROBABILITY",
    "BackendUnavailable",
    "Engine",
    "LinkResult",
    "LinkageSettings",
    "ReferenceInputError",
    "SettingsError",
    "SourceError",
    "SourceProblem",
    "link_files",
    "link_records",
    "link_to_reference",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'minzheng_pipeline' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
