"""What a statement's content says: its type when the verb is neutral, negation, hedging, topic."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.lexicon import Lexicon

# A negated verb in reported content that turns the statement into another type:
# « il ne voulait rien confirmer » → decline; « il n'exclut pas » → consider.
NEGATED_SHIFT = {
    "confirmer": "decline", "commenter": "decline", "préciser": "decline", "répondre": "decline", "dire": "decline",
    "exclure": "consider", "écarter": "consider",
}
WEAK_TYPES = frozenset({"cooperate", "declare"})
HEDGE_WORDS = frozenset({"pouvoir", "peut-être", "éventuellement", "probablement", "possible", "envisager", "sembler", "paraître"})
TOPIC_STOP = frozenset({"ce", "cela", "il", "elle", "ils", "nous", "je", "on", "qui", "que", "chose", "fait", "cas", "y"})
MAX_TOPIC_WORDS = 4


def is_negated(token: Token) -> bool:
    """``n'a pas condamné``: a negation particle on the verb."""
    doc = token.doc
    if any(child.lower_ in ("ne", "n'") or "Neg" in child.morph.get("Polarity") for child in token.children):
        return True
    window = doc[max(token.i - 3, 0) : token.i]
    return any(t.lower_ in ("ne", "n'") for t in window)


def is_hedged(verb: Token, content: list[Token]) -> bool:
    """A conditional or modal cue or content (``pourrait``, ``ne pas exclure``, ``éventuellement``)."""
    if "Cnd" in verb.morph.get("Mood"):
        return True
    roots = [t for t in content if t.head not in content or t.head == t]
    for token in content:
        if token in roots or token.head in roots:
            if "Cnd" in token.morph.get("Mood") or token.lemma_.lower() in HEDGE_WORDS:
                return True
    return False


def content_type(tokens: list[Token], lexicon: Lexicon) -> str | None:
    """The type the content itself signals, closest to the content's root first."""
    if not tokens:
        return None
    inside = set(tokens)
    best: tuple[bool, int, int, str] | None = None
    for order, token in enumerate(tokens):
        lemma = token.lemma_.lower()
        type_id = None
        if lemma in NEGATED_SHIFT and (is_negated(token) or is_negated(token.head) or any(c.lower_ == "rien" for c in token.children)):
            type_id = NEGATED_SHIFT[lemma]
        elif lemma in lexicon.content:
            type_id = lexicon.content[lemma][0]
            if is_negated(token) and type_id in ("support", "criticize", "cooperate"):
                type_id = None
        if type_id is None:
            continue
        depth = _depth(token, inside)
        rank = (type_id in WEAK_TYPES, depth, order, type_id)
        if best is None or rank < best:
            best = rank
    return best[3] if best else None


def topic_of(tokens: list[Token], lexicon: Lexicon, type_id: str) -> str | None:
    """A short label for what is said: a nominalised predicate or the head noun phrase.

    *nous sommes solidaires du Venezuela* → *solidarité*; *a condamné les frappes* → *frappes*.
    """
    tokens = [t for t in tokens if not t.is_space]
    if not tokens:
        return None
    inside = set(tokens)
    roots = sorted((t for t in tokens if t.head not in inside or t.head == t), key=lambda t: _depth(t, inside))
    for root in roots[:2]:
        lemma = root.lemma_.lower()
        if lemma in lexicon.topics and root.pos_ in ("ADJ", "VERB"):
            return lexicon.topics[lemma]
        if root.pos_ in ("NOUN", "PROPN") and lemma not in TOPIC_STOP:
            return _chunk(root)
        for dep in ("obj", "nsubj", "obl:arg", "nsubj:pass", "xcomp"):
            for child in root.children:
                if child.dep_ == dep and child.pos_ in ("NOUN", "PROPN") and child.lemma_.lower() not in TOPIC_STOP:
                    return _chunk(child)
                if child.dep_ == dep and child.pos_ == "VERB" and child.lemma_.lower() in lexicon.topics:
                    return lexicon.topics[child.lemma_.lower()]
        if lemma in lexicon.topics:
            return lexicon.topics[lemma]
    for token in tokens:
        if token.lemma_.lower() in lexicon.content:
            return lexicon.content[token.lemma_.lower()][1]
    nouns = [t for t in tokens if t.pos_ == "NOUN" and t.lemma_.lower() not in TOPIC_STOP]
    return _chunk(nouns[0]) if nouns else None


def _chunk(noun: Token) -> str:
    """The noun with its adjectives and one ``de`` complement, at most four words."""
    words = [noun]
    for child in noun.children:
        if child.dep_ == "amod" and child.pos_ == "ADJ" and abs(child.i - noun.i) <= 2:
            words.append(child)
        if child.dep_ == "nmod" and child.i > noun.i and child.pos_ == "NOUN":
            case = [c for c in child.children if c.dep_ == "case" and c.lower_ in ("de", "d'")]
            if case:
                words.extend([case[0], child])
    words.sort(key=lambda t: t.i)
    text = " ".join(t.text for t in words[:MAX_TOPIC_WORDS])
    return text.replace("d' ", "d'")


def _depth(token: Token, inside: set[Token]) -> int:
    depth = 0
    while token.head in inside and token.head != token and depth < 50:
        token = token.head
        depth += 1
    return depth
