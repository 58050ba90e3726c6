"""Targets: the states, organisations and people a statement is about or addressed to."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.extract.actors import TITLES, entry_actor
from kg.extract.clauses import tokens_in
from kg.extract.parsed import ParsedDoc, ParsedSpan
from kg.nlp import entities_of, sentences_of, text_of, token_indices
from kg.gazetteer import Gazetteer
from kg.names import name_key, slug
from kg.records import Actor, Target

DEMONSTRATIVES = frozenset({"ce", "cet", "cette", "ces"})
ADDRESSED_NOUNS = frozenset({
    "aide", "appel", "avertissement", "condoléance", "critique", "demande", "exhortation", "félicitation", "hommage",
    "invitation", "lettre", "livraison", "menace", "message", "offre", "proposition", "reproche", "réponse", "signal",
    "soutien", "ultimatum",
})
"""Nouns after which « à <capital> » names the one addressed (« un appel à Moscou »), not a place."""
NAMED_AFTER_PLACES = frozenset({
    "accord", "charte", "conférence", "convention", "format", "forum", "groupe", "pacte", "processus", "protocole",
    "sommet", "traité",
})
"""Nouns of treaties and meetings named after the city where they were held (« la convention de Vienne »)."""
GIVING_VERBS = frozenset({
    "accorder", "adresser", "apporter", "demander", "dire", "envoyer", "fournir", "livrer", "octroyer", "offrir",
    "promettre", "proposer", "remettre", "transférer", "transmettre", "vendre", "verser",
})
"""Verbs whose « à <capital> » is the one who receives (« livrer des armes à Kiev »), not a place."""


@dataclass(frozen=True)
class ActorSpan:
    """An actor named in the text, in cleaned-text offsets."""

    start: int
    end: int
    actor: Actor
    sentence_start: int


class TargetFinder:
    """Finds actors named in a document (gazetteer names, demonyms, people) and picks targets."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        # Names match in any case; acronyms (UE, AU, ONU) only as written, or « au » and « un » would be organisations.
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._entries: dict[str, Actor] = {}
        self._parents: dict[str, str] = {}  # entry id → the body it belongs to (« kaja-kallas » → « eu »)
        self._demonym_verdicts: dict[int, bool] = {}
        patterns: dict[tuple[str, bool], list[Doc]] = {}
        capitals: set[str] = set()
        for alias, entry, how in gazetteer.aliases():
            if len(alias) < 2:
                continue
            self._entries[entry.id] = entry_actor(entry)
            if entry.parent:
                self._parents[entry.id] = entry.parent
            exact = how == "acronym" or alias.isupper()
            patterns.setdefault((entry.id, exact), []).append(nlp.make_doc(alias))
            if how == "capital":
                capitals.add(alias.lower())
        for (entry_id, exact), docs in patterns.items():
            (self.acronyms if exact else self.matcher).add(entry_id, docs)
        self._capitals = frozenset(capitals)
        self._institutions: dict[str, frozenset[str]] = {}
        self._doc: Doc | None = None
        self._spans: list[ActorSpan] = []

    def spans(self, doc: Doc) -> list[ActorSpan]:
        """Every actor named in ``doc`` (computed once per document)."""
        if self._doc is not doc:
            self._doc, self._spans = doc, self._index(doc)
        return self._spans

    def actor_at(self, token: Token) -> Actor | None:
        """The actor named by the phrase headed by ``token``, if any."""
        left = min(t.idx for t in token.subtree)
        right = max(t.idx + len(t) for t in token.subtree)
        for span in self.spans(token.doc):
            if left <= span.start and span.end <= right:
                return span.actor
        return None

    def known(self, entry_id: str) -> Actor | None:
        """The actor of a gazetteer entry id (a state, an organisation), if there is one."""
        return self._entries.get(entry_id)

    def actor_at_token(self, token: Token) -> Actor | None:
        """The actor whose name covers ``token``, if any."""
        for span in self.spans(token.doc):
            if span.start <= token.idx < span.end:
                return span.actor
        return None

    def find(self, doc: Doc, content: tuple[int, int], sentence: Span, speaker: Actor,
             addressees: tuple[Actor, ...] = (), phrase: tuple[int, int] = (0, 0),
             others: frozenset[str] = frozenset(), elsewhere: tuple[tuple[int, int], ...] = ()) -> tuple[Target, ...]:
        """Targets of a statement: addressees, then actors in its content, else in its sentence or the one before.

        ``others`` are the speakers of the sentence's other statements and ``elsewhere`` their contents:
        when this content names no actor, neither is taken from the sentence (« X a dit envisager …,
        tandis que Washington a menacé … », « a assuré que …, et exhorté l'État libanais à … »).
        """
        excluded = self.own_side(speaker)
        chosen: dict[str, Target] = {}
        for actor in addressees:
            if actor.id not in excluded and actor.kind != "media":
                chosen.setdefault(actor.id, Target(actor, "addressee"))
        spans = [s for s in self.spans(doc) if not (phrase[0] <= s.start < phrase[1])]
        inside = [s for s in spans if content[0] <= s.start and s.end <= content[1]]
        if not inside:  # (outside what was said, a person of the speaker's own side is who voiced it, not a target)
            inside = [s for s in spans if sentence.start_char <= s.start and s.end <= sentence.end_char
                      and s.actor.id not in others and not any(a <= s.start < b for a, b in elsewhere)
                      and not (s.actor.kind == "person" and {s.actor.country, s.actor.affiliation} & (excluded - {None}))]
        if not [s for s in inside if s.actor.id not in excluded]:
            inside = inside + self._described_bodies(doc, content, spans)
        if not [s for s in inside if s.actor.id not in excluded] and _demonstrative(doc, content):
            previous = [s for s in spans if s.sentence_start < sentence.start_char]
            if previous:
                last_start = max(s.sentence_start for s in previous)
                inside = [s for s in previous if s.sentence_start == last_start][:1]
        for span in inside:
            actor = span.actor
            if actor.id in excluded or actor.kind == "media":
                continue
            chosen.setdefault(actor.id, Target(actor, "about"))
        return tuple(chosen.values())

    def audiences(self, doc: Doc, sentence: Span, content: tuple[int, int]) -> set[str]:
        """Actors the sentence names only as those before whom the words were said (« a déclaré devant le Conseil de
        sécurité », « à la tribune de l'ONU »: outside ``content``) or as the forum a case is taken to (« pourrait
        saisir la Cour permanente d'arbitrage »: anywhere)."""
        text = text_of(doc)
        found: set[str] = set()
        for span in self.spans(doc):
            if not sentence.start_char <= span.start < sentence.end_char:
                continue
            before = max(sentence.start_char, span.start - 40)
            if not content[0] <= span.start < content[1] and AUDIENCE.search(text, before, span.start) \
                    or FORUM.search(text, before, span.start):
                found.add(span.actor.id)
        return found

    def _described_bodies(self, doc: Doc, content: tuple[int, int], spans: list[ActorSpan]) -> list[ActorSpan]:
        """« l'organisation régionale », « le bloc », « l'Alliance » named by a definite description in the
        content: the organisation last named before it."""
        found: list[ActorSpan] = []
        for token in tokens_in(doc, content):
            if token.lower_ not in BODY_NOUNS or token.i == 0 or doc[token.i - 1].lower_ not in ("l'", "le", "la", "cette", "ce"):
                continue
            earlier = [s for s in spans if s.end <= token.idx and s.actor.kind == "organisation"]
            if earlier:
                found.append(max(earlier, key=lambda s: s.start))
        return found

    def context(self, doc: Doc, sentence: Span, speaker: Actor) -> tuple[Target, ...]:
        """Targets from context when the statement names none: the actors of the sentence before,
        else the actor the article names most (besides the speaker's side)."""
        excluded = self.own_side(speaker)
        spans = [s for s in self.spans(doc) if s.actor.id not in excluded and s.actor.kind != "media"]
        earlier = [s for s in spans if s.sentence_start < sentence.start_char]
        if earlier:
            last = max(s.sentence_start for s in earlier)
            chosen: dict[str, Target] = {}
            for span in earlier:
                if span.sentence_start == last and len(chosen) < 2 and span.actor.kind != "person":
                    chosen.setdefault(span.actor.id, Target(span.actor, "about"))
            return tuple(chosen.values())
        return self.main_actor(doc, speaker)

    def main_actor(self, doc: Doc, speaker: Actor) -> tuple[Target, ...]:
        """The actor the article is about, outside the speaker's side: what a statement that names no one is
        most likely about (« Ils y font face pleinement », in an article on Venezuela).

        That is the state or body the article names most by name, a name in its lead sentence counting
        twice. Demonyms weigh nothing (« le ministère sud-coréen » is about who speaks, not what is talked
        about) but let an actor named no other way be chosen, and count as its first mention; people and
        media are left out. A tie goes to the one mentioned first.
        """
        excluded = self.own_side(speaker)
        body = self._body(speaker)
        excluded |= {entry for entry, parent in self._parents.items() if body and parent == body}  # its organs too
        sentences = sentences_of(doc)
        lead_end = sentences[0].end_char if sentences else 0
        text = text_of(doc)
        weights: dict[str, int] = {}
        first: dict[str, ActorSpan] = {}
        for span in self.spans(doc):
            actor = span.actor
            if actor.kind in ("person", "media") or actor.id in excluded:
                continue
            weight = 0 if not text[span.start:span.start + 1].isupper() else 2 if span.start < lead_end else 1
            weights[actor.id] = weights.get(actor.id, 0) + weight
            first.setdefault(actor.id, span)
        if not weights:
            return ()
        best = max(weights, key=lambda key: (weights[key], -first[key].start))
        return (Target(first[best].actor, "about"),)

    def armed_groups(self, doc: Doc, speaker: Actor) -> list[Actor]:
        """The armed movements the article names (« les Forces de soutien rapide », « le M23 »), the most named first,
        two at most, none of the speaker's side: who « les belligérants » of the article are, with the states."""
        excluded = self.own_side(speaker)
        counts: dict[str, int] = {}
        actors: dict[str, Actor] = {}
        for span in self.spans(doc):
            if span.actor.id in self.gazetteer.armed and span.actor.id not in excluded:
                counts[span.actor.id] = counts.get(span.actor.id, 0) + 1
                actors.setdefault(span.actor.id, span.actor)
        return [actors[key] for key in sorted(counts, key=lambda key: -counts[key])[:2]]

    def with_states(self, targets: tuple[Target, ...], speaker: Actor) -> tuple[Target, ...]:
        """``targets`` and, after them, the state of each person among them (« a regretté les propos de Kim Yo Jong »
        is about North Korea too), unless it is the speaker's own side or already a target."""
        excluded = self.own_side(speaker) | {t.actor.id for t in targets}
        added: dict[str, Target] = {}
        for target in targets:
            country = target.actor.country
            if target.actor.kind == "person" and country and country not in excluded and country not in added:
                state = self.known(country)
                if state is not None and state.kind == "state":
                    added[country] = Target(state, "about")
        return targets + tuple(added.values())

    def own_side(self, speaker: Actor) -> set[str | None]:
        """The speaker, the body it belongs to, its state, and that state's institutions: not targets of its own
        statements."""
        excluded: set[str | None] = {speaker.id, speaker.country, self._body(speaker)}
        state = speaker.country or (speaker.id if speaker.kind == "state" else None)  # a state's own ministries too
        if state:
            if state not in self._institutions:
                self._institutions[state] = frozenset(
                    a.id for a in self._entries.values() if a.kind == "organisation" and a.country == state)
            excluded.update(self._institutions[state])
        return excluded

    def _body(self, speaker: Actor) -> str | None:
        """The body the speaker speaks for (« porte-parole du Kremlin », Kaja Kallas → the EU), if known."""
        return speaker.affiliation or self._parents.get(speaker.id)

    def _index(self, doc: Doc) -> list[ActorSpan]:
        parsed = isinstance(doc, ParsedDoc)
        whole = doc.spacy if parsed else doc
        matches = self.matcher(whole) + self.acronyms(whole)
        strings = whole.vocab.strings
        # spans of the read document where there is one (spaCy's make a Token object for each word they show)
        span: Callable[[int, int, str], Span | ParsedSpan] = doc.span if parsed else (
            lambda start, end, label: Span(whole, start, end, label=label))
        found = [span(start, end, strings[match_id]) for match_id, start, end in matches]
        for entity in entities_of(doc):
            if entity.label_ == "PER":
                start = entity.start
                while start < entity.end - 1 and doc[start].lower_ in TITLES:
                    start += 1  # « M. Ryabkov » is Ryabkov
                if not _participle_opening(doc[start:entity.end]) and not _listed_with_places(entity):
                    found.append(span(start, entity.end, "PER"))
        starts = [sentence.start_char for sentence in sentences_of(doc)]

        def sentence_start(offset: int) -> int:
            return starts[bisect_right(starts, offset) - 1]

        kept = filter_spans(found)
        spans: list[ActorSpan] = []
        for span in kept:
            if span.label_ != "PER" and self._place(span):
                continue
            if span.label_ == "PER":
                entry = self.gazetteer.lookup(span.text)
                actor = entry_actor(entry) if entry else Actor(span.text, f"person-{slug(name_key(span.text))}", "person")
            else:
                actor = self._entries[span.label_]
            spans.append(ActorSpan(span.start_char, span.end_char, actor, sentence_start(span.start_char)))
        taken = {i for s in kept for i in range(s.start, s.end)}
        demonyms = token_indices(doc, f"demonyms-{id(self)}", ("ORTH",),
                                 lambda text: self.gazetteer.demonym(text) is not None, self._demonym_verdicts)
        for token in (doc[index] for index in demonyms):
            if token.i in taken or token.pos_ not in ("ADJ", "NOUN") and not (
                    token.text.islower() and (token.pos_ == "PROPN" or token.dep_ == "amod")):  # « missiles russes » as VERB
                continue
            if token.dep_ == "amod" and token.head.lemma_.lower() in COMMODITIES:
                continue  # « ses importations de pétrole russe »: where goods come from, not whom a statement is about
            entry = self.gazetteer.demonym(token.text)
            if entry is not None:
                spans.append(ActorSpan(token.idx, token.idx + len(token), entry_actor(entry), sentence_start(token.idx)))
        spans.sort(key=lambda s: s.start)
        return spans

    def _place(self, span: Span) -> bool:
        """A capital named as the place where something happens, not as its government.

        « se seraient rencontrés à Pékin », « À Tokyo, la Première ministre… », « l'ambassade du
        Japon à Pékin »: a capital after « à » that modifies a verb or a name. « a demandé à
        Washington » (an argument of the verb), « un appel à Moscou » (after a noun that
        addresses someone) and « livrer des armes à Kiev » (a verb of giving) stay actors. A treaty or
        a meeting named after its city (« la convention de Vienne », « le format de Minsk ») is no actor either.
        """
        doc = span.doc
        if span.text.lower() not in self._capitals or span.start == 0:
            return False
        if doc[span.start - 1].lower_ in ("de", "d'") and span.start >= 2 and doc[span.start - 2].lemma_.lower() in NAMED_AFTER_PLACES:
            return True  # « la convention de Vienne », « les accords de Minsk », « le sommet de Washington »
        if doc[span.start - 1].lower_ != "à":
            return False
        if span.root.dep_ not in ("obl:mod", "nmod") and not (
                span.root.dep_ == "obl:arg" and span.root.head.dep_.startswith("acl")):
            return False  # « des engagements pris à Washington »: a participle's place
        if span.start >= 2 and doc[span.start - 2].lemma_.lower() in ADDRESSED_NOUNS:
            return False
        head = span.root.head
        while head.pos_ != "VERB" and head.dep_ in ("nmod", "obj", "obl:mod", "obl:arg") and head.head != head:
            head = head.head
        return head.lemma_.lower() not in GIVING_VERBS  # « livrer des armes à Kiev »: Kyiv receives them


AUDIENCE = re.compile(r"(?:\bdevant|\bà la tribune)(?: (?:de |des |du |d'|d’)?(?:la |le |les |l'|l’)?|\s)$", re.IGNORECASE)
"""What comes right before the name of an audience (« devant le », « à la tribune de l' »)."""

COMMODITIES = frozenset({"pétrole", "gaz", "blé", "céréale", "engrais", "charbon", "uranium", "hydrocarbure", "brut",
                         "acier", "aluminium", "marchandise", "produit", "importation", "exportation", "énergie"})
"""Goods a demonym qualifies by origin (« le gaz russe »): the demonym names no target."""

FORUM = re.compile(r"\bsaisi\w*\s+(?:de\s+nouveau\s+|à\s+nouveau\s+)?(?:le|la|les|l['’])\s*$", re.IGNORECASE)
"""What comes right before a court or council a case is taken to (« saisir le Conseil de sécurité »)."""

BODY_NOUNS = frozenset({"organisation", "bloc", "alliance", "institution", "instance", "agence"})
"""Nouns by which an article names again an organisation it has named (« l'organisation régionale »)."""


def _participle_opening(span: Span) -> bool:
    """« Interrogé, le ministre… »: a capitalised participle the tagger took for a name."""
    if len(span) != 1:
        return False
    token = span[0]
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.lower_.endswith(("é", "ée", "és", "ées")) and following is not None and following.lower_ in (",", "sur", "par", "à")


def _listed_with_places(entity: Span) -> bool:
    """« des couloirs vers El-Facher et Kadugli »: a name coordinated with a place is a place the tagger took for a person."""
    root = entity.root
    return root.dep_ == "conj" and root.head.ent_type_ == "LOC" and not entity.start <= root.head.i < entity.end


def _demonstrative(doc: Doc, content: tuple[int, int]) -> bool:
    chunk = doc.char_span(content[0], content[1], alignment_mode="expand")
    return chunk is not None and any(t.lower_ in DEMONSTRATIVES and t.pos_ == "DET" for t in chunk)
