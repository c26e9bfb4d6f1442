"""The review service and selectors: decisions, their side effects, scoping, the feedback."""

import datetime as dt

import pytest

from minzheng.accounts.enums import Role
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import NotFound, PermissionDenied
from minzheng.core.models import AuditEvent
from minzheng.integration.enums import Department, MatchStatus, ReviewStatus
from minzheng.integration.models import FeedImport, LinkReview, StagedRecord
from minzheng.integration.selectors.reviews import (
    ReviewDecision,
    link_review_decisions,
    link_review_queue,
    link_review_summary,
)
from minzheng.integration.services.reviews import ReviewAlreadyDecided, link_review_decide
from minzheng.integration.tests.review_factories import (
    CHANGANQIAO,
    FeedImportFactory,
    review_for,
)

pytestmark = pytest.mark.django_db

DANGHU = 330482001000
ZHAPU = 330482101000


@pytest.fixture
def reviewer(make_staff):
    return make_staff(Role.TOWNSHIP_WORKER, DANGHU)


def _counts(feed_id):
    feed = FeedImport.objects.get(pk=feed_id)
    return feed.matched_count, feed.review_count, feed.unmatched_count


def test_approve_links_the_staged_record_and_moves_the_import_counters(reviewer):
    review = review_for()
    feed_id = review.staged.feed_import_id

    decided = link_review_decide(actor=reviewer, review_id=review.pk, approve=True)

    staged = StagedRecord.objects.get(pk=review.staged_id)
    assert decided.status == ReviewStatus.APPROVED
    assert decided.decided_by == reviewer
    assert decided.decided_at is not None
    assert (staged.match_status, staged.person_id) == (MatchStatus.MATCHED, review.person_id)
    assert _counts(feed_id) == (1, 0, 0)


def test_reject_unlinks_the_staged_record_and_counts_it_unmatched(reviewer):
    review = review_for()
    StagedRecord.objects.filter(pk=review.staged_id).update(person=review.person)
    feed_id = review.staged.feed_import_id

    link_review_decide(actor=reviewer, review_id=str(review.pk), approve=False)

    staged = StagedRecord.objects.get(pk=review.staged_id)
    assert LinkReview.objects.get(pk=review.pk).status == ReviewStatus.REJECTED
    assert (staged.match_status, staged.person_id) == (MatchStatus.UNMATCHED, None)
    assert _counts(feed_id) == (0, 0, 1)


def test_two_reviews_of_one_import_each_move_the_counters_once(reviewer):
    feed = FeedImportFactory()
    first, second = review_for(feed=feed), review_for(feed=feed)

    link_review_decide(actor=reviewer, review_id=first.pk, approve=True)
    link_review_decide(actor=reviewer, review_id=second.pk, approve=False)

    assert _counts(feed.pk) == (1, 0, 1)


def test_a_second_decision_is_refused_and_changes_nothing(reviewer, make_staff):
    review = review_for()
    feed_id = review.staged.feed_import_id
    link_review_decide(actor=reviewer, review_id=review.pk, approve=True)
    colleague = make_staff(Role.COUNTY_CASEWORKER)

    with pytest.raises(ReviewAlreadyDecided) as refused:
        link_review_decide(actor=colleague, review_id=review.pk, approve=False)

    assert refused.value.code == "conflict"
    assert refused.value.status == 409
    assert str(refused.value.message) == "该匹配已审核，不能重复审核。"
    saved = LinkReview.objects.get(pk=review.pk)
    assert (saved.status, saved.decided_by) == (ReviewStatus.APPROVED, reviewer)
    assert _counts(feed_id) == (1, 0, 0)
    assert AuditEvent.objects.filter(target_type="link_review").count() == 1


def test_the_same_decision_twice_is_also_refused(reviewer):
    review = review_for()
    link_review_decide(actor=reviewer, review_id=review.pk, approve=True)
    with pytest.raises(ReviewAlreadyDecided):
        link_review_decide(actor=reviewer, review_id=review.pk, approve=True)
    assert _counts(review.staged.feed_import_id) == (1, 0, 0)


def test_a_detached_review_is_decided_without_touching_any_import(reviewer):
    review = review_for()
    feed_id = review.staged.feed_import_id
    LinkReview.objects.filter(pk=review.pk).update(staged=None)

    decided = link_review_decide(actor=reviewer, review_id=review.pk, approve=True)

    assert decided.status == ReviewStatus.APPROVED
    assert _counts(feed_id) == (0, 1, 0)


def test_a_staged_record_no_longer_in_review_is_left_alone(reviewer):
    review = review_for()
    StagedRecord.objects.filter(pk=review.staged_id).update(match_status=MatchStatus.UNMATCHED)

    link_review_decide(actor=reviewer, review_id=review.pk, approve=True)

    staged = StagedRecord.objects.get(pk=review.staged_id)
    assert (staged.match_status, staged.person_id) == (MatchStatus.UNMATCHED, None)
    assert _counts(review.staged.feed_import_id) == (0, 1, 0)


def test_the_decision_is_audited_without_personal_data(reviewer):
    review = review_for()

    link_review_decide(actor=reviewer, review_id=review.pk, approve=False)

    event = AuditEvent.objects.get(target_type="link_review")
    assert event.action == AuditAction.UPDATE
    assert event.actor == reviewer
    assert event.target_id == str(review.pk)
    assert event.division_code == review.division_code
    assert event.changes == {"status": ["pending", "rejected"]}


@pytest.mark.parametrize(
    ("role", "division", "error", "_case"),
    [
        (Role.TOWNSHIP_WORKER, ZHAPU, NotFound, "other township"),
        (Role.COUNTY_ADMIN, None, NotFound, "bound to no jurisdiction"),
        (Role.VILLAGE_WORKER, 330482001034, PermissionDenied, "reads the registry, may not review"),
        (Role.HOTLINE_OPERATOR, 330482000000, NotFound, "hotline operator: no registry access"),
        (Role.AUDITOR, 330482000000, NotFound, "auditor: reads the log, not the registry"),
    ],
)
def test_refused_reviewers_change_nothing(make_staff, role, division, error, _case):
    review = review_for()
    feed_id = review.staged.feed_import_id

    with pytest.raises(error):
        link_review_decide(actor=make_staff(role, division), review_id=review.pk, approve=True)

    assert LinkReview.objects.get(pk=review.pk).status == ReviewStatus.PENDING
    assert StagedRecord.objects.get(pk=review.staged_id).match_status == MatchStatus.REVIEW
    assert _counts(feed_id) == (0, 1, 0)
    assert not AuditEvent.objects.filter(target_type="link_review").exists()


def test_an_unknown_or_malformed_id_is_not_found(reviewer):
    with pytest.raises(NotFound):
        link_review_decide(actor=reviewer, review_id="not-a-uuid", approve=True)
    with pytest.raises(NotFound):
        link_review_decide(
            actor=reviewer, review_id="00000000-0000-0000-0000-000000000000", approve=True
        )


def test_decisions_feed_the_next_linkage_run(reviewer):
    approved, rejected, pending = review_for(), review_for(), review_for()
    other_department = review_for(feed=FeedImportFactory(department=Department.DISABILITY))
    link_review_decide(actor=reviewer, review_id=approved.pk, approve=True)
    link_review_decide(actor=reviewer, review_id=rejected.pk, approve=False)
    link_review_decide(actor=reviewer, review_id=other_department.pk, approve=True)

    decisions = link_review_decisions(department=Department.POLICE)

    assert sorted(decisions) == sorted(
        [
            ReviewDecision(approved.record_id, approved.person_id, True),
            ReviewDecision(rejected.record_id, rejected.person_id, False),
        ]
    )
    assert pending.record_id not in {d.record_id for d in decisions}
    assert all(type(d.approved) is bool for d in decisions)


def test_queue_lists_only_pending_reviews_in_the_jurisdiction_oldest_first(reviewer):
    first, second = review_for(), review_for()
    decided = review_for()
    review_for(village=CHANGANQIAO)  # 乍浦镇: another township's people
    link_review_decide(actor=reviewer, review_id=decided.pk, approve=True)

    page = link_review_queue(actor=reviewer)

    assert [card.review.pk for card in page.cards] == [first.pk, second.pk]
    assert page.has_next is False


def test_queue_filters_by_department_and_import_and_pages(reviewer):
    police = FeedImportFactory()
    reviews = [review_for(feed=police) for _ in range(3)]
    disability = review_for(feed=FeedImportFactory(department=Department.DISABILITY))

    by_department = link_review_queue(actor=reviewer, department=Department.DISABILITY)
    by_import = link_review_queue(actor=reviewer, feed_import_id=police.pk, page_size=2)
    second_page = link_review_queue(actor=reviewer, feed_import_id=police.pk, page=2, page_size=2)

    assert [c.review.pk for c in by_department.cards] == [disability.pk]
    assert [c.review.pk for c in by_import.cards] == [r.pk for r in reviews[:2]]
    assert by_import.has_next is True
    assert [c.review.pk for c in second_page.cards] == [reviews[2].pk]
    assert second_page.has_next is False


def test_queue_refuses_roles_without_review(make_staff):
    with pytest.raises(PermissionDenied):
        link_review_queue(actor=make_staff(Role.VILLAGE_WORKER, 330482001034))


def test_summary_counts_pending_per_department_and_import(reviewer):
    police = FeedImportFactory()
    review_for(feed=police)
    review_for(feed=police)
    disability = FeedImportFactory(department=Department.DISABILITY)
    review_for(feed=disability)
    review_for(village=CHANGANQIAO)

    summary = link_review_summary(actor=reviewer)

    assert [(d.department, d.label, d.pending) for d in summary] == [
        ("disability", "残联", 1),
        ("police", "公安户籍", 2),
    ]
    assert [(i.feed_import_id, i.pending) for i in summary[1].imports] == [(police.pk, 2)]


def test_card_compares_after_normalisation_and_masks_identifiers(reviewer):
    review = review_for(name="張偉", gender="男", phone="")
    person = review.person
    person.name, person.gender = "张伟", "male"
    person.save()
    staged = review.staged
    staged.id_number = staged.id_number.lower()  # a lower-case check letter is the same ID
    staged.birth_date = dt.date(1950, 3, 2)
    staged.address = "当湖街道 松枫社区 新华路 999号"
    staged.save()

    card = link_review_queue(actor=reviewer).cards[0]

    assert card.differing == ["birth_date", "address"]
    identifier = card.field("id_number")
    assert "********" in identifier.record
    assert "********" in identifier.registry
    assert person.id_number not in (identifier.record, identifier.registry)
    assert card.field("gender").registry == "男"
    assert card.field("phone").differs is False  # one side blank is missing, not different
    assert card.percent == 72.0


def test_card_says_a_department_gender_in_words_like_the_registry(reviewer):
    """Issue 13: the card showed "female" beside "女"."""
    review = review_for(gender="female")
    person = review.person
    person.gender = "female"
    person.save()

    gender = link_review_queue(actor=reviewer).cards[0].field("gender")

    assert (gender.record, gender.registry, gender.differs) == ("女", "女", False)
