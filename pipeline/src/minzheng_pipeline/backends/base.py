"""The engine-neutral face of a backend: register Arrow tables, run Splink, fetch Arrow.

Steps talk to a ``Backend`` only, so the same model and the same code run on DuckDB and on
Spark. PySpark is imported lazily, and only when the Spark engine is chosen: it is an optional
extra (``minzheng-pipeline[spark]``).
"""

from typing import Protocol

import pyarrow as pa
from splink.internals.database_api import DatabaseAPI
from splink.internals.splink_dataframe import SplinkDataFrame

from minzheng_pipeline.errors import BackendUnavailable
from minzheng_pipeline.settings import LinkageSettings

__all__ = ["Backend", "BackendUnavailable", "open_backend"]


class Backend(Protocol):
    name: str
    hash_function: str  # SQL function hashing any columns to a 64-bit integer

    @property
    def db_api(self) -> DatabaseAPI:  # type: ignore[type-arg]
        """The Splink database API bound to this backend's session."""
        ...

    def register(self, table: pa.Table, name: str) -> SplinkDataFrame:
        """``table`` as a Splink input named ``name``."""
        ...

    def to_arrow(self, frame: SplinkDataFrame, columns: list[str]) -> pa.Table:
        """The named columns of a Splink result, fetched into Arrow."""
        ...

    def close(self) -> None: ...


def open_backend(settings: LinkageSettings) -> Backend:
    """A started backend for ``settings.engine``.

    Raises:
        BackendUnavailable: Spark was chosen but PySpark or Java is not installed.
    """
    if settings.engine == "spark":
        from minzheng_pipeline.backends.spark import SparkBackend

        return SparkBackend(settings)
    from minzheng_pipeline.backends.duckdb import DuckDBBackend

    return DuckDBBackend(settings)
