"""minzheng's record-linkage pipeline: Chinese text preparation, door-plate matching, Splink.

Nothing here imports Django (an import-linter contract keeps it so): the pipeline runs on
files and DuckDB tables, and the web application calls it.
"""
