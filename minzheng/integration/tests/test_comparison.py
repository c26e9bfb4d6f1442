"""The 核对报告 and the review cards compare a record with the registry the same way."""

import pytest

from minzheng.integration.selectors.report_flags import identity_conflicts
from minzheng.integration.selectors.report_values import MemberFacts, SourceFacts
from minzheng.integration.selectors.reviews import review_card
from minzheng.integration.tests.review_factories import review_for

pytestmark = pytest.mark.django_db

REGISTERED = "阿依古丽·买买提"


@pytest.mark.parametrize("written", ["阿依古丽•买买提", "阿依古丽.买买提", "阿依古丽・买买提"])
def test_a_name_with_an_interpunct_typed_another_way_agrees_on_both_pages(written):
    review = review_for(name=written)
    review.person.name = REGISTERED
    review.person.save(update_fields=["name"])
    card = review_card(review)
    member = MemberFacts(person_id=review.person_id, name=REGISTERED)
    record = SourceFacts(
        record_id="R1", department="police", as_of=review.created_at.date(), name=written
    )

    card_says_differs = card.field("name").differs
    report_says_differs = any(f.code == "name_differs" for f in identity_conflicts(member, record))

    assert card_says_differs is False
    assert report_says_differs is False


def test_a_different_name_is_marked_on_both_pages():
    review = review_for(name="阿依古丽·买买江")
    review.person.name = REGISTERED
    review.person.save(update_fields=["name"])
    member = MemberFacts(person_id=review.person_id, name=REGISTERED)
    record = SourceFacts(
        record_id="R1", department="police", as_of=review.created_at.date(), name="阿依古丽·买买江"
    )

    assert review_card(review).field("name").differs is True
    assert any(f.code == "name_differs" for f in identity_conflicts(member, record))
