"""申报: a fact no department could verify, recorded at 核对 as the household declared it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minzheng.cases.models.applications import Application
from minzheng.core.models import BaseModel


class FactAttestation(BaseModel):
    """The household's declaration of one 未核对 fact, with why it stands and its evidence.

    The declared value is what the rules judge; the decision rests on it, and the notice and
    the 核对报告 say so. Written only while the application is at 核对, so a decided
    application's declarations are those its decision read.
    """

    application = models.ForeignKey(
        Application,
        verbose_name=_("申请"),
        on_delete=models.CASCADE,
        related_name="attestations",
    )
    # The fact's path in the case (``assets.financial``), as the rules name it.
    path = models.CharField(_("事实"), max_length=64)
    declared_value = models.JSONField(_("申报值"))
    reason = models.TextField(_("理由"))
    # e.g. the number of the 家庭经济状况声明书 the household signed.
    document_number = models.CharField(_("证明材料编号"), max_length=64)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("家庭申报")
        verbose_name_plural = _("家庭申报")
        ordering = ["application", "path"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "path"], name="attestation_one_per_fact"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}:{self.path}"
