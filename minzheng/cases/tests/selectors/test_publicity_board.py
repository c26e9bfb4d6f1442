"""The public 公示 board: masked names and IDs, only its 村社, only running publicities."""

import datetime as dt

import pytest

from minzheng.accounts.enums import Role
from minzheng.cases.enums import StepKind
from minzheng.cases.selectors.publicity import name_mask, publicity_board
from minzheng.cases.services.publicity import publicity_complete
from minzheng.cases.tests.factories import application_at, poor_home
from minzheng.cases.tests.helpers import to_publicity
from minzheng.divisions.models import Division

pytestmark = pytest.mark.django_db
SONGFENG = 330482001034
BAIHUA = 330482001031


@pytest.mark.parametrize(
    ("name", "masked"),
    [("张三", "张*"), ("张小三", "张*三"), ("欧阳小明", "欧**明"), ("李", "李"), (" 王芳 ", "王*")],
)
def test_name_mask(name, masked):
    assert name_mask(name) == masked


def test_the_board_masks_and_shows_the_proposal(frozen, village_worker, township_worker):
    home = poor_home(name="张秀英")
    application = to_publicity(application_at(household=home), village_worker, township_worker)
    head = home.memberships.get().person

    board = publicity_board(village_code=SONGFENG)

    assert board.village.name == "松枫社区"
    [entry] = board.entries
    assert (entry.head_name_masked, entry.head_id_masked) == ("张*英", head.id_number_masked)
    assert entry.number == application.number
    assert [(item.name, item.amount) for item in entry.items] == [("最低生活保障", 525)]
    assert (entry.starts_on, entry.ends_on) == (dt.date(2026, 11, 20), dt.date(2026, 11, 26))


def test_the_board_shows_nothing_of_other_villages_or_finished_publicities(
    frozen, village_worker, township_worker, make_staff
):
    own = to_publicity(application_at(), village_worker, township_worker)
    baihua_worker = make_staff(Role.VILLAGE_WORKER, BAIHUA)
    elsewhere = poor_home(division=Division.objects.get(code=BAIHUA))
    other = to_publicity(application_at(household=elsewhere), baihua_worker, township_worker)
    application_at(StepKind.INVESTIGATION)  # not yet publicised

    assert [e.application_id for e in publicity_board(village_code=SONGFENG).entries] == [own.pk]
    assert [e.application_id for e in publicity_board(village_code=BAIHUA).entries] == [other.pk]

    frozen.move_to("2026-11-27 09:00 +0800")
    publicity_complete(actor=township_worker, application_id=own.pk)

    assert publicity_board(village_code=SONGFENG).entries == []
    # Still open (nobody closed it), but its 7 days are over: no longer on the board.
    assert publicity_board(village_code=BAIHUA).entries == []
    assert publicity_board(village_code=330482001000) is None  # a 街道 has no board
