"""The article's sourcing profile: how many distinct sources, named vs anonymous, the most cited."""

from __future__ import annotations

from collections import Counter

from eventwire.analysis import Attribution, Entity, Source, SourcingProfile

_DETERMINERS = ("the ", "a ", "an ", "one ")


def source_key(source: Source) -> str:
    """Attributions by the same source share a key: its entity, else its descriptor or its words."""
    if source.entity:
        return source.entity
    if source.descriptor:
        d = source.descriptor
        return f"anon:{d.get('affiliation') or ''}:{d.get('role')}".lower()
    text = source.text.lower()
    for det in _DETERMINERS:
        if text.startswith(det):
            text = text[len(det):]
    return text


def profile(attributions: list[Attribution], entities: list[Entity] | None = None, top: int = 5) -> SourcingProfile:
    """Distinct sources are counted by entity (with coreference) or by descriptor, else by wording."""
    names = {e.id: e.name for e in entities or []}
    counts: Counter[str] = Counter()
    first: dict[str, Source] = {}
    for att in attributions:
        if att.source is None:
            continue
        key = source_key(att.source)
        counts[key] += 1
        first.setdefault(key, att.source)
    named = sum(1 for k in counts if not first[k].anonymous)
    anonymous = len(counts) - named
    return SourcingProfile(
        sources=len(counts),
        named=named,
        anonymous=anonymous,
        named_share=round(named / len(counts), 3) if counts else None,
        top_sources=[
            {"source": names.get(first[k].entity or "", first[k].text), "entity": first[k].entity, "anonymous": first[k].anonymous,
             "attributions": n}
            for k, n in counts.most_common(top)
        ],
    )
