"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from eventwire.pipeline import Pipeline, load_nlp

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="session")
def pipeline(nlp: Language) -> Pipeline:
    return Pipeline(nlp)


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The canonical seed article, from ../shared beside the repository (skipped where it is not)."""
    seed = SHARED / "examples" / "seed-article.txt"
    if not seed.is_file():
        pytest.skip("shared/ examples not beside the repo")
    return seed.read_text(encoding="utf-8")
