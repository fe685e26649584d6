"""Scoring actor resolution against hand-checked mentions (``tests/fixtures/actors_gold.jsonl``).

Each gold line names a document, its publication date, a mention's character offsets, and the
code and canonical name the actor it refers to should get (``code`` null for people or groups the
text gives no sector for; a sector the text gives without a country, as in "an economist at the
Tax Foundation", is in the pipeline's default country, USA for the bundled news). A mention is correct when the entity covering it (or, where
no entity does, nothing at all for a null code) has that code and name.

Judging conventions (the same for every fixture): the gold actor is the one the smallest actor
noun phrase containing the mention refers to, and the words before a person's name belong to that
person ("Democratic nominee Hillary Clinton", "NYPD Commissioner James O'Neill": "Democratic" and
"NYPD" are Clinton and O'Neill); canonical names are the knowledge base's for actors it knows,
else the fullest name the text gives, without a lower-case leading "the"; places inside a country
("New Jersey") carry the country's code; a party noun in apposition to a person ("the top
Democrat") is that person; a leader's administration is the country's government; a former office
of state outranks a current job (ELI); a bare group noun ("voters") in an article about the
default country is that country's. Fixtures: ``actors_gold.jsonl`` (tuned on) and
``actors_gold_heldout*.jsonl`` (each judged and committed before the system ran on its articles;
heldout12 and heldout13 flag ``pronoun`` and ``generic`` mentions; the blind figures are in
``benchmarks/actors_baseline.json``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from eventwire.knowledge.actors_kb import KnowledgeBase, undotted
from eventwire.knowledge.petrarch_actors import normalize_phrase

DEFAULT_TEXTS = Path(__file__).resolve().parents[4] / "shared" / "eval" / "polnear" / "dev" / "text"


@dataclass
class ActorScores:
    mentions: int = 0
    code_correct: int = 0
    name_correct: int = 0
    both_correct: int = 0
    errors: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        share = (lambda n: round(100 * n / self.mentions, 1) if self.mentions else 0.0)
        return {"mentions": self.mentions, "code_accuracy": share(self.code_correct),
                "name_accuracy": share(self.name_correct), "both_accuracy": share(self.both_correct),
                "errors": self.errors}


def evaluate(gold: Path, texts: Path = DEFAULT_TEXTS) -> ActorScores:
    """Run the actor stages over each gold document and compare the entity at each mention."""
    from eventwire.components.actors import entity_at
    from eventwire.knowledge.actors_kb import cached_kb
    from eventwire.analysis import Article
    from eventwire.pipeline import build_nlp, make_doc

    lines = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for line in lines:
        by_doc[line["doc"]].append(line)
    nlp = build_nlp(components=("eventwire_actors", "eventwire_coref"))
    kb = cached_kb()
    scores = ActorScores()
    for name, items in by_doc.items():
        text = (texts / f"{name}.txt").read_text(encoding="utf-8")
        doc = nlp(make_doc(nlp, Article(text=text, id=name, published=date.fromisoformat(items[0]["published"]))))
        for item in items:
            if text[item["start"]:item["end"]] != item["mention"]:
                raise ValueError(f"{gold}: {name}@{item['start']}: offsets do not cut out {item['mention']!r}")
            entity = entity_at(doc, item["start"], item["end"])
            code = entity.code if entity else None
            got = entity.name if entity else None
            code_ok = code == item["code"]
            name_ok = got == item["name"] or (entity is None and item["code"] is None and got is None) or (
                got is not None and _same_known_actor(kb, item["name"], got))
            scores.mentions += 1
            scores.code_correct += code_ok
            scores.name_correct += name_ok
            scores.both_correct += code_ok and name_ok
            if not (code_ok and name_ok):
                scores.errors.append({"doc": name, "mention": item["mention"], "start": item["start"],
                                      "expected": [item["code"], item["name"]], "got": [code, got]})
    return scores


def _same_known_actor(kb: KnowledgeBase, gold: str | None, got: str) -> bool:
    """Whether the gold name is another full name of the knowledge-base actor the system named
    ("Charles E. Grassley" for "Chuck Grassley"): canonical names are the knowledge base's, and a
    judge may have written the text's fuller name for someone the knowledge base learnt later."""
    if not gold:
        return False
    words = undotted(tuple(normalize_phrase(gold).split()))
    if any(kb.actors[a.actor].name == gold for a in kb.aliases.get(words, ())):
        return False  # the gold name is another known actor's own name ("George H. W. Bush")
    def names_got(key: tuple[str, ...]) -> bool:
        return any(a.how == "name" and kb.actors[a.actor].name == got for a in kb.aliases.get(key, ()))

    if names_got(words):
        return True
    # "Patrick J. Leahy" for "Patrick Leahy": a middle initial the knowledge base's name lacks,
    # but not "George H. W. Bush" for "George W. Bush", whose own name has other initials
    initials = {w.rstrip(".") for w in words if len(w.rstrip(".")) == 1}
    own = {w.rstrip(".") for w in got.lower().split() if len(w.rstrip(".")) == 1}
    return bool(initials) and not own and names_got(tuple(w for w in words if len(w.rstrip(".")) > 1))
