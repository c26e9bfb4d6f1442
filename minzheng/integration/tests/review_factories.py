"""Uncertain pairs for the review queue tests: a feed row, its candidate person, the review."""

import datetime as dt

import factory
from django.db.models import F

from minzheng.divisions.models import Division
from minzheng.integration.enums import Department, MatchStatus
from minzheng.integration.models import FeedImport, LinkReview, StagedRecord
from minzheng.registry.models import Membership
from minzheng.registry.tests.factories import MembershipFactory

SONGFENG = 330482001034  # 松枫社区, 当湖街道
CHANGANQIAO = 330482101006  # 长安桥社区, 乍浦镇


class FeedImportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedImport

    department = Department.POLICE
    as_of = dt.date(2025, 6, 30)
    file_name = factory.Sequence(lambda n: f"police-{n}.csv")
    file_digest = factory.Sequence(lambda n: f"{n:064x}")


class StagedRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StagedRecord

    feed_import = factory.SubFactory(FeedImportFactory)
    row_number = factory.Sequence(lambda n: n + 2)
    record_id = factory.Sequence(lambda n: f"R{n:06d}")
    match_status = MatchStatus.REVIEW


def review_for(
    membership: Membership | None = None,
    *,
    feed: FeedImport | None = None,
    village: int = SONGFENG,
    probability: float = 0.72,
    **staged: object,
) -> LinkReview:
    """A pending review whose staged row copies its candidate, with ``staged`` overrides.

    The import's counters are kept as linkage leaves them: one more row in review.
    """
    if membership is None:
        division = Division.objects.get(code=village)
        membership = MembershipFactory(
            household__division=division, household__address__division=division
        )
    person = membership.person
    feed = feed or FeedImportFactory()
    values: dict[str, object] = {
        "name": person.name,
        "id_number": person.id_number,
        "gender": "男" if person.gender == "male" else "女",
        "birth_date": person.birth_date,
        "phone": person.phone,
        "address": membership.household.address.full_text if membership.household.address else "",
        "match_probability": probability,
    }
    record = StagedRecordFactory(feed_import=feed, **(values | staged))
    FeedImport.objects.filter(pk=feed.pk).update(
        row_count=F("row_count") + 1, review_count=F("review_count") + 1
    )
    return LinkReview.objects.create(
        department=feed.department,
        record_id=record.record_id,
        staged=record,
        person=person,
        division_code=membership.household.division_id,
        match_probability=probability,
    )
