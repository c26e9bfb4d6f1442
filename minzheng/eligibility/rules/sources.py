"""The citations the rule formulas give as their ``reference`` (ADR 0034).

Each is a document of ``core/rule_sources.yaml``; a variable's reference is the citation and
what of the document it implements. The documents' own words decide; where a formula is our
reading of them (the county formula for 支出型, the asset tests), the reference says so.
"""

from minzheng.core.rule_values import document

MEASURES = document("social_assistance_measures").citation
DIBAO_REVIEW = document("dibao_review_measures").citation
TEKUN = document("tekun_measures").citation
MONITORING = document("low_income_monitoring").citation
RIGID = document("rigid_expenditure_measures").citation

STANDARD = f"{MEASURES}：最低生活保障标准由地方人民政府确定、公布，按行政区划取值"
HOUSEHOLD = f"{DIBAO_REVIEW}：共同生活的家庭成员的认定"
INCOME = f"{DIBAO_REVIEW}：家庭收入的认定（豁免项目由调用方剔除）"
PROPERTY = f"{DIBAO_REVIEW}：家庭财产的认定；浙江省未公开限额，限额参数为本系统假设"
SEVERE = f"{DIBAO_REVIEW}：重病、重度残疾人员可单独提出申请（单人保）"
VERIFICATION = f"{DIBAO_REVIEW}：家庭经济状况核对；未核对的事实不作为判定依据"
DIBAO = f"{MEASURES}第九条：家庭人均收入低于当地最低生活保障标准且财产符合规定"
DIBAO_AMOUNT = f"{MEASURES}第十二条：按家庭人均收入低于标准的差额发放"
EDGE = f"{MONITORING}：低保边缘家庭人均收入低于当地低保标准 1.5 倍且财产符合规定"
RIGID_RULE = f"{RIGID}：人均收入低于上年度当地居民人均可支配收入且刚性支出超过承受能力"
TEKUN_RULE = f"{MEASURES}第十四条：无劳动能力、无生活来源、无法定义务人或义务人无履行能力"
LABOUR = f"{TEKUN}第七条：无劳动能力的认定"
SUPPORTER_RULE = f"{MEASURES}第十四条：法定赡养、抚养、扶养义务人及其履行义务能力"
