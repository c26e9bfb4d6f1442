"""The review queue page and the decision fragment."""

import pytest
from django.test import Client
from django.urls import reverse

from minzheng.accounts.enums import Role
from minzheng.core.enums import AuditAction
from minzheng.core.models import AuditEvent
from minzheng.integration.enums import Department, MatchStatus, ReviewStatus
from minzheng.integration.models import LinkReview, StagedRecord
from minzheng.integration.tests.review_factories import (
    CHANGANQIAO,
    FeedImportFactory,
    review_for,
)

pytestmark = pytest.mark.django_db

DANGHU = 330482001000
QUEUE = "integration:review_queue"
HTMX = {"HX-Request": "true"}


def _decide_url(review):
    return reverse("integration:review_decide", args=[review.pk])


@pytest.fixture
def reviewer(make_staff):
    return make_staff(Role.TOWNSHIP_WORKER, DANGHU)


def test_queue_shows_cards_side_by_side_with_masked_ids_and_differences(reviewer, client_for):
    review = review_for(name="張偉", probability=0.8734)
    review.person.name = "张卫"
    review.person.save()
    other = review_for(village=CHANGANQIAO, name="外镇人")

    response = client_for(reviewer).get(reverse(QUEUE))

    page = response.content.decode()
    assert response.status_code == 200
    assert "部门记录" in page
    assert "户籍人员" in page
    assert "<mark>張偉</mark>" in page
    assert "<mark>张卫</mark>" in page
    assert "87.3%" in page
    assert review.person.id_number not in page
    assert review.person.id_number[:6] + "********" + review.person.id_number[-4:] in page
    assert other.staged.name not in page
    assert 'hx-post="' + _decide_url(review) + '"' in page
    assert "确认同一人" in page
    assert "不是同一人" in page


def test_queue_links_the_candidates_household(reviewer, client_for):
    review = review_for()
    household = review.person.memberships.get().household

    page = client_for(reviewer).get(reverse(QUEUE)).content.decode()

    assert reverse("registry:household_detail", args=[household.pk]) in page
    assert household.number in page
    assert "松枫社区" in page


def test_a_review_whose_import_was_deleted_still_shows_its_candidate(reviewer, client_for):
    review = review_for()
    LinkReview.objects.filter(pk=review.pk).update(staged=None)

    page = client_for(reviewer).get(reverse(QUEUE)).content.decode()

    assert "原导入记录已删除" in page
    assert review.person.name in page
    assert 'hx-post="' + _decide_url(review) + '"' in page


def test_full_identifiers_never_reach_the_page(reviewer, client_for):
    reviews = [review_for() for _ in range(3)]
    page = client_for(reviewer).get(reverse(QUEUE)).content.decode()
    for review in reviews:
        assert review.person.id_number not in page
        assert review.staged.id_number not in page


def test_queue_lists_only_pending_reviews_of_the_jurisdiction(reviewer, client_for):
    pending = review_for(name="待审张三")
    decided = review_for(name="已审李四")
    LinkReview.objects.filter(pk=decided.pk).update(status=ReviewStatus.APPROVED)
    review_for(village=CHANGANQIAO, name="外镇王五")

    page = client_for(reviewer).get(reverse(QUEUE)).content.decode()

    assert f'id="review-{pending.pk}"' in page
    assert "已审李四" not in page
    assert "外镇王五" not in page


def test_queue_filters_and_serves_a_fragment_to_htmx(reviewer, client_for):
    police = review_for(name="公安甲")
    disability = review_for(feed=FeedImportFactory(department=Department.DISABILITY), name="残联乙")
    client = client_for(reviewer)

    fragment = client.get(reverse(QUEUE), {"department": "disability"}, headers=HTMX)
    by_import = client.get(reverse(QUEUE), {"feed_import": str(police.staged.feed_import_id)})
    ignored = client.get(reverse(QUEUE), {"department": "nope", "feed_import": "nope"})

    body = fragment.content.decode()
    assert "<html" not in body
    assert "残联乙" in body
    assert "公安甲" not in body
    assert "公安甲" in by_import.content.decode()
    assert "残联乙" not in by_import.content.decode()
    assert f'id="review-{disability.pk}"' in ignored.content.decode()


def test_page_view_is_audited_once_without_personal_data(reviewer, client_for):
    review_for()
    client_for(reviewer).get(reverse(QUEUE), {"department": "police"})

    event = AuditEvent.objects.get(action=AuditAction.VIEW)
    assert event.target_type == "link_review_queue"
    assert event.changes == {"department": "police", "feed_import": "", "page": 1, "results": 1}


@pytest.mark.parametrize("size", [1, 6])
def test_queue_issues_a_fixed_number_of_queries(
    reviewer, client_for, size, django_assert_num_queries
):
    for _ in range(size):
        review_for()
    client = client_for(reviewer)
    client.get("/")  # warm the session
    # session, user, jurisdiction, reviews, their persons' current households, the summary,
    # the audit insert and the session save (3 each with their savepoints): 12, whatever the
    # number of cards.
    with django_assert_num_queries(12):
        response = client.get(reverse(QUEUE))
    assert response.content.decode().count('class="review-card"') == size


def test_htmx_decision_returns_the_decided_card(reviewer, client_for):
    review = review_for()

    response = client_for(reviewer).post(_decide_url(review), {"decision": "approve"}, headers=HTMX)

    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert f'id="review-{review.pk}"' in body
    assert "确认同一人" in body
    assert "hx-post" not in body
    assert review.person.id_number not in body
    staged = StagedRecord.objects.get(pk=review.staged_id)
    assert staged.match_status == MatchStatus.MATCHED


def test_plain_form_decision_redirects_to_the_queue(reviewer, client_for):
    review = review_for()

    response = client_for(reviewer).post(_decide_url(review), {"decision": "reject"})

    assert response.status_code == 302
    assert response["Location"] == reverse(QUEUE)
    assert LinkReview.objects.get(pk=review.pk).status == ReviewStatus.REJECTED


def test_a_double_click_shows_the_standing_decision(reviewer, client_for):
    review = review_for()
    client = client_for(reviewer)
    client.post(_decide_url(review), {"decision": "approve"}, headers=HTMX)

    again = client.post(_decide_url(review), {"decision": "reject"}, headers=HTMX)

    assert again.status_code == 200
    assert "该匹配已审核" in again.content.decode()
    assert LinkReview.objects.get(pk=review.pk).status == ReviewStatus.APPROVED
    assert AuditEvent.objects.filter(target_type="link_review").count() == 1


def test_a_missing_decision_is_a_bad_request(reviewer, client_for):
    review = review_for()
    response = client_for(reviewer).post(_decide_url(review), {"decision": "maybe"})
    assert response.status_code == 400
    assert LinkReview.objects.get(pk=review.pk).status == ReviewStatus.PENDING


def test_decision_requires_csrf(reviewer):
    review = review_for()
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    response = client.post(_decide_url(review), {"decision": "approve"})
    assert response.status_code == 403
    assert LinkReview.objects.get(pk=review.pk).status == ReviewStatus.PENDING


def test_anonymous_is_sent_to_login(db):
    review = review_for()
    for response in (
        Client().get(reverse(QUEUE)),
        Client().post(_decide_url(review), {"decision": "approve"}),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert LinkReview.objects.get(pk=review.pk).status == ReviewStatus.PENDING


MATRIX = [
    # (role, jurisdiction, queue status, decision status, _case)
    (Role.TOWNSHIP_WORKER, 330482101000, 200, 404, "other township"),
    (Role.VILLAGE_WORKER, 330482001034, 403, 403, "reads the registry, may not review"),
    (Role.HOTLINE_OPERATOR, 330482000000, 403, 404, "hotline operator: no registry access"),
    (Role.AUDITOR, 330482000000, 403, 404, "auditor reads the log, not the registry"),
]


@pytest.mark.parametrize(("role", "division", "queue", "decision", "_case"), MATRIX)
def test_refused_staff(make_staff, client_for, role, division, queue, decision, _case):
    review = review_for(name="本镇张三")
    client = client_for(make_staff(role, division))

    page = client.get(reverse(QUEUE))
    decided = client.post(_decide_url(review), {"decision": "approve"}, headers=HTMX)

    assert page.status_code == queue
    assert "本镇张三" not in page.content.decode()
    assert decided.status_code == decision
    assert LinkReview.objects.get(pk=review.pk).status == ReviewStatus.PENDING
    assert not AuditEvent.objects.filter(target_type="link_review").exists()


def test_nav_shows_the_queue_only_to_reviewers(reviewer, make_staff, client_for):
    url = reverse(QUEUE)
    assert url in client_for(reviewer).get("/").content.decode()
    village = client_for(make_staff(Role.VILLAGE_WORKER, 330482001034))
    assert url not in village.get("/").content.decode()
