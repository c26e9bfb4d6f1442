"""A client that calls the API as an outside system does: with a bearer token and its scopes."""

from django.test import Client

from minzheng.accounts.services.tokens import api_token_issue
from minzheng.accounts.system import system_user


def token_client(user, *scopes):
    token = api_token_issue(actor=system_user(), user=user, name="对接系统", scopes=list(scopes))
    return Client(headers={"Authorization": f"Bearer {token}"})
