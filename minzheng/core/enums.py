from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    LOGIN_SUCCEEDED = "login.succeeded", _("登录成功")
    LOGIN_FAILED = "login.failed", _("登录失败")
    LOGIN_LOCKED = "login.locked", _("登录被锁定")
    LOGOUT = "logout", _("退出登录")
    VIEW = "view", _("查看")
    SEARCH = "search", _("查询")
    REVEAL = "reveal", _("查看完整证件号")
    EXPORT = "export", _("导出")
    CREATE = "create", _("新增")
    UPDATE = "update", _("修改")
    DELETE = "delete", _("删除")
    TOKEN_ISSUED = "token.issued", _("签发接口令牌")


class ErrorCode(models.TextChoices):
    NOT_FOUND = "not_found", _("记录不存在或无权访问")
    PERMISSION_DENIED = "permission_denied", _("无权进行此操作")
    VALIDATION = "validation_error", _("输入有误")
    UNAUTHENTICATED = "unauthenticated", _("请先登录")
    CONFLICT = "conflict", _("与记录的当前状态冲突")
    SERVER_ERROR = "server_error", _("服务器内部错误")
    # An API token used for an endpoint outside its scopes (ADR 0027).
    SCOPE_MISSING = "scope_missing", _("接口令牌缺少所需的权限范围")


class JobStepStatus(models.TextChoices):
    RUNNING = "running", _("运行中")
    SUCCEEDED = "succeeded", _("已完成")
    FAILED = "failed", _("失败")
