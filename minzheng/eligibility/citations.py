"""How a county's document is cited after a parameter value: issuer, title, date."""

import datetime as dt


def citation(*, title: str, issuer: str, date: dt.date) -> str:
    return f"{issuer}《{title}》（{date.isoformat()}）"
