"""The linkage steps: ingest, standardise, score (Splink), cluster, export."""
