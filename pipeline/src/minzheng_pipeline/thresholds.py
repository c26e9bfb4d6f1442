"""Probability thresholds for linking feed records to the registry (``link_to_reference``).

Kept in a module of their own, without imports, so the web application can read them without
loading Splink. Chosen on the demo feeds against their truth; docs/adr/0006-record-linkage.md
gives precision and recall at these values.
"""

# At or above: link without review.
AUTO_MATCH_PROBABILITY = 0.99
# At or above (and below AUTO_MATCH_PROBABILITY): clerical review. Below: no match.
# Below one half so that a record which fits two (or three) registry persons equally, whose
# probability ``link_to_reference`` splits between them, reaches a clerk instead of nobody.
REVIEW_PROBABILITY = 0.3
# Candidates below this are not returned at all.
MIN_CANDIDATE_PROBABILITY = 0.01
