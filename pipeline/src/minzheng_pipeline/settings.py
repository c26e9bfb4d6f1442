"""Run settings of the linkage pipeline: frozen, validated, one object for both engines.

The linkage *model* (comparisons, blocking rules, parameters) is the same whatever the engine;
these settings only say where it runs and how hard it trains. Values may come from the
environment (``MINZHENG_LINK_*``) so an operator can tune a run without code.
"""

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

Engine = Literal["duckdb", "spark"]
ENGINES: tuple[Engine, ...] = ("duckdb", "spark")


class SettingsError(ValueError):
    """An invalid setting; the message names it."""


@dataclass(frozen=True)
class LinkageSettings:
    """How a linkage run executes.

    Attributes:
        engine: ``duckdb`` (default, in process) or ``spark`` (local or cluster PySpark).
        cluster_probability: pairs at or above this match probability join one entity.
        predict_floor: pairs below this probability are not kept after scoring at all.
        train: re-estimate the model on the data (u by random sampling, m by EM), starting
            from the bundled parameters; False scores with the bundled parameters as they are.
        u_sample_pairs: random pairs for estimating u probabilities.
        em_max_pairs: candidate pairs sampled for each EM training session.
        em_max_iterations: per EM training session.
        seed: for the random sampling of pairs, so a run can be repeated exactly.
        threads: DuckDB threads (None: all cores).
        memory_limit: DuckDB memory limit, e.g. ``"3GB"``; DuckDB spills to disk above it.
        temp_directory: where DuckDB (and Spark) may spill; None lets the engine choose.
        spark_master: Spark master URL when the pipeline starts its own session.
        spark_driver_memory: e.g. ``"4g"``.
        model_path: a Splink model JSON to start from instead of the bundled one.
    """

    engine: Engine = "duckdb"
    cluster_probability: float = 0.5
    predict_floor: float = 0.3
    train: bool = True
    u_sample_pairs: int = 1_000_000
    em_max_pairs: int = 500_000
    em_max_iterations: int = 10
    seed: int = 1
    threads: int | None = None
    memory_limit: str = "3GB"
    temp_directory: Path | None = None
    spark_master: str = "local[*]"
    spark_driver_memory: str = "4g"
    model_path: Path | None = None

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise SettingsError(f"engine must be one of {', '.join(ENGINES)}: {self.engine!r}")
        for name in ("cluster_probability", "predict_floor"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise SettingsError(f"{name} must be between 0 and 1: {value!r}")
        if self.predict_floor > self.cluster_probability:
            raise SettingsError("predict_floor must not exceed cluster_probability")
        if self.u_sample_pairs < 10_000:
            raise SettingsError("u_sample_pairs must be at least 10000")
        if self.em_max_pairs < 1_000:
            raise SettingsError("em_max_pairs must be at least 1000")
        if self.em_max_iterations < 1:
            raise SettingsError("em_max_iterations must be positive")
        if self.threads is not None and self.threads < 1:
            raise SettingsError("threads must be positive")

    def with_engine(self, engine: Engine) -> "LinkageSettings":
        return replace(self, engine=engine)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> "LinkageSettings":
        """Defaults overridden by ``MINZHENG_LINK_ENGINE``, ``_THREADS``, ``_MEMORY_LIMIT``,
        ``_TEMP_DIRECTORY``, ``_SPARK_MASTER``, ``_SPARK_DRIVER_MEMORY`` and
        ``_CLUSTER_PROBABILITY``."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        if engine := env.get("MINZHENG_LINK_ENGINE"):
            values["engine"] = engine
        if threads := env.get("MINZHENG_LINK_THREADS"):
            values["threads"] = _integer("MINZHENG_LINK_THREADS", threads)
        if memory := env.get("MINZHENG_LINK_MEMORY_LIMIT"):
            values["memory_limit"] = memory
        if temp := env.get("MINZHENG_LINK_TEMP_DIRECTORY"):
            values["temp_directory"] = Path(temp)
        if master := env.get("MINZHENG_LINK_SPARK_MASTER"):
            values["spark_master"] = master
        if driver := env.get("MINZHENG_LINK_SPARK_DRIVER_MEMORY"):
            values["spark_driver_memory"] = driver
        if threshold := env.get("MINZHENG_LINK_CLUSTER_PROBABILITY"):
            try:
                values["cluster_probability"] = float(threshold)
            except ValueError:
                raise SettingsError(f"MINZHENG_LINK_CLUSTER_PROBABILITY: {threshold!r}") from None
        return cls(**values)  # type: ignore[arg-type]


def _integer(name: str, value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise SettingsError(f"{name} must be an integer: {value!r}") from None
