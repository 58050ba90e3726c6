"""From noun phrases to actors, with rule-based French coreference inside one article.

A speaker phrase is resolved in this order: a person's name (with the role and
country of its apposition), a gazetteer name (states, capitals, organisations,
institutions, media), a descriptor (*la diplomatie russe*), a pronoun or a role
noun (*il*, *le diplomate*, *le responsable russe*) resolved to the nearest
earlier compatible actor, the holder of an office at the article's date, and
last a descriptor node of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.nlp import entities_of, feature, text_of
from kg.extract.lexicon import Lexicon, Role
from kg.gazetteer import Entry, Gazetteer
from kg.names import NAME_PARTICLES, name_key, slug
from kg.records import Actor

TITLES = {"m.": "Masc", "m": "Masc", "mme": "Fem", "mlle": "Fem", "monsieur": "Masc", "madame": "Fem"}
PRONOUNS = {"il": ("Masc", False), "elle": ("Fem", False), "ils": (None, True), "elles": ("Fem", True),
            "lui": ("Masc", False), "eux": ("Masc", True)}  # the last two after « selon »: « Selon lui, … »
SURNAME_PARTICLES = frozenset({"al", "el", "ben", "bin", "ibn", "abu", "abou", "de", "du", "van", "von", "da", "di", "le", "la"})
"""Words that open a surname of several words (Al-Thani, Ben Farhane, Van der Bellen, de Villepin)."""
INDEFINITE = frozenset({"un", "une", "des", "plusieurs", "certains", "certaines", "deux", "trois", "quelques"})
POSSESSIVE = frozenset({"son", "sa", "leur", "ses", "leurs"})
# Periphrases that name a post by another role noun.
ROLE_EQUIVALENTS = {
    "chef du gouvernement": ("premier", "ministre", "chancelier"),
    "chef de la diplomatie": ("ministre", "secrétaire", "affaires", "représentant", "représentante"),
    "cheffe de la diplomatie": ("ministre", "secrétaire", "affaires", "représentant", "représentante"),
    "chef de l'état": ("président", "présidente", "roi", "reine", "émir"),
    "cheffe de l'état": ("président", "présidente"),
    "chef de l'onu": ("secrétaire",),
    "patron de la diplomatie": ("ministre", "secrétaire"),
}
DETERMINERS = frozenset("le la les l' un une des du de son sa ses leur leurs ce cette ces".split())
NAME_POS = ("PROPN",)


@dataclass
class Seen:
    """An actor met in the article, remembered for coreference."""

    actor: Actor
    position: int
    gender: str | None
    plural: bool
    roles: frozenset[str]
    speaker: bool
    animate: bool = True
    subject: bool = False  # named as the subject of its sentence (« Le ministre, Mauro Vieira, a reçu … »)


RECENT_PERSON = 400
"""How far back (in characters) a person who has not spoken yet is still the likely « il » or « elle »."""


RULERS = frozenset({"gouvernement", "autorités", "autorité", "régime", "pouvoir", "junte", "exécutif"})
"""Heads of a description of those who rule a state: when the state is named in it, the state speaks."""

STRESSED_PRONOUNS = frozenset({"elle", "elles", "lui", "eux", "il", "ils"})
"""Pronouns that repeat a subject after a comma (« Moscou, elle, … », « Le Kremlin, lui, … »)."""

LATTER = frozenset({"dernier", "dernière", "derniers", "dernières"})
"""« ce dernier », « cette dernière »: the one named last."""


@dataclass
class ArticleActors:
    """Resolves phrases of one article to actors and remembers them."""

    gazetteer: Gazetteer
    lexicon: Lexicon
    date: str | None
    seen: list[Seen] = field(default_factory=list)

    # -- public -------------------------------------------------------------
    def resolve(self, tokens: list[Token], *, speaker: bool = True) -> tuple[Actor, str] | None:
        """The actor a phrase names, and how it was found (name, gazetteer, coref, holder, descriptor)."""
        tokens = _trim(tokens)
        if not tokens:
            return None
        position = tokens[0].idx
        if len(tokens) == 1 and tokens[0].lower_.lstrip("-") in PRONOUNS:
            actor = self._pronoun(tokens[0].lower_.lstrip("-"), position)
            return (actor, "coref") if actor else None
        if len(tokens) == 2 and tokens[0].lower_ in ("ce", "cette", "ces") and tokens[1].lower_ in LATTER:
            # « Ce dernier a plaidé … »: the person named last, whoever spoke last
            named = [seen for seen in self.seen if seen.position < position and seen.animate]
            return (max(named, key=lambda seen: seen.position).actor, "coref") if named else None
        name = _name_tokens(tokens, self.gazetteer)
        if name:
            return self._person(tokens, name, speaker), "name"
        text = _text(tokens)
        entry = self.gazetteer.lookup(text) or self.gazetteer.descriptor(text)
        if entry is None:
            entry = self._inner_entry(tokens)
        head = _head(tokens)
        role = self.lexicon.roles.get(head.lemma_.lower()) or self.lexicon.roles.get(head.lower_) or self.lexicon.roles.get(_hyphenated(head))
        if role and role.kind == "person" and entry is not None and entry.kind != "state" and tokens[0].lower_ in INDEFINITE:
            # « un porte-parole du Département d'État » speaks for the Département d'État
            actor = entry_actor(entry)
            self._remember(actor, position, head, speaker, frozenset({head.lemma_.lower()}), animate=True)
            return actor, "gazetteer"
        if role and tokens[0].lower_ in INDEFINITE:
            # « un diplomate européen »: someone new and unnamed, never an earlier actor
            name = _descriptor_name(tokens)
            return Actor(name=name, id=f"anonymous-{slug(name)}", kind="person", country=self._country(tokens)), "descriptor"
        if role and tokens[0].lower_ in POSSESSIVE:
            owner = next((seen.actor for seen in reversed(self.seen) if seen.actor.kind != "person" and seen.speaker
                          and seen.position < position), None)
            if owner is not None:
                return owner, "coref"
        if role and role.kind == "person":
            found = self._role_person(tokens, head, role.generic, position)
            if found:
                return found
            if entry is not None and entry.kind in ("organisation", "media"):
                actor = entry_actor(entry)  # « le porte-parole du Kremlin », unnamed: the Kremlin speaks
                self._remember(actor, position, head, speaker, frozenset({head.lemma_.lower()}), animate=True)
                return actor, "gazetteer"
        if role and role.kind == "group" and entry is None and tokens[0].lower_ in ("le", "la", "l'", "les", "ce", "cette"):
            # « le mouvement », « l'organisation »: the group or organisation named last
            found = next((seen.actor for seen in reversed(self.seen) if seen.position < position
                          and seen.actor.kind in ("group", "organisation")), None)
            if found is not None:
                return found, "coref"
        if entry is not None:
            actor = entry_actor(entry)
            self._remember(actor, position, head, speaker, frozenset())
            return actor, "gazetteer"
        if not role and head.pos_ == "PROPN" and head.text[:1].isupper():
            # « le Hamas », « la Monusco »: a proper name the gazetteer does not know
            name = _descriptor_name(tokens)
            actor = Actor(name=name, id=f"org-{slug(name)}", kind="organisation")
            self._remember(actor, position, head, speaker, frozenset())
            return actor, "name"
        if not role and head.pos_ == "NOUN" and self._country(tokens):
            role = Role(head.lower_, "institution", False)  # « le commandement américain pour l'Indo-Pacifique »
        country = self._country(tokens) if role and role.kind == "institution" and head.lemma_.lower() in RULERS else None
        if country is not None and self.gazetteer.entries.get(country) is not None:
            # « la junte au pouvoir au Mali », « le régime en place à Damas »: those who rule speak for the state
            actor = entry_actor(self.gazetteer.entries[country])
            self._remember(actor, position, head, speaker, frozenset())
            return actor, "gazetteer"
        if role:
            actor = Actor(name=_descriptor_name(tokens), id=f"descriptor-{slug(_descriptor_name(tokens))}",
                          kind={"person": "person", "group": "group"}.get(role.kind, "organisation"),
                          country=self._country(tokens))
            self._remember(actor, position, head, speaker, frozenset({head.lemma_.lower()}))
            return actor, "descriptor"
        return None

    def identify(self, tokens: list[Token]) -> tuple[Actor, str] | None:
        """What :meth:`resolve` answers for a phrase that is not a speaker, leaving what is remembered as it was (a
        phrase read only to see whom it names must not change whom later phrases name)."""
        count, actors = len(self.seen), [seen.actor for seen in self.seen]
        try:
            return self.resolve(tokens, speaker=False)
        finally:
            del self.seen[count:]
            for seen, actor in zip(self.seen, actors):
                seen.actor = actor

    def note_person(self, span: Span) -> None:
        """Remember a person named in the text (not yet a speaker) for later pronouns."""
        tokens = list(span)
        if any(seen.position <= tokens[0].idx < seen.position + 1 for seen in self.seen):
            return
        count = len(self.seen)
        self._person(_apposed_role(span) + tokens, tokens, speaker=False)
        if len(self.seen) > count:
            self.seen[-1].subject = _names_subject(span)

    def last_speaker(self, before: int) -> Seen | None:
        """The most recent speaker seen before a character offset."""
        for seen in reversed(self.seen):
            if seen.speaker and seen.position < before:
                return seen
        return None

    # -- people ---------------------------------------------------------------
    def _person(self, tokens: list[Token], name: list[Token], speaker: bool) -> Actor:
        title = next((TITLES[t.lower_] for t in tokens if t.lower_ in TITLES and t.i < name[-1].i), None)
        name = [t for t in name if t.lower_ not in TITLES] or name
        full = _text(name)
        key = name_key(full)
        known = self.gazetteer.lookup(full)
        previous = self._same_person(key, title)
        preceding = self._preceding_role(name) if not _role_tokens(tokens, name) else []
        role_tokens = _role_tokens(tokens, name) or self._following_role(name) or \
            [t for t in preceding if t.lower_ not in DETERMINERS or t.i > preceding[0].i]
        role = _text(role_tokens) if role_tokens else None
        country = self._country(role_tokens)
        body = self._inner_entry(role_tokens) if role_tokens else None
        affiliation = body.id if body is not None and body.kind in ("organisation", "group") else None
        if known is not None and known.kind == "person":
            actor = Actor(name=known.name, id=known.id, kind="person", role=role or known.role,
                          country=country or known.country, qid=known.qid, affiliation=affiliation)
        elif previous is not None and len(previous.actor.name.split()) >= len(full.split()):
            actor = previous.actor
            if role and not actor.role:
                actor = Actor(actor.name, actor.id, "person", role, country or actor.country, actor.qid,
                              affiliation or actor.affiliation)
        else:
            actor = Actor(name=full, id=f"person-{slug(key)}", kind="person", role=role, country=country,
                          affiliation=affiliation)
        if previous is not None and previous.actor.id != actor.id:
            self._rename(previous.actor, actor)
        roles = frozenset(t.lemma_.lower() for t in role_tokens if t.pos_ == "NOUN")
        head = _head(role_tokens) if role_tokens else name[0]
        gender = title or _article_gender(tokens, name) or _article_gender(preceding + name, name) or _gender(previous)
        self._remember(actor, tokens[0].idx, head, speaker, roles | _merged_roles(previous), gender)
        return actor

    def _following_role(self, name: list[Token]) -> list[Token]:
        """« Mao Ning, porte-parole de la diplomatie chinoise, »: a role phrase in apposition after the name
        (a bare role noun of the lexicon, then its complements, up to the next punctuation)."""
        doc = name[-1].doc
        index = name[-1].i + 1
        if index + 1 >= len(doc) or doc[index].text != "," or doc[index + 1].pos_ != "NOUN":
            return []
        phrase: list[Token] = []
        for token in doc[index + 1 : min(len(doc), index + 12)]:
            if token.pos_ not in ("NOUN", "ADJ", "ADP", "DET", "PROPN") or token.ent_type_ == "PER":
                break
            phrase.append(token)
        if not any(t.lower_ in self.lexicon.roles or t.lemma_.lower() in self.lexicon.roles for t in phrase[:1]):
            return []
        return [t for t in phrase if t.lower_ not in DETERMINERS]

    def _preceding_role(self, name: list[Token]) -> list[Token]:
        """« Le directeur général de l'AIEA (AIEA), Rafael Grossi, a reconnu »: the role phrase whose head the parser
        joined the name to (as a conjunct or an apposition), just before it and its comma."""
        doc = name[0].doc
        head = name[0].head
        if name[0].dep_ not in ("conj", "appos") or head.i >= name[0].i or head.pos_ != "NOUN" or head.ent_type_ \
                or name[0].i < 2 or doc[name[0].i - 1].text != ",":
            return []
        return [t for t in doc[head.left_edge.i : name[0].i - 1] if not t.is_punct or t.text == "-"]

    def _same_person(self, key: str, gender: str | None = None) -> Seen | None:
        """The person of the article this name refers to: same key, or same surname (last or, as in
        *Kim Yo-jong*, first word) with a compatible given name and gender."""
        words = key.split()
        for seen in reversed(self.seen):
            if seen.actor.kind != "person" or seen.actor.id.startswith("descriptor-"):
                continue
            other = name_key(seen.actor.name).split()
            if not other or not words:
                continue
            if other == words:
                return seen
            if gender and seen.gender and gender != seen.gender:
                continue
            if len(words) == 1 and words[0] in (other[0], other[-1]) and len(other) > 1:
                return seen
            if len(words) > 1 and other[-1] == words[-1] and _compatible_given(key, " ".join(other)):
                return seen
            if 1 < len(words) < len(other) and words[0] in SURNAME_PARTICLES and other[-len(words):] == words:
                return seen  # « M. Al-Thani » after « Mohammed ben Abdelrahmane Al-Thani »
        return None

    def _rename(self, old: Actor, new: Actor) -> None:
        for seen in self.seen:
            if seen.actor.id == old.id:
                seen.actor = new

    def _role_person(self, tokens: list[Token], head: Token, generic: bool, position: int) -> tuple[Actor, str] | None:
        country = self._country(tokens)
        noun = head.lemma_.lower()
        gender = _article_gender(tokens, [head])  # « la cheffe de la diplomatie européenne » is a woman
        matches = []
        for seen in reversed(self.seen):
            actor = seen.actor
            if actor.kind != "person" or seen.position >= position:
                continue
            if country and actor.country and actor.country != country or gender and seen.gender and gender != seen.gender:
                continue
            same_country = bool(country) and actor.country == country
            roles = seen.roles | frozenset((actor.role or "").lower().split())  # « président français » (gazetteer)
            equivalent = _equivalent_role(tokens, roles)
            if generic or same_country or equivalent or noun in roles or any(noun in role for role in roles):
                matches.append(seen)
        # « Emmanuel Macron a reçu … le président sud-africain Cyril Ramaphosa. « … », a déclaré le chef de l'État »:
        # of those the description fits, one who spoke or was a sentence's subject before one only met
        salient = {seen.actor.id for seen in self.seen if seen.position < position and (seen.speaker or seen.subject)}
        chosen = next((seen for seen in matches if seen.actor.id in salient), matches[0] if matches else None)
        if chosen is not None:
            self._remember(chosen.actor, position, head, True, chosen.roles, chosen.gender)
            return chosen.actor, "coref"
        holder = self.gazetteer.holder(_text(tokens), self.date)
        if holder is not None:
            actor = entry_actor(holder)
            self._remember(actor, position, head, True, frozenset({noun}))
            return actor, "holder"
        return None

    def _pronoun(self, pronoun: str, position: int) -> Actor | None:
        """The most recent compatible speaker: a person (or a spokesperson) first; then a person of the same
        gender just named as a sentence's subject, though not yet a speaker (« Le Pérou propose sa médiation. Le
        ministre brésilien, Mauro Vieira, a reçu son homologue. « … », a-t-il déclaré », but not « Le Kremlin a
        dénoncé les propos de Joe Biden. « … », a-t-il ajouté »); then an institution whose gender agrees
        (« le Kremlin … il »); then anyone seen."""
        gender, plural = PRONOUNS[pronoun]

        def compatible(seen: Seen) -> bool:
            if seen.position >= position:
                return False
            if seen.animate and plural != seen.plural:
                return False
            return not (gender and seen.gender and gender != seen.gender)

        passes = (
            lambda seen: seen.speaker and seen.animate,
            lambda seen: seen.subject and seen.animate and position - seen.position < RECENT_PERSON
            and gender is not None and seen.gender == gender,
            lambda seen: seen.speaker and seen.gender is not None and not plural,
            lambda seen: seen.speaker,
            lambda seen: True,
        )
        for accept in passes:
            for seen in reversed(self.seen):
                if compatible(seen) and accept(seen):
                    return seen.actor
        return None

    # -- helpers ----------------------------------------------------------------
    def _inner_entry(self, tokens: list[Token]) -> Entry | None:
        head = _head(tokens)
        for token in tokens:
            if any(t.lower_ == "auprès" for t in token.doc[max(0, token.i - 3) : token.i]):
                continue  # « la mission permanente de la Russie auprès de l'UE » is Russia's, posted to the EU
            if token.ent_type_ in ("ORG", "LOC") and token.ent_iob_ == "B":
                ent = next((e for e in entities_of(token.doc) if e.start == token.i), None)
                entry = self.gazetteer.lookup(ent.text if ent is not None else token.text)
                if entry is not None and (entry.kind != "state" or head.ent_type_):
                    return entry
        return None

    def _country(self, tokens: list[Token]) -> str | None:
        """The state a phrase ties its head to: a demonym (« russe »), else the first state named
        (« l'ambassadrice des États-Unis aux Philippines » → United States)."""
        for token in tokens:
            if token.pos_ == "PROPN" and token.text[:1].isupper():
                continue  # « aux Philippines » names the country, not the adjective « philippines »
            entry = self.gazetteer.demonym(token.text)
            if entry is not None and entry.kind == "state":
                return entry.id
        run: list[Token] = []
        for token in tokens + [None]:
            if token is not None and (token.pos_ == "PROPN" or token.text == "-" and run):
                run.append(token)
                continue
            if run:
                entry = self.gazetteer.lookup(_text(run))
                if entry is not None and entry.kind == "state":
                    return entry.id
                run = []
        return None

    def _remember(self, actor: Actor, position: int, head: Token, speaker: bool, roles: frozenset[str],
                  gender: str | None = None, animate: bool | None = None) -> None:
        if gender is None and head.pos_ in ("NOUN", "PROPN"):
            morph = feature(head, "Gender")
            gender = morph[0] if morph else None
        plural = feature(head, "Number") == ("Plur",) and actor.kind != "person"
        alive = actor.kind == "person" if animate is None else animate
        self.seen.append(Seen(actor, position, gender, plural, roles, speaker, alive))


def _names_subject(span: Span) -> bool:
    """The name is its clause's subject, or in apposition to it."""
    node = span.root
    for _ in range(3):
        if node.dep_ not in ("appos", "flat:name", "flat") or node.head is node:
            break
        node = node.head
    return node.dep_.startswith("nsubj")


def _apposed_role(span: Span) -> list[Token]:
    """« le Premier ministre sud-coréen, Kim Min-seok »: the role phrase in apposition before a name."""
    doc = span.doc
    index = span.start - 1
    if index >= 0 and doc[index].text == ",":
        index -= 1
    role: list[Token] = []
    while index >= 0 and len(role) < 10 and doc[index].pos_ in ("NOUN", "ADJ", "ADP", "DET", "PROPN") and doc[index].ent_type_ != "PER":
        role.insert(0, doc[index])
        if doc[index].pos_ == "DET":
            break
        index -= 1
    return role if role and role[0].pos_ == "DET" and any(t.pos_ == "NOUN" for t in role) else []


def entry_actor(entry: Entry) -> Actor:
    """The actor record for a gazetteer entry."""
    return Actor(name=entry.name, id=entry.id, kind=entry.kind, role=entry.role, country=entry.country, qid=entry.qid)


def _equivalent_role(tokens: list[Token], roles: frozenset[str]) -> bool:
    text = " ".join(t.lower_ for t in tokens).replace("l' ", "l'")
    for phrase, nouns in ROLE_EQUIVALENTS.items():
        if phrase in text and any(noun in roles for noun in nouns):
            return True
    return False


def _article_gender(tokens: list[Token], name: list[Token]) -> str | None:
    """« la cheffe de la diplomatie, Kaja Kallas » is a woman: the role's article tells."""
    before = [t for t in tokens if t.i < name[0].i]
    if before and before[0].lower_ in ("la", "une", "cette"):
        return "Fem"
    if before and before[0].lower_ in ("le", "un", "ce", "cet"):
        return "Masc"
    if before and before[0].lower_ == "l'" and len(before) > 1:
        return "Fem" if before[1].lower_.endswith(("rice", "esse", "ente", "ante", "ffe", "ière")) else "Masc"
    return None


def _gender(previous: Seen | None) -> str | None:
    return previous.gender if previous else None


def _merged_roles(previous: Seen | None) -> frozenset[str]:
    return previous.roles if previous else frozenset()


def _compatible_given(key: str, other: str) -> bool:
    """``'sergei riabkov'`` and ``'riabkov'`` or ``'s riabkov'`` may be one person; ``'ivan riabkov'`` may not."""
    mine, theirs = key.split()[:-1], other.split()[:-1]
    if not mine or not theirs:
        return True
    return mine[0][0] == theirs[0][0]


def _role_tokens(tokens: list[Token], name: list[Token]) -> list[Token]:
    """The role words around a name: before it (``le vice-ministre russe X``), else the apposition after it."""
    first, last = name[0].i, name[-1].i
    before = [t for t in tokens if t.i < first]
    if not any(t.pos_ in ("NOUN", "ADJ") for t in before):
        before = []
        for token in tokens:
            if token.i <= last:
                continue
            if token.is_punct and before:
                break
            if not token.is_punct:
                before.append(token)
    return [t for t in before if not t.is_punct and t.lower_ not in DETERMINERS and t.lower_ not in ("m.", "mme", "m")]


def _trim(tokens: list[Token]) -> list[Token]:
    cut = len(tokens)
    for index, token in enumerate(tokens):
        if token.lower_ in ("qui", "que", "dont", "lequel", "laquelle") or token.text in ("(", "[", "«", "“", '"'):
            cut = index
            break
        if index > 0 and token.text == "," and index + 1 < len(tokens) and tokens[index + 1].lower_ in STRESSED_PRONOUNS:
            cut = index  # « La diplomatie américaine, elle, a fait savoir »: the pronoun only repeats the subject
            break
    tokens = tokens[:cut]
    while tokens and (tokens[0].is_punct or tokens[0].is_space) and not tokens[0].lower_.startswith("-"):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


def _hyphenated(head: Token) -> str:
    """``état - major`` as one word."""
    doc = head.doc
    if head.i + 2 < len(doc) and doc[head.i + 1].text == "-":
        return f"{head.lower_}-{doc[head.i + 2].lower_}"
    return head.lower_


def _head(tokens: list[Token]) -> Token:
    inside = set(tokens)
    for token in tokens:
        if token.head not in inside or token.head == token:
            if token.pos_ in ("NOUN", "PROPN", "PRON"):
                return token
    nouns = [t for t in tokens if t.pos_ in ("NOUN", "PROPN")]
    return nouns[0] if nouns else tokens[0]


def _name_tokens(tokens: list[Token], gazetteer: Gazetteer) -> list[Token]:
    """The tokens of a person's name in a phrase: a PER entity, or a run of proper nouns the gazetteer doesn't know."""
    doc: Doc = tokens[0].doc
    inside = {t.i for t in tokens}
    people = [ent for ent in entities_of(doc) if ent.label_ == "PER" and ent.start in inside]
    for ent in reversed(people):
        entry = gazetteer.lookup(ent.text)
        if entry is None or entry.kind == "person":
            return [t for t in ent if t.i in inside]
    runs: list[list[Token]] = [[]]
    for token in tokens:
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        particle = bool(runs[-1]) and token.lower_ in NAME_PARTICLES and following is not None and (
            following.text == "-" or following.text[:1].isupper())  # « Khalid al-Aiser »
        if token.pos_ in NAME_POS and token.text[:1].isupper() or (runs[-1] and token.text == "-") or particle:
            runs[-1].append(token)
        elif runs[-1]:
            runs.append([])
    for run in reversed(runs):  # the name in apposition comes last: « le porte-parole du ministère …, Lin Jian »
        while run and run[-1].text == "-":
            run.pop()
        if run and gazetteer.lookup(_text(run)) is None and not any(gazetteer.lookup(t.text) for t in run):
            single = len([t for t in run if t.text != "-"]) == 1 and run[0].ent_type_ != "PER"
            if not any(t.ent_type_ in ("ORG",) for t in run) and not single:
                return run
    return []


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return text_of(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1])].strip()


def _descriptor_name(tokens: list[Token]) -> str:
    if tokens and tokens[0].lower_ in ("selon", "d'après"):  # « selon un communiqué de l'ambassade … » names the embassy
        cut = next((i for i, t in enumerate(tokens) if t.lower_ in ("de", "d'", "du", "des") and i > 1), None)
        if cut is not None and cut + 1 < len(tokens):
            tokens = tokens[cut + 1:] if tokens[cut].lower_ in ("de", "d'") else tokens[cut:]
    words = tokens[1:] if tokens and tokens[0].lower_ in DETERMINERS else tokens
    return _text(words) or _text(tokens)
