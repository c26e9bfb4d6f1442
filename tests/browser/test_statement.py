"""The 幸福清单 in a real browser: a township worker prints one; a family signs in on a phone."""

import importlib
import re

import pytest

from minzheng.accounts.enums import Role
from minzheng.statements.models import StatementDocument
from minzheng.statements.sms import MemorySmsBackend
from minzheng.statements.tests.conftest import benefits_for, family_home

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-staple"
DANGHU = 330482001000


@pytest.fixture
def catalogue(transactional_db):
    """Reload the 一件事 catalogue that the previous live-server test's flush removed.

    Reuses the data migration's own seeding, as ``reference_divisions`` does for divisions.
    """
    from django.apps import apps

    from minzheng.cases.models import AssistanceItem

    if not AssistanceItem.objects.exists():
        importlib.import_module("minzheng.cases.migrations.0002_seed_catalogue").seed(apps, None)


@pytest.fixture
def home(catalogue):
    household, head, _son = family_home()
    benefits_for(household)
    return household, head


@pytest.fixture(autouse=True)
def empty_outbox():
    MemorySmsBackend.outbox.clear()
    yield
    MemorySmsBackend.outbox.clear()


def test_a_township_worker_opens_and_prints_a_statement(page, make_staff, home, tmp_path):
    household, _head = home
    user = make_staff(Role.TOWNSHIP_WORKER, DANGHU)
    page.goto("/accounts/login/")
    page.get_by_label("账号").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/$"))

    page.goto(f"/statements/households/{household.pk}/")

    assert page.get_by_role("heading", name=re.compile("幸福清单")).is_visible()
    assert page.get_by_role("heading", name="正在享受的救助与服务").is_visible()
    assert page.locator("#line-dibao").get_by_text("最低生活保障").is_visible()
    assert "¥525.00/月" in page.locator("#line-dibao").inner_text()
    assert page.get_by_role("link", name="96345").is_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="打印 (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "statement-T0000004242.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")

    document = StatementDocument.objects.get()
    page.goto(f"/statements/verify/{document.token}/")
    assert page.get_by_text("该清单由本平台签发，真实有效。").is_visible()
    assert page.get_by_text("张*英").is_visible()


def test_a_family_signs_in_on_a_phone_and_sees_its_statement(browser, live_server, home, tmp_path):
    _household, head = home
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, base_url=live_server.url, locale="zh-CN"
    )
    phone = context.new_page()
    phone.set_default_timeout(10_000)

    phone.goto("/my/")
    phone.wait_for_url(re.compile(r"/my/sign-in/$"))
    phone.get_by_label("证件号").fill(head.id_number)
    phone.get_by_role("button", name="获取短信验证码").click()
    phone.wait_for_url(re.compile(r"/my/code/$"))
    assert phone.get_by_role("status").inner_text() == (
        "如果证件号正确且登记了手机号，验证码已发送至登记的手机，5 分钟内有效。"
    )
    # The live server runs in this process: its memory backend's outbox is this one.
    [sms] = MemorySmsBackend.outbox
    assert sms.phone == head.phone
    code = re.search(r"验证码为 (\d{6})", sms.message).group(1)
    phone.get_by_label("短信验证码").fill(code)
    phone.get_by_role("button", name="登录").click()

    phone.wait_for_url(re.compile(r"/my/$"))
    assert phone.get_by_role("heading", name="我家的幸福清单").is_visible()
    assert phone.get_by_text("您好，张秀英").is_visible()
    assert phone.locator("#line-dibao").get_by_text("最低生活保障").is_visible()
    assert phone.get_by_role("heading", name="我家的申请").is_visible()
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    phone.screenshot(path=str(tmp_path / "statement-phone.png"), full_page=True)
    assert (tmp_path / "statement-phone.png").stat().st_size > 0
    assert overflow <= 0

    phone.get_by_role("button", name="退出").click()
    phone.wait_for_url(re.compile(r"/my/sign-in/\?signed_out=1$"))
    context.close()
