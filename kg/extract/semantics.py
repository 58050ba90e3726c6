"""What a statement's content says: its type when the verb is neutral, negation, hedging, topic."""

from __future__ import annotations

import re

from spacy.tokens import Token

from kg.extract.lexicon import Lexicon
from kg.nlp import feature

# A negated verb in reported content that turns the statement into another type:
# « il ne voulait rien confirmer » → decline; « il n'exclut pas » → consider.
NEGATED_SHIFT = {
    "confirmer": "decline", "commenter": "decline", "préciser": "decline", "répondre": "decline", "dire": "decline",
    "exclure": "consider", "écarter": "consider",
    "accepter": "reject", "tolérer": "reject", "céder": "reject", "sacrifier": "reject", "reconnaître": "reject",
    "légitimité": "criticize", "justification": "criticize", "fondement": "deny", "preuve": "deny",
}
# Types that a negation cancels rather than keeps (« n'a jamais refusé le dialogue » is no rejection).
NEGATION_CANCELS = frozenset({"support", "criticize", "cooperate", "reject", "deny", "accuse", "threaten", "warn", "promise"})
NEGATIVE_WORDS = frozenset({"ne", "n'", "pas", "jamais", "aucun", "aucune", "nullement", "guère"})
TRUE_NEGATIONS = frozenset({"pas", "jamais", "plus", "guère", "point", "nullement", "rien", "aucun", "aucune", "personne", "ni"})
WEAK_TYPES = frozenset({"cooperate", "declare"})
HEDGE_WORDS = frozenset({"pouvoir", "peut-être", "éventuellement", "probablement", "possible", "envisager", "sembler", "paraître"})
MODALS = frozenset({"devoir", "pouvoir", "vouloir", "falloir"})
TOPIC_STOP = frozenset({"ce", "cela", "il", "elle", "ils", "nous", "je", "on", "qui", "que", "chose", "fait", "cas", "y",
                        "leur", "leurs", "eux", "celui", "celle", "ceux", "tout", "tous", "rien", "personne", "fois",
                        "part", "côté", "face", "jour", "semaine", "mois", "année", "an", "lundi", "mardi", "mercredi",
                        "jeudi", "vendredi", "samedi", "dimanche", "hier", "manière", "façon", "sorte", "moment"})
MAX_TOPIC_WORDS = 4
WARNING_PHRASES = re.compile(r"\bjou\w*\s+avec\s+le\s+feu\b|\btoutes\s+les\s+mesures\s+nécessaires\b|"
                             r"\bligne\s+rouge\b|\bles\s+bras\s+croisés\b|\ben\s+tirer\w*\s+(?:toutes\s+)?les\s+"
                             r"(?:conséquences|conclusions)\b|\bprêt\w*\W{0,3}\s+à\s+(?:intervenir|riposter|frapper|"
                             r"répondre\s+(?:fermement|militairement)|se\s+défendre)\b")
"""Set phrases of a diplomatic warning (« jouer avec le feu », « une ligne rouge », « ne pas rester les bras croisés »)."""
TOGETHER = re.compile(r"\bmain\W{0,3}\s+dans\s+la\s+main\b|\ben\s+étroite\s+(?:coordination|collaboration|coopération)\b|"
                      r"\bde\s+concert\s+avec\b")
"""Set phrases of working together."""
NO_INTENTION = re.compile(r"\b(?:aucune|nulle|pas\s+l')\s+intention[\s»”\"]+d")
"""« n'avoir aucune intention de … »: what the speaker will not do."""
EXPECTS_OF = re.compile(r"\battend\w*\s+(?:de|d'|des|du)\s+[^.;:]{1,60}?\s+qu(?:e\b|')")
"""« attendre de X qu'il … »: what is asked of X."""
TIME_TO_ACT = re.compile(r"\b(?:il|c')\s*(?:est|serait)\s+(?:plus que |grand )?temps\b")
"""« il est (grand) temps de … »: a call to act."""
OF_WORDS = frozenset({"de", "d'", "d’", "du", "des"})
ELIDED = re.compile(r"\b([dlDL]['’]) ")  # « d' une » → « d'une »


def is_negated(token: Token) -> bool:
    """``n'a pas condamné``: a negation particle on the verb."""
    doc = token.doc
    if any(child.lower_ in ("ne", "n'") or "Neg" in feature(child, "Polarity") for child in token.children):
        return not restrictive(token)
    window = doc[max(token.i - 3, 0) : token.i]
    return any(t.lower_ in ("ne", "n'") for t in window) and not restrictive(token)


def restrictive(token: Token) -> bool:
    """« Ce n'est qu'une question de temps », « n'a fait que rappeler »: « ne … que » restricts, it does not
    negate (no « pas », « jamais », « plus », « aucun »… around the verb, a « que » right after it)."""
    doc = token.doc
    around = doc[max(token.i - 3, 0) : min(token.i + 9, len(doc))]
    if any(t.lower_ in TRUE_NEGATIONS for t in around):
        return False
    following = doc[token.i + 1 : min(token.i + 3, len(doc))]
    right_after = following[:1] if not following or following[0].pos_ != "VERB" else following  # « n'a fait que »
    return any(t.lower_ in ("que", "qu'") for t in right_after) or any(
        child.lower_ in ("que", "qu'") and child.dep_ == "advmod" and doc[child.i - 1].lower_ != "quoi" for child in token.children)


def is_hedged(verb: Token, content: list[Token]) -> bool:
    """A conditional or modal cue or content (``pourrait``, ``ne pas exclure``, ``éventuellement``)."""
    if "Cnd" in feature(verb, "Mood"):
        return True
    inside = {t.i for t in content}
    roots = {t.i for t in content if t.head.i not in inside or t.head.i == t.i}
    for token in content:
        if token.i in roots or token.head.i in roots:
            if "Cnd" in feature(token, "Mood"):
                return True
            if token.lemma_.lower() in HEDGE_WORDS and not is_negated(token):
                return True
    return False


def content_type(tokens: list[Token], lexicon: Lexicon) -> str | None:
    """The type the content itself signals, closest to the content's root first."""
    return content_signal(tokens, lexicon)[0]


def content_signal(tokens: list[Token], lexicon: Lexicon) -> tuple[str | None, str | None]:
    """The type the content signals and, when one evaluative word gave it, that word's topic
    (« nous sommes solidaires du Venezuela » → support, solidarité)."""
    if not tokens:
        return None, None
    inside = set(tokens)
    best: tuple[bool, int, int, str, str | None] | None = None
    for order, token in enumerate(tokens):
        lemma = token.lemma_.lower()
        type_id = None
        if lemma in NEGATED_SHIFT and (is_negated(token) or is_negated(token.head) or any(c.lower_ == "rien" for c in token.children)):
            type_id = NEGATED_SHIFT[lemma]
            if type_id == "decline" and (_cannot_tell(token) or _named_subject(token)):
                # « je ne peux pas dire … ce qui se trouve où »: what the speaker cannot know; « la Russie ne
                # répondrait pas »: a third party's act. Neither is the speaker's refusal.
                type_id = None
        elif lemma in lexicon.content:
            type_id = lexicon.content[lemma][0]
            if (is_negated(token) or is_negated(token.head)) and type_id in NEGATION_CANCELS:
                type_id = None
        if type_id is None:
            continue
        depth = _depth(token, inside)
        topic = lexicon.content[lemma][1] if lemma in lexicon.content and lemma not in NEGATED_SHIFT else None
        rank = (type_id in WEAK_TYPES, depth, order, type_id, topic)
        if best is None or rank < best:
            best = rank
    if best is not None and best[0] is False:
        return best[3], best[4]
    shaped = _shape_type(tokens, inside)
    if shaped:
        return shaped, None
    return (best[3], best[4]) if best else (None, None)


def _named_subject(verb: Token) -> bool:
    """The verb, or the modal it depends on, has a noun or a name for subject (not a pronoun)."""
    return any(child.dep_.startswith("nsubj") and child.pos_ in ("NOUN", "PROPN")
               for word in (verb, verb.head) for child in word.children)


def _cannot_tell(verb: Token) -> bool:
    """« je ne peux pas dire … ce qui se trouve où »: the speaker says what they do not know, they refuse nothing
    (unlike « je n'ai rien à vous dire »): a first-person subject, and what is not said is « ce qui / ce que »."""
    words = (verb, verb.head)
    first_person = any(child.dep_.startswith("nsubj") and child.lower_ in ("je", "j'", "nous")
                       for word in words for child in word.children)
    return first_person and any(child.lower_ in ("ce", "c'") for child in verb.children) \
        and not any(child.lower_ == "rien" for word in words for child in word.children)


def _shape_type(tokens: list[Token], inside: set[Token]) -> str | None:
    """Types carried by the shape of the content rather than by one word.

    A conditional threat (« Si … poursuivent …, ils … paieront ») warns; « il n'y a aucun … »
    denies; a negated main predicate about others (« Il ne s'agit pas d'une offre sérieuse », « La
    Cour n'a aucune compétence ») criticizes; an obligation laid on others (« Israël doit cesser »)
    demands. Set phrases come next: a warning (« jouer avec le feu »), working together (« main dans
    la main »), « il est temps de » (appeal), « aucune intention de » (reject), « attendre de X qu'il »
    (demand).
    """
    roots = [t for t in tokens if t.head not in inside or t.head == t]
    if not roots:
        return None
    root = roots[0]
    first = next((t for t in tokens if not t.is_punct), None)
    if first is not None and first.lower_ in ("si", "s'") and any("Fut" in feature(t, "Tense") or "Cnd" in feature(t, "Mood") for t in tokens):
        return "warn"
    if root.lemma_ in ("devoir",) or any(c.lemma_ == "devoir" and c.dep_.startswith("aux") for c in root.children):
        subject = next((c for c in root.children if c.dep_.startswith("nsubj")), None)
        if subject is not None and subject.lower_ not in ("nous", "je", "on") and not any(c.dep_ == "conj" for c in subject.children):
            return "demand"
    if root.lemma_ == "falloir" or any(c.lemma_ == "falloir" for c in root.children):
        return "appeal"
    words = " ".join(t.lower_ for t in tokens)
    if WARNING_PHRASES.search(words):
        return "warn"  # « Quiconque joue avec le feu finira par se brûler », « toutes les mesures nécessaires »
    if TOGETHER.search(words):
        return "cooperate"  # « Le Caire et Doha travaillent « main dans la main » avec Washington »
    if TIME_TO_ACT.search(words):
        return "appeal"  # « Il est temps de les tenir », « il est grand temps que … »
    negated = (any(c.lower_ in NEGATIVE_WORDS for c in root.children if c.dep_ in ("advmod", "det")) or any(
        c.lower_ in ("aucun", "aucune") for child in root.children for c in child.children
    )) and not restrictive(root)
    subject = next((c for c in root.children if c.dep_.startswith("nsubj")), None)
    if negated and root.lemma_ == "avoir" and any(c.lower_ == "y" for c in root.children) \
            and any(c.lower_ == "il" and c.dep_.startswith("expl") for c in root.children):
        return "deny"  # « Il n'y a aucune base française au Bénin »: what is said not to exist
    evaluative = root.pos_ in ("ADJ", "NOUN") or root.lemma_ in ("être", "avoir", "pouvoir", "agir", "falloir")
    if NO_INTENTION.search(words):
        return "reject"  # « Pyongyang n'avait aucune intention de reprendre le dialogue »: what it will not do
    if EXPECTS_OF.search(words):
        return "demand"  # « Nous attendons de la Chine qu'elle use de toute son influence »
    if negated and evaluative and (subject is None or subject.lower_ not in ("nous", "je", "j'", "on")):
        return "criticize"
    return None


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
        if lemma in MODALS:
            root = next((c for c in root.children if c.dep_ == "xcomp"), root)
            lemma = root.lemma_.lower()
        if lemma in lexicon.topics and root.pos_ in ("ADJ", "VERB"):
            return lexicon.topics[lemma]
        if root.pos_ == "NOUN" and lemma not in TOPIC_STOP and not _named_subject_of(root):
            return _chunk(root)
        children = [child for child in root.children if child in inside]  # not a speaker the parser hung on a quote
        for child in children:
            if child.dep_ in ("xcomp", "ccomp", "conj", "obj") and child.pos_ in ("ADJ", "VERB") and child.lemma_.lower() in lexicon.topics:
                return lexicon.topics[child.lemma_.lower()]  # « Moscou restait solidaire » → solidarité
        for dep in ("obj", "obl:arg", "obl:mod", "nsubj", "nsubj:pass", "xcomp"):
            for child in children:
                if child.dep_ == dep and child.pos_ == "NOUN" and child.lemma_.lower() not in TOPIC_STOP and not _named_subject_of(child):
                    return _chunk(child)
                if child.dep_ == dep and child.pos_ == "VERB" and child.lemma_.lower() in lexicon.topics:
                    return lexicon.topics[child.lemma_.lower()]
        if lemma in lexicon.topics:
            return lexicon.topics[lemma]
    for token in tokens:
        if token.lemma_.lower() in lexicon.content:
            return lexicon.content[token.lemma_.lower()][1]
    nouns = [t for t in tokens if t.pos_ == "NOUN" and t.lemma_.lower() not in TOPIC_STOP and not _named_subject_of(t)]
    return _chunk(nouns[0]) if nouns else None


def _named_subject_of(noun: Token) -> bool:
    """« Caracas n'a ni confirmé … »: a name as the subject says who, not what about."""
    return noun.dep_.startswith("nsubj") and bool(noun.ent_type_)


def _chunk(noun: Token) -> str:
    """The noun with its adjectives and one ``de`` complement with its article, at most four words (« envoi d'une
    mission », « levée des sanctions »), never ending on an article or a preposition."""
    words = [noun]
    for child in noun.children:
        if child.dep_ == "amod" and child.pos_ == "ADJ" and abs(child.i - noun.i) <= 2:
            words.append(child)
        if child.dep_ == "nmod" and child.i > noun.i and child.pos_ == "NOUN":
            case = [c for c in child.children if c.dep_ == "case" and c.lower_ in OF_WORDS]
            if case:
                words.extend([case[0], child, *(c for c in child.children if c.dep_ == "det" and case[0].i < c.i < child.i)])
    words.sort(key=lambda t: t.i)
    words = words[:MAX_TOPIC_WORDS]
    while len(words) > 1 and words[-1].dep_ in ("case", "det"):
        words.pop()
    return ELIDED.sub(r"\1", " ".join(t.text for t in words))


def _depth(token: Token, inside: set[Token]) -> int:
    depth = 0
    while token.head in inside and token.head != token and depth < 50:
        token = token.head
        depth += 1
    return depth
