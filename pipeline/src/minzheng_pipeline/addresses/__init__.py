"""Door-plate address matching in pure Python (no Django): free text → canonical address id.

    rows = [("A1", "当湖街道东湖社区人民路12号东湖苑3幢2单元301室")]
    matcher = AddressMatcher.from_reference(rows)
    matcher.match("平湖市东湖社区人民路十二号东湖苑3-2-301")  # Match(address_id="A1", score=…)

Numbers (组, 号, 幢, 单元, 室) must match exactly; names (township, village or community, road
or natural village, estate) may be left out or carry homophone typos. A match needs a score of
at least ``THRESHOLD``; see ``index`` for how the score is made.
"""

from minzheng_pipeline.addresses.index import MARGIN, THRESHOLD, AddressMatcher, Match
from minzheng_pipeline.addresses.normalise import normalise

__all__ = ["MARGIN", "THRESHOLD", "AddressMatcher", "Match", "normalise"]
