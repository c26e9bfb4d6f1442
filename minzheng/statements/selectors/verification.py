"""What the public verification page may say about an issued 幸福清单."""

from minzheng.statements.contracts import StatementVerification
from minzheng.statements.models import StatementDocument
from minzheng.statements.selectors.statement import household_statement, statement_digest

# token_urlsafe(16) gives 22 characters; anything much longer is no token of ours.
TOKEN_MAX_LENGTH = 64


def statement_verification(*, token: str) -> StatementVerification | None:
    """The issued document behind ``token``, and whether the household's statement changed.

    None for an unknown token. The statement is recomputed now, without suggestions, and its
    digest compared with the one stored at issue.
    """
    if not token or len(token) > TOKEN_MAX_LENGTH:
        return None
    document = StatementDocument.objects.filter(token=token).first()
    if document is None:
        return None
    current = household_statement(household_id=document.household_id, with_suggestions=False)
    return StatementVerification(
        issued_at=document.issued_at,
        head_name_masked=document.head_name_masked,
        household_number_masked=document.household_number_masked,
        line_count=document.line_count,
        annual_total=document.annual_total,
        year=document.year,
        has_changed=statement_digest(current) != document.digest,
    )
