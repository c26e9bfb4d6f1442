import builtins

from minzheng.monitoring import models


def test_the_warning_model_does_not_shadow_the_builtin():
    # It was `monitoring.models.Warning`: inside the app, `Warning` was no longer Python's.
    assert getattr(models, "Warning", builtins.Warning) is builtins.Warning
    assert str(models.EarlyWarning._meta.verbose_name) == "预警"
