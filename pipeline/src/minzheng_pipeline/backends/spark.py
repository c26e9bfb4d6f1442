"""Spark: the same Splink model on PySpark, for a province's volumes.

Imported only when ``--engine spark`` is chosen. Inputs reach Spark through Parquet files, not
in-memory Python data: built from Python objects, nulls arrived as the string "NaN" on PySpark
(see docs/shared stack notes), while Parquet keeps them null. Splink's Scala UDF jar supplies
``jaro_winkler`` on Spark; every string distance in the model runs on ASCII (pinyin, digits),
so Spark's character counts and DuckDB's byte counts agree.
"""

import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from splink.internals.splink_dataframe import SplinkDataFrame

from minzheng_pipeline.errors import BackendUnavailable
from minzheng_pipeline.settings import LinkageSettings


class SparkBackend:
    name = "spark"
    hash_function = "xxhash64"

    def __init__(self, settings: LinkageSettings, *, session: Any | None = None) -> None:
        try:
            from pyspark.sql import SparkSession
            from splink.backends.spark import SparkAPI, similarity_jar_location
        except ImportError as exc:
            raise BackendUnavailable(
                "未安装 PySpark，请安装 minzheng-pipeline[spark](开发环境：make test-spark)"
            ) from exc
        # py4j logs every closed connection at INFO, even from interpreter shutdown.
        logging.getLogger("py4j").setLevel(logging.WARNING)
        parent = str(settings.temp_directory) if settings.temp_directory else None
        self._directory = Path(tempfile.mkdtemp(prefix="minzheng-spark-", dir=parent))
        self._own_session = session is None
        if session is None:
            try:
                builder = (
                    SparkSession.builder.master(settings.spark_master)
                    .appName("minzheng-link")
                    .config("spark.jars", similarity_jar_location())
                    .config("spark.driver.memory", settings.spark_driver_memory)
                    .config("spark.sql.shuffle.partitions", "8")
                    .config("spark.default.parallelism", "8")
                    .config("spark.local.dir", str(self._directory / "local"))
                    .config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false")
                    .config("spark.sql.session.timeZone", "UTC")
                )
                if settings.spark_master.startswith("local"):
                    # A local session talks to itself only: no lookup of the host's interfaces.
                    builder = builder.config("spark.driver.bindAddress", "127.0.0.1").config(
                        "spark.driver.host", "127.0.0.1"
                    )
                session = builder.getOrCreate()
            except Exception as exc:  # Java missing or failing to start: py4j raises anything
                shutil.rmtree(self._directory, ignore_errors=True)
                raise BackendUnavailable(f"Spark 启动失败(需要 Java 17)：{exc}") from exc
        self.session = session
        if self._own_session:
            # Stage progress and WARN lines on the console would drown the CLI's own messages.
            self.session.sparkContext.setLogLevel("ERROR")
        self.session.sparkContext.setCheckpointDir(str(self._directory / "checkpoints"))
        self._db_api = SparkAPI(  # type: ignore[no-untyped-call]
            spark_session=session, num_partitions_on_repartition=8
        )

    @property
    def db_api(self) -> Any:
        return self._db_api

    def register(self, table: pa.Table, name: str) -> SplinkDataFrame:
        path = self._directory / f"{name}.parquet"
        pq.write_table(table, path)
        frame = self.session.read.parquet(str(path))
        registered: SplinkDataFrame = self._db_api.register(frame, table_name=name)
        return registered

    def to_arrow(self, frame: SplinkDataFrame, columns: list[str]) -> pa.Table:
        # Written by Spark and read back as Parquet: no pandas needed, and types survive.
        path = self._directory / f"out-{frame.physical_name}"
        selected = ", ".join(f"`{c}`" for c in columns)
        result = self.session.sql(f"SELECT {selected} FROM {frame.physical_name}")  # noqa: S608
        result.write.mode("overwrite").parquet(str(path))
        table = pq.read_table(path)
        shutil.rmtree(path, ignore_errors=True)
        return table

    def close(self) -> None:
        if self._own_session:
            self.session.stop()
        shutil.rmtree(self._directory, ignore_errors=True)
