"""eventwire's spaCy components; importing this package registers their factories."""

from eventwire.components import (  # noqa: F401  (imported for their @Language.factory side effect)
    actors,
    attributions,
    coref,
    deadlines,
    events,
    times,
)

#: The default order: each stage may read what the earlier ones left on the Doc.
PIPELINE_ORDER = (
    "eventwire_actors",
    "eventwire_coref",
    "eventwire_times",
    "eventwire_attributions",
    "eventwire_events",
    "eventwire_deadlines",
)
