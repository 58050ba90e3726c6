"""Messy text never breaks extraction: random shuffles of real news words and quote marks."""

from __future__ import annotations

import random
from pathlib import Path

from kg.records import Article

MARKS = ["«", "»", "“", "”", '"', "‹", "›", ":", ",", ".", "\n", "\n\n", "—", "-t-il", "a-t-elle", "qui", "que",
         "selon", "d'après", "Pour", "M.", "Mme", "(", ")", "[", "]"]


def test_shuffled_news_text_is_extracted_without_error(pipeline, capsys) -> None:
    words = " ".join(p.read_text(encoding="utf-8") for p in sorted(Path(__file__).parent.glob("data/dev/*.txt"))).split()
    rng = random.Random(11)
    articles = []
    for number in range(150):
        size = rng.randint(1, 150)
        text = " ".join(rng.choice(words) if rng.random() > 0.25 else rng.choice(MARKS) for _ in range(size))
        articles.append(Article(f"shuffle-{number}", text))
    articles += [Article("marks", "« « « » » »" * 50), Article("cue-only", "a déclaré"), Article("titles", "M. Mme M. a dit.")]
    results = list(pipeline.run(articles))
    assert len(results) == len(articles)
    assert "extraction failed" not in capsys.readouterr().err
    for article, mentions in results:
        for mention in mentions:
            assert article.text[mention.sentence.start:mention.sentence.end] == mention.sentence.text


def test_a_control_character_inside_a_name_does_not_hide_the_speaker(pipeline) -> None:
    text = "« La paix est possible », a affirmé Ottokar\x01Kruger, président de la Syldavie, lundi."
    [mention] = pipeline.extract_one(Article("ctrl", text))
    assert mention.speaker.name == "Ottokar Kruger"
