"""What is said: where a statement's content starts and ends around its cue."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from kg.extract.cues import CueHit
from kg.extract.quotes import Quote
from kg.extract.speakers import subject_of, with_apposition
from kg.nlp import feature, text_of

CLAUSE_BREAKS = (("tandis", "que"), ("alors", "que"), ("pendant", "que"), ("même", "si"), ("bien", "que"), (",", "mais"), (",", "dont"))


WEEKDAYS = frozenset("lundi mardi mercredi jeudi vendredi samedi dimanche hier aujourd'hui".split())


def clause_boundary(hit: CueHit, sentence: Span, following: CueHit | None) -> int | None:
    """« …, tandis que Washington a menacé … »: another statement with its own subject ends this one's content."""
    if following is None or subject_of(following.verb) is None:
        return None
    doc = hit.verb.doc
    for index in range(hit.end.i + 1, following.clause_start.i):
        pair = (doc[index].lower_, doc[index + 1].lower_.rstrip("'") + ("" if doc[index + 1].lower_ != "qu'" else "ue"))
        if pair in CLAUSE_BREAKS or (doc[index].lower_, doc[index + 1].lower_) in CLAUSE_BREAKS:
            return doc[index].idx
    return None


def continues(following: CueHit, hit: CueHit) -> bool:
    """A second cue that shares the first one's subject: ``a démenti … et accusé``, ``mais a ajouté``."""
    subject = subject_of(following.verb)
    if subject is not None and subject.lower_ not in ("-t",) and subject.i < following.verb.i:
        return False  # (a « subject » after the verb, « et exhorté Washington à », is its object)
    doc = following.verb.doc
    window = doc[max(following.clause_start.i - 2, hit.verb.i) : following.clause_start.i + 1]  # the group may start on « et »
    return any(t.lower_ in ("et", "mais", "puis", ",", "avant", "tout") for t in window)


def parenthetical(hit: CueHit) -> bool:
    """``comme il l'a assuré``: an incise that only attributes the surrounding words."""
    doc = hit.verb.doc
    window = doc[max(hit.clause_start.i - 4, 0) : hit.clause_start.i]
    return any(t.lower_ == "comme" for t in window)


def incise_end(hit: CueHit, sentence: Span) -> int:
    doc = hit.verb.doc
    index = hit.end.i + 1
    while index < sentence.end and not doc[index].is_punct:
        index += 1
    return doc[index].idx if index < len(doc) else len(text_of(doc))


def complement_start(hit: CueHit, sentence: Span, after: int, end: int) -> int | None:
    """Where the reported content begins: a ``que`` or ``si`` clause first, else an infinitive or object."""
    doc = hit.verb.doc
    if hit.end.i != hit.verb.i and hit.end.lower_ in ("que", "qu'") and hit.end.idx < end:
        return hit.end.idx  # « a assuré que A et qu'B »: the cue's own « que » opens what is said, not a later one
    tokens = [t for t in doc[hit.end.i + 1 : min(sentence.end, hit.end.i + 14)] if after <= t.idx < end]
    stop = next((n for n, t in enumerate(tokens) if t.text in (".", "!", "?", ";")), len(tokens))
    tokens = tokens[:stop]
    for number, token in enumerate(tokens):
        if token.lower_ in ("que", "qu'") and not relative_pronoun(token) or token.lower_ in ("si", "s'") and not any(
                "Inf" in feature(t, "VerbForm") or t.lower_ in ("de", "d'") for t in tokens[:number]):
            return token.idx  # (« a menacé de quitter le traité si … », « de « conséquences » si … »: what is said;
            # a relative « qu' » is not: « a annoncé la suspension de ses relations avec l'Algérie, qu'il accuse … »)
    for token in tokens:
        if token.lower_ in ("de", "d'", "à", "contre", "sur", "pour") or token.pos_ in ("DET", "NOUN", "PROPN", "PRON") and token.dep_ in ("obj", "det", "nsubj", "iobj") and token.lower_ not in WEEKDAYS:
            return token.idx
        if token.lower_ in ("des", "du", "au", "aux") and token.dep_ == "case" and token.head.head == hit.verb:
            # « a condamné mardi des frappes israéliennes »: the parser took the article for a preposition
            return token.idx
        if token.pos_ == "VERB" and token.dep_ in ("ccomp", "xcomp"):
            return token.idx
        if token.pos_ == "ADJ" and token.dep_ == "xcomp" and token.head == hit.verb:
            return token.left_edge.idx  # « s'est dit « profondément préoccupé » », « s'est montré optimiste »
    return None


def relative_pronoun(token: Token) -> bool:
    """« …avec l'Algérie, qu'il accuse … »: a « que » after a comma that the tagger reads as a pronoun opens a
    relative clause. (Without the comma the tag is not to be trusted: « a assuré aux Égyptiens qu'ils … ».)"""
    return token.pos_ == "PRON" and token.i > 0 and token.doc[token.i - 1].text == ","


def left_content(hit: CueHit, sentence: Span) -> tuple[int | None, int]:
    """``La Russie … maintiennent …, a indiqué X``: the clause before an incise cue."""
    doc = hit.verb.doc
    start = hit.clause_start.i - 1
    while start >= sentence.start and (doc[start].is_punct or doc[start].ent_type_ or doc[start].pos_ in ("PROPN", "DET", "NOUN", "ADJ", "ADP")):
        if doc[start].text == "," and any(t.pos_ in ("VERB", "AUX") for t in doc[sentence.start:start]):
            return sentence.start_char, doc[start].idx
        start -= 1
    if start > sentence.start and any(t.pos_ in ("VERB",) for t in doc[sentence.start:hit.clause_start.i]):
        return sentence.start_char, hit.clause_start.idx
    return None, 0


def relay_phrase(token: Token, sentence: Span) -> list[Token]:
    """``selon le conseiller spécial du président, Celso Amorim,`` → the phrase with its apposition."""
    doc = token.doc
    index = token.i + 1
    phrase = []
    while index < sentence.end and not doc[index].is_punct and doc[index].lower_ not in ("que", "qui"):
        if doc[index].pos_ == "VERB":
            break
        phrase.append(doc[index])
        index += 1
    return with_apposition(phrase, doc) if phrase else phrase


def outside(sentence: Span, phrase: list[Token], prep: Token) -> tuple[int, int]:
    """The sentence without the ``selon X`` phrase; when the phrase interrupts a clause (« L'accord, selon
    Sergueï Lavrov, reste lettre morte »), that whole clause, the phrase inside it."""
    doc = sentence.doc
    first, last = prep.i, phrase[-1].i
    if first == sentence.start:
        start = doc[last + 1].idx if last + 1 < sentence.end else sentence.end_char
        return strip(text_of(doc), start, sentence.end_char)
    interrupted = (last + 2 < sentence.end and doc[last + 1].text == "," and first >= 2 and doc[first - 1].text == ","
                   and doc[first - 2].text not in ("»", "”", '"') and not has_finite_verb(doc[sentence.start:first]))
    if interrupted:  # up to where another clause begins (« …, mais Washington reste sceptique »)
        end = clause_end(sentence, last + 2, SELON_LINKS)
        return strip(text_of(doc), sentence.start_char, doc[end].idx if end < sentence.end else sentence.end_char)
    return strip(text_of(doc), sentence.start_char, prep.idx)


SELON_LINKS = frozenset({"mais", "et", "alors", "tandis", "car", "or", "puis", "donc"})
"""Words that open a new clause after a comma, for a clause a « selon X » interrupts."""


def clause_end(sentence: Span, start: int, links: frozenset[str]) -> int:
    """The index of the first « ; », or comma followed by one of ``links``, from ``start`` on; else the
    sentence's end."""
    doc = sentence.doc
    return next((t.i for t in doc[start:sentence.end] if t.text == ";" or t.text == "," and t.i + 1 < sentence.end
                 and doc[t.i + 1].lower_ in links), sentence.end)


def has_finite_verb(tokens: Iterable[Token]) -> bool:
    return any(t.pos_ in ("VERB", "AUX") and "Fin" in feature(t, "VerbForm") for t in tokens)


LINKING_WORDS = (" et", " mais", " puis", " ou")
OBJECT_CLITICS = frozenset({"le", "la", "les", "l'", "lui", "leur", "y", "en", "se", "s'", "nous", "vous"})


def strip(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the spaces and punctuation around it, nor a conjunction left at its end, with the
    pronoun of the next verb if any (« une « tactique dilatoire » et » or « … » et les » when the next verb
    starts another statement); a quotation mark it closes or opens is kept with it (« s'abstenir … » »)."""
    while start < end and text[start] in " ,:;\n":
        start += 1
    while end > start and text[end - 1] in " ,:;.\n":
        end -= 1
    last = text[start:end].rsplit(" ", 1)
    if len(last) == 2 and last[1].lower() in OBJECT_CLITICS and last[0].endswith(LINKING_WORDS):
        return strip(text, start, start + len(last[0]))
    for word in LINKING_WORDS:
        if text[start:end].endswith(word) and end - len(word) > start:
            return strip(text, start, end - len(word))
    inside = text[start:end]
    if inside.count("»") > inside.count("«") and text[:start].rstrip().endswith("«"):
        start = len(text[:start].rstrip()) - 1
    elif inside.count("«") > inside.count("»") and text[end:].lstrip().startswith("»"):
        end = len(text) - len(text[end:].lstrip()) + 1
    return start, end


def tokens_in(doc: Doc, span: tuple[int, int]) -> list[Token]:
    chunk = doc.char_span(span[0], span[1], alignment_mode="expand")
    return list(chunk) if chunk is not None else []


def quote_mask(sentence: Span, quotes: list[Quote]) -> set[int]:
    """Indices of the sentence's tokens that lie inside a quotation."""
    inside: set[int] = set()
    for quote in quotes:
        if quote.end < sentence.start_char or quote.start > sentence.end_char:
            continue
        span = sentence.doc.char_span(max(quote.inner_start, sentence.start_char), min(quote.inner_end, sentence.end_char),
                                      alignment_mode="contract")
        if span is not None:
            inside.update(range(span.start, span.end))
    return inside


def char_range(tokens: list[Token]) -> tuple[int, int]:
    if not tokens:
        return (0, 0)
    return min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)
