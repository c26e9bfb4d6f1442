"""Where Splink runs: DuckDB in process (default) or Spark; see ``base.Backend``."""

from minzheng_pipeline.backends.base import Backend, open_backend

__all__ = ["Backend", "open_backend"]
