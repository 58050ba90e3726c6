"""Find attributed statements in a parsed article.

One pass over the sentences: every reporting cue (a verb of the lexicon, or
*selon X* / *d'après X* / *pour X,*) yields one mention per speaker, with the
quote or clause it governs as content; quotes that no cue claims are then
given to the speaker of the statement just before them (floating quotes).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from kg.extract.actors import ArticleActors
from kg.extract.cues import CueHit, find_cues
from kg.nlp import entities_of, text_of
from kg.extract.lexicon import Lexicon
from kg.extract.quotes import Quote, find_quotes
from kg.extract.semantics import WEAK_TYPES, content_signal, is_hedged, is_negated, topic_of
from kg.extract.targets import TargetFinder
from kg.gazetteer import Gazetteer
from kg.records import Actor, Article, Evidence, Mention, Target
from kg.text import CleanText

SUBJECTS = ("nsubj", "nsubj:pass", "expl:subj")
RELAY_PREPS = ("selon", "d'après")
WEEKDAYS = frozenset("lundi mardi mercredi jeudi vendredi samedi dimanche hier aujourd'hui".split())
NESTED_TYPES = ("declare",)
HYPHEN_PRONOUNS = ("-il", "-elle", "-ils", "-elles")
MIN_FLOATING_WORDS = 4
FLOATING_REACH = 2  # paragraphs back


@dataclass
class Draft:
    """A statement being assembled, in cleaned-text offsets."""

    speaker: Actor
    how: str
    cue: CueHit | None
    cue_lemma: str | None
    type: str
    content: tuple[int, int]
    quote: Quote | None
    quotes: tuple[Quote, ...]
    mode: str
    sentence: Span
    source: Actor | None = None
    negated: bool = False
    hedged: bool = False
    confidence: float = 0.85
    addressees: tuple[Actor, ...] = ()
    phrase: tuple[int, int] = (0, 0)
    topic: str | None = None


class StatementExtractor:
    """Finds statement mentions in parsed articles; built once, used for every article."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer, targets: TargetFinder) -> None:
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        self.targets = targets

    def extract(self, doc: Doc, cleaned: CleanText, article: Article) -> list[Mention]:
        """Every statement mention of one article, in text order."""
        quotes = find_quotes(cleaned.text)
        actors = ArticleActors(self.gazetteer, self.lexicon, article.date)
        drafts: list[Draft] = []
        used: set[int] = set()
        for sentence in doc.sents:
            made = self._sentence(sentence, quotes, actors, drafts)
            for draft in made:
                used.update(id(q) for q in draft.quotes)
            drafts.extend(made)
            for entity in sentence.ents:
                if entity.label_ == "PER":
                    actors.note_person(entity)
        drafts.extend(self._floating(doc, quotes, used, drafts))
        drafts.extend(self._nominal(doc, drafts))
        drafts.sort(key=lambda d: (d.content[0], d.speaker.id))
        self._previous_targets: dict[str, tuple] = {}
        return [self._mention(draft, doc, cleaned, article) for draft in drafts]

    # -- one sentence -----------------------------------------------------------
    def _sentence(self, sentence: Span, quotes: list[Quote], actors: ArticleActors, before: list[Draft]) -> list[Draft]:
        inside_quote = _quote_mask(sentence, quotes)
        hits = [hit for hit in find_cues(sentence, self.lexicon) if hit.verb.i not in inside_quote]
        drafts: list[Draft] = []
        for index, hit in enumerate(hits):
            following = hits[index + 1] if index + 1 < len(hits) else None
            drafts.extend(self._from_cue(hit, following, sentence, quotes, actors, before + drafts))
        drafts = _drop_inner(drafts)
        if not drafts or all(d.cue is not None and _participle(d.cue.verb) for d in drafts):
            relayed = self._relay_statement(sentence, quotes, actors, inside_quote)
            if relayed:  # « Selon X, Brasília est disposé …, répondant ainsi à … »: X speaks
                drafts = relayed
        else:
            source = self._relay_source(sentence, inside_quote)
            if source is not None:
                drafts = [replace(d, source=d.source or source) for d in drafts]
        return drafts

    def _from_cue(self, hit: CueHit, following: CueHit | None, sentence: Span, quotes: list[Quote],
                  actors: ArticleActors, before: list[Draft]) -> list[Draft]:
        inside_quote = _quote_mask(sentence, quotes)
        speakers, how, phrase = self._speakers(hit, sentence, actors, before, inside_quote)
        phrase = phrase or []
        if not speakers:
            return []
        content, quote, used_quotes, mode = self._content(hit, following, sentence, quotes, phrase)
        if content is None:
            return []
        for draft in before:
            if draft.sentence.start == sentence.start and draft.content[0] <= hit.verb.idx < draft.content[1]:
                # « qu'il a qualifiée de », « comme il l'a assuré »: the same speaker's statement goes on.
                if draft.speaker in speakers or not hit.cue.neutral and hit.cue.type not in NESTED_TYPES:
                    return []
                mode = "nested"
        if _parenthetical(hit) and any(d.speaker in speakers and d.sentence.start == sentence.start for d in before):
            return []
        tokens = _tokens_in(sentence.doc, content)
        type_id, topic = hit.cue.type, None
        signal, hint = content_signal(tokens, self.lexicon)
        if hit.cue.neutral and signal:
            type_id, topic = signal, hint
        elif hit.cue.type == "acknowledge" and signal and signal not in WEAK_TYPES:
            type_id, topic = signal, hint  # « a reconnu qu'il soutient … »: the content's stance wins
        negated = is_negated(hit.verb) and not hit.cue.negative
        hedged = is_hedged(hit.verb, tokens) or type_id == "consider"
        source = self._verb_relay(hit.verb)
        addressees = tuple(a for a in self._addressees(hit, actors) if a not in speakers)
        confidence = {"name": 0.9, "gazetteer": 0.9, "holder": 0.75, "coref": 0.75, "descriptor": 0.7, "implicit": 0.5}[how]
        if mode == "nested":
            confidence -= 0.3
        return [
            Draft(speaker=speaker, how=how, cue=hit, cue_lemma=hit.cue.phrase, type=type_id, content=content,
                  quote=quote, quotes=used_quotes, mode=mode, sentence=sentence, source=source, negated=negated,
                  hedged=hedged, confidence=confidence, addressees=addressees, phrase=_char_range(phrase),
                  topic=topic)
            for speaker in speakers
        ]

    # -- speakers -----------------------------------------------------------------
    def _speakers(self, hit: CueHit, sentence: Span, actors: ArticleActors, before: list[Draft],
                  inside_quote: set[int]) -> tuple[list[Actor], str, list[Token]]:
        """The speakers of a cue, how they were found, and the tokens that name them."""
        verb = hit.verb
        inverted = _inverted_subject(verb)
        incise = bool(inverted) and hit.clause_start.i > sentence.start and verb.doc[hit.clause_start.i - 1].text == ","
        named = bool(inverted) and inverted[0].pos_ == "PROPN" and inverted[0].text[:1].isupper()
        if inverted and inverted[0].lower_.startswith("-"):
            phrases = [inverted]  # « a-t-il ajouté »
        else:
            phrases = _left_names(hit, sentence)
            subject = _subject(verb)
            if phrases and subject is not None and subject.i < verb.i and _actor_like(subject, self.lexicon) and all(
                    _in_other_clause(p[-1], verb) for p in phrases) and not any(t.i == subject.i for p in phrases for t in p):
                phrases = []  # « L'Alliance …, qui regroupe le Mali, le Burkina Faso et le Niger, a exprimé »
            clause_before = incise and any(
                t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") and t.dep_ in ("ROOT", "ccomp", "parataxis")
                and not any(w.lower_ in ("qui", "que", "qu'", "dont") for w in verb.doc[max(t.i - 3, sentence.start) : t.i])
                for t in verb.doc[sentence.start : hit.clause_start.i - 1])
            if not phrases and incise and (named or clause_before):
                # « …, a affirmé Abbas Araghchi », « L'Arménie … ont achevé …, a annoncé le ministère arménien »
                phrases = [_with_entity(inverted, verb.doc)]
        if not phrases:
            subject = _subject(verb)
            if subject is not None and (subject.lower_ in ("-t", "-on") or _opening_participle(subject)
                                        or subject.i > verb.i and not (incise or _after_quote(hit))):
                subject = None  # « Sollicitée, l'ambassade … », or an object the parser took for a subject
            head = verb
            for _ in range(3):  # « a démenti … et accusé », « s'est contenté de rappeler », « à respecter … et pressé »
                if subject is not None or head.dep_ not in ("conj", "xcomp") or head.head.i >= head.i:
                    break
                head = head.head
                subject = _subject(head)
            if subject is None and _participle(verb):
                same = [d for d in before if d.sentence.start == sentence.start and d.cue is not None and d.cue.verb.i < verb.i]
                if same:  # « a estimé que …, tout en réclamant … »: the same speaker goes on
                    return [same[-1].speaker], same[-1].how, []
            if subject is None:
                subject = _agent(verb) or _governing_subject(verb)
            hyphen = inverted if subject is None and inverted and inverted[0].lower_.startswith("-") else []
            if hyphen and hyphen[0].lower_.startswith("-"):
                subject = hyphen[0]
            if subject is not None:
                if subject.lower_ in ("qui", "lequel", "laquelle"):
                    subject = _antecedent(subject) or (verb.head if verb.dep_.startswith("acl") else None)
                    if subject is None:
                        return [], "", []
                if subject.lower_ in ("on", "ce", "c'", "cela", "ça", "nous", "je", "j'", "vous", "-on"):
                    return [], "", []
                agent = _agent(verb)
                phrases = [_agent_phrase(subject)] if agent is not None and subject.i == agent.i else _coordinated(subject)
            elif hyphen:
                phrases = [hyphen]
            elif inverted and (incise or _after_quote(hit)):
                phrases = [inverted]
        phrases = [_before_quote(p, inside_quote) for p in phrases]
        phrases = [p for p in phrases if p]
        speakers: list[Actor] = []
        how = "name"
        for phrase in phrases:
            found = actors.resolve(phrase)
            if found and found[0] not in speakers:
                speakers.append(found[0])
                how = found[1] if how == "name" else how
        tokens = [t for p in phrases for t in p]
        if not speakers:
            # « a salué …, obtenue après …, et promis que … »: a coordinated verb shares the subject of the
            # sentence's previous statement even when the parser hangs it elsewhere
            same = [d for d in before if d.sentence.start == sentence.start and d.cue is not None and d.cue.verb.i < verb.i]
            if same and any(t.lower_ in ("et", "mais", "puis") for t in verb.doc[same[-1].cue.verb.i : hit.clause_start.i]):
                return [same[-1].speaker], same[-1].how, []
        if not speakers and not phrases:
            left = _left_phrase(hit, sentence)  # « Les garde-côtes chinois ont, de leur côté, accusé »
            found = actors.resolve(left) if left else None
            if found:
                return [found[0]], found[1], left
        if not speakers and not phrases and (_finite(verb) or _participle(verb)):
            previous = actors.last_speaker(verb.idx)
            if previous is not None and before and verb.idx - before[-1].content[1] < 600:
                return [previous.actor], "implicit", []
        return speakers, how, tokens

    def _addressees(self, hit: CueHit, actors: ArticleActors) -> list[Actor]:
        if hit.cue.type not in ("appeal", "demand", "warn", "threaten"):
            return []
        found: list[Actor] = []
        for child in hit.verb.children:
            if child.dep_ in ("obj", "iobj") or (child.dep_ == "obl:arg" and hit.cue.type in ("appeal", "demand")):
                actor = self.targets.actor_at(child)
                if actor is not None:
                    found.append(actor)
        # « a mis en garde Pékin contre », « a sommé Israël de »: the actor right after the cue
        doc = hit.verb.doc
        index = hit.end.i + 1
        while index < len(doc) and doc[index].pos_ in ("DET", "ADV") and doc[index].lower_ not in ("à", "de"):
            index += 1
        if index < len(doc) and doc[index].pos_ in ("PROPN", "NOUN"):
            actor = self.targets.actor_at_token(doc[index])
            if actor is not None and actor not in found:
                found.append(actor)
        return found

    # -- content --------------------------------------------------------------------
    def _content(self, hit: CueHit, following: CueHit | None, sentence: Span, quotes: list[Quote],
                 phrase: list[Token]) -> tuple[tuple[int, int] | None, Quote | None, tuple[Quote, ...], str]:
        doc = sentence.doc
        text = text_of(doc)
        clause_start = hit.clause_start.idx
        after = hit.end.idx + len(hit.end)
        phrase_end = max((t.idx + len(t) for t in phrase), default=0)
        inverted = bool(phrase) and phrase[0].i > hit.verb.i
        if inverted:
            after = max(after, phrase_end)
        # « … », a déclaré X  /  « … », a-t-il ajouté, « … »
        for index, quote in enumerate(quotes):
            if quote.end <= clause_start and not text[quote.end:clause_start].strip(" ,\n") and quote.end > sentence.start_char - 400:
                chosen = [quote]
                speaker_end = _phrase_end(hit, sentence) if not inverted else phrase_end
                nxt = quotes[index + 1] if index + 1 < len(quotes) else None
                if nxt and 0 <= nxt.start - speaker_end <= 3 and text[speaker_end:nxt.start].strip() in (",", ""):
                    chosen.append(nxt)
                return (chosen[0].inner_start, chosen[-1].inner_end), chosen[0], tuple(chosen), "direct"
        # X a déclaré : « … »
        for quote in quotes:
            if after <= quote.start < sentence.end_char + 2 and ":" in text[after:quote.start] and quote.start - after < 80:
                return (quote.inner_start, quote.inner_end), quote, (quote,), "direct"
        end = sentence.end_char
        if following is not None and following.clause_start.idx > after and _continues(following, hit):
            end = min(end, following.clause_start.idx)
        boundary = _clause_boundary(hit, sentence, following)
        if boundary is not None:
            end = min(end, boundary)
        start: int | None = None
        if inverted:
            left = _left_content(hit, sentence)
            if left[0] is not None:
                start, end = left
        if start is None:
            start = _complement_start(hit, sentence, after, end)
        if start is None or start >= end:
            start, end = _left_content(hit, sentence)
            if start is None:
                return None, None, (), ""
        start, end = _strip(text, start, end)
        if end - start < 2:
            return None, None, (), ""
        inner = tuple(q for q in quotes if start <= q.start and q.end <= end + 1)
        return (start, end), None, inner, "mixed" if inner else "indirect"

    # -- relays: selon X, d'après X, pour X, ---------------------------------------------
    def _relay_statement(self, sentence: Span, quotes: list[Quote], actors: ArticleActors, inside: set[int]) -> list[Draft]:
        for token in sentence:
            if token.i in inside:
                continue
            relay = token.lower_ in RELAY_PREPS or (token.lower_ == "après" and token.i > 0 and token.nbor(-1).lower_ == "d'")
            opening = token.lower_ == "pour" and token.i == sentence.start and "," in sentence.text[:80]
            if not (relay or opening):
                continue
            phrase = _relay_phrase(token, sentence)
            found = actors.resolve(phrase) if phrase else None
            if not found:
                continue
            prep = token.nbor(-1) if token.lower_ == "après" else token
            start, end = _outside(sentence, phrase, prep)
            if end - start < 10:
                continue
            inner = tuple(q for q in quotes if start <= q.start and q.end <= end + 1)
            tokens = _tokens_in(sentence.doc, (start, end))
            signal, hint = content_signal(tokens, self.lexicon)
            type_id = signal or "declare"
            return [Draft(speaker=found[0], how=found[1], cue=None, cue_lemma="selon" if relay else "pour",
                          type=type_id, content=(start, end), quote=None, quotes=inner,
                          mode="mixed" if inner else "indirect", sentence=sentence,
                          hedged=is_hedged(sentence.root, tokens), confidence=0.7, topic=hint)]
        return []

    def _relay_source(self, sentence: Span, inside: set[int]) -> Actor | None:
        for token in sentence:
            if token.i not in inside and token.lower_ in RELAY_PREPS:
                actor = self.targets.actor_at(token.head)
                if actor is not None and actor.kind == "media":
                    return actor
        return None

    def _verb_relay(self, verb: Token) -> Actor | None:
        for child in verb.children:
            if child.dep_.startswith("obl") and any(c.lower_ in ("à", "au") for c in child.children):
                actor = self.targets.actor_at(child)
                if actor is not None and actor.kind == "media":
                    return actor
        return None

    # -- nominal statements: « une demande de Caracas » ------------------------------------
    def _nominal(self, doc: Doc, drafts: list[Draft]) -> list[Draft]:
        """A reporting noun whose ``de`` complement names an actor: a statement by that actor, low confidence."""
        found: list[Draft] = []
        for token in doc:
            type_id = self.lexicon.nouns.get(token.lemma_.lower())
            if type_id is None or token.pos_ != "NOUN" or token.i + 2 >= len(doc):
                continue
            preposition = doc[token.i + 1]
            if preposition.lower_ not in ("de", "du", "d'", "des"):
                continue
            following = doc[token.i + 2] if preposition.lower_ in ("de", "d'") else preposition
            actor = self.targets.actor_at_token(following if following.pos_ != "DET" else doc[token.i + 3])
            if actor is None or actor.kind == "media" or any(
                    d.content[0] <= token.idx < d.content[1] and d.speaker == actor for d in drafts):
                continue
            phrase = [t for t in token.subtree if t.i >= token.i]
            start, end = token.idx, phrase[-1].idx + len(phrase[-1])
            sentence = doc[token.i].sent
            found.append(Draft(speaker=actor, how="gazetteer", cue=None, cue_lemma=token.lemma_.lower(), type=type_id,
                               content=(start, end), quote=None, quotes=(), mode="nominal", sentence=sentence,
                               confidence=0.4, phrase=(following.idx, following.idx + len(following))))
        return found

    # -- floating quotes ------------------------------------------------------------------
    def _floating(self, doc: Doc, quotes: list[Quote], used: set[int], drafts: list[Draft]) -> list[Draft]:
        found: list[Draft] = []
        ordered = sorted(drafts, key=lambda d: d.content[1])
        for quote in quotes:
            if id(quote) in used or len(text_of(doc)[quote.inner_start:quote.inner_end].split()) < MIN_FLOATING_WORDS:
                continue
            opening = doc.char_span(quote.start, quote.start + 1, alignment_mode="expand")
            if opening is not None and text_of(doc)[opening.sent.start_char:quote.start].strip():
                continue  # a quoted fragment inside a sentence, not a quote of its own
            if any(d.content[0] <= quote.start < d.content[1] for d in drafts):
                continue
            previous = [d for d in ordered + found if d.content[1] <= quote.start and d.mode != "nested"]
            if not previous:
                continue
            last = max(previous, key=lambda d: d.content[1])
            if text_of(doc).count("\n", last.content[1], quote.start) > FLOATING_REACH:
                continue
            sentence = doc.char_span(quote.inner_start, quote.inner_end, alignment_mode="expand")
            if sentence is None:
                continue
            tokens = list(sentence)
            signal, hint = content_signal(tokens, self.lexicon)
            found.append(Draft(speaker=last.speaker, how="coref", cue=None, cue_lemma=None,
                               type=signal or "declare", topic=hint,
                               content=(quote.inner_start, quote.inner_end), quote=quote, quotes=(quote,),
                               mode="floating", sentence=sentence, hedged=is_hedged(sentence.root, tokens),
                               confidence=0.6))
        return found

    # -- output ---------------------------------------------------------------------------
    def _mention(self, draft: Draft, doc: Doc, cleaned: CleanText, article: Article) -> Mention:
        start = min(draft.sentence.start_char, draft.content[0])
        end = max(draft.sentence.end_char, draft.content[1])
        if draft.quote is not None:
            start, end = min(start, draft.quote.start), max(end, draft.quotes[-1].end)
        start, end = cleaned.original_span(start, end)
        tokens = _tokens_in(doc, draft.content)
        content_text = text_of(doc)[draft.content[0]:draft.content[1]].strip()
        targets = self.targets.find(doc, draft.content, draft.sentence, draft.speaker, draft.addressees, draft.phrase)
        if not targets:
            inherited = self._previous_targets.get(draft.speaker.id, ()) or self.targets.context(doc, draft.sentence, draft.speaker)
            targets = tuple(Target(t.actor, "about") for t in inherited)
        self._previous_targets[draft.speaker.id] = targets
        quote_text = None
        if draft.quote is not None:
            quote_text = " ".join(text_of(doc)[q.inner_start:q.inner_end].strip() for q in draft.quotes)
        elif draft.quotes:
            quote_text = " … ".join(text_of(doc)[q.inner_start:q.inner_end].strip() for q in draft.quotes)
        return Mention(
            article=article.id,
            date=article.date,
            speaker=draft.speaker,
            type=draft.type,
            targets=targets,
            cue=draft.cue_lemma,
            topic=draft.topic or topic_of(tokens, self.lexicon, draft.type),
            quote=quote_text,
            content=None if draft.mode in ("direct", "floating") else content_text,
            mode=draft.mode,
            negated=draft.negated,
            hedged=draft.hedged,
            source=draft.source,
            sentence=Evidence(cleaned.original[start:end], start, end),
            confidence=draft.confidence,
        )


# -- parse helpers ----------------------------------------------------------------------------
def _drop_inner(drafts: list[Draft]) -> list[Draft]:
    """A cue inside another statement's content is part of it (« L'Iran s'est engagé à …, a affirmé X »),
    except a plain speech verb with another speaker, kept as a nested statement."""
    kept = []
    for draft in drafts:
        outer = [other for other in drafts if other is not draft and other.cue is not None and draft.cue is not None
                 and other.content[0] <= draft.cue.verb.idx < other.content[1] and other.mode != "nested"]
        if not outer:
            kept.append(draft)
        elif draft.mode == "nested" and all(o.speaker != draft.speaker for o in outer):
            kept.append(draft)
    return kept


def _quote_mask(sentence: Span, quotes: list[Quote]) -> set[int]:
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


def _subject(verb: Token) -> Token | None:
    """The verb's subject, also when the parser hung it on the auxiliary."""
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            return child
    for aux in verb.children:
        if aux.dep_.startswith("aux") and aux.i < verb.i:
            for child in aux.children:
                if child.dep_ in SUBJECTS:
                    return child
    return None


def _coordinated(subject: Token) -> list[list[Token]]:
    """``Le Kremlin et Washington ont …`` → two phrases; an apposition stays one."""
    doc = subject.doc
    heads = [subject] + [c for c in subject.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")
                         and any(t.dep_ == "cc" for t in c.children)]
    phrases = []
    for head in heads:
        skip = {t.i for c in head.children if c.dep_ in ("conj", "cc", "acl:relcl", "acl") for t in c.subtree}
        if head is not subject:
            skip.discard(head.i)
        phrase = [t for t in head.subtree if t.i not in skip and t.i not in {x.i for h in heads if h is not head and h is not subject for x in h.subtree}]
        if head is subject:
            phrase = [t for t in phrase if not any(t.i in {x.i for x in h.subtree} for h in heads[1:])]
        phrases.append(_with_apposition(_with_entity(_contiguous(phrase, head), doc), doc))
    return [p for p in phrases if p]


def _with_apposition(tokens: list[Token], doc: Doc) -> list[Token]:
    """``l'ambassadeur de Russie à Caracas, Sergey Melik-Bagdasarov,``: take the name in apposition too."""
    if not tokens or any(t.ent_type_ == "PER" for t in tokens):
        return tokens
    after = tokens[-1].i + 1
    if after + 1 < len(doc) and doc[after].text == ",":
        end = _name_after(doc, after + 1)
        if end is not None:
            return list(doc[tokens[0].i : end + 1])
    return tokens


def _name_after(doc: Doc, index: int) -> int | None:
    """The last token of a person's name starting at ``index`` (an entity or capitalised proper nouns)."""
    entity = next((e for e in entities_of(doc) if e.start == index and e.label_ == "PER"), None)
    if entity is not None:
        return entity.end - 1
    end = index
    while end < len(doc) and (doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() or doc[end].text == "-" and end > index):
        end += 1
    if end - index >= 2 and doc[end - 1].text != "-" and not any(doc[i].ent_type_ in ("LOC", "ORG") for i in range(index, end)):
        return end - 1
    return None


def _with_entity(tokens: list[Token], doc: Doc) -> list[Token]:
    """Grow a phrase to whole entities: ``Melik`` → ``Melik-Bagdasarov``."""
    if not tokens:
        return tokens
    first, last = tokens[0].i, tokens[-1].i
    for entity in entities_of(doc):
        if entity.start <= last and first < entity.end:
            first, last = min(first, entity.start), max(last, entity.end - 1)
    return list(doc[first : last + 1])


def _left_names(hit: CueHit, sentence: Span) -> list[list[Token]]:
    """Names just before the verb group: ``…, Volker Türk, a condamné``, ``X et son secrétaire d'État, Y, ont nié``.

    Parsers often attach such subjects to the wrong head; the word order is a surer guide.
    """
    doc = hit.verb.doc
    index = hit.clause_start.i - 1
    while index >= sentence.start and doc[index].text == ",":
        index -= 1
    if index >= sentence.start and not _is_name(doc[index]) and doc[index + 1].text == ",":
        # « L'Iran, voisin des deux pays, a mis en garde »: look past the apposition
        start = index
        while start > sentence.start and doc[start].text != "," and doc[start].pos_ not in ("VERB", "AUX"):
            start -= 1
        if start > sentence.start and doc[start].text == "," and _is_name(doc[start - 1]):
            index = start - 1
    if index < sentence.start or not _is_name(doc[index]):
        return []
    region_start = index
    while region_start > sentence.start:
        token = doc[region_start - 1]
        if token.pos_ in ("VERB", "AUX") or token.lower_ in ("que", "qu'", "qui", "dont", ":", ";", "«", "»", "“", "”"):
            break
        region_start -= 1
    region = list(doc[region_start : index + 1])
    names = [run for run in _name_runs(region) if not _introduced(run[0], sentence)]
    if not names:
        return []
    groups: list[list[Token]] = []
    current_start = region_start
    for number, name in enumerate(names):
        between = doc[current_start : name[0].i]
        joined = number > 0 and any(t.lower_ in ("et", "ainsi") for t in doc[names[number - 1][-1].i + 1 : name[0].i])
        if number > 0 and not joined:
            groups[-1] = _role_before(groups[-1], name, doc)
            continue
        groups.append(_role_before(list(between), name, doc))
        current_start = name[-1].i + 1
    return [g for g in groups if g]


def _role_before(candidates: list[Token], name: list[Token], doc: Doc) -> list[Token]:
    """The name with the role phrase just before it (``son secrétaire d'État, Marco Rubio``)."""
    start = name[0].i
    index = start - 1
    while index >= 0 and doc[index].text == ",":
        index -= 1
    role_start = index + 1
    while index >= 0 and (doc[index].pos_ in ("NOUN", "ADJ", "DET", "ADP", "PROPN") or doc[index].lower_ == "et" and doc[index + 1].pos_ == "NOUN") and doc[index].lower_ not in ("sur", "par", "malgré", "dans"):
        if doc[index].ent_type_ == "PER":
            break
        role_start = index
        index -= 1
    role = list(doc[role_start : start]) if role_start < start and doc[role_start].pos_ == "DET" else []
    return role + name


def _before_quote(phrase: list[Token], inside_quote: set[int]) -> list[Token]:
    """A speaker phrase never reaches into a quotation: cut it where one starts."""
    kept: list[Token] = []
    for token in phrase:
        if token.i in inside_quote or token.text in ("«", "“", '"', "‹"):
            break
        kept.append(token)
    return kept


def _opening_participle(token: Token) -> bool:
    """« Sollicitée, … », « Interrogé sur …, … »: a participle opening the sentence, not a subject."""
    doc = token.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    previous = doc[token.i - 1] if token.i > 0 else None
    opening = token.is_sent_start or previous is None or previous.is_space or previous.text in (".", "\n")
    return opening and token.lower_.endswith(("é", "ée", "és", "ées")) and following is not None and following.lower_ in (",", "sur", "par", "à")


def _left_phrase(hit: CueHit, sentence: Span) -> list[Token]:
    """The noun phrase that ends right before the verb group, back to its determiner."""
    doc = hit.verb.doc
    index = hit.clause_start.i - 1
    phrase: list[Token] = []
    while index >= sentence.start and len(phrase) < 12:
        token = doc[index]
        if token.pos_ in ("VERB", "AUX", "PRON", "SCONJ", "CCONJ") or token.is_punct and token.text != "-":
            break
        phrase.insert(0, token)
        # stop at the determiner that opens the phrase, not at one inside a complement (« … aux droits de l'homme »)
        if token.pos_ == "DET" and (index == sentence.start or doc[index - 1].is_punct or doc[index - 1].pos_ != "ADP"):
            break
        index -= 1
    return phrase if phrase and phrase[0].pos_ == "DET" and any(t.pos_ in ("NOUN", "PROPN") for t in phrase) else []


def _actor_like(token: Token, lexicon) -> bool:
    """A proper name, a named entity or a role noun: a phrase that can name a speaker."""
    return token.pos_ == "PROPN" or bool(token.ent_type_) or token.lemma_.lower() in lexicon.roles


def _in_other_clause(token: Token, verb: Token) -> bool:
    """Whether ``token`` hangs under another verb than ``verb`` (inside a relative or adverbial clause)."""
    node = token
    for _ in range(12):
        if node == verb:
            return False
        if node.pos_ in ("VERB", "AUX") and node != verb and node.dep_ not in ("aux", "aux:tense", "aux:pass"):
            return True
        if node.head == node:
            return False
        node = node.head
    return False


def _introduced(token: Token, sentence: Span) -> bool:
    """A name after a preposition (``sur Facebook``) or an opening participle (``Sollicitée,``) is no subject."""
    doc = token.doc
    previous = doc[token.i - 1] if token.i > sentence.start else None
    if previous is not None and previous.pos_ == "DET" and token.i - 2 >= sentence.start:
        previous = doc[token.i - 2]  # « joint par l'AFP »
    if previous is not None and previous.pos_ == "ADP":
        return True
    return _opening_participle(token)


def _is_name(token: Token) -> bool:
    return token.ent_type_ == "PER" or (token.pos_ == "PROPN" and token.text[:1].isupper())


def _name_runs(tokens: list[Token]) -> list[list[Token]]:
    runs: list[list[Token]] = []
    doc = tokens[0].doc
    for token in tokens:
        name_like = token.ent_type_ == "PER" or (token.pos_ == "PROPN" and token.text[:1].isupper())
        hyphen = token.text == "-" and runs and runs[-1][-1].i == token.i - 1
        if name_like or hyphen:
            if runs and runs[-1][-1].i == token.i - 1:
                runs[-1].append(token)
            else:
                runs.append([token])
    return [r for r in runs if any(t.pos_ == "PROPN" or t.ent_type_ == "PER" for t in r) and r[-1].i == r[-1].i]


CLAUSE_BREAKS = (("tandis", "que"), ("alors", "que"), ("pendant", "que"), ("même", "si"), ("bien", "que"), (",", "mais"))


def _clause_boundary(hit: CueHit, sentence: Span, following: CueHit | None) -> int | None:
    """« …, tandis que Washington a menacé … »: another statement with its own subject ends this one's content."""
    if following is None or _subject(following.verb) is None:
        return None
    doc = hit.verb.doc
    for index in range(hit.end.i + 1, following.clause_start.i):
        pair = (doc[index].lower_, doc[index + 1].lower_.rstrip("'") + ("" if doc[index + 1].lower_ != "qu'" else "ue"))
        if pair in CLAUSE_BREAKS or (doc[index].lower_, doc[index + 1].lower_) in CLAUSE_BREAKS:
            return doc[index].idx
    return None


def _continues(following: CueHit, hit: CueHit) -> bool:
    """A second cue that shares the first one's subject: ``a démenti … et accusé``, ``mais a ajouté``."""
    if _subject(following.verb) is not None and _subject(following.verb).lower_ not in ("-t",):
        return False
    doc = following.verb.doc
    window = doc[max(following.clause_start.i - 2, hit.verb.i) : following.clause_start.i]
    return any(t.lower_ in ("et", "mais", "puis", ",", "avant", "tout") for t in window)


def _parenthetical(hit: CueHit) -> bool:
    """``comme il l'a assuré``: an incise that only attributes the surrounding words."""
    doc = hit.verb.doc
    window = doc[max(hit.clause_start.i - 4, 0) : hit.clause_start.i]
    return any(t.lower_ == "comme" for t in window)


def _contiguous(tokens: list[Token], head: Token) -> list[Token]:
    tokens = sorted(tokens, key=lambda t: t.i)
    block: list[Token] = []
    for token in tokens:
        if block and token.i != block[-1].i + 1:
            if head.i <= block[-1].i:
                break
            block = []
        block.append(token)
    return block


def _inverted_subject(verb: Token) -> list[Token]:
    """``a déclaré samedi l'ambassadeur``, ``a-t-il ajouté``, ``a conclu Melik-Bagdasarov``."""
    doc = verb.doc
    index = verb.i + 1
    while index < len(doc) and (doc[index].pos_ in ("ADV",) or doc[index].lower_ in ("samedi", "dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "hier", "encore", "aussi")):
        index += 1
    for token in doc[max(verb.i - 3, 0): verb.i + 3]:
        if token.i != verb.i and token.lower_ in HYPHEN_PRONOUNS:
            return [token]
    if index >= len(doc) or doc[index].is_punct or doc[index].pos_ not in ("DET", "NOUN", "PROPN"):
        return []
    start = index
    end = index
    entity = next((e for e in entities_of(doc) if e.start <= index < e.end), None)
    if entity is not None and entity.label_ == "PER" and entity.start == index:
        end = entity.end - 1
    else:
        stops = ("sur", "dans", "lors", "devant", "pendant", "après", "avant", "selon", "en", "lundi")
        while end + 1 < len(doc) and (not doc[end + 1].is_punct or doc[end + 1].text == "-") and doc[end + 1].pos_ not in ("VERB", "AUX") and doc[end + 1].lower_ not in stops:
            end += 1
        # an apposition right after: l'ambassadeur de Russie à Caracas, Sergey Melik-Bagdasarov,
        if end + 2 < len(doc) and doc[end + 1].text == ",":
            end = _name_after(doc, end + 2) or end
    return list(doc[start : end + 1])


def _after_quote(hit: CueHit) -> bool:
    """``» a déclaré X``, ``», a déclaré X``: the verb group follows a closing quote."""
    doc = hit.verb.doc
    index = hit.clause_start.i - 1
    while index >= 0 and doc[index].text in (",", " "):
        index -= 1
    return index >= 0 and doc[index].text in ("»", "”", '"', "›")


def _agent(verb: Token) -> Token | None:
    """``une accusation rejetée par Kigali``: the agent of a passive participle speaks."""
    for child in verb.children:
        if child.dep_ == "obl:agent" or (child.dep_.startswith("obl") and any(c.lower_ == "par" and c.dep_ == "case" for c in child.children)):
            if child.pos_ in ("PROPN", "NOUN"):
                return child
    return None


def _agent_phrase(agent: Token) -> list[Token]:
    tokens = [t for t in agent.subtree if t.i >= agent.i or t.dep_ in ("det", "amod")]
    return [t for t in tokens if t.lower_ != "par" and t.dep_ not in ("acl", "acl:relcl")]


def _antecedent(relative: Token) -> Token | None:
    """``l'officier, qui a reproché``: the noun the relative pronoun stands for."""
    doc = relative.doc
    index = relative.i - 1
    while index >= 0 and doc[index].text == ",":
        index -= 1
    if index < 0:
        return None
    token = doc[index]
    while token.pos_ not in ("NOUN", "PROPN") and token.head != token and token.head.i < relative.i and token.dep_ in ("amod", "flat:name", "nmod", "appos"):
        token = token.head
    if token.pos_ in ("NOUN", "PROPN"):
        # « l'ambassade des États-Unis à Port-au-Prince, qui » → ambassade
        while token.dep_ in ("flat:name", "amod", "nmod") and token.head.i < token.i and token.head.pos_ in ("NOUN", "PROPN"):
            token = token.head
        return token
    return None


def _participle(verb: Token) -> bool:
    return verb.morph.get("VerbForm") == ["Part"] and "Pres" in verb.morph.get("Tense") or (
        verb.i > 0 and verb.doc[verb.i - 1].lower_ == "en")


def _governing_subject(verb: Token) -> Token | None:
    """``tout en exhortant Kinshasa``, ``ajoutant que``, ``se contentant de souligner``: the main clause's subject."""
    if not (_participle(verb) or verb.dep_ in ("xcomp", "advcl")):
        return None
    head = verb.head
    for _ in range(4):
        subject = _subject(head)
        if subject is not None:
            return subject if subject.i < verb.i else None
        if head == head.head:
            break
        head = head.head
    return None


def _char_range(tokens: list[Token]) -> tuple[int, int]:
    if not tokens:
        return (0, 0)
    return min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)


def _finite(verb: Token) -> bool:
    return "Fin" in verb.morph.get("VerbForm") or any(c.dep_.startswith("aux") for c in verb.children)


def _phrase_end(hit: CueHit, sentence: Span) -> int:
    doc = hit.verb.doc
    index = hit.end.i + 1
    while index < sentence.end and not doc[index].is_punct:
        index += 1
    return doc[index].idx if index < len(doc) else len(text_of(doc))


def _complement_start(hit: CueHit, sentence: Span, after: int, end: int) -> int | None:
    """Where the reported content begins: a ``que`` or ``si`` clause first, else an infinitive or object."""
    doc = hit.verb.doc
    tokens = [t for t in doc[hit.end.i + 1 : min(sentence.end, hit.end.i + 14)] if after <= t.idx < end]
    stop = next((n for n, t in enumerate(tokens) if t.text in (".", "!", "?", ";")), len(tokens))
    tokens = tokens[:stop]
    for token in tokens:
        if token.lower_ in ("que", "qu'", "si", "s'"):
            return token.idx
    for token in tokens:
        if token.lower_ in ("de", "d'", "à", "contre", "sur", "pour") or token.pos_ in ("DET", "NOUN", "PROPN", "PRON") and token.dep_ in ("obj", "det", "nsubj", "iobj") and token.lower_ not in WEEKDAYS:
            return token.idx
        if token.pos_ == "VERB" and token.dep_ in ("ccomp", "xcomp"):
            return token.idx
    return None


def _left_content(hit: CueHit, sentence: Span) -> tuple[int | None, int]:
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


def _relay_phrase(token: Token, sentence: Span) -> list[Token]:
    """``selon le conseiller spécial du président, Celso Amorim,`` → the phrase with its apposition."""
    doc = token.doc
    index = token.i + 1
    phrase = []
    while index < sentence.end and not doc[index].is_punct and doc[index].lower_ not in ("que", "qui"):
        if doc[index].pos_ == "VERB":
            break
        phrase.append(doc[index])
        index += 1
    return _with_apposition(phrase, doc) if phrase else phrase


def _outside(sentence: Span, phrase: list[Token], prep: Token) -> tuple[int, int]:
    """The sentence without the ``selon X`` phrase."""
    doc = sentence.doc
    first, last = prep.i, phrase[-1].i
    if first == sentence.start:
        start = doc[last + 1].idx if last + 1 < sentence.end else sentence.end_char
        return _strip(text_of(doc), start, sentence.end_char)
    return _strip(text_of(doc), sentence.start_char, prep.idx)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " ,:;\n":
        start += 1
    while end > start and text[end - 1] in " ,:;.\n":
        end -= 1
    return start, end


def _tokens_in(doc: Doc, span: tuple[int, int]) -> list[Token]:
    chunk = doc.char_span(span[0], span[1], alignment_mode="expand")
    return list(chunk) if chunk is not None else []
