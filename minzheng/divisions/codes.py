"""Arithmetic on 12-digit statistical division codes; no database."""

CODE_DIGITS = 12


def code_range(code: int, level: int) -> tuple[int, int]:
    """The inclusive range of 12-digit codes inside the subtree rooted at ``code``.

    Statistical division codes nest by prefix (33 → 3304 → 330482 → 330482001 → 330482001001),
    so a subtree is a contiguous integer range and a jurisdiction filter is an index range scan.
    """
    span = 10 ** (CODE_DIGITS - level)
    low = code - code % span
    return low, low + span - 1
