"""eventwire: who did what to whom, when, and according to whom — from news text."""

from eventwire.analysis import Analysis, Article
from eventwire.pipeline import Pipeline, analyze

__all__ = ["Analysis", "Article", "Pipeline", "analyze"]
__version__ = "0.1.0"
