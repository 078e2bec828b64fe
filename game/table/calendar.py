"""Month and date labels: the one formatter every front end uses.

>>> month_name("1943-04"), month_name("1943-04", short=True)
('April 1943', 'Apr 1943')
>>> format_date("1942-11-06"), format_date("1943-07"), format_date("spring"), format_date("1943-²")
('6 November 1942', 'July 1943', 'spring', '1943-²')
"""

from __future__ import annotations

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


def month_name(month: str, short: bool = False) -> str:
    """``1943-04`` → ``April 1943`` (or ``Apr 1943``); also takes ``YYYY-MM-DD``."""
    year, number = month.split("-")[:2]
    name = MONTH_NAMES[int(number) - 1]
    return f"{name[:3] if short else name} {year}"


def format_date(date: str) -> str:
    """``1942-11-06`` → ``6 November 1942``, ``1943-07`` → ``July 1943``; other text as it is."""
    parts = date.split("-")
    if not all(part.isascii() and part.isdigit() for part in parts) or len(parts) not in (2, 3) \
            or not 1 <= int(parts[1]) <= 12:
        return date
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    return month_name(date)
