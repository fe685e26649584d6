"""The CAMEO codebook: event names, GDELT Goldstein scores, quad classes and the PLOVER mapping.

Read once from the tables in ``knowledge/data/cameo/`` (GDELT's lookup and Goldstein files, the
PLOVER project's CAMEO2PLOVER table) exactly as they are published, so updating a table is a copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_PLOVER_LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*,([^,#]*),?([^#]*)")


@dataclass(frozen=True)
class PloverClass:
    """Where a CAMEO code lands in PLOVER: event type, mode and context (mode/context may be empty)."""

    type: str
    mode: str | None
    context: str | None


def _data(name: str) -> str:
    return resources.files("eventwire.knowledge").joinpath("data", "cameo", name).read_text("utf-8")


def _tsv(name: str) -> dict[str, str]:
    rows = (line.split("\t") for line in _data(name).splitlines()[1:] if "\t" in line)
    return {code.strip(): value.strip() for code, value in rows}


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    return _tsv("LOOKUP-CAMEO.eventcodes.txt")


@lru_cache(maxsize=1)
def _goldstein() -> dict[str, float]:
    return {code: float(v) for code, v in _tsv("CAMEO.goldsteinscale.txt").items()}


@lru_cache(maxsize=1)
def _plover() -> dict[str, PloverClass]:
    table: dict[str, PloverClass] = {}
    for line in _data("CAMEO2PLOVER-2021.txt").splitlines():
        m = _PLOVER_LINE.match(line)
        if m and m.group(1) not in table:  # the first row of a duplicated code wins
            mode, context = m.group(3).strip(), m.group(4).strip().replace(" ", "")
            table[m.group(1)] = PloverClass(m.group(2), mode or None, context or None)
    return table


def _by_prefix(table: dict, code: str):  # type: ignore[no-untyped-def]
    """Most specific entry for a code: 0234 falls back to 023, then 02."""
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def is_code(code: str) -> bool:
    """True for a CAMEO event code of the codebook (010 ... 2042)."""
    return code in _names()


def name(code: str) -> str | None:
    return _by_prefix(_names(), code)


def goldstein(code: str) -> float | None:
    return _by_prefix(_goldstein(), code)


def plover(code: str) -> PloverClass | None:
    return _by_prefix(_plover(), code)


def root(code: str) -> str:
    """The two-digit CAMEO root class of a code."""
    return code[:2]


def quad_class(code: str) -> int | None:
    """GDELT's QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material."""
    if not code[:2].isdigit():
        return None
    r = int(code[:2])
    if not 1 <= r <= 20:
        return None
    return 1 if r <= 4 else 2 if r <= 8 else 3 if r <= 13 else 4
