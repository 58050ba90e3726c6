"""English articles: attributed statements found by rules on the words, without a parser.

The package index kg installs from has no English spaCy pipeline, so English is
read with the patterns English wire copy keeps to:

* ``"…," said X`` / ``"…," X said`` / ``"…," he added``: the quote before;
* ``X said: "…"``: the quote after a colon;
* ``X said (that) …``, ``X warned …``, ``X urged Y to …``: the subject before the cue;
* ``…, X said.``: the clause before a closing cue;
* ``according to X, …`` / ``…, according to X.``: the relay.

Speakers and targets are resolved with the same gazetteer as French (English
names, metonyms, demonyms and descriptors: *the Russian foreign ministry*,
*Kremlin spokesman Dmitry Peskov*); *he*, *she* and a bare surname go to the
person last named, *it* and *they* to the body or state. The cues and the
words that type a plain *said* are data (``cues_en.tsv``, ``content_en.tsv``).

Example:
    >>> reader = EnglishExtractor(Gazetteer.load())
    >>> [m.speaker.name for m in reader.extract(clean(text), article)]
    ['Sergueï Lavrov']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kg.extract.english_text import (PARTICLES, WORD, names_in, quote_spans, role_of, sentences, topic_of, trimmed,
                                     without_trailing)
from kg.gazetteer import Entry, Gazetteer, _rows
from kg.names import name_key, slug
from kg.records import Actor, Article, Evidence, Mention, Target
from kg.text import CleanText

OPENING, CLOSING = "“\"«", "”\"»"
AUXILIARIES = frozenset("has have had was were is are would will also later earlier then again previously "
                        "repeatedly separately meanwhile however did does do not never n't could can cannot should may "
                        "might must".split())
DAYS = re.compile(r"\b(?:(?:on|late on|early on|late|early|last)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                  r"Sunday)\b|\blast\s+(?:week|month|year)\b|\b(?:on|in)\s+(?:a|an|the)\s+(?:\w+\s+){0,2}?(?:statement|"
                  r"interview|post|briefing|conference)\b|\b(?:today|yesterday|tonight)\b", re.IGNORECASE)
AGENCIES = r"\((?:AP|Reuters|AFP|Bloomberg|dpa|DPA|Xinhua|TASS|Anadolu|UPI|CNN|BBC)\)"
DATELINE = re.compile(rf"^\s*(?:[A-Z][A-Z.'/-]*(?: [A-Z][A-Z.'/-]*){{0,4}}(?:,[^-–—\n]{{0,40}}?(?:\([^)\n]{{1,30}}\))?|"
                      rf" ?\([^)\n]{{1,30}}\))|[A-Z][\w.'/-]*(?: [A-Z][\w.'/-]*){{0,3}}(?:, [A-Z][\w.'-]*(?: [A-Z][\w.'-]*){{0,2}})?"
                      rf" ?{AGENCIES}) ?[-–—]+ *")
"""« MOSCOW, June 3 (Reuters) - », « VIENNA (Reuters) - », « NEW YORK/LONDON (Reuters) - », « Kyiv, Ukraine (AP) — »."""
AUDIENCE = re.compile(r"(?:reporters|journalists|lawmakers|parliament|senators|delegates|(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?"
                      r"(?:press|media|parliament|assembly|council|summit|conference|forum|newspaper|agency|broadcaster|"
                      r"channel|television|radio|audience|crowd|meeting)|(?:state|national|public)\s+(?:television|radio|media|"
                      r"broadcaster|news\s+agency))\b")
"""Who was told, after « told »: « told reporters », « told the national assembly », « told state television »
(a named outlet is found in the gazetteer: « told the BBC »)."""
TOLD_WHEN = re.compile(r"\s+(?:on\s+\w+day|in\s+an?\s+(?:\w+\s+)?interview|at\s+an?\s+(?:\w+\s+)?(?:conference|briefing|meeting))\b")
BODY = re.compile(r"\b(?:ministry|department|government|army|military|embassy|presidency|cabinet|office|council|"
                  r"parliament|administration|kremlin|spokesperson|spokesman|spokeswoman)$", re.IGNORECASE)
"""The head of a speaker phrase written in lower case that still names someone (« the state department »)."""
TRAILING_AUXILIARIES = frozenset("has have had also later then".split())
"""Words between a subject and its cue (« David Lammy, has said »), dropped before the subject is read."""
REDUCED_RELATIVE = re.compile(r"(?:[Tt]he|[Aa]n?)\s+(?!(?:former|senior|top|chief|deputy|acting|new|then|current|outgoing|"
                              r"incoming|late|veteran|influential|powerful)\b)[a-z][\w-]*\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*")
"""« the deal Iran (agreed) »: a common noun, then the name of who did what qualifies it."""
FEMININE_ROLES = frozenset("haute présidente représentante cheffe directrice ambassadrice chancelière première adjointe "
                           "générale vice-présidente porte-parole-adjointe conseillère secrétaire-générale".split())
"""Words of a French role that only a woman's takes (the gazetteer's roles are French)."""
TITLE_GENDERS = {**dict.fromkeys("ms mrs madam madame queen princess spokeswoman chairwoman congresswoman "
                                 "businesswoman".split(), "f"),
                 **dict.fromkeys("mr sir king prince spokesman chairman congressman businessman".split(), "m")}
"""English words around a name that tell a person's gender."""
MAX_PER_SENTENCE = 8
"""Statements read in one sentence at the most."""
INVERTING = frozenset("said says added adds asked asks wrote writes explained continued noted insisted".split())
"""Cues that can come before their speaker: « "…," said Grossi » (never « told »)."""
PRONOUNS = {"he": "person", "she": "person", "they": "any", "it": "body"}
SPEAKER_WORDS = 12  # longest subject read as a speaker
ANSWERED = re.compile(r"(?:the|these|those|this|such)\s+(?:\w+\s+)?(?:accusations?|claims?|charges?|allegations?|remarks?|"
                      r"comments?|statements?|threats?|criticism|demands?|proposals?|rhetoric)\b", re.IGNORECASE)
ANSWER_REACH = 6  # mentions looked back at for the statement a « the accusations » answers
ANSWER = re.compile(r",\s+(?:a|an|the)\s+(?:charge|accusation|claim|allegation|assertion|idea|proposal|suggestion|report|"
                    r"version|move|decision|request|demand)s?\s+(?:that\s+|which\s+)?(?P<who>[A-Z][^,.;:]{0,50}?)\s+"
                    r"(?:\w+ly\s+)?(?=\w)")
TITLES = frozenset("president prime minister foreign defence defense secretary chancellor spokesman spokeswoman "
                   "spokesperson ambassador envoy general gen lt col king queen crown prince princess sheikh emir vice "
                   "deputy senator sen governor gov mayor chief commissioner high representative special "
                   "secretary-general director director-general speaker state of interior finance premier pope "
                   "supreme leader ayatollah mr mrs ms dr chairman chairwoman head".split())
OFFICIAL = re.compile(r"\b(?:official|officials|diplomat|diplomats|source|sources|spokesman|spokeswoman|spokesperson|"
                      r"aide|envoy|officer|minister|ambassador|ministry|department|office|government)\b")
LEADER = re.compile(r"\b(?:president|vice[- ]president|prime minister|premier|chancellor|secretary|king|emir)\b")
"""Posts named with a state's adjective (« the Turkish president »): its holder speaks."""
WARNING_PHRASES = re.compile(r"\bplay(?:s|ed|ing)?\s+with\s+fire\b|\ball\s+necessary\s+measures\b|\bred\s+lines?\b|"
                             r"\bstand\s+idly\s+by\b", re.IGNORECASE)
"""Set phrases of a diplomatic warning."""
POSTED = re.compile(r"(.+?\b(?:embassy|mission|delegation|consulate|ambassador|envoy))\s+(?:in|at|to)\s+(?:the\s+)?[A-Z][^,]*$",
                    re.IGNORECASE)
"""A diplomatic post and where it is posted: the sending state speaks, not the place."""
QUOTED_AS = re.compile(r"\s+(?:was|were|has been|have been|had been|is|are)\s+quoted\s+(?:by\s+[^,.;:]{2,60}?\s+)?"
                       r"as\s+saying\s+(?:that\s+)?", re.IGNORECASE)
"""« X was quoted by state media as saying (that) … »: X speaks, what follows is what was said."""
ANONYMOUS = re.compile(r"\b(?:officials?|diplomats?|sources?|aides?|officers?)\b")
"""Unnamed people who speak for themselves, not for the body they belong to (unlike a spokesman)."""
AUXILIARY_VERBS = ("did", "does", "do", "would", "will", "could", "can", "may", "might", "must", "should")
NEGATION = re.compile(r"(?:\bnot|\bnever|n't)\s+(?:\w+\s+)?$", re.IGNORECASE)  # « did not say », « has never denied »


@dataclass(frozen=True)
class EnglishCue:
    """One form of an English cue: what it matches, its lemma, type and whether the content may retype it."""

    form: str
    lemma: str
    type: str
    neutral: bool


def load_lexicon(directory: Path | None = None) -> tuple[list[EnglishCue], dict[str, str], dict[str, str]]:
    """The English cue forms (longest first), the words that type a plain speech verb's content, and the English
    names of bodies the gazetteer holds in French only (form → gazetteer id)."""
    base = directory or Path(str(resources.files("kg").joinpath("resources/lexicon")))
    cues = [EnglishCue(form.strip().lower(), row["cue"], row["type"], row["neutral"] == "yes")
            for row in _rows(base / "cues_en.tsv") for form in row["forms"].split("|") if form.strip()]
    content = {row["word"].lower(): row["type"] for row in _rows(base / "content_en.tsv")}
    names = {row["form"]: row["id"] for row in _rows(base / "names_en.tsv")}
    return sorted(cues, key=lambda cue: -len(cue.form)), content, names


class EnglishExtractor:
    """Statement mentions of English articles; built once (cue patterns, gazetteer), used for every article."""

    def __init__(self, gazetteer: Gazetteer, directory: Path | None = None) -> None:
        self.gazetteer = gazetteer
        cues, self.content_types, self.names = load_lexicon(directory)
        # a verb's base form counts only after an auxiliary (« did not deny », « would urge »): alone, most are nouns
        base = {cue.lemma: EnglishCue(cue.lemma, cue.lemma, cue.type, cue.neutral) for cue in cues
                if not cue.lemma.startswith("not ")}
        self.cues = {**base, **{cue.form: cue for cue in cues}}
        inflected = "|".join(re.escape(cue.form).replace(r"\ ", r"[\s\"“”]+") for cue in cues)  # (expressed "serious concern")
        bare = "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in sorted(base, key=len, reverse=True))
        after = "|".join(f"(?<=\\b{aux}{link})" for aux in AUXILIARY_VERBS for link in (" not ", "n't ", " never ", " "))
        self.pattern = re.compile(rf"(?<![\w'’-])(?:{inflected}|(?:{after})(?:{bare}))(?![\w'’-])", re.IGNORECASE)

    def lookup(self, text: str) -> Entry | None:
        """The gazetteer entry an English name stands for (the English-only names first)."""
        known = self.names.get(text)
        return self.gazetteer.get(known) if known else self.gazetteer.lookup(text)

    def extract(self, cleaned: CleanText, article: Article) -> list[Mention]:
        """Every statement mention of one article, in text order."""
        reading = _Reading(self, cleaned, article)
        for start, end in sentences(cleaned.text):
            reading.sentence(start, end)
        return reading.mentions


@dataclass
class _Found:
    speaker: str  # the words naming the speaker
    speaker_at: int
    content: tuple[int, int]
    mode: str
    cue: EnglishCue | None
    cue_at: int = -1  # where the cue begins in the text
    more: tuple[int, int] | None = None  # the second half of a quote split by its attribution


class _Reading:
    """One article being read: the people and bodies named so far, for pronouns and surnames."""

    def __init__(self, extractor: EnglishExtractor, cleaned: CleanText, article: Article) -> None:
        self.x, self.cleaned, self.article = extractor, cleaned, article
        self.text = cleaned.text
        self.mentions: list[Mention] = []
        self.people: list[Actor] = []  # persons named so far, last last
        self.last_body: Actor | None = None
        self.last_targets: dict[str, tuple[Target, ...]] = {}
        self.subject: tuple[Target, ...] | None = None  # the article's main actor, found when first needed
        self.quoted: tuple[Actor, int] | None = None  # who was last quoted, and where that sentence ends
        self.genders: dict[str, str] = {}  # person id → "f" or "m", where the text or the gazetteer tells
        self.group: list[Actor] = []  # the last actors named together as a subject (« Russia and China »), for « they »

    # -- one sentence -------------------------------------------------------------------------------
    def sentence(self, start: int, end: int) -> None:
        if self.text[start:end].rstrip().endswith("?"):
            return  # « Did Lavrov say Russia would respond? »: a question reports nothing (a quoted one ends in « " »)
        answer = self._answer(start, end)
        said: list[Actor] = []
        for found in self._find(start, end if answer is None else answer.content[0]):
            for speaker in self.speakers(found.speaker):
                self._add(found, speaker, start, end)
                said.append(speaker)
        if answer is not None and said:
            for speaker in self.speakers(answer.speaker):
                self._add(answer, speaker, start, end, answering=said)
        if not said:
            self._floating(start, end)
            self._note_subject_body(start, end)
        for run in names_in(self.text[start:end]):
            name = self._person_name(run)
            if name is not None:
                person = self._note(name)
                if person is not None:
                    self._note_gender(person, run)
        for speaker in said:  # « …, Lavrov told reporters after talks with Hakan Fidan. He added … »: the speaker goes on
            if speaker.kind == "person":
                self._remember(speaker)

    def _floating(self, start: int, end: int) -> None:
        """A sentence that is all quote, right after a quoted speaker's sentence, goes on with that speaker's words
        (« "…," Zelensky said. "The world must respond." »)."""
        quotes = quote_spans(self.text, start, end)
        if self.quoted is None or not quotes or self.text[self.quoted[1]:start].strip():
            return
        if quotes[0][0] - start > 1 or end - quotes[-1][1] > 2 or len(quotes) > 1:
            return
        speaker = self.quoted[0]
        self._add(_Found(speaker.name, start, trimmed(self.text, quotes[0][0] + 1, quotes[0][1] - 1), "floating", None),
                  speaker, start, end)

    def _note_subject_body(self, start: int, end: int) -> None:
        """« The Kremlin issued a statement on Monday. It said … »: a body that opens a sentence is what « it »
        stands for next, though it has not spoken yet."""
        opening = re.match(r"\s*(?:The\s+)?((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*)", self.text[start:end])
        entry = self.x.lookup(opening.group(1)) if opening else None
        if entry is not None and entry.kind in ("organisation", "state"):
            self.last_body = entry.actor()
        pair = re.match(r"\s*((?:[A-Z][\w.'’-]*\s+){0,2}[A-Z][\w.'’-]*)\s+and\s+((?:the\s+)?(?:[A-Z][\w.'’-]*\s+){0,2}"
                        r"[A-Z][\w.'’-]*)\b", self.text[start:end])
        both = [self.resolve(name) for name in pair.groups()] if pair else []
        if len(both) == 2 and all(both):
            self.group = [actor for actor in both if actor is not None]

    def speakers(self, words: str) -> list[Actor]:
        """The actors a speaker phrase names: each of a list (« Mali, Burkina Faso and Niger »), else one."""
        parts = [part for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", words) if part.strip()]
        if len(parts) > 1 and re.search(r"\s+and\s+", words):  # (« X, the minister, » is one: an apposition)
            found = [self.resolve(part) for part in parts]
            if all(actor is not None for actor in found):
                self.group = list(dict.fromkeys(actor for actor in found if actor is not None))
                return self.group
        if words.strip().lower() == "they" and self.group:
            return self.group  # « Russia and China held talks. They said … »: both
        actor = self.resolve(words)
        return [actor] if actor is not None else []

    def _answer(self, start: int, end: int) -> _Found | None:
        """« …, a charge Paris firmly denied »: an answer, at the end of the sentence, to what it reported."""
        found = ANSWER.search(self.text, start, end)
        if found is None:
            return None
        hit = self.x.pattern.match(self.text, found.end())
        if hit is None:
            return None
        cue = self.x.cues[" ".join(hit.group(0).lower().split())]
        return _Found(found.group("who").strip(), found.start("who"), (found.start() + 1, hit.end()), "indirect", cue, hit.start())

    def _find(self, start: int, end: int) -> Iterator[_Found]:
        text = self.text
        quotes = quote_spans(text, start, end)
        inside = [(a, b) for a, b in quotes]
        hits = [m for m in self.x.pattern.finditer(text, start, end) if not any(a <= m.start() < b for a, b in inside)]
        relay = re.search(r"\baccording to\s+", text[start:end], re.IGNORECASE)
        if not hits and relay is not None:
            yield from self._according(start, end, relay)
            return
        quoted = QUOTED_AS.search(text, start, end) if not hits else None
        if quoted is not None:  # « The embassy was quoted by state media as saying that … »
            subject = self._subject_words(start, quoted.start())
            content = trimmed(text, quoted.end(), end)
            if subject is not None and content[1] - content[0] >= 10:
                inner = [q for q in quotes if content[0] - 1 <= q[0] and q[1] <= content[1] + 1]
                yield _Found(subject[0], subject[1], content, "mixed" if inner else "indirect", None, quoted.start())
            return
        found_here: list[_Found] = []
        tried = 0
        for hit in hits:
            if len(found_here) >= MAX_PER_SENTENCE:
                break  # (no sentence of wire copy holds more; a run-on paragraph of cues would cost time for nothing)
            form = " ".join(hit.group(0).lower().replace('"', " ").replace("“", " ").replace("”", " ").split())
            cue = self.x.cues[form]
            chained = self._chained(hit, cue, found_here[-1], end, quotes) if found_here else None
            if chained is not None:  # « X welcomed the vote and urged Iran to … », « …, adding that … »
                found_here[-1].content = trimmed(text, found_here[-1].content[0], min(found_here[-1].content[1], chained[1]))
                found_here.append(chained[0])
                continue
            if form.endswith("ing") or tried >= 2 or found_here and (
                    found_here[-1].mode == "direct" or found_here[-1].content[1] >= end - 1):
                continue  # a participle only goes on from a statement; a statement to the sentence's end holds the rest
            tried += 1
            patterns = (self._passive(hit, cue, start, end, quotes), self._quote_before(hit, cue, quotes, start, end),
                        self._colon_quote(hit, cue, quotes, start, end), self._closing(hit, cue, start, end, quotes),
                        self._subject(hit, cue, start, end, quotes))
            # the first reading whose speaker is someone (« …, said the delegations would meet » names no one)
            found = next((f for f in patterns if f is not None and self.speakers(f.speaker)), None)
            if found is not None:
                found.cue_at = hit.start()
                found_here.append(found)
        yield from found_here

    def _chained(self, hit: re.Match, cue: EnglishCue, previous: _Found, end: int,
                 quotes: list[tuple[int, int]]) -> tuple[_Found, int] | None:
        """A cue that goes on from the statement before, by its speaker: « … and urged Iran to … » (a verb after
        « and ») or « …, adding that … » (a participle after a comma); with where the statement before now ends."""
        text = self.text
        participle = hit.group(0).lower().endswith("ing")
        if previous.cue is None or previous.mode == "direct" and not (participle and previous.cue_at < hit.start()):
            return None
        if previous.mode != "direct" and not previous.content[0] < hit.start() < previous.content[1]:
            return None
        region = previous.cue_at if previous.mode == "direct" else previous.content[0]
        region = max(region, hit.start() - 20)  # the link is right before the cue: never search further back
        link = re.search(r",\s*(?:while\s+)?$" if participle else r"(?:,\s*|\s+)(?:and|but)\s+(?:also\s+|then\s+|later\s+)?$",
                         text[region:hit.start()])
        if link is None or any(a < hit.start() < b for a, b in quotes):
            return None
        lead = re.match(r"\s*(?:that\s+)?", text[hit.end():end])
        content = trimmed(text, hit.end() + (lead.end() if lead else 0), end)
        if content[1] - content[0] < 2:
            return None
        inner = [q for q in quotes if content[0] - 1 <= q[0] and q[1] <= content[1] + 1]
        chained = _Found(previous.speaker, previous.speaker_at, content, "mixed" if inner else "indirect", cue, hit.start())
        return chained, previous.content[1] if previous.mode == "direct" else region + link.start()

    def _passive(self, hit: re.Match, cue: EnglishCue, start: int, end: int, quotes: list[tuple[int, int]]) -> _Found | None:
        """``The attack was condemned by Brazil``: the agent speaks, about the subject. ``It was announced by the
        Kremlin that …``: the agent speaks, and what follows « that » is what was said."""
        text = self.text
        auxiliary = re.search(r"\b(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?$", text[start:hit.start()])
        agent = re.match(r"(?:\s+on\s+\w+day)?\s+by\s+([^,.;:!?\"“”]{2,80}?)\s*"
                         r"(?=[,.;:!?]|\s+(?:as|for|on|in|at|after|who|which|that)\b|$)", text[hit.end():end])
        if auxiliary is None or agent is None:
            return None
        content = trimmed(text, start, start + auxiliary.start())
        clause = re.match(r"\s*(?:,\s*)?that\s+", text[hit.end() + agent.end():end])
        if clause is not None and text[content[0]:content[1]] in ("It", "it"):  # what was said follows « that »
            content = trimmed(text, hit.end() + agent.end() + clause.end(), end)
        inner = [q for q in quotes if content[0] - 1 <= q[0] and q[1] <= content[1] + 1]
        return _Found(agent.group(1), hit.end() + agent.start(1), content, "mixed" if inner else "indirect", cue)

    def _quote_before(self, hit: re.Match, cue: EnglishCue, quotes: list[tuple[int, int]], start: int, end: int) -> _Found | None:
        """``"…," said X`` / ``"…," X said`` / ``"…," he added``."""
        text = self.text
        before = [q for q in quotes if q[1] <= hit.start()]
        if not before:
            return None
        quote = before[-1]
        between = text[quote[1]:hit.start()]
        after = text[hit.end():end]
        if not re.fullmatch(r"[\s,]*", between):
            words = between.strip(" ,")
            if not re.fullmatch(r"[\s,]*(?:[^,.;:!?\"“”«»]|(?<=\b[A-Z])\.){1,80}\s*", between) or len(words.split()) > SPEAKER_WORDS:
                return None
            return _Found(words, quote[1] + between.index(words), trimmed(text, quote[0] + 1, quote[1] - 1), "direct", cue,
                          more=self._second_half(quotes, hit.end()))
        speaker = re.match(r"\s*([^,.;:!?\"“”]{1,80})", after)
        if speaker is None:
            return None
        return _Found(speaker.group(1).strip(), hit.end() + speaker.start(1), trimmed(text, quote[0] + 1, quote[1] - 1),
                      "direct", cue, more=self._second_half(quotes, hit.end() + speaker.end(1)))

    def _second_half(self, quotes: list[tuple[int, int]], at: int) -> tuple[int, int] | None:
        """The quote that goes on right after the attribution ending at ``at`` (« "We are ready," X said, "but …" »)."""
        following = [q for q in quotes if q[0] >= at]
        if following and re.fullmatch(r"\s*,\s*", self.text[at:following[0][0]]):
            return trimmed(self.text, following[0][0] + 1, following[0][1] - 1)
        return None

    def _colon_quote(self, hit: re.Match, cue: EnglishCue, quotes: list[tuple[int, int]], start: int, end: int) -> _Found | None:
        """``X said: "…"``."""
        text = self.text
        after = [q for q in quotes if q[0] >= hit.end() and re.fullmatch(r"[^,;:.!?\"“”]{0,40}:\s*", text[hit.end():q[0]])]
        if not after:
            return None
        subject = self._subject_words(start, hit.start())
        if subject is None:
            return None
        return _Found(subject[0], subject[1], trimmed(text, after[0][0] + 1, after[0][1] - 1), "direct", cue)

    def _closing(self, hit: re.Match, cue: EnglishCue, start: int, end: int, quotes: list[tuple[int, int]]) -> _Found | None:
        """``…, X said.`` (or ``…, said X.``): the clause before the last comma is what was said."""
        text = self.text
        dateline = DATELINE.match(text, start, end)
        start = dateline.end() if dateline else start  # « MOSCOW (Reuters) - Russia is ready …, X said »
        tail = text[hit.end():end].strip()
        comma = text.rfind(",", start, hit.start())
        if comma < 0 or comma - start < 15:
            return None
        between = text[comma + 1:hit.start()].strip()
        apposed = re.search(r",\s*([A-Z][^,]{1,60}?),\s*(?:the|a|an)\s+[a-z][^,]{1,60}$", text[start:comma]) if not between else None
        if apposed is not None:  # « …, Sergei Lavrov, the foreign minister, said on Monday. »
            between, comma = apposed.group(1), start + apposed.start()
        if between and (len(between.split()) > 8 or not re.search(r"[A-Z]|\b(?:he|she|they|it)\b", between)):
            return None
        if between:  # « …, X said. »
            if re.sub(r"[\s.,]|" + DAYS.pattern, "", tail, flags=re.IGNORECASE):
                return None
            speaker, at = between, text.index(between, comma)
        else:  # « …, said X. » (X ends the sentence; « X, the minister, said … » is a subject)
            named = re.match(r"\s*([^,.;:!?]{1,80}?)(?:,\s*(?:the|a|an)\s+[^,.;:!?]{1,60})?\s*[.!?]?\s*$", text[hit.end():end])
            if hit.group(0).lower() not in INVERTING or named is None or len(named.group(1).split()) > 8 \
                    or re.search(r"\b(?:he|she|they|we|I|it|that|would|will|had|has|was|were)\b", named.group(1)) \
                    or re.search(r"[\"“”]|\b(?!armed\b)[a-z]+ed\b", named.group(1)):
                return None  # (« …, said Canberra opposed "any change" »: a clause follows, not a name)
            speaker, at = named.group(1).strip(), hit.end() + named.start(1)
        inner = [q for q in quotes if start <= q[0] and q[1] <= comma + 1]
        mode = "direct" if inner and inner[0][0] - start < 3 and comma - inner[-1][1] < 3 else ("mixed" if inner else "indirect")
        content = trimmed(text, inner[0][0] + 1, inner[-1][1] - 1) if mode == "direct" else trimmed(text, start, comma)
        return _Found(speaker, at, content, mode, cue)

    def _subject(self, hit: re.Match, cue: EnglishCue, start: int, end: int, quotes: list[tuple[int, int]]) -> _Found | None:
        """``X said (that) …``, ``X urged Y to …``: the words before the cue name the speaker."""
        subject = self._subject_words(start, hit.start())
        if subject is None:
            return None
        content_start = hit.end()
        lead = re.match(r"(?:\s*,)?(?:\s+(?:(?:late|early)\s+)?(?:on\s+)?\w+day)?(?:\s+(?:in|on)\s+an?\s+(?:\w+\s+)?"
                        r"(?:statement|interview|post|briefing))?(?:\s+that)?\s*", self.text[content_start:end])
        content_start += lead.end() if lead else 0
        told = re.match(r"[^,.;:\"“”]{0,50}?\bthat\s+", self.text[content_start:end]) if cue.neutral else None
        if told is not None:  # « told reporters in Georgetown that … »: what was said follows « that »
            content_start += told.end()
        elif cue.lemma == "tell":  # « told reporters he hoped … »: the audience is not what was said
            content_start = self._after_audience(content_start, end)
        content = trimmed(self.text, content_start, end)
        if content[1] - content[0] < 2 and cue.type != "decline":
            return None
        inner = [q for q in quotes if content[0] - 1 <= q[0] and q[1] <= content[1] + 1]
        return _Found(subject[0], subject[1], content, "mixed" if inner else "indirect", cue)

    def _after_audience(self, at: int, end: int) -> int:
        """Where what was told begins, past the audience after « told » and a time or place (« the BBC on Monday »)."""
        text = self.text
        audience = AUDIENCE.match(text, at, end)
        stop = audience.end() if audience else at
        if audience is None:  # a named outlet: « told Reuters », « told the Financial Times »
            words = list(re.finditer(r"[\w.'’&-]+", text[at:min(end, at + 60)]))
            first = 1 if words and words[0].group(0).lower() == "the" else 0
            for size in range(min(4, len(words) - first), 0, -1):
                phrase = " ".join(w.group(0) for w in words[first:first + size])
                entry = self.x.lookup(phrase) if phrase[:1].isupper() else None
                if entry is not None and entry.kind == "media":
                    stop = at + words[first + size - 1].end()
                    break
        if stop == at:
            return at
        when = TOLD_WHEN.match(text, stop, end)
        stop = when.end() if when else stop
        lead = re.match(r"[\s,]*(?:that\s+)?", text[stop:end])
        return stop + (lead.end() if lead else 0)

    def _subject_words(self, start: int, cue_start: int) -> tuple[str, int] | None:
        """The subject before a cue: from the sentence start, or after an opening phrase and its comma."""
        text = self.text
        words = text[start:cue_start]
        dateline = DATELINE.match(words)
        if dateline:  # « MOSCOW, June 3 (Reuters) - Russian Foreign Minister … »
            words, start = words[dateline.end():], start + dateline.end()
        apposition = re.search(r",\s*(?:(?:the|a|an|who|which|whose)\b|[a-z])[^,]*,\s*$", words)
        if apposition is not None and words[:apposition.start()].strip():
            words = words[:apposition.start()]  # « Rafael Grossi, the head of the IAEA, told … »: the name speaks
        words = without_trailing(words, TRAILING_AUXILIARIES)  # « The UK foreign secretary, David Lammy, has said »
        cut = max(words.rfind(", "), words.rfind("; "))
        if cut >= 0 and re.search(r"\band\s+(?:the\s+)?[A-Z]", words[cut:]) and not re.search(r"[;]", words):
            cut = -1  # « Mali, Burkina Faso and Niger accused »: a list of speakers
        if cut >= 0 and not re.search(r"^\s*[^,]*\b(?:spokesman|spokeswoman|spokesperson|minister|president)\s*$", words[cut + 2:]) \
                and words[cut + 2:].strip():
            head = words[:cut].strip()  # « On Tuesday, X said » / « X, the foreign minister, said »
            tail = words[cut + 2:].strip()
            if re.search(r"\b(?:the|a|an)\s+[a-z]", tail) and head and not head.split()[0].lower() in ("on", "in", "after"):
                words = head  # an apposition after the name: the name speaks
            else:
                words, start = tail, start + cut + 2
        words = DAYS.sub("", words)
        kept = [w for w in words.split() if w.lower().strip(",") not in AUXILIARIES]
        if not kept or len(kept) > SPEAKER_WORDS:
            return None
        phrase = " ".join(kept).strip(" ,")
        relative = re.search(r"\b(?:that|which|whom)\s+(?=\S)", phrase)
        if relative is not None:  # « Ukraine shot down drones that Russia said were decoys »: Russia speaks
            kept = phrase[relative.end():].split()
            phrase = " ".join(kept)
        if REDUCED_RELATIVE.fullmatch(phrase):
            return None  # « The deal Iran agreed in 2015 … »: a noun and the clause qualifying it, no subject
        if not kept or not re.search(r"[A-Z]", phrase) and phrase.lower() not in PRONOUNS and not BODY.search(phrase) \
                or self.x.pattern.search(phrase):
            return None  # (« The minister said Russia and Ukraine agreed »: no subject holds a cue)
        return phrase, start + max(text.find(kept[0], start, cue_start) - start, 0)

    def _according(self, start: int, end: int, relay: re.Match) -> Iterator[_Found]:
        """``according to X, …`` / ``…, according to X.``."""
        text = self.text
        at = start + relay.end()
        named = re.match(r"([^,.;:]{1,80})", text[at:end])
        if named is None:
            return
        speaker = named.group(1).strip()
        document = re.match(r"(?:an?|the)\s+(?:\w+\s+)?(?:statement|communiqué|readout|spokesperson|spokesman|spokeswoman|"
                            r"transcript|post|letter)\s+(?:from|by|of|for)\s+", speaker, re.IGNORECASE)
        before = trimmed(text, start, start + relay.start())
        after = trimmed(text, at + named.end(), end)
        if document is not None:  # « according to a statement from Brazil's foreign ministry »: the ministry
            speaker, at = speaker[document.end():], at + document.end()
        content = before if before[1] - before[0] > after[1] - after[0] else after
        if content[1] - content[0] < 10:
            return
        inner = [q for q in quote_spans(text, start, end) if content[0] - 1 <= q[0] and q[1] <= content[1] + 1]
        yield _Found(speaker, at, content, "mixed" if inner else "indirect", None)

    # -- speakers ------------------------------------------------------------------------------------
    def resolve(self, words: str) -> Actor | None:
        """The actor a speaker phrase names: a pronoun, a known name, a descriptor, or a new person."""
        words = re.sub(r"^(?:the|a|an)\s+", "", words.strip(" ,"), flags=re.IGNORECASE)
        posted = POSTED.match(words)
        if posted is not None:  # « the Chinese embassy in Manila » is China's, posted to Manila
            words = posted.group(1)
        lowered = words.lower()
        if lowered in PRONOUNS:
            wanted = PRONOUNS[lowered]
            if wanted == "person":  # the last person named known to be of that gender, else of no known gender
                gender = "f" if lowered == "she" else "m"
                known = [person for person in self.people if self.genders.get(person.id) == gender]
                unknown = [person for person in self.people if person.id not in self.genders]
                return (known or unknown or [None])[-1]
            return self.last_body or (self.people[-1] if wanted == "any" and self.people else None)
        entry = self.x.lookup(words) or self.x.gazetteer.descriptor(words)
        if entry is None and "'s " in words:  # « Russia's foreign ministry »: the state's body
            owner, _, head = words.partition("'s ")
            state = self.x.gazetteer.lookup(owner)
            if state is not None and state.kind == "state":  # (« Russia's Defense Ministry »: the Russian one)
                entry = next((found for form in [state.name_en or state.name, *self.x.gazetteer.adjectives(state.id)]
                              if (found := self.x.gazetteer.descriptor(f"{form} {head}"))), None)
                if entry is None and not names_in(head):
                    entry = state
            elif re.fullmatch(r"(?:\w+\s+)?(?:spokesman|spokeswoman|spokesperson|office|press secretary)", head.strip()):
                # « Macron's spokesman »: whom he speaks for (known, or met before: « Macron » after « Emmanuel Macron »)
                speaks_for = self._note(owner, owner)
                if speaks_for is not None:
                    return speaks_for
        if entry is not None:
            return self._entry(entry)
        names = [name for run in names_in(words) if (name := self._person_name(run))]
        if names:
            name = max(names, key=lambda n: len(n.split()))
            known = self.x.gazetteer.lookup(name)
            if known is not None:
                actor = self._entry(known, role=role_of(words, name))
                self._note_gender(actor, words)
                return actor
            person = self._note(name, words)
            if person is not None:
                return person
        holder = self.x.gazetteer.holder(words, self.article.date)
        if holder is not None:
            return self._entry(holder)
        country = self._country(words) if not names and lowered.split()[-1] in TITLES else None
        earlier = next((p for p in reversed(self.people) if country and p.country == country), None)
        if earlier is not None:  # « …hosted Sergei Lavrov. The Russian minister said … »: the Russian named before
            self._remember(earlier)
            return earlier
        unnamed = ANONYMOUS.search(lowered) is not None and not names
        for run in names_in(words):  # « a Kremlin spokesman », « the U.S. State Department »: the body speaks
            parts = run.split()
            body = next((found for size in range(len(parts), 0, -1) if (found := self.x.lookup(" ".join(parts[-size:])))), None)
            if body is not None and body.kind in ("organisation", "state"):
                if unnamed and body.kind == "organisation":  # « a European diplomat », « an EU official »: one of theirs
                    return Actor(words, f"anonymous-{slug(words)}", "person", affiliation=body.id)
                if unnamed:  # « U.S. officials »: people of that state
                    return Actor(words, f"anonymous-{slug(words)}", "person", country=body.id)
                return self._entry(body)
        leader = LEADER.search(lowered) is not None
        if OFFICIAL.search(lowered) or leader:  # « a senior Turkish official »: someone of that state
            country = self._country(words)
            if country is not None:  # (« the Turkish president », when the gazetteer does not know who holds the post)
                return Actor(words, f"anonymous-{slug(words)}", "person", country=country)
            if not names and not leader:  # « a ministry spokesman »: the body that spoke last
                return self.last_body
        return None

    def _person_name(self, run: str) -> str | None:
        """The name in a run of capitalised words, past the titles, demonyms and possessives before it
        (« Hungary's Prime Minister Viktor Orban » → « Viktor Orban »); a known person is looked up whole first."""
        words = run.split()
        for size in range(min(4, len(words)), 0, -1):
            known = self.x.gazetteer.lookup(" ".join(words[-size:]))
            if known is not None and known.kind == "person":
                return " ".join(words[-size:])
        last = max((i for i, w in enumerate(words) if w.lower().rstrip(".") in TITLES or w.endswith(("'s", "’s"))
                    or self.x.gazetteer.demonym(w) is not None), default=-1)
        name = " ".join(words[last + 1:])
        known = self.x.lookup(name) if name else None
        return name if name and (known is None or known.kind == "person") else None  # « European » names no one

    def _entry(self, entry: Entry, role: str | None = None) -> Actor:
        actor = entry.actor()
        self._known_gender(entry)
        if role and actor.kind == "person":
            actor = Actor(actor.name, actor.id, actor.kind, role, actor.country, actor.qid, actor.affiliation)
        self._remember(actor)
        return actor

    def _remember(self, actor: Actor) -> None:
        if actor.kind == "person":
            self.people = [p for p in self.people if p.id != actor.id] + [actor]
        else:
            self.last_body = actor

    def _note(self, name: str, words: str | None = None) -> Actor | None:
        """A person named in the text: known, met before (« Lavrov » after « Sergei Lavrov »), or new (two words
        or more, not a place or a body)."""
        parts = name.split()
        known = self.x.gazetteer.lookup(name)
        if known is not None:
            if known.kind == "person":
                self._remember(known.actor())
                self._known_gender(known)
            return None if words is None else self._entry(known)
        key = name_key(name)
        surname = len([part for part in parts if part.lower().rstrip("-") not in PARTICLES]) == 1  # « Lavrov », « Al Thani »
        for person in reversed(self.people):
            if name_key(person.name).split()[-1] == key.split()[-1] and (surname or name_key(person.name) == key):
                self._remember(person)
                return person
        for person in reversed(self.people) if surname and len(parts) == 1 else ():  # « Guo » after « Guo Jiakun »
            known_parts = name_key(person.name).split()
            if len(known_parts) > 1 and known_parts[0] == key:  # (the family name first)
                self._remember(person)
                return person
        if len(parts) < 2 or any(self.x.gazetteer.lookup(part) for part in parts if part[0].isupper()):
            return None
        person = Actor(name, f"person-{slug(key)}", "person", role_of(words or "", name), self._country(words or ""))
        self._remember(person)
        self._note_gender(person, words or "")
        return person

    def _known_gender(self, entry: Entry) -> None:
        """A woman, where the gazetteer's French role says so (« présidente de la Commission européenne »)."""
        if entry.kind == "person" and entry.role and FEMININE_ROLES & set(entry.role.lower().split()):
            self.genders.setdefault(entry.id, "f")

    def _note_gender(self, person: Actor, words: str) -> None:
        """« Ms Bruce », « spokeswoman Tammy Bruce »: the words that name a person may tell their gender."""
        found = {TITLE_GENDERS[word] for word in re.findall(r"[a-z]+", words.lower()) if word in TITLE_GENDERS}
        if len(found) == 1:
            self.genders.setdefault(person.id, found.pop())

    def _country(self, words: str) -> str | None:
        """The state a speaker phrase ties someone to: a demonym (« Russian »), or a possessive (« Oman's »)."""
        for word in words.split():
            entry = self.x.gazetteer.demonym(word)
            if entry is None and word.endswith(("'s", "’s")):
                entry = self.x.lookup(word[:-2])
            if entry is not None and entry.kind == "state":
                return entry.id
        return None

    # -- the mention ---------------------------------------------------------------------------------
    def _add(self, found: _Found, speaker: Actor, start: int, end: int, answering: list[Actor] | None = None) -> None:
        text = self.text
        if found.content[1] - found.content[0] < 2 and found.cue is not None:  # « ECOWAS did not respond … »
            found.content = (found.cue_at, found.cue_at + len(found.cue.form))
        relay = re.search(r",\s+according to\b", text[found.content[0]:found.content[1]])
        if relay is not None and found.cue is not None:
            found.content = (found.content[0], found.content[0] + relay.start())
        content_text = text[found.content[0]:found.content[1]].strip()
        if found.more is not None:
            content_text += " " + text[found.more[0]:found.more[1]].strip()
        cue = found.cue
        type_id = cue.type if cue is not None else "declare"
        side = self._side(speaker)
        if cue is None or cue.neutral:
            words = WORD.findall(content_text)
            # a word after another party's possessive says what that party does (« Kyiv's demands are unrealistic »)
            lowered = {word.lower() for index, word in enumerate(words) if not (index and self._others(words[index - 1], side))}
            type_id = next((t for w, t in self.x.content_types.items() if w in lowered), type_id)
            if type_id in ("declare", "cooperate") and WARNING_PHRASES.search(content_text):
                type_id = "warn"  # « playing with fire », « all necessary measures », « a red line »
        negated = cue is not None and cue.type not in ("decline", "consider") and bool(
            NEGATION.search(text[max(start, found.cue_at - 30):max(found.cue_at, start)]))
        # the words naming the speaker, with their apposition (« Penny Wong, who is visiting Jakarta, said »), are not
        # where targets are taken from
        named = (found.speaker_at, found.cue_at) if 0 <= found.speaker_at < found.cue_at else None
        targets = self._targets(found.content, speaker, start, end, named)
        if not answering and ANSWERED.match(content_text) and self.mentions:  # « rejected the accusations »
            answering = [m.speaker for m in self.mentions[-ANSWER_REACH:]
                         if m.speaker.id not in side and m.speaker.country not in side][-1:]
        if answering:  # what is answered is about whoever said it, and the state it speaks for
            answered = [a for a in dict.fromkeys(answering) if a.id != speaker.id]
            states = [e for a in answered if a.kind != "state" and a.country and (e := self.x.gazetteer.get(a.country))]
            first = [Target(a, "about") for a in answered] + [Target(e.actor(), "about") for e in states]
            targets = tuple(dict.fromkeys(first + [t for t in targets if t.actor.id not in {f.actor.id for f in first}]))
        if not targets:  # what the speaker, else the last statement, was about; and what the article is about
            inherited = self.last_targets.get(speaker.id) or self.last_targets.get("", ())
            subjects = [t for t in self._subject_targets() if t.actor.id not in side and t.actor.country not in side]
            inherited += tuple(t for t in subjects[:1] if t not in inherited)  # (the second when the first is its own side)
            targets = tuple(t for t in inherited if t.actor.id not in side and t.actor.country not in side)
        if targets:
            self.last_targets[speaker.id] = self.last_targets[""] = targets
        if cue is not None and cue.lemma == "ask" and found.mode == "direct":
            type_id = "declare"  # « "Why should we negotiate?" Lavrov asked »: a question put, no request
        quote = content_text if found.mode in ("direct", "floating") else None
        if found.mode == "mixed":
            inner = [text[a + 1:b - 1] for a, b in quote_spans(text, *found.content)]
            quote = " … ".join(q.strip() for q in inner) or None
        low = min(start, found.content[0])
        high = max(end, found.content[1])
        span_start, span_end = self.cleaned.original_span(low, high)
        self.quoted = (speaker, end) if found.mode in ("direct", "mixed", "floating") else None
        self.mentions.append(Mention(
            article=self.article.id, date=self.article.date, speaker=speaker, type=type_id, targets=targets,
            cue=cue.lemma if cue is not None else None if found.mode == "floating" else "according to",
            topic=None if found.content[0] <= found.cue_at < found.content[1] else topic_of(content_text), quote=quote,
            content=None if found.mode in ("direct", "floating") else content_text, mode=found.mode, negated=negated,
            hedged=type_id == "consider" or bool(re.search(r"\b(?:may|might|could|possibly|perhaps)\b", content_text)),
            source=None, sentence=Evidence(self.cleaned.original[span_start:span_end], span_start, span_end),
            confidence=0.7 if found.speaker.lower() in PRONOUNS else 0.8))

    def _others(self, word: str, side: set[str]) -> bool:
        """Whether ``word`` is the possessive of a known actor not on the speaker's side (« Kyiv's », « Iran’s »)."""
        if not word.endswith(("'s", "’s")):
            return False
        entry = self.x.lookup(word[:-2])
        return entry is not None and entry.id not in side and entry.country not in side

    def _side(self, speaker: Actor) -> set[str]:
        """The speaker, its state and the body it belongs to (Kaja Kallas: the EU): never its own targets."""
        known = self.x.gazetteer.get(speaker.id)
        return {speaker.id, speaker.country, speaker.affiliation, known.parent if known else None} - {None}

    def _subject_targets(self) -> tuple[Target, ...]:
        """The two states or bodies the article names most (the headline and lead count twice; three times at least),
        most named first, a tie to the one named first; found once per article."""
        if self.subject is None:
            counts: dict[str, int] = {}
            entries: dict[str, Entry] = {}
            lead = self.text.find("\n", self.text.find("\n") + 1)
            for weight, chunk in ((2, self.text[:max(lead, 0)]), (1, self.text)):
                for entry in self._named(chunk):
                    if entry.kind in ("state", "organisation", "group"):
                        counts[entry.id] = counts.get(entry.id, 0) + weight
                        entries[entry.id] = entry
            ranked = sorted((n, -order, i) for order, (i, n) in enumerate(counts.items()) if n >= 3)
            top = [entries[i] for _n, _order, i in reversed(ranked)]
            self.subject = tuple(Target(entry.actor(), "about") for entry in top[:2])
        return self.subject

    def _targets(self, content: tuple[int, int], speaker: Actor, start: int, end: int,
                 skipped: tuple[int, int] | None = None) -> tuple[Target, ...]:
        """The states, bodies and people named in what was said (else in its sentence, outside ``skipped``), not the
        speaker's side."""
        side = self._side(speaker)
        found: dict[str, Target] = {}
        sentence = self.text[start:end]
        if skipped is not None and start <= skipped[0] < skipped[1] <= end:
            sentence = sentence[:skipped[0] - start] + " " * (skipped[1] - skipped[0]) + sentence[skipped[1] - start:]
        for chunk in (self.text[content[0]:content[1]], sentence):
            for entry in self._named(chunk):
                if entry.id not in side and entry.country not in side and entry.kind != "media":
                    found.setdefault(entry.id, Target(entry.actor(), "about"))
            if found:
                break
        return tuple(found.values())

    def _named(self, text: str) -> Iterator[Entry]:
        """Known actors named in ``text``: the longest run of capitalised words the gazetteer knows, or a demonym."""
        words = [(re.sub(r"(?:['’]s)?[.,'’]*$", "", m.group(0)), m.start()) for m in WORD.finditer(text)]  # (« Guyana's »)
        index = 0
        while index < len(words):
            word = words[index][0]
            if not word[:1].isupper():
                index += 1
                continue
            for size in range(min(5, len(words) - index), 0, -1):
                phrase = " ".join(w for w, _ in words[index:index + size])
                if size > 1 and not words[index + size - 1][0][:1].isupper():
                    continue
                entry = self.x.lookup(phrase)
                if entry is None and size == 1:
                    entry = self.x.gazetteer.demonym(phrase)
                if entry is not None:
                    yield entry
                    index += size
                    break
            else:
                index += 1
