"""What every ``minzheng`` command does with a service's refusal: print it in Chinese and exit."""

from django.core.management.base import CommandError

from minzheng.core.exceptions import ApplicationError


def command_refusal(refused: ApplicationError) -> CommandError:
    """The refusal as a command error: its message, then each field's message in brackets.

    The fields' messages name the field in Chinese; their keys are form names, not shown.
    """
    details = "；".join(str(message) for message in refused.fields.values())
    return CommandError(f"{refused.message}{'（' + details + '）' if details else ''}")
