"""Missing values and dates as they arrive from pandas, Arrow, JSON or CSV: one definition for all stages."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd


def is_missing(value) -> bool:
    """None, NaN, NaT, ``pd.NA`` or a blank string.

    >>> [is_missing(v) for v in (None, float("nan"), pd.NaT, pd.NA, "  ", "x", 0, [])]
    [True, True, True, True, True, False, False, False]
    """
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        result = pd.isna(value)
    except (TypeError, ValueError):
        return False
    return bool(result) if isinstance(result, (bool, np.bool_)) else False


def as_date(value, strict: bool = False) -> dt.date | None:
    """A ``datetime.date`` from a date, datetime, Timestamp or date string; None when missing.

    An unreadable value gives None, or raises ``ValueError`` with ``strict=True``.

    >>> as_date("2022-01-10T08:00:00Z"), as_date(pd.Timestamp("2022-01-10 08:00")), as_date(None)
    (datetime.date(2022, 1, 10), datetime.date(2022, 1, 10), None)
    >>> as_date("not a date") is None
    True
    """
    if is_missing(value):
        return None
    if isinstance(value, dt.datetime):  # Timestamps are datetimes
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return pd.Timestamp(str(value)).date()
    except (ValueError, TypeError):
        if strict:
            raise ValueError(f"not a date: {value!r}") from None
        return None
