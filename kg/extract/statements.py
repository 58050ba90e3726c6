"""Find attributed statements in a parsed article.

One pass over the sentences: every reporting cue (a verb of the lexicon, or
*selon X* / *d'après X* / *pour X,*) yields one mention per speaker, with the
quote or clause it governs as content; quotes that no cue claims are then
given to the speaker of the statement just before them (floating quotes).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from kg.extract.actors import ArticleActors
from kg.extract.cues import QUOTE_MARKS, CueHit, find_cues
from kg.extract.clauses import (
    WEEKDAYS, char_range, clause_boundary, clause_end, complement_start, continues, has_finite_verb, incise_end, left_content,
    outside, parenthetical, quote_mask, relative_pronoun, relay_phrase, strip, tokens_in,
)
from kg.extract.speakers import (
    actor_like, after_quote, agent_of, agent_phrase, antecedent, before_quote, coordinated, finite, following_agent,
    governing_subject,
    in_other_clause, inverted_subject, left_names, left_phrase, opening_participle, participle, subject_of, with_entity,
)
from kg.nlp import entities_of, feature, know_text, sentences_of, text_of, token_indices
from kg.extract.lexicon import Lexicon
from kg.extract.parsed import ParsedDoc, reading
from kg.extract.quotes import Quote, find_quotes
from kg.extract.semantics import WEAK_TYPES, content_signal, is_hedged, is_negated, topic_of
from kg.extract.targets import TargetFinder
from kg.gazetteer import Gazetteer
from kg.records import Actor, Article, Evidence, Mention, Target
from kg.text import CleanText

RELAY_PREPS = ("selon", "d'après")
TRAILING_SOURCE = re.compile(r",\s+(?:selon|d['’]après|par la voix d(?:e|u|es|['’]))\s*[^,;:«»\"“”\n]*[.!?]?\s*$")
"""A « selon X » or « par la voix de X » that ends a reported content: the source of the report or the one who voiced
it, not part of what was said."""
NESTED_TYPES = ("declare",)
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
    answers: tuple[Actor, ...] = ()  # the speakers of the statement this one answers (« une accusation rejetée par X »)
    topic: str | None = None


_RELAYING_VERDICTS: dict[int, bool] = {}


class StatementExtractor:
    """Finds statement mentions in parsed articles; built once, used for every article."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer, targets: TargetFinder) -> None:
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        self.targets = targets

    def extract(self, doc: Doc, cleaned: CleanText, article: Article) -> list[Mention]:
        """Every statement mention of one article, in text order."""
        know_text(doc, cleaned.text)
        with reading(doc) as view:
            return self._article(view, cleaned, article)

    def _article(self, doc: ParsedDoc, cleaned: CleanText, article: Article) -> list[Mention]:
        quotes = find_quotes(cleaned.text)
        actors = ArticleActors(self.gazetteer, self.lexicon, article.date)
        drafts: list[Draft] = []
        used: set[int] = set()
        people = [entity for entity in entities_of(doc) if entity.label_ == "PER"]
        for sentence in sentences_of(doc):
            made = self._sentence(sentence, quotes, actors, drafts)
            for draft in made:
                used.update(id(q) for q in draft.quotes)
            drafts.extend(made)
            for entity in people:
                if sentence.start <= entity.start and entity.end <= sentence.end:
                    actors.note_person(entity)
        drafts.extend(self._floating(doc, quotes, used, drafts))
        drafts.extend(self._nominal(doc, drafts))
        drafts.sort(key=lambda d: (d.content[0], d.speaker.id))
        self._previous_targets: dict[str, tuple] = {}
        by_sentence: dict[int, list[Draft]] = {}
        for draft in drafts:
            by_sentence.setdefault(draft.sentence.start, []).append(draft)
        return [self._mention(draft, doc, cleaned, article, [d for d in by_sentence[draft.sentence.start] if d is not draft],
                              drafts[max(0, index - ANSWER_REACH):index])
                for index, draft in enumerate(drafts)]

    # -- one sentence -----------------------------------------------------------
    def _sentence(self, sentence: Span, quotes: list[Quote], actors: ArticleActors, before: list[Draft]) -> list[Draft]:
        inside_quote = quote_mask(sentence, quotes)
        hits = [hit for hit in find_cues(sentence, self.lexicon) if hit.verb.i not in inside_quote]
        verbs = {hit.verb.i for hit in hits}
        # « Pékin, qui considère Taïwan comme une de ses provinces, n'exclut pas … »: a relative clause on the speaker
        # of the sentence's own statement describes the speaker; it reports nothing of its own
        hits = [hit for hit in hits if not (hit.verb.dep_ == "acl:relcl" and hit.verb.head.head.i in verbs
                                            and hit.verb.head.i < hit.verb.i < hit.verb.head.head.i)]
        hits = [hit for index, hit in enumerate(hits) if not _says_infinitive(hit, hits[index + 1:])
                and not _said_in_infinitive(hit, hits[:index]) and not _describes_what_was_said(hit, hits[:index])
                and not _judges_what_was_said(hit, hits[:index])]
        drafts: list[Draft] = []
        # « X a proposé …, une idée jugée « prématurée » par Y »: what is reported ends where an answer to it begins
        answer = min((found[0][0] for found in (_reaction(h, sentence) for h in hits[1:]) if found), default=None)
        for index, hit in enumerate(hits):
            following = hits[index + 1] if index + 1 < len(hits) else None
            limit = answer if answer is not None and hit.verb.idx < answer else None
            drafts.extend(self._from_cue(hit, following, sentence, quotes, actors, before + drafts, hits[index + 1:], limit))
        drafts = _drop_inner(drafts)
        if not drafts or all(d.cue is not None and participle(d.cue.verb) for d in drafts):
            relayed = self._relay_statement(sentence, quotes, actors, inside_quote)
            if relayed:  # « Selon X, Brasília est disposé …, répondant ainsi à … »: X speaks
                drafts = relayed
        else:
            source = self._relay_source(sentence, inside_quote)
            if source is not None:
                drafts = [replace(d, source=d.source or source) for d in drafts]
            person = self._relay_person(sentence, actors, inside_quote)
            if person is not None:  # « Selon M. Muyaya, Kinshasa n'exclut pas … »: the spokesman speaks for his state
                drafts = [replace(d, speaker=person, how="name") if d.speaker.kind in ("state", "organisation")
                          and person.country in (None, d.speaker.id, d.speaker.country) else d for d in drafts]
        return drafts

    def _relay_person(self, sentence: Span, actors: ArticleActors, inside: set[int]) -> Actor | None:
        """The person of a sentence that opens with « Selon X, » / « D'après X, »."""
        first = sentence[0]
        if first.i in inside or first.lower_ != "selon" and not (first.lower_ == "d'" and len(sentence) > 1 and sentence[1].lower_ == "après"):
            return None
        phrase = relay_phrase(first if first.lower_ == "selon" else sentence[1], sentence)
        found = actors.resolve(phrase) if phrase else None
        return found[0] if found and found[0].kind == "person" else None

    def _from_cue(self, hit: CueHit, following: CueHit | None, sentence: Span, quotes: list[Quote],
                  actors: ArticleActors, before: list[Draft], later: Sequence[CueHit] = (), limit: int | None = None) -> list[Draft]:
        inside_quote = quote_mask(sentence, quotes)
        # « … que Washington prépare un essai, comme l'affirme Moscou », « Budapest, a expliqué M. Szijjártó, exige … »
        attributed = _attributed_clause(hit) or _interrupted_clause(hit, sentence)
        if hit.cue.neutral and _answered_by(hit, later):
            return []  # « Téhéran a répliqué en dénonçant … »: the gerund's cue says what was said
        earlier = [d for d in before if d.sentence.start == sentence.start]
        reaction = _reaction(hit, sentence) if earlier and hit.verb.i not in inside_quote else None
        answers: tuple[Actor, ...] = ()
        if reaction is not None:
            # « …, une accusation aussitôt rejetée par Kigali », « …, ce que Kiev dément »: an answer to what the
            # sentence has just reported, by whoever gave it
            found = actors.resolve(reaction[1])
            speakers, how, phrase = ([found[0]], found[1], reaction[1]) if found else ([], "", [])
            answered = [d for d in earlier if (d.cue.verb.idx if d.cue is not None else d.content[0]) < reaction[0][0]]
            answers = tuple(a for a in _last_speakers(answered) if a not in speakers) if answered else ()
        else:
            speakers, how, phrase = self._speakers(hit, sentence, actors, before, inside_quote, attributed is not None)
        phrase = phrase or []
        if not speakers:
            return []
        if reaction is not None:
            inner = tuple(q for q in quotes if reaction[0][0] <= q.start and q.end <= reaction[0][1] + 1)
            content, quote, used_quotes, mode = reaction[0], None, inner, "mixed" if inner else "indirect"
        else:
            content, quote, used_quotes, mode = self._content(hit, following, sentence, quotes, phrase, later, limit)
        if attributed is not None:
            inner = tuple(q for q in quotes if attributed[0] <= q.start and q.end <= attributed[1])
            content, quote, used_quotes, mode = attributed, None, inner, "mixed" if inner else "indirect"
        if hit.cue.type == "decline" and (content is None or mode == "indirect" and content[1] <= hit.verb.idx) \
                or content is None and hit.cue.type in ("deny", "reject") and hit.end.i + 1 < sentence.end \
                and sentence.doc[hit.end.i + 1].is_punct and sentence.doc[hit.end.i + 1].text in ".;!":
            # « Le Kremlin s'est refusé à tout commentaire. », « Interrogée à ce sujet, X a évité de répondre »,
            # « Paris a également démenti. »: declining or denying is what was said (not the words before it)
            content, quote, used_quotes, mode = (hit.clause_start.idx, hit.end.idx + len(hit.end)), None, (), "indirect"
        if content is None:
            return []
        subject = subject_of(hit.verb)
        relative = subject is not None and subject.lower_ == "qui"  # « …, selon l'ambassade, qui a salué … »
        for draft in before if reaction is None else ():
            if draft.sentence.start == sentence.start and draft.content[0] <= hit.verb.idx < draft.content[1]:
                # « qu'il a qualifiée de », « comme il l'a assuré »: the same speaker's statement goes on.
                if draft.speaker in speakers or not (hit.cue.neutral or relative) and hit.cue.type not in NESTED_TYPES:
                    return []
                mode = "nested"
        if parenthetical(hit) and any(d.speaker in speakers and d.sentence.start == sentence.start for d in before):
            return []
        negated = is_negated(hit.verb) and not hit.cue.negative
        source = self._verb_relay(hit.verb, sentence)
        addressees = tuple(a for a in self._addressees(hit, actors) if a not in speakers)
        confidence = {"name": 0.9, "gazetteer": 0.9, "holder": 0.75, "coref": 0.75, "descriptor": 0.7, "implicit": 0.5}[how]
        if mode == "nested":
            confidence -= 0.3
        pieces = [content] if mode == "direct" or reaction is not None or attributed is not None \
            else _coordinated_clauses(hit, content, sentence, self.lexicon)
        drafts = []
        for piece in pieces:  # « a assuré que le dialogue n'était pas rompu et qu'une mission viendrait »: two statements
            tokens = tokens_in(sentence.doc, piece)
            type_id, topic = hit.cue.type, None
            signal, hint = content_signal(_judgement(hit, tokens) + tokens, self.lexicon)
            if hit.cue.neutral and signal:
                type_id, topic = signal, hint
            elif hit.cue.type == "acknowledge" and signal and signal not in WEAK_TYPES:
                type_id, topic = signal, hint  # « a reconnu qu'il soutient … »: the content's stance wins
            if type_id == "threaten" and signal == "threaten" and (self._others_threat(tokens, speakers)
                                                                   or hit.cue.head in DESCRIBING_CUES):
                type_id = "warn"  # « jugeant la menace russe durable », « considère le programme comme une menace »:
                # a warning about a threat, not one made
            if type_id in WEAK_TYPES and hit.cue.head in PLEDGING_CUES and _future_clause(tokens):
                type_id = "promise"  # « a assuré que l'Ukraine respecterait le moratoire »
            hedged = is_hedged(hit.verb, tokens) or type_id == "consider"
            inner = used_quotes if len(pieces) == 1 else tuple(q for q in used_quotes if piece[0] <= q.start and q.end <= piece[1] + 1)
            kind = mode if len(pieces) == 1 or mode == "nested" else "mixed" if inner else "indirect"
            answering = answers or (() if mode == "direct" else self._whose_words(tokens, actors, speakers))
            drafts.extend(
                Draft(speaker=speaker, how=how, cue=hit, cue_lemma=hit.cue.phrase, type=type_id, content=piece,
                      quote=quote, quotes=inner, mode=kind, sentence=sentence, source=source, negated=negated,
                      hedged=hedged, confidence=confidence, addressees=addressees, phrase=char_range(phrase),
                      topic=topic, answers=answering)
                for speaker in speakers)
        return drafts

    # -- speakers -----------------------------------------------------------------
    def _speakers(self, hit: CueHit, sentence: Span, actors: ArticleActors, before: list[Draft],
                  inside_quote: set[int], attributing: bool = False) -> tuple[list[Actor], str, list[Token]]:
        """The speakers of a cue, how they were found, and the tokens that name them (``attributing``: the cue
        is a « comme l'affirme X » incise, see :func:`_attributed_clause`)."""
        verb = hit.verb
        inverted = inverted_subject(verb)
        incise = bool(inverted) and hit.clause_start.i > sentence.start and verb.doc[hit.clause_start.i - 1].text == ","
        named = bool(inverted) and inverted[0].pos_ == "PROPN" and inverted[0].text[:1].isupper()
        if inverted and inverted[0].lower_.startswith("-"):
            phrases = [inverted]  # « a-t-il ajouté »
        elif attributing and (inverted or _subject_after(verb)):
            # « comme l'affirme Moscou », « comme l'a affirmé Dmitri Peskov »: the subject follows the verb
            phrases = [with_entity(inverted or [_subject_after(verb)], verb.doc)]
        else:
            subject = subject_of(verb)
            shared = subject is None and verb.dep_ == "conj" and verb.head.i < verb.i and subject_of(verb.head) is not None
            # (« X et Y ont appelé … et se sont engagés »: both; « …la Biélorussie, estimant que … »: a present
            # participle has no subject of its own before its comma)
            phrases = [] if shared or participle(verb) and hit.clause_start.i == verb.i else left_names(hit, sentence)
            listed = _state_list(hit, sentence, self.gazetteer) if phrases else []
            if len(listed) > len(phrases):
                phrases = listed  # « La France, l'Allemagne et le Royaume-Uni ont menacé »: three speakers
            if phrases and subject is not None and subject.i < verb.i and actor_like(subject, self.lexicon) and all(
                    in_other_clause(p[-1], verb) for p in phrases) and not any(t.i == subject.i for p in phrases for t in p):
                phrases = []  # « L'Alliance …, qui regroupe le Mali, le Burkina Faso et le Niger, a exprimé »
            clause_before = incise and finite(verb) and any(
                t.pos_ in ("VERB", "AUX") and "Fin" in feature(t, "VerbForm") and (t.dep_ if t.dep_ != "aux:tense" else t.head.dep_)
                in ("ROOT", "ccomp", "parataxis")
                and not any(w.lower_ in ("qui", "que", "qu'", "dont") for w in verb.doc[max(t.i - 3, sentence.start) : t.i])
                for t in verb.doc[sentence.start : hit.clause_start.i - 1])
            if not phrases and incise and (named or clause_before) or clause_before and _closes_sentence(inverted[-1], sentence):
                # (« La Hongrie a bloqué l'accord, ont indiqué des diplomates »: who is named last tells, whoever the
                # clause before names)
                # « …, a affirmé Abbas Araghchi », « L'Arménie … ont achevé …, a annoncé le ministère arménien »
                phrases = [with_entity(inverted, verb.doc)]
        if not phrases:
            subject = subject_of(verb)
            if subject is not None and (subject.lower_ in ("-t", "-on") or opening_participle(subject)
                                        or subject.i > verb.i and not (incise or after_quote(hit))):
                subject = None  # « Sollicitée, l'ambassade … », or an object the parser took for a subject
            def outside_quote(subject: Token | None) -> Token | None:
                # « a salué une décision « qui confirme … » et appelé … »: the quote's « qui » is not the verb's
                quoted = subject is not None and subject.i in inside_quote and verb.i not in inside_quote
                return None if quoted else subject

            subject = outside_quote(subject)
            if subject is None and verb.dep_ == "conj":
                same = [d for d in before if d.sentence.start == sentence.start and d.cue is not None
                        and d.content[0] <= verb.head.idx < d.content[1] <= hit.clause_start.idx]
                if same:  # « X a affirmé que le Rwanda « … », mais a mis en garde … »: the parser hangs the second
                    return _last_speakers(same), same[-1].how, []  # verb on the reported one; X goes on
            head = verb
            for _ in range(3):  # « a démenti … et accusé », « s'est contenté de rappeler », « à respecter … et pressé »
                if subject is not None or head.dep_ not in ("conj", "xcomp") or head.head.i >= head.i:
                    break
                head = head.head
                subject = outside_quote(subject_of(head))
            if subject is None and (participle(verb) or participle(head)):
                same = [d for d in before if d.sentence.start == sentence.start and d.cue is not None and d.cue.verb.i < verb.i]
                if same:  # « a estimé que …, tout en réclamant … », « …, se contentant de souligner que … »: X goes on
                    return _last_speakers(same), same[-1].how, []
            if subject is None:
                subject = agent_of(verb) or governing_subject(verb)
            hyphen = inverted if subject is None and inverted and inverted[0].lower_.startswith("-") else []
            if hyphen and hyphen[0].lower_.startswith("-"):
                subject = hyphen[0]
            if subject is not None:
                if subject.lower_ in ("qui", "lequel", "laquelle"):
                    subject = antecedent(subject) or (verb.head if verb.dep_.startswith("acl") else None)
                    if subject is None:
                        return [], "", []
                if subject.lower_ in ("on", "ce", "c'", "cela", "ça", "nous", "je", "j'", "vous", "-on"):
                    return [], "", []
                owner = self._relative_owner(subject)
                if owner is not None:  # « la Cedeao, dont le sommet d'Abuja a appelé … »: the body speaks
                    return [owner], "gazetteer", []
                agent = agent_of(verb)
                phrases = [agent_phrase(subject)] if agent is not None and subject.i == agent.i else coordinated(subject)
            elif hyphen:
                phrases = [hyphen]
            elif inverted and (incise or after_quote(hit)):
                phrases = [inverted]
        phrases = [before_quote(p, inside_quote) for p in phrases]
        phrases = [p[1:] if p and p[0].lower_ == "par" and p[0].dep_ == "case" else p for p in phrases]  # an agent's « par »
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
                return _last_speakers(same), same[-1].how, []
        if not speakers and not phrases:
            left = left_phrase(hit, sentence)  # « Les garde-côtes chinois ont, de leur côté, accusé »
            found = actors.resolve(left) if left else None
            if found:
                return [found[0]], found[1], left
        if not speakers and not phrases and (finite(verb) or participle(verb)):
            previous = actors.last_speaker(verb.idx)
            if previous is not None and before and verb.idx - before[-1].content[1] < 600:
                return [previous.actor], "implicit", []
        return speakers, how, tokens

    def _relative_owner(self, subject: Token) -> Actor | None:
        """The state or body a « dont le sommet / le gouvernement … » relative clause hangs on, when the
        subject is one of its organs."""
        if subject.lemma_.lower() not in ORGANS or not any(c.lower_ == "dont" for c in subject.children):
            return None
        doc = subject.doc
        index = min(c.i for c in subject.children if c.lower_ == "dont") - 1
        while index >= 0 and doc[index].is_punct:
            index -= 1
        actor = self.targets.actor_at_token(doc[index]) if index >= 0 else None
        return actor if actor is not None and actor.kind in ("state", "organisation", "group") else None

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
                 phrase: list[Token], later: Sequence[CueHit] = (), limit: int | None = None,
                 ) -> tuple[tuple[int, int] | None, Quote | None, tuple[Quote, ...], str]:
        """What a cue reports (character offsets), its quote(s) and its mode; an indirect content ends at ``limit``."""
        doc = sentence.doc
        text = text_of(doc)
        clause_start = hit.clause_start.idx
        after = hit.end.idx + len(hit.end)
        phrase_end = max((t.idx + len(t) for t in phrase), default=0)
        inverted = bool(phrase) and phrase[0].i > hit.verb.i
        if inverted:
            after = max(after, phrase_end)
        # « … », a déclaré X  /  « … », a-t-il ajouté, « … »  (not « … », rejetant …: a participle goes on with the clause)
        for index, quote in enumerate(quotes if not participle(hit.verb) else ()):
            if quote.end <= clause_start and not text[quote.end:clause_start].strip(" ,\n") and quote.end > sentence.start_char - 400 \
                    and not _scare_quote(quote, text):
                chosen = [quote]
                speaker_end = incise_end(hit, sentence) if not inverted else phrase_end
                nxt = quotes[index + 1] if index + 1 < len(quotes) else None
                if nxt and 0 <= nxt.start - speaker_end <= 3 and text[speaker_end:nxt.start].strip() in (",", ""):
                    chosen.append(nxt)
                return (chosen[0].inner_start, chosen[-1].inner_end), chosen[0], tuple(chosen), "direct"
        # X a déclaré : « … »
        for quote in quotes:
            if after <= quote.start < sentence.end_char + 2 and ":" in text[after:quote.start] and quote.start - after < 80:
                return (quote.inner_start, quote.inner_end), quote, (quote,), "direct"
        end = sentence.end_char
        if following is not None and following.clause_start.idx > after and continues(following, hit):
            end = min(end, following.clause_start.idx)
        boundary = clause_boundary(hit, sentence, next((h for h in later if subject_of(h.verb) is not None), following))
        if boundary is not None:
            end = min(end, boundary)
        if limit is not None and limit > after:
            end = min(end, limit)
        antecedent = hit.verb.head if hit.verb.dep_ == "acl:relcl" else None
        if antecedent is not None and antecedent.i < hit.verb.i < antecedent.head.i:
            # « Israël, qui considère le programme comme une menace, n'a pas exclu … »: the relative clause ends
            # at the comma where the sentence goes on with its antecedent
            comma = next((t for t in doc[hit.verb.i + 1:antecedent.head.i] if t.text == ","), None)
            if comma is not None:
                end = min(end, comma.idx)
        start: int | None = None
        if inverted:
            left = left_content(hit, sentence)
            if left[0] is not None:
                start, end = left
        if start is None:
            start = complement_start(hit, sentence, after, end)
        if start is None or start >= end:
            start, end = left_content(hit, sentence)
            if start is None:
                return None, None, (), ""
        start, end = strip(text, start, end)
        relative = next((t for t in doc[hit.end.i + 1:sentence.end] if start < t.idx < end and t.lower_ in ("que", "qu'")
                         and relative_pronoun(t) and any(t.i < h.verb.i <= t.i + 3 and h.cue.head not in DESCRIBING_CUES for h in later)), None)
        if relative is not None:  # « …avec l'Algérie, qu'il accuse de … »: a statement of its own (« …, qu'il a qualifiée
            end = doc[relative.i - 1].idx  # de « manœuvre » » is what the same one goes on to say of it)
        source = TRAILING_SOURCE.search(text, start, end)
        if source is not None and source.start() - start > 10 and not any(q.start < source.start() < q.end for q in quotes):
            end = source.start()  # « a exhorté Moscou à retirer ses troupes, selon un communiqué »: where it was said
        if end - start < 2:
            return None, None, (), ""
        inner = tuple(q for q in quotes if start <= q.start and q.end <= end + 1)
        return (start, end), None, inner, "mixed" if inner else "indirect"

    # -- relays: selon X, d'après X, pour X, ---------------------------------------------
    def _relay_statement(self, sentence: Span, quotes: list[Quote], actors: ArticleActors, inside: set[int]) -> list[Draft]:
        lowered = text_of(sentence.doc)[sentence.start_char:sentence.end_char].lower()
        if "selon" not in lowered and "après" not in lowered and not lowered.lstrip().startswith("pour"):
            return []
        for token in sentence:
            if token.i in inside:
                continue
            relay = token.lower_ in RELAY_PREPS or (token.lower_ == "après" and token.i > 0 and token.nbor(-1).lower_ == "d'")
            opening = token.lower_ == "pour" and token.i == sentence.start and "," in sentence.text[:80]
            if not (relay or opening):
                continue
            phrase = relay_phrase(token, sentence)
            found = actors.resolve(phrase) if phrase else None
            if not found:
                continue
            prep = token.nbor(-1) if token.lower_ == "après" else token
            start, end = outside(sentence, phrase, prep)
            if end - start < 10:
                continue
            inner = tuple(q for q in quotes if start <= q.start and q.end <= end + 1)
            tokens = tokens_in(sentence.doc, (start, end))
            signal, hint = content_signal(tokens, self.lexicon)
            type_id = signal or "declare"
            return [Draft(speaker=found[0], how=found[1], cue=None, cue_lemma="selon" if relay else "pour",
                          type=type_id, content=(start, end), quote=None, quotes=inner,
                          mode="mixed" if inner else "indirect", sentence=sentence,
                          hedged=is_hedged(sentence.root, tokens), confidence=0.7, topic=hint)]
        return []

    def _relay_source(self, sentence: Span, inside: set[int]) -> Actor | None:
        if "selon" not in text_of(sentence.doc)[sentence.start_char:sentence.end_char].lower():
            return None
        for token in sentence:
            if token.i not in inside and token.lower_ in RELAY_PREPS:
                actor = self.targets.actor_at(token.head)
                if actor is not None and actor.kind == "media":
                    return actor
        return None

    def _verb_relay(self, verb: Token, sentence: Span) -> Actor | None:
        """The medium a statement was given to (« a déclaré à l'agence Tass ») or quoted by (« …, a lancé X,
        cité par l'agence Irna »)."""
        given = self._medium(verb, ("à", "au"))
        if given is not None:
            return given
        doc = verb.doc
        first, last = max(sentence.start, verb.i - 25), min(sentence.end, verb.i + 25)
        # by form: the tagger may read « cité » as a noun
        for index in token_indices(doc, "relaying", ("LOWER",), RELAYING_PARTICIPLES.__contains__, _RELAYING_VERDICTS):
            if first <= index < last:
                quoting = self._medium(doc[index], ("par",))
                if quoting is not None:
                    return quoting
        return None

    def _medium(self, token: Token, cases: tuple[str, ...]) -> Actor | None:
        """A medium in an oblique complement of ``token`` introduced by one of ``cases``."""
        for child in token.children:
            if child.dep_.startswith("obl") and any(c.lower_ in cases for c in child.children):
                actor = self.targets.actor_at(child)
                if actor is not None and actor.kind == "media":
                    return actor
        return None

    def _each_other(self, draft: Draft, neighbours: Sequence[Draft]) -> tuple[Target, ...]:
        """« Wang Yi et Jean-Noël Barrot se sont engagés à renforcer la coopération entre leurs deux pays »:
        a statement made together, naming no one else, is about each co-speaker's state (or the co-speaker)."""
        if draft.cue is None or not RECIPROCAL.search(text_of(draft.sentence.doc), draft.content[0], draft.content[1]):
            return ()  # (« X et Y ont nié toute volonté d'obstruction »: about what the article is about, not each other)
        side = {draft.speaker.id, draft.speaker.country}
        found: dict[str, Target] = {}
        for other in neighbours:
            if other.cue is None or other.cue.verb.i != draft.cue.verb.i or other.speaker.id in side:
                continue
            actor = (self.targets.known(other.speaker.country) if other.speaker.country else None) or other.speaker
            if actor.id not in side:
                found.setdefault(actor.id, Target(actor, "about"))
        return tuple(found.values())

    # -- nominal statements: « une demande de Caracas » ------------------------------------
    def _nominal(self, doc: Doc, drafts: list[Draft]) -> list[Draft]:
        """A reporting noun whose ``de`` complement names an actor: a statement by that actor, low confidence."""
        found: list[Draft] = []
        nouns = self.lexicon.nouns
        for index in token_indices(doc, f"nouns-{id(self.lexicon)}", ("LEMMA",), lambda lemma: lemma.lower() in nouns,
                                   self.lexicon.verdicts.setdefault("nouns", {})):
            token = doc[index]
            type_id = nouns[token.lemma_.lower()]
            if token.pos_ != "NOUN" or token.i + 2 >= len(doc):
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
    def _mention(self, draft: Draft, doc: Doc, cleaned: CleanText, article: Article,
                 neighbours: Sequence[Draft] = (), earlier: Sequence[Draft] = ()) -> Mention:
        start = min(draft.sentence.start_char, draft.content[0])
        end = max(draft.sentence.end_char, draft.content[1])
        if draft.quote is not None:
            start, end = min(start, draft.quote.start), max(end, draft.quotes[-1].end)
        start, end = cleaned.original_span(start, end)
        tokens = tokens_in(doc, draft.content)
        content_text = text_of(doc)[draft.content[0]:draft.content[1]].strip()
        others = frozenset(d.speaker.id for d in neighbours) - {draft.speaker.id}
        # (a refusal to comment is about what the same speaker's other words of the sentence are about)
        elsewhere = tuple(d.content for d in neighbours if d.content != draft.content
                          and (draft.type != "decline" or d.speaker.id != draft.speaker.id))
        phrase = draft.phrase
        if draft.cue is not None and 0 < phrase[1] <= draft.cue.clause_start.idx \
                and text_of(doc)[phrase[1]:draft.cue.clause_start.idx].lstrip().startswith(","):
            phrase = (phrase[0], draft.cue.clause_start.idx)  # « Edmundo González, exilé en Espagne, a exhorté … »
        targets = self.targets.find(doc, draft.content, draft.sentence, draft.speaker, draft.addressees, phrase,
                                    others, elsewhere)
        answers = draft.answers or self._answered(tokens, draft, earlier)
        if answers:  # what is answered is about whoever said it, and the state it speaks for
            answered = [Target(actor, "about") for actor in answers]
            states = [self.targets.known(a.country) for a in answers if a.kind != "state" and a.country]
            answered += [Target(state, "about") for state in states if state is not None and state.kind == "state"]
            ids = {t.actor.id for t in answered}
            targets = tuple(answered) + tuple(t for t in targets if t.actor.id not in ids)
        if not targets:
            targets = self._each_other(draft, neighbours)
        elif not draft.answers and {t.actor.id for t in targets} <= self.targets.audiences(doc, draft.sentence, draft.content):
            # « a déclaré le chef de l'ONU devant le Conseil de sécurité »: who listened, and what the speaker was on about
            kept = {t.actor.id for t in targets}
            targets += tuple(t for t in self._previous_targets.get(draft.speaker.id, ()) if t.actor.id not in kept)
        if not targets:
            last_any = [t for t in self._previous_targets.get("", ()) if t.actor.id not in (draft.speaker.id, draft.speaker.country)]
            inherited = (self._previous_targets.get(draft.speaker.id, ()) or tuple(last_any)
                         or self.targets.context(doc, draft.sentence, draft.speaker))
            # what the article is about goes along with what is inherited: gold readers and analysts alike take a
            # statement that names no one to be about the article's subject as often as about the last one named
            kept = {t.actor.id for t in inherited}
            inherited = tuple(inherited) + tuple(t for t in self.targets.main_actor(doc, draft.speaker)
                                                 if t.actor.id not in kept)
            targets = tuple(Target(t.actor, "about") for t in inherited)
        if WARRING.search(content_text):  # « l'impunité dont jouissent les belligérants »: the armed groups the article names
            kept = {t.actor.id for t in targets}
            targets += tuple(Target(actor, "about") for actor in self.targets.armed_groups(doc, draft.speaker)
                             if actor.id not in kept)
        targets = self.targets.with_states(targets, draft.speaker)
        self._previous_targets[draft.speaker.id] = targets
        if targets:
            self._previous_targets[""] = targets
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


    def _others_threat(self, tokens: Sequence[Token], speakers: Sequence[Actor]) -> bool:
        """The threat the content speaks of is someone else's: « la menace russe », « les menaces de Pyongyang »
        (a demonym or a name of another side than the speaker's on the threat noun)."""
        side = self.targets.own_side(speakers[0]) if speakers else set()
        for token in tokens:
            if token.pos_ != "NOUN" or token.lemma_.lower() not in THREAT_NOUNS:
                continue
            for child in token.children:
                entry = self.gazetteer.demonym(child.text) if child.dep_ == "amod" else None
                actor = self.targets.actor_at_token(child) if child.dep_ == "nmod" and child.i > token.i else None
                owner = entry.id if entry is not None else actor.id if actor is not None else None
                if owner is not None and owner not in side:
                    return True
        return False

    def _whose_words(self, tokens: Sequence[Token], actors: ArticleActors, speakers: Sequence[Actor]) -> tuple[Actor, ...]:
        """« a salué l'appel du secrétaire général », « a rejeté les accusations de Kigali »: what is said opens on
        someone else's words, and the one named after them (by name, or by a description of someone named before)
        is who is answered. Nobody of the speaker's own side, and no one new and unnamed (« les propos d'un
        diplomate »)."""
        words = _opening_words(tokens)
        noun = next((t for t in words if t.pos_ == "NOUN" and t.lemma_.lower() in ANSWERED_NOUNS), None)
        if noun is None:
            return ()
        side = self.targets.own_side(speakers[0]) if speakers else set()
        for child in noun.rights:
            if child.dep_ != "nmod" or not any(c.dep_ == "case" and c.lower_ in OF_WORDS for c in child.children):
                continue
            phrase = [t for t in child.subtree if not (t.dep_ == "case" and t.head is child)]
            found = actors.identify(phrase)
            if found is not None and found[1] != "descriptor" and _outside(found[0], side):
                return (found[0],)
        return ()

    def _answered(self, tokens: Sequence[Token], draft: Draft, earlier: Sequence[Draft]) -> tuple[Actor, ...]:
        """« Séoul a regretté cette rhétorique », « Kigali a rejeté ces accusations », « Alger a dénoncé des propos
        « irresponsables » »: a statement whose object is what was said, named by a demonstrative (or, for words
        that are always someone's, by an article), answers the last statement made by someone else (within
        ``ANSWER_DISTANCE`` characters). Whose words they are, when named, is found by :meth:`_whose_words`."""
        words = _opening_words(tokens)
        if not any(t.pos_ == "DET" and (t.lower_ in ("ce", "cet", "cette", "ces") and t.head.lemma_.lower() in ANSWERED_NOUNS
                                        or t.lower_ in ("les", "des") and t.head.lower_ in SOMEONES_WORDS
                                        and not any(c.dep_ == "nmod" and c.i > t.head.i for c in t.head.children))
                   for t in words):
            return ()
        side = self.targets.own_side(draft.speaker)
        for other in reversed(earlier):
            if draft.content[0] - other.content[1] > ANSWER_DISTANCE:
                break
            if _outside(other.speaker, side):
                return (other.speaker,)
        return ()


# -- parse helpers ----------------------------------------------------------------------------
PLEDGING_CUES = frozenset({"assurer", "garantir"})
"""Speech verbs that pledge when what they introduce is in the future or the conditional."""


ORGANS = frozenset({"sommet", "gouvernement", "conseil", "assemblée", "parlement", "ministère", "diplomatie", "présidence",
                    "commission", "direction", "bureau", "secrétariat", "délégation", "mission", "ambassade", "armée"})
"""Nouns for the bodies through which a state or an organisation speaks (« dont le sommet a appelé »)."""

RELAYING_PARTICIPLES = frozenset(f"{stem}{ending}" for stem in ("cité", "rapporté", "relayé", "interrogé", "interviewé")
                                 for ending in ("", "e", "s", "es"))
"""« cité par l'agence Irna », « interrogé par la BBC »: the medium that carried the statement."""


JUDGING_CUES = frozenset({"juger", "qualifier", "estimer", "considérer", "trouver"})
"""Speech verbs whose judgement may stand between the verb and its object (« a jugé “contre-productif” le projet »)."""


DESCRIBING_CUES = JUDGING_CUES | {"présenter", "décrire", "dépeindre"}
"""Speech verbs that say what something is taken for in a « comme … » complement (« des exercices présentés
par Pékin comme un « sévère avertissement » »)."""


def _state_list(hit: CueHit, sentence: Span, gazetteer: Gazetteer) -> list[list[Token]]:
    """« La France, l'Allemagne et le Royaume-Uni ont menacé »: a subject that lists three known states or bodies or
    more (commas, then « et »), each as its own phrase; empty when the words before the verb are anything else."""
    doc = sentence.doc
    text = text_of(doc)
    begin, stop = sentence.start_char, hit.clause_start.idx
    pieces = [(m.start(), m.end()) for m in re.finditer(r"[^,]+", text[begin:stop])]
    if len(pieces) < 2 or " et " not in text[begin + pieces[-1][0]:begin + pieces[-1][1]]:
        return []
    last = pieces.pop()
    cut = text.index(" et ", begin + last[0], begin + last[1]) - begin
    pieces += [(last[0], cut), (cut + 4, last[1])]
    phrases = []
    for low, high in pieces:
        words = LIST_ARTICLE.sub("", text[begin + low:begin + high].strip())
        entry = gazetteer.lookup(words)
        span = doc.char_span(begin + low, begin + high, alignment_mode="expand")
        if entry is None or entry.kind not in ("state", "organisation") or span is None:
            return []
        phrases.append([t for t in span if not t.is_space and t.text != ","])
    return phrases if len(phrases) >= 3 else []


LIST_ARTICLE = re.compile(r"^(?:la|le|les|l['’])\s*", re.IGNORECASE)


def _opening_words(tokens: Sequence[Token]) -> list[Token]:
    """The first ``ANSWER_WORDS`` words of what was said, punctuation left out: where the words it answers are named."""
    return [t for t in tokens[:2 * ANSWER_WORDS] if not t.is_punct][:ANSWER_WORDS]


def _outside(actor: Actor, side: set[str | None]) -> bool:
    """``actor`` is not of ``side`` (``TargetFinder.own_side``), neither itself nor through its state."""
    return actor.id not in side and actor.country not in side - {None}


def _closes_sentence(token: Token, sentence: Span) -> bool:
    """Nothing but punctuation follows ``token`` in its sentence."""
    return all(t.is_punct or t.is_space for t in token.doc[token.i + 1:sentence.end])


def _judgement(hit: CueHit, tokens: Sequence[Token]) -> list[Token]:
    """The words that say what the judgement is: between a judging cue and the object it judges (« a jugé
    “contre-productif” le projet »), or the cue's « comme … » complement (« présentés comme un avertissement »)."""
    words: list[Token] = []
    if hit.cue.head in JUDGING_CUES and tokens and 0 < tokens[0].i - hit.end.i <= 4:
        words = [t for t in hit.end.doc[hit.end.i + 1:tokens[0].i] if not t.is_punct and t.lower_ not in WEEKDAYS]
    if hit.cue.head in DESCRIBING_CUES:
        for child in hit.verb.children:
            if child.i > hit.verb.i and any(c.dep_ == "case" and c.lower_ == "comme" for c in child.children):
                words.extend(t for t in child.subtree if not t.is_punct and t not in words)
    return words


def _coordinated_clauses(hit: CueHit, content: tuple[int, int], sentence: Span, lexicon: Lexicon) -> list[tuple[int, int]]:
    """The content split where a second clause of the cue begins (« a assuré que A et qu'une mission B »): « et
    que » whose clause is coordinated to the cue's own complement clause; else the content whole. A second clause
    that reports a statement of its own (« et que son gouvernement avait protesté ») is left to that statement."""
    if not re.search(r"\bet\s+qu(?:e\b|')", text_of(sentence.doc)[content[0]:content[1]]):
        return [content]
    pieces, start = [], content[0]
    for token in sentence:
        if not content[0] < token.idx < content[1] or token.lower_ not in ("que", "qu'"):
            continue
        before = token.doc[token.i - 1] if token.i > 0 else None
        clause = token.head
        if before is None or before.lower_ != "et" or clause.dep_ != "conj" or clause.head.head.i != hit.verb.i \
                or clause.head.dep_ not in ("ccomp", "obj", "xcomp", "advcl") \
                or any(lemma in lexicon.cues for lemma in lexicon.lemmas(clause.text, clause.lemma_)):
            continue
        cut = before.idx
        pieces.append(_trimmed_range(sentence, start, cut))
        start = token.idx
    if not pieces:
        return [content]
    pieces.append((start, content[1]))
    return [piece for piece in pieces if piece[1] > piece[0]]


def _trimmed_range(sentence: Span, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without the blanks and commas at its end."""
    text = text_of(sentence.doc)
    while end > start and text[end - 1] in " ,\n":
        end -= 1
    return start, end


def _future_clause(tokens: Sequence[Token]) -> bool:
    """The reported clause's verb is in the future or the conditional (« respecterait », « ne perdraient »)."""
    if not tokens:
        return False
    first = tokens[0]
    if first.lower_ not in ("que", "qu'") and (first.i == 0 or first.doc[first.i - 1].lower_ not in ("que", "qu'")):
        return False
    verb = next((t for t in tokens if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    if "Fut" in feature(verb, "Tense") or "Cnd" in feature(verb, "Mood"):
        return True
    form = verb.lower_  # the tagger often reads « respecterait » as an imperfect
    return len(form) > 5 and form.endswith(("rait", "raient", "ront")) and not form.endswith(("parait", "paraît"))


def _judges_what_was_said(hit: CueHit, earlier: Sequence[CueHit]) -> bool:
    """« Moscou a dénoncé les sanctions, les jugeant « illégales » »: a judging participle whose object is a
    pronoun standing for what an earlier cue of the sentence is about goes on with that statement."""
    verb = hit.verb
    doc = verb.doc
    if not earlier or hit.cue.head not in JUDGING_CUES or not participle(verb) or verb.i < 2 \
            or doc[verb.i - 1].lower_ not in ("le", "la", "les", "l'") or doc[verb.i - 2].text != ",":
        return False
    between = doc[earlier[-1].verb.i + 1:verb.i - 2]  # no other finite verb: the participle hangs on that clause
    return not has_finite_verb(between)



def _subject_after(verb: Token) -> Token | None:
    subject = subject_of(verb)
    return subject if subject is not None and subject.i > verb.i else None


def _attributed_clause(hit: CueHit) -> tuple[int, int] | None:
    """« que Washington prépare un essai, comme l'affirme Moscou »: the clause an inverted « comme l'affirme X »
    attributes to X (its head's words, without the incise), as character offsets."""
    verb = hit.verb
    doc = verb.doc
    start = next((t.i for t in doc[max(verb.i - 4, 0):verb.i] if t.lower_ == "comme"), None)
    between = doc[start + 1:verb.i] if start is not None else []
    if start is None or verb.head.i == verb.i or not between or between[0].lower_ not in ("l'", "le") or any(
            t.pos_ != "AUX" for t in between[1:]):
        return None
    if not any(c.dep_ == "mark" and c.lower_ in ("que", "qu'") for c in verb.head.children):
        return None  # only a reported « que » clause (« Le Kremlin a démenti …, comme l'affirme Kiev » is ambiguous)
    incise = {t.i for t in verb.subtree}
    words = [t for t in verb.head.subtree if t.i not in incise and not t.is_punct]
    if not words:
        return None
    return words[0].idx, words[-1].idx + len(words[-1])


def _answered_by(hit: CueHit, later: Sequence[CueHit]) -> bool:
    """A plain speech verb whose « en » + gerund complement is a cue of its own (« a répliqué en dénonçant »)."""
    doc = hit.verb.doc
    after = hit.end.i + 1
    return after < len(doc) and doc[after].lower_ == "en" and any(other.verb.i in (after + 1, after + 2) for other in later)


CLAUSE_LINKS = frozenset({"mais", "et", "alors", "tandis", "car", "or", "puis", "donc", "cependant", "toutefois"})


def _interrupted_clause(hit: CueHit, sentence: Span) -> tuple[int, int] | None:
    """« Budapest, a expliqué M. Szijjártó sur Facebook, exige des garanties »: a cue set in commas inside a
    clause, its subject after it, attributes the clause around it to that subject, as character offsets from
    the clause's first word to its last (the incise's words lie inside that range). The words before the
    incise hold no finite verb and no quote (else they are a statement of their own: « X maintient sa position,
    a dit Y, qui … », « « Inacceptable », a réagi Y, … »); the words after it hold one, and end at a new
    clause (« …, mais Kiev refuse »)."""
    verb = hit.verb
    doc = verb.doc
    opening = hit.clause_start.i - 1
    inverted = inverted_subject(verb)
    if opening <= sentence.start or doc[opening].text != "," or not inverted:
        return None
    closing = next((t.i for t in doc[inverted[-1].i + 1:min(inverted[-1].i + 14, sentence.end)] if t.is_punct), None)
    if closing is None or doc[closing].text != ",":
        return None
    before = doc[sentence.start:opening]
    if before[-1].text in QUOTE_MARKS:  # « « Inacceptable », a réagi X, … »: the quote is what was said
        return None
    left = [t for t in before if not t.is_punct]
    right = [t for t in doc[closing + 1:clause_end(sentence, closing + 1, CLAUSE_LINKS)]
             if not t.is_punct or t.text in QUOTE_MARKS]
    if not left or not right or right[0].lower_ in ("qui", "que", "qu'", "dont", "lequel", "laquelle"):
        return None
    if has_finite_verb(left) or not has_finite_verb(right):
        return None
    return left[0].idx, right[-1].idx + len(right[-1])


STATEMENT_NOUNS = frozenset({
    "accusation", "affirmation", "allégation", "assertion", "idée", "proposition", "suggestion", "information",
    "version", "thèse", "hypothèse", "annonce", "demande", "requête", "exigence", "revendication", "offre", "plan",
    "initiative", "déclaration", "propos", "position", "argument", "critique", "menace", "appel", "ultimatum", "projet"})
"""Nouns that sum up what a sentence has just reported (« …, une accusation aussitôt rejetée par Kigali »)."""

SUMMING_DETERMINERS = frozenset({"une", "un", "des", "ce", "cet", "cette", "ces"})

ANSWERED_NOUNS = STATEMENT_NOUNS | {"rhétorique", "remarque", "commentaire", "parole", "insinuation", "invective",
                                    "diatribe", "discours", "message", "communiqué", "avertissement", "mise en garde"}
"""Nouns for what someone said, which a demonstrative points back to (« a regretté cette rhétorique »)."""
SOMEONES_WORDS = frozenset({"propos", "accusations", "allégations", "déclarations", "affirmations", "insinuations",
                            "remarques", "commentaires", "critiques", "invectives", "menaces"})
"""Plural nouns for what someone said, that point back to it with a mere article (« a rejeté les accusations »)."""
ANSWER_WORDS = 4  # the demonstrative opens what is said: among its first words
OF_WORDS = frozenset({"de", "d'", "du", "des"})
RECIPROCAL = re.compile(r"\b(?:entre\s+(?:les|leurs|nos|ces)\s+deux|entre\s+eux|leurs\s+deux|bilatéra\w*|mutuel\w*|"
                        r"réciproque\w*|ensemble|conjointement|commune?s?)\b", re.IGNORECASE)
"""What says a statement made together is about the speakers themselves (« entre leurs deux pays »)."""
WARRING = re.compile(r"\b(?:les|des|aux)\s+(?:deux\s+)?(?:belligérants|camps|parties\s+(?:au|en)\s+conflit|"
                     r"parties\s+belligérantes)\b|\bles\s+deux\s+parties\b", re.IGNORECASE)
"""Words for the sides of a war (« les belligérants », « les deux camps », « les parties au conflit »)."""
THREAT_NOUNS = frozenset({"menace", "représailles", "riposte", "rétorsion"})
"""Nouns of a threat: with another party's name or demonym on them, speaking of one warns of it."""
ANSWER_DISTANCE = 1500  # characters back to the statement answered
ANSWER_REACH = 12  # statements looked back at


def _reaction(hit: CueHit, sentence: Span) -> tuple[tuple[int, int], list[Token]] | None:
    """An answer, at the end of a sentence, to what it has just reported: a participle whose agent answers, on a
    noun that sums it up (« …, une accusation aussitôt rejetée par Kigali », « …, une idée jugée « prématurée »
    par la France »), or « ce que X » or such a noun and « que X » before the cue (« …, ce que Kiev dément
    catégoriquement », « …, des accusations que Pékin rejette »). The answer's
    words as character offsets (from the noun's determiner or « ce » to the cue's last word or the agent), and
    the words naming who answers."""
    verb = hit.verb
    doc = verb.doc
    noun = _summing_noun(verb)
    agent = following_agent(verb, sentence) if noun is not None else None
    phrase = agent_phrase(agent) if agent is not None else []
    if noun is not None and phrase:
        first, last = doc[noun.i - 1], doc[max(t.i for t in phrase)]
        return (first.idx, last.idx + len(last)), phrase
    start = hit.clause_start.i
    que = next((i for i in range(start - 1, max(start - 7, sentence.start + 1), -1) if doc[i].lower_ in ("que", "qu'")), None)
    if que is None or que < sentence.start + 2:
        return None
    if doc[que - 1].lower_ == "ce" and doc[que - 2].text == ",":
        first = doc[que - 1]  # « …, ce que Kiev dément »
    elif doc[que - 1].lemma_.lower() in STATEMENT_NOUNS and que >= sentence.start + 3 \
            and doc[que - 2].lower_ in SUMMING_DETERMINERS and doc[que - 3].text == ",":
        first = doc[que - 2]  # « …, des accusations que Pékin rejette »
    else:
        return None
    phrase = [t for t in doc[que + 1:start]] or inverted_subject(verb)  # « ce qu'a démenti Moscou »
    if not phrase or not all(t.pos_ in ("PROPN", "NOUN", "DET", "ADJ") or t.text == "-" for t in phrase) \
            or not any(t.pos_ in ("PROPN", "NOUN") for t in phrase):
        return None
    end = max(hit.end.i, phrase[-1].i)
    while end + 1 < sentence.end and doc[end + 1].pos_ == "ADV":
        end += 1  # « dément catégoriquement »
    return (first.idx, doc[end].idx + len(doc[end])), phrase


def _summing_noun(verb: Token) -> Token | None:
    """The noun a participle hangs on when that noun, set off by a comma, sums up what was just said
    (« …, une accusation aussitôt rejetée »; the tagger may read the participle as an adjective: « une idée
    jugée … »)."""
    noun = verb.head
    if not (verb.dep_.startswith("acl") or verb.dep_ == "amod" and verb.lemma_.endswith("er")) or noun.i >= verb.i or noun.lemma_.lower() not in STATEMENT_NOUNS or noun.i < 2:
        return None
    doc = verb.doc
    if doc[noun.i - 1].lower_ not in SUMMING_DETERMINERS or doc[noun.i - 2].text != ",":
        return None
    return noun


def _describes_what_was_said(hit: CueHit, earlier: Sequence[CueHit]) -> bool:
    """« il a dénoncé les droits de douane annoncés par Washington »: a bare participle describing what an
    earlier cue of the sentence is about belongs to that statement; it is no statement of its own."""
    verb = hit.verb
    if not earlier or not verb.dep_.startswith("acl") or "Past" not in feature(verb, "Tense") or any(
            c.dep_.startswith(("aux", "nsubj")) for c in verb.children) or agent_of(verb) is None:
        return False
    if _summing_noun(verb) is not None:
        return False  # « …, une accusation aussitôt rejetée par Kigali »: an answer, see _reaction
    verbs = {other.verb.i for other in earlier}
    node = verb.head
    for _ in range(4):
        if node.i in verbs:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _last_speakers(drafts: Sequence[Draft]) -> list[Actor]:
    """The speakers of the last cue among ``drafts``, each once (« Wang Yi et Jean-Noël Barrot ont appelé … et
    se sont engagés … »: both)."""
    last = drafts[-1].cue.verb.i if drafts[-1].cue is not None else None
    return list(dict.fromkeys(d.speaker for d in drafts if d.cue is not None and d.cue.verb.i == last)) or [drafts[-1].speaker]


def _scare_quote(quote: Quote, text: str) -> bool:
    """« ont « fermement » rejeté »: one quoted word inside a clause, not a statement's words."""
    inner = text[quote.inner_start:quote.inner_end].strip()
    before = text[max(0, quote.start - 2):quote.start]
    return bool(inner) and not any(char.isspace() for char in inner) and before[-1:] == " " and before[:1].isalpha()


def _says_infinitive(hit: CueHit, later: Sequence[CueHit]) -> bool:
    """« a dit envisager l'envoi d'une mission »: a neutral speech verb whose infinitive is itself a cue
    only introduces that statement, which the infinitive's cue makes (type ``consider`` here)."""
    if not hit.cue.neutral or not later:
        return False
    inner = later[0].verb
    return inner.head == hit.verb and inner.dep_ == "xcomp" and "Inf" in feature(inner, "VerbForm")


def _said_in_infinitive(hit: CueHit, earlier: Sequence[CueHit]) -> bool:
    """« Il s'est refusé à dire si … », « a refusé de préciser »: a neutral speech verb in the infinitive
    of another cue is part of that statement, not one of its own."""
    verb = hit.verb
    if hit.cue.neutral and verb.dep_ == "xcomp" and any(other.verb == verb.head and not other.cue.neutral for other in earlier):
        return True
    # « a appelé les autorités maliennes à publier un calendrier »: what the addressee is asked to do
    return "Inf" in feature(verb, "VerbForm") and verb.dep_ == "acl" and any(
        c.lower_ in ("à", "de", "d'") for c in verb.children if c.dep_ in ("mark", "case")) and any(
        other.verb == verb.head.head and not other.cue.neutral for other in earlier)


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


