"""Rebuild the converted Phoenix/PLOVER data files from the PETRARCH dictionaries they came from.

Usage: ``python -m eventwire.knowledge.actors_convert DICTIONARIES_DIR``, where the folder holds
``petrarch2/Phoenix.*.actors.txt``, ``petrarch2/Phoenix.agents.txt`` and ``cameo/PLOVER_agents.txt``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from eventwire.knowledge.actors_kb import DATA, convert_phoenix


def main(root: str) -> None:
    base = Path(root)
    actors = [base / "petrarch2" / f"Phoenix.{n}.actors.txt" for n in ("Countries", "International", "MilNonState")]
    agents = [base / "petrarch2" / "Phoenix.agents.txt", base / "cameo" / "PLOVER_agents.txt"]
    print(f"{convert_phoenix(actors, agents, DATA)} actor entries written to {DATA}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/dictionaries")
