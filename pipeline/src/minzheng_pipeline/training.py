"""Estimating the bundled model (``data/model.json``) from source files.

    python -m minzheng_pipeline.training police.csv medical_insurance.csv … --out model.json

The bundled parameters are the starting point of every ``minzheng link`` run (which
re-estimates what its data shows) and the fixed model of ``link_to_reference``. They were
estimated on the synthetic demo county's feeds (``minzheng demo_feeds``); levels the synthetic
noise never produces (a mistyped birth date, a moved household) keep the hand-set values of
``score.FALLBACK``, so a real feed with such errors is not scored as if they were impossible.
"""

import argparse
from pathlib import Path

from splink import Linker

from minzheng_pipeline.backends import open_backend
from minzheng_pipeline.settings import LinkageSettings
from minzheng_pipeline.steps import score
from minzheng_pipeline.steps.ingest import read_sources
from minzheng_pipeline.steps.standardise import standardise


def estimate(paths: list[Path], settings: LinkageSettings | None = None) -> score.Parameters:
    """Parameters estimated on the linked sources ``paths`` (prior, u, m), then filled."""
    settings = settings or LinkageSettings()
    features = standardise(read_sources(paths))
    base = score.fill_parameters({"version": score.PARAMETERS_VERSION})
    score.quiet_splink()
    backend = open_backend(settings)
    try:
        frame = backend.register(
            features.drop_columns(["source_dataset", "record_id"]), "minzheng_training"
        )
        linker = Linker(
            frame,
            score.model_settings(
                link_type="dedupe_only",
                parameters=base,
                max_iterations=settings.em_max_iterations,
            ),
            log_level=None,
        )
        estimated = score.train(linker, settings)
    finally:
        backend.close()
    return score.fill_parameters({**estimated, "records": features.num_rows}, floor_m=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="+", type=Path)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--u-sample-pairs", type=int, default=5_000_000)
    args = parser.parse_args()
    settings = LinkageSettings(u_sample_pairs=args.u_sample_pairs, em_max_iterations=25)
    score.save_parameters(estimate(args.sources, settings), args.out)


if __name__ == "__main__":
    main()
