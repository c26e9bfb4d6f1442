"""Facts a case may leave 未核对 (unverified): no department reported them and nobody declared.

A fact left unverified is evaluated at its most favourable value (no assets, no support, no
able supporter), which can only make a programme hold that would not hold with the real
value; every condition that reads such a fact therefore leaves the programme 待核对 unless
another condition, one that reads only verified facts, already rules it out. The bit sets
below name the facts each programme still waits for; they are keyed by the fact's path in
the spec's case (``assets.financial``) so callers can name them.
"""

UNVERIFIABLE_FACTS: tuple[str, ...] = (
    "assets.financial",
    "support_received_monthly",
    "has_capable_supporter",
)
# The household input that says each fact is unverified, in the order of the bits.
UNVERIFIED_INPUTS: dict[str, str] = {
    "assets.financial": "financial_assets_unverified",
    "support_received_monthly": "support_received_unverified",
    "has_capable_supporter": "has_capable_supporter_unverified",
}
FACT_BIT: dict[str, int] = {fact: 1 << index for index, fact in enumerate(UNVERIFIABLE_FACTS)}
FINANCIAL = FACT_BIT["assets.financial"]
SUPPORT = FACT_BIT["support_received_monthly"]
SUPPORTER = FACT_BIT["has_capable_supporter"]


def facts_of(bits: int) -> list[str]:
    """The facts set in ``bits``, in the order of ``UNVERIFIABLE_FACTS``."""
    return [fact for fact in UNVERIFIABLE_FACTS if bits & FACT_BIT[fact]]


# The reasons that state something about an unverified fact: a 待核对 result leaves them out,
# since they were judged on the assumed value. 特困 precedence is stated only once 特困 is sure.
REASON_FACTS: dict[str, int] = {
    "covered_by_tekun": FINANCIAL | SUPPORTER,
    "no_capable_supporter": SUPPORTER,
    "has_capable_supporter": SUPPORTER,
    "assets_pass": FINANCIAL,
    "financial_assets_over_limit": FINANCIAL,
    **dict.fromkeys(
        (
            "income_below_standard",
            "income_not_below_standard",
            "income_below_edge_line",
            "income_not_below_edge_line",
            "income_below_disposable_income",
            "income_not_below_disposable_income",
            "income_after_rigid_below_standard",
            "income_after_rigid_not_below_standard",
        ),
        SUPPORT,
    ),
}


def reasons_on_verified_facts(reasons: list[str], missing: list[str]) -> list[str]:
    """The reasons that do not rest on any of the ``missing`` facts."""
    waiting = sum(FACT_BIT[fact] for fact in missing)
    return [code for code in reasons if not REASON_FACTS.get(code, 0) & waiting]
