"""`eventwire evaluate ...`: one command per gold format; the scorers live beside this module."""

from __future__ import annotations

import typer

app = typer.Typer(help="Score eventwire against gold data (PolNeAR, TimeML, PETRARCH records, actors).",
                  no_args_is_help=True)
