"""Query-string values never reach a log (ADR 0023).

Searches put ID numbers, phones and names into query strings (``?q=330482…``), and the
development server's access log, Django's request log and any other message quoting a URL
would write them out. This filter, on every handler, keeps each parameter's name and replaces
its value, so a log still shows which page was asked for and with which parameters.
"""

import logging
import re

REDACTED = "[redacted]"
# A parameter of a query string: after ``?`` or ``&``, a name, ``=``, and its value up to the
# next parameter, space, quote or fragment.
_PARAMETER = re.compile(r"(?P<lead>[?&][^=&\s\"'#]+=)[^&\s\"'#]*")


def redact_query_values(text: str) -> str:
    return _PARAMETER.sub(lambda match: match["lead"] + REDACTED, text)


class RedactQueryStrings(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_query_values(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True
