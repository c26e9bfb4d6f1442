"""The Splink model: comparisons, parameters, training and scoring (candidates: ``block``).

One model for both engines. Comparisons are built from Splink's dialect-neutral creators
(``ExactMatchLevel``, ``JaroWinklerLevel``, ``LevenshteinLevel``, ``And``), so Splink writes
DuckDB or Spark SQL as needed; parameters (m and u per level, the prior) are stored apart from
the definition, in JSON, so a model trained on DuckDB scores identically on Spark.

Design choices (docs/adr/0006-record-linkage.md explains the measurements behind them):

* Every string distance is taken on ASCII: pinyin, digits, Latin letters. DuckDB's distances
  count bytes, Spark's characters; on ASCII they agree.
* Resident IDs are compared by exact match, then "two different IDs whose check characters are
  both valid" (a strong sign of two people, since a single mistyped digit or swapped pair
  always breaks the check character), then Levenshtein 1 and 2 on the rest: a typo or a
  transposition. Levenshtein only runs on pairs in which at least one ID failed its check, and
  is native on both engines (Damerau-Levenshtein is ~270x slower than Hamming in DuckDB, and
  Spark has no Hamming at all).
* Names: same characters (with term-frequency adjustment: 张伟 agrees by chance far more often
  than 欧阳娜娜), same pinyin (homophones, traditional characters after t2s), same tokens in
  another order, Jaro-Winkler on pinyin, one name part shared.
"""

import json
import logging
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import Linker, SettingsCreator, block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator
from splink.internals.comparison_level_creator import ComparisonLevelCreator
from splink.internals.splink_dataframe import SplinkDataFrame

from minzheng_pipeline.settings import LinkageSettings
from minzheng_pipeline.steps.block import BLOCKING_RULES, blocked_pairs_sql, blocking_keys_sql

PARAMETERS_VERSION = 1
BUNDLED_PARAMETERS = "model.json"

# Below this many records, term frequencies and a re-estimated model mean nothing.
MIN_RECORDS_TO_TRAIN = 2_000

# The prior is never taken above this: in a handful of records the (k - 1) / n rule (or one
# over a tiny registry) would let a pair with no evidence at all reach a probability of 0.5.
MAX_PRIOR = 1e-3

# Rules whose pairs are almost all matches: for estimating the prior.
DETERMINISTIC_RULES: tuple[tuple[str, ...], ...] = (
    ("id_number",),
    ("name_key", "birth_date", "phone"),
)
DETERMINISTIC_RECALL = 0.9

# EM sessions: each block leaves the other comparisons free to be estimated.
TRAINING_BLOCKS: tuple[tuple[str, ...], ...] = (
    ("id_number",),
    ("name_key", "birth_date"),
)

Parameters = dict[str, Any]
LinkType = Literal["dedupe_only", "link_only"]

# Per comparison, per non-null level: (m, u) used where the data gave no estimate. m is the
# share of true matches at the level, u the share of non-matches.
FALLBACK: dict[str, list[tuple[float, float]]] = {
    "name": [
        (0.90, 1e-5),  # same characters
        (0.03, 3e-6),  # same pinyin: homophone or traditional characters
        (0.005, 1e-6),  # tokens swapped
        (0.02, 1e-3),  # Jaro-Winkler >= 0.92
        (0.002, 2e-2),  # one name part shared
        (0.002, 1e-2),  # Jaro-Winkler >= 0.8
        (0.001, 0.97),  # else
    ],
    "id_number": [
        (0.95, 3e-6),  # same ID
        (1e-4, 0.98),  # two different IDs, both with a valid check character
        (0.01, 1e-6),  # Levenshtein 1
        (0.01, 2e-6),  # Levenshtein 2 (a transposition)
        (0.02, 0.02),  # else
    ],
    "birth_date": [
        (0.97, 5e-5),
        (0.01, 1e-3),
        (0.005, 1.3e-2),
        (0.01, 0.985),
    ],
    "gender": [(0.999, 0.5), (1e-3, 0.5)],
    "contact": [
        (0.80, 5e-6),  # same phone and door plate
        (0.10, 5e-6),  # same phone
        (0.05, 2e-5),  # same door plate
        (0.005, 5e-5),  # same numbers, similar names
        (0.005, 3e-4),  # same numbers
        (0.005, 6e-3),  # similar address names (same road or estate, another number)
        (0.002, 5e-5),  # phone one digit off
        (0.03, 0.99),  # else: moved and changed phone
    ],
}
ERROR_LEVEL_M = 0.05
# u is floored so that a level never seen among non-matches is not infinite evidence.
U_FLOOR = 1e-7


def fill_parameters(parameters: Parameters, *, floor_m: bool = False) -> Parameters:
    """Fallbacks for levels without estimates. Returns a new dict.

    With ``floor_m`` the fallback m of an error level (a fallback m of at most
    ``ERROR_LEVEL_M``) is also its floor, so data that never shows an error (synthetic feeds
    never show a moved household) cannot make one field veto everything else: used for the
    bundled model, which scores real feeds untrained.
    """
    comparisons: dict[str, list[list[float]]] = {}
    estimated = parameters.get("comparisons", {})
    for name, fallback in FALLBACK.items():
        values = estimated.get(name) or [[None, None]] * len(fallback)
        filled = []
        for (m, u), (default_m, default_u) in zip(values, fallback, strict=True):
            if m is None:
                m = default_m
            elif floor_m and default_m <= ERROR_LEVEL_M:
                m = max(m, default_m)
            filled.append([m, max(U_FLOOR, u) if u is not None else default_u])
        comparisons[name] = filled
    return {**parameters, "comparisons": comparisons}


def _levels(term_frequencies: bool = True) -> dict[str, list[ComparisonLevelCreator]]:
    """Each comparison's levels, null level first. Order matters: the first match wins."""
    return {
        "name": [
            cll.NullLevel("name_py"),
            cll.ExactMatchLevel("name", term_frequency_adjustments=term_frequencies),
            cll.ExactMatchLevel("name_py"),
            cll.ExactMatchLevel("name_key"),
            cll.JaroWinklerLevel("name_py", 0.92),
            cll.Or(
                cll.ExactMatchLevel("name_first"),
                cll.ExactMatchLevel("name_last"),
                cll.ExactMatchLevel("name_min"),
                cll.ExactMatchLevel("name_max"),
            ),
            cll.JaroWinklerLevel("name_py", 0.8),
            cll.ElseLevel(),
        ],
        "id_number": [
            cll.NullLevel("id_number"),
            cll.ExactMatchLevel("id_number"),
            cll.CustomLevel(
                "id_checked_l AND id_checked_r",
                label_for_charts="Two different resident IDs, both with a valid check character",
            ),
            cll.LevenshteinLevel("id_number", 1),
            cll.LevenshteinLevel("id_number", 2),
            cll.ElseLevel(),
        ],
        "birth_date": [
            cll.NullLevel("birth_date"),
            cll.ExactMatchLevel("birth_date"),
            cll.LevenshteinLevel("birth_date", 1),
            cll.LevenshteinLevel("birth_date", 2),
            cll.ElseLevel(),
        ],
        "gender": [
            cll.NullLevel("gender"),
            cll.ExactMatchLevel("gender"),
            cll.ElseLevel(),
        ],
        # Phone and address together: a household shares both, so as two comparisons a
        # family member would get the evidence twice (u multiplied), and an electricity
        # account in the head's name would match the child with the same phone and door
        # plate. Measured jointly, u is the chance that both agree by accident.
        "contact": [
            cll.And(cll.NullLevel("phone"), cll.NullLevel("addr_key")).configure(
                is_null_level=True
            ),
            cll.And(cll.ExactMatchLevel("phone"), cll.ExactMatchLevel("addr_key")),
            cll.ExactMatchLevel("phone"),
            cll.ExactMatchLevel("addr_key"),
            cll.And(cll.ExactMatchLevel("addr_digits"), cll.JaroWinklerLevel("addr_names", 0.9)),
            cll.ExactMatchLevel("addr_digits"),
            cll.JaroWinklerLevel("addr_names", 0.9),
            cll.LevenshteinLevel("phone", 1),
            cll.ElseLevel(),
        ],
    }


def comparisons(
    parameters: Parameters | None = None, *, term_frequencies: bool = True
) -> list[ComparisonCreator]:
    """The comparisons, each non-null level configured with its stored m and u.

    ``term_frequencies``: adjust an exact name match by how common the name is in the data.
    Off for small inputs, whose frequencies mean nothing (two 张伟 in ten records).
    """
    stored = (parameters or {}).get("comparisons", {})
    built: list[ComparisonCreator] = []
    for name, levels in _levels(term_frequencies).items():
        values = stored.get(name)
        if values is not None and len(values) != len(levels) - 1:
            raise ValueError(f"stored parameters for {name} do not fit its levels")
        for level, (m, u) in zip(levels[1:], values or [], strict=False):
            level.configure(m_probability=m, u_probability=u)
        configured: list[ComparisonLevelCreator | dict[str, Any]] = list(levels)
        built.append(cl.CustomComparison(comparison_levels=configured, output_column_name=name))
    return built


def blocking_rules(rules: Sequence[tuple[str, ...]] = BLOCKING_RULES) -> list[BlockingRuleCreator]:
    return [block_on(*columns) for columns in rules]


@cache
def _bundled_text() -> str:
    return (resources.files("minzheng_pipeline") / "data" / BUNDLED_PARAMETERS).read_text(
        encoding="utf-8"
    )


def load_parameters(path: Path | None = None) -> Parameters:
    """Stored parameters: ``path``, or the ones bundled with the package."""
    text = path.read_text(encoding="utf-8") if path else _bundled_text()
    parameters: Parameters = json.loads(text)
    if parameters.get("version") != PARAMETERS_VERSION:
        raise ValueError(f"model parameters must be version {PARAMETERS_VERSION}")
    return parameters


def save_parameters(parameters: Parameters, path: Path) -> None:
    path.write_text(json.dumps(parameters, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def model_settings(
    *,
    link_type: LinkType,
    parameters: Parameters | None = None,
    probability_two_random_records_match: float | None = None,
    rules: Sequence[tuple[str, ...]] = BLOCKING_RULES,
    retain: Sequence[str] = (),
    max_iterations: int = 10,
    term_frequencies: bool = True,
) -> SettingsCreator:
    """The Splink settings for ``link_type`` (dedupe_only or link_only)."""
    prior = probability_two_random_records_match
    if prior is None:
        prior = float((parameters or {}).get("probability_two_random_records_match", 1e-5))
    built: list[ComparisonCreator | dict[str, Any]] = list(
        comparisons(parameters, term_frequencies=term_frequencies)
    )
    rules_: list[BlockingRuleCreator | dict[str, Any]] = list(blocking_rules(rules))
    return SettingsCreator(
        link_type=link_type,
        unique_id_column_name="unique_id",
        probability_two_random_records_match=prior,
        comparisons=built,
        blocking_rules_to_generate_predictions=rules_,
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
        additional_columns_to_retain=list(retain),
        max_iterations=max_iterations,
    )


def extract_parameters(linker: Linker) -> Parameters:
    """The linker's current m, u and prior, in the stored format."""
    settings = linker.misc.save_model_to_json()
    stored: dict[str, list[list[float | None]]] = {}
    for comparison in settings["comparisons"]:
        stored[comparison["output_column_name"]] = [
            [level.get("m_probability"), level.get("u_probability")]
            for level in comparison["comparison_levels"]
            if not level.get("is_null_level")
        ]
    return {
        "version": PARAMETERS_VERSION,
        "probability_two_random_records_match": settings["probability_two_random_records_match"],
        "comparisons": stored,
    }


def train(linker: Linker, settings: LinkageSettings) -> Parameters:
    """Re-estimate the prior, u (random sampling) and m (EM) on the linker's data.

    Returns the estimates with ``fill_parameters`` applied: levels the data never shows keep
    their starting (bundled) values.
    """
    deterministic: list[str | BlockingRuleCreator] = list(blocking_rules(DETERMINISTIC_RULES))
    linker.training.estimate_probability_two_random_records_match(
        deterministic, recall=DETERMINISTIC_RECALL
    )
    linker.training.estimate_u_using_random_sampling(
        max_pairs=settings.u_sample_pairs, seed=settings.seed
    )
    for columns in TRAINING_BLOCKS:
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on(*columns),
            estimate_without_term_frequencies=True,
            max_pairs=settings.em_max_pairs,
        )
    return fill_parameters(extract_parameters(linker))


def _query(linker: Linker, sql: str) -> SplinkDataFrame:
    """``sql`` run on the linker's engine, its result kept as a table."""
    result: SplinkDataFrame = linker.misc.query_sql(sql)  # type: ignore[no-untyped-call]
    return result


def predict(
    linker: Linker,
    frame: SplinkDataFrame,
    *,
    floor: float,
    hash_function: str,
    reference_from: int | None = None,
) -> SplinkDataFrame:
    """Scored candidate pairs with a match probability of at least ``floor``.

    Candidates come from ``block.blocked_pairs_sql`` on the blocking keys of ``frame``. With
    ``reference_from``, rows numbered from it on are the reference and only record-reference
    pairs are made.
    """
    keys = _query(linker, blocking_keys_sql(frame.physical_name, hash_function))
    table = keys.physical_name
    if reference_from is None:
        sql = blocked_pairs_sql(table)
    else:
        sql = blocked_pairs_sql(
            f"(SELECT * FROM {table} WHERE unique_id < {reference_from:d})",  # noqa: S608
            f"(SELECT * FROM {table} WHERE unique_id >= {reference_from:d})",  # noqa: S608
        )
    pairs = _query(linker, sql)
    keys.drop_table_from_database_and_remove_from_cache()
    linker.table_management.register_blocked_pairs_for_predict(pairs)
    scored = linker.inference.predict(threshold_match_probability=floor, warning_mode="never")
    pairs.drop_table_from_database_and_remove_from_cache()
    return scored


def quiet_splink() -> None:
    """Splink logs parameter tables at INFO and untrainable levels at WARNING (expected: a
    level the data never shows keeps its bundled value); keep the CLI to our own messages."""
    logging.getLogger("splink").setLevel(logging.ERROR)
