"""The phone visit form's offline queue (issue 13): a form the server refuses is not resent from
every later form; it is named once and shown on its own household's form, with the server's
messages, to be corrected and saved or dropped."""

import pytest

from minzheng.accounts.enums import Role
from minzheng.cases.tests.factories import poor_home
from minzheng.visits.models import Visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SONGFENG = 330482001034  # 松枫社区
QUEUE = "minzheng.visits.pending"


def _queued(page) -> list[dict]:
    return page.evaluate(f"JSON.parse(localStorage.getItem('{QUEUE}') || '[]')")


def _offline_visit_without_a_mode(page, home) -> None:
    """Fill the form, lose the network, save: the form is kept on the phone."""
    page.goto(f"/visits/households/{home.pk}/new/")
    page.get_by_label("探访情况").fill("本人在家，精神尚可，屋顶漏雨待修。")
    page.context.set_offline(True)
    page.get_by_role("button", name="保存探访记录").click()
    page.get_by_text("网络未连接：探访记录已暂存在本机").wait_for()


def test_a_refused_offline_visit_waits_on_its_own_household(make_staff, staff_page):
    worker = make_staff(Role.VILLAGE_WORKER, SONGFENG)
    leaky, other = poor_home(name="沈月娥"), poor_home(name="陆阿大")
    page = staff_page(worker)
    _offline_visit_without_a_mode(page, leaky)
    assert len(_queued(page)) == 1
    page.goto("about:blank")  # the worker moves on before the network is back
    page.context.set_offline(False)

    # Another household's form sends it once, is refused, names the household once …
    page.goto(f"/visits/households/{other.pk}/new/")
    queue = page.locator("#visit-queue")
    queue.get_by_text(f"户号 {leaky.number} 的离线探访记录未能保存").wait_for()
    page.wait_for_function(f"JSON.parse(localStorage.getItem('{QUEUE}'))[0].refused")
    # … and the next form of that household is quiet: nothing resent, no notice.
    page.reload()
    page.get_by_label("探访情况").wait_for()
    page.wait_for_timeout(500)
    assert queue.is_hidden()
    assert len(_queued(page)) == 1

    # Its own household's form shows it with the server's message beside the field.
    page.goto(f"/visits/households/{leaky.pk}/new/")
    queue.get_by_text("这份离线暂存的探访记录未能保存").wait_for()
    assert "请选择探访方式。" in page.locator("form[data-visit-form]").inner_text()
    assert page.get_by_label("探访情况").input_value() == "本人在家，精神尚可，屋顶漏雨待修。"
    page.get_by_label("上门", exact=True).check()
    page.get_by_role("button", name="保存探访记录").click()
    page.locator("#visit-saved").get_by_text("本次探访已保存。").wait_for()
    assert Visit.objects.get().household == leaky
    assert _queued(page) == []

    page.goto(f"/visits/households/{other.pk}/new/")
    page.get_by_label("探访情况").wait_for()
    page.wait_for_timeout(500)
    assert queue.is_hidden()


def test_a_refused_offline_visit_can_be_dropped(make_staff, staff_page):
    worker = make_staff(Role.VILLAGE_WORKER, SONGFENG)
    home = poor_home(name="沈月娥")
    page = staff_page(worker)
    _offline_visit_without_a_mode(page, home)

    # Back online on the same form: the server's refusal takes the form's place at once.
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.get_by_text("这份离线暂存的探访记录未能保存：").wait_for()
    assert "请选择探访方式。" in page.locator("form[data-visit-form]").inner_text()
    page.get_by_role("button", name="放弃这份记录").click()
    page.get_by_label("探访情况").wait_for()
    page.wait_for_function(f"localStorage.getItem('{QUEUE}') === '[]'")
    assert page.get_by_label("探访情况").input_value() == ""
    assert page.locator("#visit-queue").is_hidden()
    assert Visit.objects.count() == 0


def test_a_radio_button_sits_beside_its_label(make_staff, staff_page):
    """Issue 13: the visit form's radio buttons were centred above their labels."""
    worker = make_staff(Role.VILLAGE_WORKER, SONGFENG)
    home = poor_home(name="沈月娥")
    page = staff_page(worker, viewport={"width": 375, "height": 800})
    page.goto(f"/visits/households/{home.pk}/new/")

    radio = page.get_by_label("电话", exact=True).bounding_box()
    label = page.locator("label", has=page.get_by_label("电话", exact=True)).bounding_box()

    assert label["height"] < 2 * radio["height"] + 8  # one line, not a radio over a word
    assert radio["x"] - label["x"] < 8  # the button starts the line
