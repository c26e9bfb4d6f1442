"""Accounts, batches and lines written straight to the tables, for tests that start later on."""

import factory

from minzheng.accounts.enums import Role
from minzheng.accounts.models import User
from minzheng.core.clock import now
from minzheng.payments.enums import AccountKind, BatchKind, BatchStatus, LineChange, LineStatus
from minzheng.payments.models import BankAccount, PaymentBatch, PaymentLine


class ClerkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"clerk-{n}")
    role = Role.COUNTY_CASEWORKER
    jurisdiction_id = 330482000000


class BankAccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BankAccount

    person = factory.LazyAttribute(lambda a: a.household.memberships.first().person)
    kind = AccountKind.SOCIAL_SECURITY_CARD
    bank_name = "平湖农商银行"
    number = factory.Sequence(lambda n: f"62170000{n:08d}")
    holder_name = factory.LazyAttribute(lambda a: a.person.name)
    created_by = factory.SubFactory(ClerkFactory)


class PaymentBatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PaymentBatch

    number = factory.Sequence(lambda n: f"FF-T{n:04d}")
    kind = BatchKind.REGULAR
    division_id = 330482000000
    status = BatchStatus.RECONCILED
    prepared_by = factory.SubFactory(ClerkFactory)
    prepared_at = factory.LazyFunction(now)


class PaymentLineFactory(factory.django.DjangoModelFactory):
    """A line of ``schedule`` for ``month``, paid by default, in a batch of that month."""

    class Meta:
        model = PaymentLine

    batch = factory.SubFactory(PaymentBatchFactory, month=factory.SelfAttribute("..month"))
    sequence = factory.Sequence(lambda n: n + 1)
    household = factory.LazyAttribute(lambda line: line.schedule.household)
    division_code = factory.LazyAttribute(lambda line: line.household.division_id)
    item = factory.LazyAttribute(lambda line: line.schedule.item)
    gross = factory.LazyAttribute(lambda line: line.schedule.monthly_amount)
    amount = factory.LazyAttribute(lambda line: line.gross)
    change = LineChange.SAME
    account = factory.LazyAttribute(
        lambda line: (
            BankAccount.objects.filter(household=line.household, ended_at=None).first()
            or BankAccountFactory(household=line.household)
        )
    )
    account_number = factory.LazyAttribute(lambda line: line.account.number)
    holder_name = factory.LazyAttribute(lambda line: line.account.holder_name)
    holder_id_number = "330482195003010011"
    status = LineStatus.PAID
