"""Find reporting cues in a sentence: verbs and verbal phrases of the cue lexicon."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.extract.lexicon import Cue, Lexicon
from kg.nlp import feature, token_indices

REFLEXIVE = frozenset({"se", "s'", "me", "m'", "nous", "vous", "te", "t'"})
NEGATION = frozenset({"ne", "n'", "pas", "jamais", "rien", "plus", "guère", "aucun", "aucune"})
WINDOW = 4


@dataclass(frozen=True)
class CueHit:
    """A cue found in the text: its verb, the lexicon entry, and the tokens it spans."""

    verb: Token
    cue: Cue
    clause_start: Token  # first token of the verb group (auxiliary, clitic, negation)
    end: Token  # last token of the cue phrase (``garde`` in ``mettre en garde``)


def find_cues(sentence: Span, lexicon: Lexicon) -> list[CueHit]:
    """Every cue of the sentence, in order; a multi-word cue consumes the words it spans.

    Example: in *Il a refusé de commenter.* the one hit is ``refuser de commenter``
    (type ``decline``), not ``refuser`` and ``commenter``.
    """
    hits: list[CueHit] = []
    consumed: set[int] = set()
    doc = sentence.doc
    words = token_indices(doc, f"cues-{id(lexicon)}", ("ORTH", "LEMMA"), lambda text, lemma: any(
        found in lexicon.cues for found in lexicon.lemmas(text, lemma)), lexicon.verdicts.setdefault("cues", {}))
    for index in words[bisect_left(words, sentence.start):bisect_left(words, sentence.end)]:
        token = doc[index]
        if token.i in consumed or not _verb_like(token) or _without(token):
            continue
        candidates = next((lexicon.cues[lemma] for lemma in lexicon.lemmas(token.text, token.lemma_) if lemma in lexicon.cues), ())
        for cue in candidates:
            end = _match(token, cue, sentence)
            if end is None:
                continue
            consumed.update(range(token.i, end.i + 1))
            hits.append(CueHit(verb=token, cue=cue, clause_start=_group_start(token), end=_after_clitics(end)))
            break
    return hits


def _verb_like(token: Token) -> bool:
    """A verb, or a word the tagger missed that a subject or a ``que`` frames as one (``Kiev dément``)."""
    if token.pos_ == "VERB":
        return not _qualifies_a_noun(token)
    doc = token.doc
    if token.lemma_ == "faire" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ in ("savoir", "valoir", "part"):
        return True  # « a d'ores et déjà fait savoir »: the tagger may read « fait » as an auxiliary
    if token.pos_ in ("PUNCT", "DET", "ADP", "CCONJ", "SCONJ", "PRON", "NUM", "PROPN") or not token.text.islower():
        return False
    if token.dep_ == "ROOT" and any(child.dep_.startswith("nsubj") for child in token.children):
        return True  # « Un diplomate occidental juge la situation … »: a root with a subject is a verb
    if token.dep_.startswith(("acl", "amod")) and token.lower_.endswith(("é", "ée", "és", "ées")) and agent_marker(token):
        return True  # « une idée jugée « prématurée » par la France »: a participle with its agent
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    previous = doc[token.i - 1] if token.i > 0 else None
    if following is not None and (following.lower_.startswith("-t") or following.lower_ in ("que", "qu'")):
        return True
    if previous is not None and previous.lower_ in ("et", "mais", "puis") and token.lower_.endswith(("é", "ée", "és", "ées")):
        return True  # « a dénoncé … et exhorté Washington »
    if token.lower_.endswith(("é", "ée", "és", "ées")):
        index = token.i - 1
        while index >= max(token.i - 7, 0) and doc[index].lower_ in INSERTIONS:
            index -= 1
        if 0 <= index < token.i - 1 and _auxiliary(doc[index]):
            return True  # « a quant à lui estimé »: the inserted words made the tagger read a noun
    return previous is not None and (previous.pos_ in ("PROPN", "AUX") or previous.lower_ in (
        "il", "elle", "ils", "elles", "ne", "n'", "-il", "-elle", "-ils", "-elles"))


def _qualifies_a_noun(token: Token) -> bool:
    """« le soutien massif espéré », « la rencontre souhaitée »: a past participle right after a noun or its
    adjective or quote, with no auxiliary, subject or agent of its own, qualifies the noun; no one speaks."""
    if token.i == 0 or not token.lower_.endswith(("é", "ée", "és", "ées")):
        return False
    previous = token.doc[token.i - 1]
    if previous.pos_ not in ("NOUN", "ADJ") and previous.text not in ("»", "”", '"'):
        return False
    if any(child.dep_.startswith(("aux", "nsubj", "expl")) for child in token.children):
        return False
    if any(t.pos_ == "AUX" or t.lemma_ in ("avoir", "être") for t in token.doc[max(0, token.i - 6) : token.i]):
        return False  # « a de son côté fustigé », « ont « fermement » rejeté »: a verb group split by words
    return not agent_marker(token)


QUOTE_MARKS = frozenset({"«", "»", "“", "”", "‹", "›", '"'})


def agent_marker(token: Token, end: int | None = None) -> Token | None:
    """The « par » of an agent a few words after ``token`` (« une idée jugée « prématurée » par la France »), found
    by word order (parsers hang it on the noun or an adjective): no punctuation but quotation marks between,
    and not past the token ``end``."""
    doc = token.doc
    for following in doc[token.i + 1:min(token.i + 7, len(doc) if end is None else end)]:
        if following.lower_ == "par":
            return following
        if following.is_punct and following.text not in QUOTE_MARKS:
            return None
    return None


PREPOSITIONAL_ADVERBS = frozenset({"lors", "auprès", "près", "afin", "autour", "loin", "hors", "face"})
"""Adverbs that open a prepositional phrase (« lors de », « auprès de », « face à »)."""


def _match(verb: Token, cue: Cue, sentence: Span) -> Token | None:
    doc = verb.doc
    if cue.reflexive and not _has_reflexive(verb):
        return None
    negated = _negated(verb)
    if cue.negative != negated and cue.negative:
        return None
    end = verb
    position = verb.i + 1
    for number, word in enumerate(cue.rest):
        found = None
        # Only clitics and adverbs may come between the verb and its particle (« a mis en garde »,
        # « a-t-il refusé de commenter »); determiners and adjectives between later words (« exprimer sa solidarité »).
        allowed = ("ADV", "PRON", "AUX") if number == 0 else ("ADV", "PRON", "DET", "ADJ")
        while position < min(sentence.end, verb.i + 1 + WINDOW + len(cue.rest)):
            token = doc[position]
            position += 1
            if token.lower_ == word or token.lemma_.lower() == word or token.lower_.rstrip("'") + "e" == word:
                found = token
                break
            if token.is_punct and not token.lower_.startswith("-") or token.pos_ not in allowed and not token.lower_.startswith("-"):
                break
            if token.lower_ in PREPOSITIONAL_ADVERBS:
                break  # « a-t-il assuré lors de son point de presse »: that « de » is the adverb's, not « assurer de »
        if found is None:
            return None
        end = found
    if _an_act(verb, cue):
        return None
    if cue.frame == "inf" and not cue.rest:
        return end if _has_infinitive(verb) else None
    if cue.frame == "quote" and not _near_quote(verb):
        return None
    if cue.frame == "que" and not (_reports_quote(verb, end) or _has_clause(verb)):
        return None  # « la question relevait des affaires intérieures »: « relever » without « que » reports nothing
    return end


ACTS = {
    # « a rappelé son ambassadeur », « a rappelé ses troupes »: who is called back, not what is said
    "rappeler": frozenset({"ambassadeur", "ambassadrice", "diplomate", "émissaire", "envoyé", "envoyée", "consul",
                           "chargé", "représentant", "représentante", "délégation", "personnel", "troupe", "contingent",
                           "soldat", "réserviste"}),
    # « qui assure la présidence tournante », « assure l'intérim »: an office held, not an assurance given
    "assurer": frozenset({"présidence", "intérim", "sécurité", "protection", "fonction", "suivi", "coordination",
                          "direction", "liaison", "transition", "service", "permanence", "financement", "gestion",
                          "secrétariat", "défense", "approvisionnement", "formation", "transport", "garde", "médiation",
                          "relais", "survie", "maintien"}),
}
"""Objects that make a speech verb an act: with one of them, the verb reports nothing."""


SUMMONS = frozenset({"responsabilité", "ordre", "devoir", "obligation", "engagement"})
"""« rappeler X à ses responsabilités / à l'ordre / à ses engagements »: a summons, which is said."""


def _an_act(verb: Token, cue: Cue) -> bool:
    """« a rappelé son ambassadeur », « assure la présidence de l'organisation »: no statement; but
    « a rappelé l'ambassadeur américain à ses responsabilités » (or « à l'ordre ») speaks to him."""
    objects = ACTS.get(cue.head)
    if objects is None or cue.rest:
        return False
    for child in verb.children:
        if child.dep_ == "obj" and child.lemma_.lower() in objects:
            summoned = [t for t in list(child.children) + [c for c in verb.children if c.dep_.startswith("obl")]
                        if t.lemma_.lower() in SUMMONS
                        and any(c.dep_ == "case" and c.lower_ in ("à", "au", "aux") for c in t.children)]
            return not summoned  # « à ses responsabilités », « à l'ordre »: he is spoken to
    return False


def _reports_quote(verb: Token, end: Token) -> bool:
    """A quote ends just before the cue (« », a relevé le ministre ») or a colon follows it (« a relevé : »)."""
    doc = verb.doc
    return any(t.text in ("»", "”", '"') for t in doc[max(verb.i - 4, 0):verb.i]) or any(
        t.text == ":" for t in doc[end.i + 1:min(len(doc), end.i + 3)])


def _has_clause(verb: Token) -> bool:
    """The cue governs a « que » clause (« a relevé mardi que … »; not « a relevé ses taux alors que … »)."""
    return any(child.dep_ in ("ccomp", "obj", "xcomp") and any(
        mark.dep_ == "mark" and mark.lower_ in ("que", "qu'") and mark.i > verb.i for mark in child.children)
        for child in verb.children)


_CLITICS = frozenset({"le", "la", "les", "l'", "en", "y", "se", "s'", "lui", "leur", "me", "m'", "te", "t'", "nous", "vous"})


def _without(verb: Token) -> bool:
    """« Pékin a appelé au calme, sans condamner le tir »: an infinitive after « sans » says what was
    not said; it is no statement (not even a negated one)."""
    if "Inf" not in feature(verb, "VerbForm"):
        return False
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].lower_ in _CLITICS:
        i -= 1
    return i >= 0 and doc[i].lower_ == "sans"


def _has_reflexive(verb: Token) -> bool:
    doc = verb.doc
    window = doc[min(_group_start(verb).i, max(verb.i - 3, 0)) : verb.i]  # « s'est pour sa part engagé »
    return any(t.lower_ in REFLEXIVE for t in window) or any(c.dep_.startswith("expl") and c.lower_ in REFLEXIVE for c in verb.children)


def _negated(verb: Token) -> bool:
    return any(child.lower_ in ("ne", "n'") or "Neg" in feature(child, "Polarity") for child in verb.children) or (
        verb.i > 0 and verb.doc[verb.i - 1].lower_ in ("n'", "ne")
    )


def _has_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "xcomp" and "Inf" in feature(c, "VerbForm") for c in verb.children)


def _near_quote(verb: Token) -> bool:
    doc = verb.doc
    window = doc[max(verb.i - 4, 0) : verb.i + 4]
    return any(t.text in ("«", "»", "“", "”", '"', ":") for t in window)


INSERTIONS = frozenset(
    "pour sa son leur ses part de côté en revanche outre par ailleurs quant à lui elle eux aussi également toutefois "
    "cependant pourtant néanmoins donc ainsi enfin aussitôt déjà ores d' et , -t -il -elle".split()
)


RESTRICTING = frozenset({"borner", "contenter", "limiter"})
"""« se bornant à appeler », « s'est contenté de rappeler »: verbs whose infinitive says all that was said."""


def _group_start(verb: Token) -> Token:
    """First token of the verb group, past inserted phrases: ``a pour sa part condamné`` → ``a``;
    ``se bornant à appeler`` → ``se``."""
    start = _simple_group_start(verb)
    doc = verb.doc
    if start.i >= 2 and doc[start.i - 1].lower_ in ("à", "de", "d'") and doc[start.i - 2].lemma_ in RESTRICTING:
        return _group_start(doc[start.i - 2])
    index = start.i - 1
    while index >= max(start.i - 7, 0) and doc[index].lower_ in INSERTIONS:
        index -= 1
    if index >= 0 and index < start.i - 1 and (_auxiliary(doc[index]) or doc[index].lemma_ in ("avoir", "être")):
        return _simple_group_start(doc[index])
    if start.i > 0 and doc[start.i - 1].text == ",":
        # « a, selon des sources diplomatiques, proposé »: a comma-enclosed insertion after the auxiliary
        for comma in range(start.i - 2, max(start.i - 10, 0), -1):
            if doc[comma].text == ",":
                if comma > 0 and doc[comma - 1].lemma_ in ("avoir", "être") and doc[comma - 1].pos_ in ("AUX", "VERB"):
                    return _simple_group_start(doc[comma - 1])
                break
    return start


def _auxiliary(token: Token) -> bool:
    return token.pos_ == "AUX" or token.dep_.startswith("aux") or token.lemma_ in ("avoir", "être") and token.i < token.head.i


def _simple_group_start(verb: Token) -> Token:
    doc = verb.doc
    index = verb.i
    while index > 0:
        previous = doc[index - 1]
        if index - 2 >= 0 and doc[index - 2].text == "-":
            break  # « Lai Ching-te »: a name, not a clitic
        if _auxiliary(previous) or previous.lower_ in REFLEXIVE | NEGATION or previous.lower_.startswith("-t") or previous.lower_ in ("-il", "-elle", "-ils", "-elles"):
            index -= 1
            continue
        if previous.pos_ == "ADV" and index - 2 >= 0 and doc[index - 2].pos_ == "AUX":
            index -= 1
            continue
        break
    return doc[index]


def _after_clitics(token: Token) -> Token:
    doc = token.doc
    index = token.i
    while index + 1 < len(doc) and (doc[index + 1].lower_.startswith("-t") or doc[index + 1].lower_ in ("-il", "-elle", "-ils", "-elles", "-on")):
        index += 1
    return doc[index]
