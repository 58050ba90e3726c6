"""Who speaks: the syntax of speaker phrases around a reporting verb.

French news names its speakers in many places: the subject (*Sergueï Lavrov a
déclaré*), an inverted subject after a quote (*« … », a déclaré X*), a name in
apposition (*le ministre turc, Hakan Fidan,*), a relative pronoun (*l'officier,
qui a reproché*), a passive agent (*une accusation rejetée par Kigali*), the
subject of a governing verb (*tout en exhortant*). The parser often attaches
these to the wrong head; these helpers combine dependencies with word order.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.extract.cues import CueHit, agent_marker
from kg.names import NAME_PARTICLES
from kg.nlp import entities_of, feature

SUBJECTS = ("nsubj", "nsubj:pass", "expl:subj")


HYPHEN_PRONOUNS = ("-il", "-elle", "-ils", "-elles")


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, also when the parser hung it on the auxiliary."""
    subjects = [child for child in verb.children if child.dep_ in SUBJECTS]
    if len(subjects) > 1 and subjects[0].pos_ in ("PROPN", "NOUN") and subjects[-1].pos_ == "PRON" \
            and subjects[0].i < subjects[-1].i < verb.i and verb.doc[subjects[-1].i - 1].text == ",":
        # « Reçu par son homologue, Jean-Noël Barrot, il a dénoncé … »: the name belongs to the clause before
        return subjects[-1]
    if subjects:
        return subjects[0]
    for aux in verb.children:
        if aux.dep_.startswith("aux") and aux.i < verb.i:
            for child in aux.children:
                if child.dep_ in SUBJECTS:
                    return child
    if verb.dep_ == "dep" and verb.head.i == verb.i + 1:  # « a fait savoir », parsed as « fait » hanging on « savoir »
        subject = next((child for child in verb.head.children if child.i < verb.i and (
            child.dep_ in SUBJECTS or child.dep_ == "dep" and child.pos_ in ("NOUN", "PROPN"))), None)
        if subject is not None:
            return subject
    for child in verb.children:
        if child.dep_ == "obl:mod" and child.pos_ == "PROPN" and child.is_sent_start and child.i < verb.i \
                and not any(c.dep_ == "case" for c in child.children):
            return child  # « Budapest, qui avait bloqué le texte, n'a pas critiqué … »: taken for a place
    head = verb.head
    if 0 < verb.i - head.i <= 4 and head.pos_ in ("NOUN", "ADV", "ADJ") and "Part" in feature(verb, "VerbForm") and any(
            c.dep_.startswith("aux") and c.i < head.i for c in head.children):
        # « Les Émirats ont « fermement » rejeté », « X a pour sa part condamné »: the parser hung the
        # auxiliary and the subject on the word inserted before the participle
        return subject_of(head)
    return None


def coordinated(subject: Token) -> list[list[Token]]:
    """``Le Kremlin et Washington ont …`` → two phrases; an apposition stays one."""
    doc = subject.doc
    holders = [subject] + [c for c in subject.children if c.dep_ == "flat:name"]  # « Wang Yi et … »: on « Yi »
    heads = [subject] + [c for holder in holders for c in holder.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")
                         and any(t.dep_ == "cc" for t in c.children)
                         and (c.pos_ == "PROPN" or any(t.dep_ == "det" for t in c.children))]
    # (« le ministre de la Communication et porte-parole du gouvernement »: a second noun without its own
    # determiner is a second title of the same person)
    phrases = []
    for head in heads:
        # (« la junte au pouvoir au Mali »: a noun the parser hung as a clause stays in the phrase)
        skip = {t.i for c in head.children
                if c.dep_ in ("cc", "acl:relcl") or c.dep_ == "acl" and c.pos_ != "NOUN"
                or c.dep_ == "conj" and (c in heads or c.pos_ not in ("PROPN", "NOUN"))
                for t in c.subtree}
        if head is not subject:
            skip.discard(head.i)
        phrase = [t for t in head.subtree if t.i not in skip and t.i not in {x.i for h in heads if h is not head and h is not subject for x in h.subtree}]
        if head is subject:
            phrase = [t for t in phrase if not any(t.i in {x.i for x in h.subtree} for h in heads[1:])]
        phrases.append(with_apposition(with_entity(contiguous(phrase, head), doc), doc))
    return [p for p in phrases if p]


def with_apposition(tokens: list[Token], doc: Doc) -> list[Token]:
    """``l'ambassadeur de Russie à Caracas, Sergey Melik-Bagdasarov,``: take the name in apposition too
    (also after a role whose complement names someone else: ``le conseiller du président Lula, Celso Amorim,``)."""
    if not tokens:
        return tokens
    person = next((t.i for t in tokens if t.ent_type_ == "PER"), None)
    noun = next((t.i for t in tokens if t.pos_ == "NOUN"), None)
    if person is not None and (noun is None or person < noun):
        return tokens
    after = tokens[-1].i + 1
    if after + 1 < len(doc) and doc[after].text == ",":
        end = name_after(doc, after + 1)
        if end is not None:
            return list(doc[tokens[0].i : end + 1])
    return tokens


def name_after(doc: Doc, index: int) -> int | None:
    """The last token of a person's name starting at ``index`` (an entity or capitalised proper nouns)."""
    entity = next((e for e in entities_of(doc) if e.start == index and e.label_ == "PER"), None)
    if entity is not None:
        return entity.end - 1
    end = index
    particle = False
    while end < len(doc):
        token = doc[end]
        if token.lower_ in NAME_PARTICLES and end > index and end + 1 < len(doc) and (
                doc[end + 1].text == "-" or doc[end + 1].text[:1].isupper()):
            particle = True  # « Khalid al-Aiser », « Mohamed Ould Ghazouani »
        elif not (token.pos_ == "PROPN" and token.text[:1].isupper() or token.text == "-" and end > index):
            break
        end += 1
    if end - index >= 2 and doc[end - 1].text != "-" and (
            particle or not any(doc[i].ent_type_ in ("LOC", "ORG") for i in range(index, end))):
        return end - 1
    return None


def with_entity(tokens: list[Token], doc: Doc) -> list[Token]:
    """Grow a phrase to whole entities: ``Melik`` → ``Melik-Bagdasarov``."""
    if not tokens:
        return tokens
    first, last = tokens[0].i, tokens[-1].i
    for entity in entities_of(doc):
        if entity.start <= last and first < entity.end:
            first, last = min(first, entity.start), max(last, entity.end - 1)
    return list(doc[first : last + 1])


def left_names(hit: CueHit, sentence: Span) -> list[list[Token]]:
    """Names just before the verb group: ``…, Volker Türk, a condamné``, ``X et son secrétaire d'État, Y, ont nié``.

    Parsers often attach such subjects to the wrong head; the word order is a surer guide.
    """
    doc = hit.verb.doc
    index = hit.clause_start.i - 1
    while index >= sentence.start and doc[index].text == ",":
        index -= 1
    if index >= sentence.start and not is_name(doc[index]) and doc[index + 1].text == ",":
        # « L'Iran, voisin des deux pays, a mis en garde », « Abou Dhabi, qui a toujours nié …, dit … »: look past the
        # apposition or the relative clause
        start = index
        while start > sentence.start and doc[start].text != "," and (
                doc[start].pos_ not in ("VERB", "AUX") or _in_relative(doc, start, sentence.start)):
            start -= 1
        if start > sentence.start and doc[start].text == "," and is_name(doc[start - 1]):
            index = start - 1
    if index < sentence.start or not is_name(doc[index]):
        return []
    region_start = index
    while region_start > sentence.start:
        token = doc[region_start - 1]
        if token.pos_ in ("VERB", "AUX") or token.lower_ in ("que", "qu'", "qui", "dont", ":", ";", "«", "»", "“", "”"):
            break
        region_start -= 1
    region = list(doc[region_start : index + 1])
    names = [run for run in name_runs(region) if not introduced(run[0], sentence)]
    if not names:
        return []
    groups: list[list[Token]] = []
    current_start = region_start
    for number, name in enumerate(names):
        between = doc[current_start : name[0].i]
        joined = number > 0 and any(t.lower_ in ("et", "ainsi") for t in doc[names[number - 1][-1].i + 1 : name[0].i])
        if number > 0 and not joined:
            groups[-1] = role_before(groups[-1], name, doc)
            continue
        groups.append(role_before(list(between), name, doc))
        current_start = name[-1].i + 1
    return [g for g in groups if g]


def _in_relative(doc: Doc, index: int, floor: int) -> bool:
    """The token at ``index`` is in a relative clause that opens right after a comma (« , qui a toujours nié … »)."""
    start = index
    while start > floor and doc[start - 1].text != ",":
        start -= 1
    return start > floor and doc[start].lower_ in ("qui", "dont", "que", "qu'")


def role_before(candidates: list[Token], name: list[Token], doc: Doc) -> list[Token]:
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


def before_quote(phrase: list[Token], inside_quote: set[int]) -> list[Token]:
    """A speaker phrase never reaches into a quotation: cut it where one starts."""
    kept: list[Token] = []
    for token in phrase:
        if token.i in inside_quote or token.text in ("«", "“", '"', "‹"):
            break
        kept.append(token)
    return kept


def opening_participle(token: Token) -> bool:
    """« Sollicitée, … », « Interrogé sur …, … »: a participle opening the sentence, not a subject."""
    doc = token.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    previous = doc[token.i - 1] if token.i > 0 else None
    opening = token.is_sent_start or previous is None or previous.is_space or previous.text in (".", "\n")
    return opening and token.lower_.endswith(("é", "ée", "és", "ées")) and following is not None and following.lower_ in (",", "sur", "par", "à")


def left_phrase(hit: CueHit, sentence: Span) -> list[Token]:
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


def actor_like(token: Token, lexicon) -> bool:
    """A proper name, a named entity or a role noun: a phrase that can name a speaker."""
    return token.pos_ == "PROPN" or bool(token.ent_type_) or token.lemma_.lower() in lexicon.roles


def in_other_clause(token: Token, verb: Token) -> bool:
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


def introduced(token: Token, sentence: Span) -> bool:
    """A name after a preposition (``sur Facebook``) or an opening participle (``Sollicitée,``) is no subject."""
    doc = token.doc
    previous = doc[token.i - 1] if token.i > sentence.start else None
    if previous is not None and previous.pos_ == "DET" and token.i - 2 >= sentence.start:
        previous = doc[token.i - 2]  # « joint par l'AFP »
    if previous is not None and previous.pos_ == "ADP":
        return True
    return opening_participle(token)


def is_name(token: Token) -> bool:
    """A person's name, or a capitalised proper noun (also a foreign word inside a named entity: « Dhabi » in « Abou
    Dhabi » is tagged X)."""
    return token.ent_type_ == "PER" or token.text[:1].isupper() and (
        token.pos_ == "PROPN" or token.pos_ == "X" and token.ent_type_ != "")


def name_runs(tokens: list[Token]) -> list[list[Token]]:
    """Runs of capitalised proper nouns (with inner hyphens) that can form a name."""
    runs: list[list[Token]] = []
    for token in tokens:
        hyphen = token.text == "-" and runs and runs[-1][-1].i == token.i - 1
        if is_name(token) or hyphen:
            if runs and runs[-1][-1].i == token.i - 1:
                runs[-1].append(token)
            else:
                runs.append([token])
    return [r for r in runs if any(t.pos_ == "PROPN" or t.ent_type_ == "PER" for t in r)]


def contiguous(tokens: list[Token], head: Token) -> list[Token]:
    tokens = sorted(tokens, key=lambda t: t.i)
    block: list[Token] = []
    for token in tokens:
        if block and token.i != block[-1].i + 1:
            if head.i <= block[-1].i:
                break
            block = []
        block.append(token)
    return block


def inverted_subject(verb: Token) -> list[Token]:
    """``a déclaré samedi l'ambassadeur``, ``a-t-il ajouté``, ``a conclu Melik-Bagdasarov`` (found once per verb:
    the speaker rules and the incise rules both ask)."""
    found = verb.doc.user_data.setdefault("kg_inverted_subjects", {})
    phrase = found.get(verb.i)
    if phrase is None:
        phrase = found[verb.i] = tuple(_inverted_subject(verb))
    return list(phrase)


def _inverted_subject(verb: Token) -> list[Token]:
    doc = verb.doc
    index = verb.i + 1
    while index < len(doc) and (doc[index].pos_ in ("ADV",) or doc[index].lower_ in ("samedi", "dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "hier", "encore", "aussi")):
        index += 1
    for token in doc[max(verb.i - 3, 0): verb.i + 3]:
        if token.i != verb.i and token.lower_ in HYPHEN_PRONOUNS:
            return [token]
    if index < len(doc) and doc[index].pos_ == "ADP" and doc[index].lower_ in ("sur", "à", "au", "devant", "dans", "lors"):
        # « a fustigé sur le réseau social X le ministre … »: the subject comes after a place or an audience
        after = next((t.i for t in doc[index + 2 : min(len(doc), index + 9)] if t.is_punct or t.pos_ in ("VERB", "AUX", "SCONJ")
                      or t.pos_ == "DET" and t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "NOUN"), None)
        if after is not None and doc[after].pos_ == "DET":
            index = after
    entity = next((e for e in entities_of(doc) if e.start <= index < e.end), None) if index < len(doc) else None
    named = entity is not None and entity.label_ == "PER" and entity.start == index  # « Dmitri » may be tagged ADJ
    if index >= len(doc) or doc[index].is_punct or doc[index].pos_ not in ("DET", "NOUN", "PROPN") and not named:
        return []
    start = index
    end = index
    if entity is not None and entity.label_ == "PER" and entity.start == index:
        end = entity.end - 1
    else:
        stops = ("sur", "dans", "lors", "devant", "pendant", "après", "avant", "selon", "en", "lundi")
        while end + 1 < len(doc) and (not doc[end + 1].is_punct or doc[end + 1].text == "-") and doc[end + 1].pos_ not in ("VERB", "AUX") and doc[end + 1].lower_ not in stops:
            end += 1
        # an apposition right after: l'ambassadeur de Russie à Caracas, Sergey Melik-Bagdasarov,
        if end + 2 < len(doc) and doc[end + 1].text == ",":
            end = name_after(doc, end + 2) or end
    return list(doc[start : end + 1])


def after_quote(hit: CueHit) -> bool:
    """``» a déclaré X``, ``», a déclaré X``: the verb group follows a closing quote."""
    doc = hit.verb.doc
    index = hit.clause_start.i - 1
    while index >= 0 and doc[index].text in (",", " "):
        index -= 1
    return index >= 0 and doc[index].text in ("»", "”", '"', "›")


def agent_of(verb: Token) -> Token | None:
    """``une accusation rejetée par Kigali``: the agent of a passive participle speaks."""
    for child in verb.children:
        if child.dep_ == "obl:agent" or (child.dep_.startswith("obl") and any(c.lower_ == "par" and c.dep_ == "case" for c in child.children)):
            if child.pos_ in ("PROPN", "NOUN"):
                return child
    return None


def following_agent(verb: Token, sentence: Span) -> Token | None:
    """The agent right after a participle, in its sentence (« jugée « prématurée » par la France »: France)."""
    marker = agent_marker(verb, sentence.end)
    return marker.head if marker is not None and marker.head.i > marker.i and marker.head.pos_ in ("PROPN", "NOUN") else None


def agent_phrase(agent: Token) -> list[Token]:
    tokens = [t for t in agent.subtree if t.i >= agent.i or t.dep_ in ("det", "amod")]
    return [t for t in tokens if t.lower_ != "par" and t.dep_ not in ("acl", "acl:relcl")]


def antecedent(relative: Token) -> Token | None:
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
        while token.dep_ in ("flat:name", "amod", "nmod") and token.head.i < token.i and token.head.pos_ in ("NOUN", "PROPN") \
                and not any(c.dep_ == "case" and c.lower_ == "par" for c in token.children):
            token = token.head  # (not past an agent: « des accusations qualifiées … par le ministère, qui »)
        return token
    return None


def participle(verb: Token) -> bool:
    return feature(verb, "VerbForm") == ("Part",) and "Pres" in feature(verb, "Tense") or (
        verb.i > 0 and verb.doc[verb.i - 1].lower_ == "en")


def governing_subject(verb: Token) -> Token | None:
    """``tout en exhortant Kinshasa``, ``ajoutant que``, ``se contentant de souligner``: the main clause's subject."""
    if not (participle(verb) or verb.dep_ in ("xcomp", "advcl")):
        return None
    head = verb.head
    for _ in range(4):
        subject = subject_of(head)
        if subject is not None:
            return subject if subject.i < verb.i else None
        if head == head.head:
            break
        head = head.head
    return None


def finite(verb: Token) -> bool:
    return "Fin" in feature(verb, "VerbForm") or any(c.dep_.startswith("aux") for c in verb.children)
