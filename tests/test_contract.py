"""The mention record contract on every mention extracted from data/."""

from __future__ import annotations

import json

from kg.records import ACTOR_KINDS, MODES, TARGET_ROLES, Mention
from kg.types import TYPE_IDS

KEYS = ["article", "date", "speaker", "type", "targets", "cue", "topic", "quote", "content", "mode",
        "negated", "hedged", "source", "sentence", "confidence"]


def test_every_mention_keeps_the_contract(pipeline_mentions, data_articles) -> None:
    texts = {article.id: article.text for article in data_articles}
    assert len(pipeline_mentions) > 80
    for mention in pipeline_mentions:
        record = mention.to_dict()
        assert list(record) == KEYS
        sentence = record["sentence"]
        assert texts[record["article"]][sentence["start"]:sentence["end"]] == sentence["text"]
        assert record["type"] in TYPE_IDS and record["mode"] in MODES
        assert record["speaker"]["kind"] in ACTOR_KINDS and record["speaker"]["name"] and record["speaker"]["id"]
        for target in record["targets"]:
            assert target["kind"] in ACTOR_KINDS and target["role"] in TARGET_ROLES
            assert target["id"] != record["speaker"]["id"]
        assert record["source"] is None or record["source"]["kind"] == "media"
        assert 0 < record["confidence"] <= 1
        if record["topic"] is not None:
            assert 1 <= len(record["topic"].split()) <= 4
        assert isinstance(record["negated"], bool) and isinstance(record["hedged"], bool)
        # the record reads back to the same mention
        assert Mention.from_dict(json.loads(json.dumps(record))).to_dict() == record


def test_dates_come_from_the_input(pipeline_mentions) -> None:
    dated = {m.article: m.date for m in pipeline_mentions if m.article.startswith("s0") and m.date}
    assert dated == {"s07_dated_minister": "2025-03-14", "s08_dated_secretary_general": "2025-06-20"}
    assert all(m.date is None for m in pipeline_mentions if m.article.startswith("0"))


def test_every_quote_and_content_lies_in_the_sentence(pipeline_mentions) -> None:
    def squeeze(text: str) -> str:  # clean-up changes spaces and apostrophes only
        return "".join(text.replace("’", "'").split())

    for mention in pipeline_mentions:
        for part in (mention.content, *(mention.quote or "").split(" … ")):
            if part:
                assert squeeze(part)[:30] in squeeze(mention.sentence.text)
