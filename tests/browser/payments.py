"""Steps of the payment pages that several browser tests take: log in, check and approve a
batch as two other people, export its bank file and import the bank's return."""

import re

from minzheng.payments.tests.helpers import bank_return

PASSWORD = "correct-horse-battery-staple"


def login(browser, live_server, user):
    context = browser.new_context(locale="zh-CN", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/accounts/login/")
    page.get_by_label("账号").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/$"))
    return page


def check_and_approve(browser, live_server, checker, approver, batch):
    page = login(browser, live_server, checker)
    page.goto(f"/payments/batches/{batch.pk}/")
    page.get_by_label("复核意见").fill("名单、金额与上月核对无误")
    page.get_by_role("button", name="复核通过").click()
    assert page.get_by_text("待有审批权限的第三人审批。").is_visible()
    page.context.close()
    page = login(browser, live_server, approver)
    page.goto(f"/payments/batches/{batch.pk}/")
    page.get_by_label("审批意见").fill("同意发放")
    page.get_by_role("button", name="批准发放").click()
    page.get_by_role("button", name="下载银行文件").wait_for()
    page.context.close()


def export_and_return(page, batch, tmp_path, *, failing=()):
    page.goto(f"/payments/batches/{batch.pk}/")
    page.get_by_label("银行文件格式").select_option("fixed_gbk")
    with page.expect_download() as download:
        page.get_by_role("button", name="下载银行文件").click()
    file = tmp_path / download.value.suggested_filename
    download.value.save_as(file)
    content = file.read_bytes()
    assert content.startswith(b"H" + batch.number.encode())
    batch.refresh_from_db()
    sequences = {line.holder_name: line.sequence for line in batch.lines.all()}
    returned = tmp_path / f"{batch.number}-return.txt"
    returned.write_bytes(
        bank_return(batch, failures={sequences[name]: code for name, code in failing})
    )
    page.reload()  # the download left the page as it was, before the batch was exported
    page.get_by_label("回盘文件").set_input_files(returned)
    page.get_by_role("button", name="对账").click()
    page.get_by_text("已对账").first.wait_for()
