"""Event coding: CAMEO/PLOVER events from the dependency parse, with actors, dates and modality.

``coder.EventCoder`` does the work; ``eventwire.components.events`` wraps it as a spaCy component.
"""
