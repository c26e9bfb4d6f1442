"""Pages of 数据归集与核对: feed imports, the clerical review queue, the 核对报告."""

from minzheng.integration import urls_imports, urls_report, urls_review

app_name = "integration"
urlpatterns = [*urls_imports.urlpatterns, *urls_review.urlpatterns, *urls_report.urlpatterns]
