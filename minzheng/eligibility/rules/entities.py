"""A person and the 户 (共同生活的家庭成员) the rules judge together."""

from openfisca_core.entities import build_entity

Person = build_entity(
    key="person",
    plural="persons",
    label="家庭成员",
    is_person=True,
)

Household = build_entity(
    key="household",
    plural="households",
    label="家庭",
    doc="共同生活的家庭成员. Members who are not resident stay in it but are not counted.",
    roles=[{"key": "member", "plural": "members", "label": "成员"}],
)

ENTITIES = [Person, Household]
