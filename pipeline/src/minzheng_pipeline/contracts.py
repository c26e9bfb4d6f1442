"""Column names and table schemas that the pipeline and its callers share.

The web application may import this module (and only this one besides the public API) to
build its input tables and read the results; it holds no logic.
"""

import pyarrow as pa

CONTRACT_VERSION = "1"

RECORD_ID = "record_id"
SOURCE = "source"
ENTITY_ID = "entity_id"
REFERENCE_ID = "reference_id"
MATCH_PROBABILITY = "match_probability"
IS_MATCH = "is_match"

# The columns a source may carry besides ``record_id``; any subset is allowed.
LINKAGE_COLUMNS = ("name", "id_number", "gender", "birth_date", "phone", "address")

# ``minzheng link`` output: records with the same entity_id are one person.
ENTITY_SCHEMA = pa.schema(
    [
        pa.field(SOURCE, pa.string(), nullable=False),
        pa.field(RECORD_ID, pa.string(), nullable=False),
        pa.field(ENTITY_ID, pa.string(), nullable=False),
    ]
)

# ``link_to_reference`` output: the best registry candidate per record.
REFERENCE_MATCH_SCHEMA = pa.schema(
    [
        pa.field(RECORD_ID, pa.string(), nullable=False),
        pa.field(REFERENCE_ID, pa.string(), nullable=False),
        pa.field(MATCH_PROBABILITY, pa.float64(), nullable=False),
    ]
)

# Clerks' earlier decisions on (record, registry person) pairs.
DECISION_SCHEMA = pa.schema(
    [
        pa.field(RECORD_ID, pa.string(), nullable=False),
        pa.field(REFERENCE_ID, pa.string(), nullable=False),
        pa.field(IS_MATCH, pa.bool_(), nullable=False),
    ]
)
