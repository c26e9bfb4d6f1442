import pytest

from minzheng.divisions.codes import code_range
from minzheng.divisions.enums import DivisionLevel
from minzheng.divisions.models import Division
from minzheng.divisions.selectors import division_lineage

pytestmark = pytest.mark.django_db

PINGHU = 330482000000


def test_pinghu_has_its_nine_townships_and_real_villages():
    pinghu = Division.objects.get(code=PINGHU)
    townships = Division.objects.within(pinghu).filter(level=DivisionLevel.TOWNSHIP)
    villages = Division.objects.within(pinghu).filter(level=DivisionLevel.VILLAGE)
    assert pinghu.name == "平湖市"
    assert townships.count() == 9
    assert {"当湖街道", "乍浦镇", "独山港镇"} <= set(townships.values_list("name", flat=True))
    assert villages.count() == 136
    assert {"松枫社区", "百花社区", "友联村", "周家圩村"} <= set(
        villages.values_list("name", flat=True)
    )
    assert not Division.objects.filter(is_synthetic=True).exists()


def test_huzhou_has_its_districts_and_counties():
    huzhou = Division.objects.get(code=330500000000)
    names = set(huzhou.children.values_list("name", flat=True))
    assert names == {"吴兴区", "南浔区", "德清县", "长兴县", "安吉县"}


def test_subtree_is_a_code_range():
    assert code_range(330482001034, DivisionLevel.TOWNSHIP) == (330482001000, 330482001999)
    assert code_range(330482001034, DivisionLevel.COUNTY) == (330482000000, 330482999999)


def test_lineage_runs_from_province_to_village():
    names = [d.name for d in division_lineage(330482001034)]
    assert names == ["浙江省", "嘉兴市", "平湖市", "当湖街道", "松枫社区"]
    assert Division.objects.get(code=330482001034).short_code == "330482001034"
    assert Division.objects.get(code=PINGHU).short_code == "330482"
