"""The shipped 一件事 catalogue (domain.md §6); the county admin edits it at /cases/catalogue/."""

from django.db import migrations

# code, name, kind, department, programme, needs_publicity, display_order
CATALOGUE = [
    ("dibao", "最低生活保障", "monthly_cash", "civil_affairs", "dibao", True, 10),
    ("dibao_single", "单人保", "monthly_cash", "civil_affairs", "dibao_single", True, 20),
    ("rigid_expenditure", "支出型低保", "monthly_cash", "civil_affairs", "rigid_expenditure", True, 30),
    ("dibao_edge", "低保边缘家庭认定", "status", "civil_affairs", "dibao_edge", True, 40),
    ("tekun", "特困人员救助供养", "monthly_cash", "civil_affairs", "tekun", True, 50),
    ("temporary", "临时救助", "one_off", "civil_affairs", "", False, 60),
    ("medical", "医疗救助", "referral", "medical_insurance", "", False, 70),
    ("education", "教育救助", "referral", "education", "", False, 80),
    ("housing", "住房救助", "referral", "housing", "", False, 90),
    ("electricity_waiver", "电费减免", "fee_waiver", "electricity", "", False, 100),
    ("cable_tv_waiver", "有线电视费减免", "fee_waiver", "broadcasting", "", False, 110),
]


def seed(apps, schema_editor):
    AssistanceItem = apps.get_model("cases", "AssistanceItem")
    for code, name, kind, department, programme, publicity, order in CATALOGUE:
        AssistanceItem.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "department": department,
                "programme": programme,
                "needs_publicity": publicity,
                "display_order": order,
                "is_active": True,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
