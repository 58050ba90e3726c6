"""kg.extract.parsed answers as spaCy's own objects do, on the seed articles and on a few odd texts."""

from __future__ import annotations

import gc
import random

import pytest

from kg.extract.parsed import ParsedDoc, reading
from kg.nlp import feature, token_indices
from kg.text import clean

ODD_TEXTS = [
    "",
    "Non.",
    "« Nous sommes solidaires du Venezuela », a déclaré Sergueï Riabkov.\n\n  Le diplomate russe a-t-il ajouté : « Jamais ! »",
    "   Paris  —  Le ministre n'a pas exclu   une réponse… « Voyons », a-t-il dit.\t\nFin",
]


@pytest.fixture(scope="module")
def docs(pipeline, root):
    texts = [clean(path.read_text(encoding="utf-8")).text for path in sorted((root / "data" / "seeds").glob("*.txt"))]
    return list(pipeline.nlp.pipe(texts + ODD_TEXTS))


def same(ours, theirs) -> bool:
    """The same token or span (by position; None for None)."""
    if ours is None or theirs is None:
        return ours is None and theirs is None
    if hasattr(theirs, "start"):
        return (ours.start, ours.end, ours.start_char, ours.end_char, ours.text) == (
            theirs.start, theirs.end, theirs.start_char, theirs.end_char, theirs.text)
    return ours.i == theirs.i


def test_tokens_match_spacy(docs):
    checked = 0
    for doc in docs:
        ours = ParsedDoc(doc)
        assert len(ours) == len(doc) and ours.text == doc.text
        for mine, theirs in zip(ours, doc):
            assert (mine.i, mine.text, mine.lower_, mine.lemma_, mine.pos_, mine.dep_, mine.idx, mine.ent_type_,
                    mine.ent_iob_, mine.is_punct, mine.is_space, mine.is_sent_start, len(mine)) == (
                theirs.i, theirs.text, theirs.lower_, theirs.lemma_, theirs.pos_, theirs.dep_, theirs.idx,
                theirs.ent_type_, theirs.ent_iob_, theirs.is_punct, theirs.is_space, theirs.is_sent_start, len(theirs))
            assert mine.head.i == theirs.head.i and mine.head.doc is ours
            assert [t.i for t in mine.children] == [t.i for t in theirs.children]
            assert [t.i for t in mine.lefts] == [t.i for t in theirs.lefts]
            assert [t.i for t in mine.rights] == [t.i for t in theirs.rights]
            assert [t.i for t in mine.subtree] == [t.i for t in theirs.subtree]
            assert mine.left_edge.i == theirs.left_edge.i
            assert same(mine.sent, theirs.sent)
            for field in ("VerbForm", "Polarity", "Mood", "Gender", "Number"):
                assert feature(mine, field) == tuple(theirs.morph.get(field))
            checked += 1
    assert checked > 1000


def test_sentences_entities_and_spans_match_spacy(docs):
    rng = random.Random(7)
    for doc in docs:
        ours = ParsedDoc(doc)
        assert [(s.start, s.end) for s in ours.sents] == [(s.start, s.end) for s in doc.sents]
        assert [(e.start, e.end, e.label_) for e in ours.ents] == [(e.start, e.end, e.label_) for e in doc.ents]
        for _ in range(200 if len(doc) else 1):
            start, end = rng.randint(-3, len(doc) + 3), rng.randint(-3, len(doc) + 3)
            mine, theirs = ours.span(start, end), doc[start:end]
            assert same(mine, theirs), (start, end)
            assert [t.i for t in ours[start:end]] == [t.i for t in theirs]  # a slice: the span's tokens, as a list
            if len(theirs):
                assert mine.root.i == theirs.root.i
                assert same(mine.sent, theirs.sent)
                assert [t.i for t in mine] == [t.i for t in theirs]
                assert mine[0].i == theirs[0].i and mine[-1].i == theirs[-1].i
                assert same(mine[1:-1], theirs[1:-1])


def test_entities_and_sentences_set_by_hand_match_spacy(pipeline):
    """Entities side by side, at the very start and end, a B without a type, an I that follows no entity (spaCy's
    error, from both); sentences from a hook, from no parse, of one word."""
    import numpy
    from spacy.attrs import ENT_IOB, ENT_TYPE
    from spacy.tokens import Doc, Span

    words = "Paris Berlin et Kiev ont dit non à Moscou".split()
    doc = Doc(pipeline.nlp.vocab, words=words)
    doc.ents = [Span(doc, 0, 1, "LOC"), Span(doc, 1, 2, "LOC"), Span(doc, 3, 4, "LOC"), Span(doc, 8, 9, "ORG")]
    doc[0].is_sent_start = True
    doc[5].is_sent_start = True
    ours = ParsedDoc(doc)
    assert [(e.start, e.end, e.label_) for e in ours.ents] == [(e.start, e.end, e.label_) for e in doc.ents]
    assert [(s.start, s.end) for s in ours.sents] == [(s.start, s.end) for s in doc.sents] == [(0, 5), (5, 9)]
    bare = Doc(pipeline.nlp.vocab, words=words)  # no entities, no sentence starts: spaCy's answer and its error
    assert ParsedDoc(bare).ents == () == bare.ents
    with pytest.raises(ValueError):
        ParsedDoc(bare).sents
    broken = Doc(pipeline.nlp.vocab, words=words)  # an I after an O: spaCy's error, from both
    broken.from_array([ENT_IOB, ENT_TYPE], numpy.array([[2, 0], [1, pipeline.nlp.vocab.strings.add("LOC")]] + [[2, 0]] * 7,
                                                      dtype="uint64"))
    with pytest.raises(ValueError, match="E093"):
        ParsedDoc(broken).ents
    loc = pipeline.nlp.vocab.strings.add("LOC")
    B, I, O, MISSING = 3, 1, 2, 0
    for tags in ([(B, loc), (I, loc), (B, loc), (O, 0), (B, 0), (MISSING, 0), (B, loc), (I, loc), (I, loc)],
                 [(B, 0), (B, loc), (O, 0), (O, 0), (O, 0), (O, 0), (O, 0), (B, loc), (B, loc)],
                 [(I, loc)] + [(O, 0)] * 8, [(B, 0), (I, loc)] + [(O, 0)] * 7):
        tagged = Doc(pipeline.nlp.vocab, words=words)
        tagged.from_array([ENT_IOB, ENT_TYPE], numpy.array(tags, dtype="uint64"))
        try:
            expected = [(e.start, e.end, e.label_) for e in tagged.ents]
        except ValueError as error:
            with pytest.raises(ValueError, match="E093"):
                ParsedDoc(tagged).ents
            assert "E093" in str(error)
        else:
            assert [(e.start, e.end, e.label_) for e in ParsedDoc(tagged).ents] == expected, tags
    one = pipeline.nlp("Non")
    assert [(s.start, s.end) for s in ParsedDoc(one).sents] == [(s.start, s.end) for s in one.sents] == [(0, 1)]
    hooked = Doc(pipeline.nlp.vocab, words=words)
    hooked.user_hooks["sents"] = lambda d: iter([d[0:2], d[2:9]])
    assert [(s.start, s.end) for s in ParsedDoc(hooked).sents] == [(0, 2), (2, 9)]


def test_char_spans_match_spacy(docs):
    rng = random.Random(11)
    for doc in docs:
        ours, length = ParsedDoc(doc), len(doc.text)
        offsets = [t.idx for t in doc] + [t.idx + len(t) for t in doc]
        for _ in range(300 if length else 1):
            start = rng.choice(offsets) + rng.choice((0, 0, -1, 1)) if offsets and rng.random() < 0.7 else rng.randint(-2, length + 2)
            end = start + rng.randint(0, 60)
            for mode in ("strict", "contract", "expand"):
                assert same(ours.char_span(start, end, alignment_mode=mode), doc.char_span(start, end, alignment_mode=mode)), (
                    start, end, mode)


def test_token_scans_read_the_same_words(docs):
    """The whole-document word scan gives the same tokens on a ParsedDoc as on the spaCy Doc."""
    for doc in docs:
        ours = ParsedDoc(doc)
        wanted = lambda text, lemma: lemma in ("dire", "déclarer", "ministre") or text.istitle()  # noqa: E731
        found = token_indices(doc, "test", ("ORTH", "LEMMA"), wanted, {})
        assert token_indices(ours, "test", ("ORTH", "LEMMA"), wanted, {}) == found
        assert found == tuple(t.i for t in doc if wanted(t.text, t.lemma_))
        lowered = lambda lower: lower.startswith("d")  # noqa: E731 (one attribute: keyed by its hash alone)
        verdicts: dict = {}
        found = token_indices(ours, "one", ("LOWER",), lowered, verdicts)
        assert found == token_indices(doc, "one", ("LOWER",), lowered, {}) == tuple(t.i for t in doc if lowered(t.lower_))
        assert all(isinstance(key, int) for key in verdicts)


def test_reading_frees_its_objects_without_the_cycle_collector(docs):
    doc = max(docs, key=len)
    gc.collect()
    for was_enabled in (True, False):
        (gc.enable if was_enabled else gc.disable)()
        try:
            with reading(doc) as view:
                assert not gc.isenabled()
                assert [t.text for t in view] == [t.text for t in doc] and view.sents
                count = len(view)
            assert gc.isenabled() is was_enabled
            assert len(view) == 0 and count > 500
            # what was read held thousands of reference cycles; cut, reference counting freed it all
            assert gc.collect() < 20
        finally:
            gc.enable()


def test_tokens_are_made_once(docs):
    ours = ParsedDoc(docs[0])
    assert ours.spacy is docs[0]
    assert ours[0] is list(ours)[0] and ours[0].head is ours[ours[0].head.i]
    assert ours == ours and ours != ParsedDoc(docs[0]) and len({ours, ParsedDoc(docs[0])}) == 2  # by identity
    assert ours[-1].nbor(-1) is ours[len(ours) - 2]
