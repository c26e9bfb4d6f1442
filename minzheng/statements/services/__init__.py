from minzheng.statements.services.documents import (
    statement_document_issue,
    statement_view_record,
)
from minzheng.statements.services.sign_in import (
    citizen_sign_out_record,
    sign_in_code_check,
    sign_in_code_send,
)

__all__ = [
    "citizen_sign_out_record",
    "sign_in_code_check",
    "sign_in_code_send",
    "statement_document_issue",
    "statement_view_record",
]
