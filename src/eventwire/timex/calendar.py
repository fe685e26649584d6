"""Calendar arithmetic at TIMEX3 granularities (day, ISO week, month, quarter, season, year)."""

from __future__ import annotations

from datetime import date, timedelta


def day(d: date) -> str:
    return d.isoformat()


def week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def quarter_of(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def shift_quarter(y: int, q: int, k: int) -> tuple[int, int]:
    t = y * 4 + (q - 1) + k
    return t // 4, t % 4 + 1


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def weekday_near(anchor: date, weekday: int, direction: str) -> date:
    """The given ISO weekday nearest the anchor: 'on_or_before', 'before', 'on_or_after' or 'after'."""
    delta = weekday - anchor.isoweekday()
    if direction in ("before", "on_or_before"):
        back = (-delta) % 7
        if back == 0 and direction == "before":
            back = 7
        return anchor - timedelta(days=back)
    ahead = delta % 7
    if ahead == 0 and direction == "after":
        ahead = 7
    return anchor + timedelta(days=ahead)


def shifted(anchor: date, unit: str, k: int) -> str:
    """The anchor moved by k units, written at that unit's granularity."""
    if unit == "D":
        return day(anchor + timedelta(days=k))
    if unit == "W":
        return week(anchor + timedelta(weeks=k))
    if unit == "M":
        return month(*shift_month(anchor.year, anchor.month, k))
    if unit == "Q":
        y, q = shift_quarter(*quarter_of(anchor), k)
        return f"{y}-Q{q}"
    if unit == "Y":
        return str(anchor.year + k)
    if unit == "10Y":
        return str(anchor.year // 10 + k)
    if unit == "100Y":
        return str(anchor.year // 100 + k)
    return day(anchor + timedelta(days=k))


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


def holiday(spec: str, year: int) -> date | None:
    """A holiday's date in a year from its spec: 'MM-DD', 'MM-weekday-nth' (L = last), 'EASTER±n'."""
    if spec.startswith("EASTER"):
        return easter(year) + timedelta(days=int(spec[6:] or 0))
    parts = spec.split("-")
    if len(parts) == 2 and parts[1] == "ELECTION":
        first_monday = weekday_near(date(year, 11, 1), 1, "on_or_after")
        return first_monday + timedelta(days=1)
    if len(parts) == 2:
        return safe_date(year, int(parts[0]), int(parts[1]))
    m, wd, nth = int(parts[0]), int(parts[1]), parts[2]
    if nth == "L":
        nxt = date(*shift_month(year, m, 1), 1)
        return weekday_near(nxt - timedelta(days=1), wd, "on_or_before")
    return weekday_near(date(year, m, 1), wd, "on_or_after") + timedelta(weeks=int(nth) - 1)
