"""Human names for the codes the pages show (CAMEO events, quad classes)."""

from __future__ import annotations

from eventwire.knowledge import cameo

QUAD_NAMES = {1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict"}


def quad_name(quad: int | None) -> str | None:
    return QUAD_NAMES.get(quad) if quad is not None else None


def cameo_name(code: str | None) -> str:
    """The codebook's name for a CAMEO code, or the code itself when the codebook lacks it."""
    return (cameo.name(code) if code else None) or (code or "unknown event")
