"""One way through: articles → cleaned text → spaCy docs (parsed once) → mention records."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from kg import nlp as nlp_module
from kg.extract.lexicon import Lexicon
from kg.extract.statements import StatementExtractor
from kg.extract.targets import TargetFinder
from kg.gazetteer import Gazetteer
from kg.records import Article, Mention
from kg.text import CleanText, clean


@dataclass
class Pipeline:
    """The loaded model, lexicons and gazetteer: built once, used for every article."""

    nlp: Language
    lexicon: Lexicon
    gazetteer: Gazetteer
    extractor: StatementExtractor

    @classmethod
    def load(cls, aliases: Path | None = None, lang: str = "fr", gazetteer: Gazetteer | None = None) -> Pipeline:
        """Load the model and every resource (``gazetteer``: one already loaded with the same ``aliases``).

        Example:
            >>> pipeline = Pipeline.load()
            >>> for article, mentions in pipeline.run([Article("a1", "« Non », a dit Lavrov.")]):
            ...     print(mentions[0].speaker.name)
        """
        nlp = nlp_module.load(lang)
        lexicon = Lexicon.load()
        if gazetteer is None:
            gazetteer = Gazetteer.load(extra=aliases) if aliases else Gazetteer.load()
        extractor = StatementExtractor(lexicon, gazetteer, TargetFinder(nlp, gazetteer))
        return cls(nlp=nlp, lexicon=lexicon, gazetteer=gazetteer, extractor=extractor)

    def run(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[tuple[Article, list[Mention]]]:
        """Parse each article once (``nlp.pipe``) and extract its mentions."""
        pairs = ((cleaned.text, (article, cleaned)) for article, cleaned in _cleaned(articles))
        for doc, (article, cleaned) in nlp_module.parse(self.nlp, pairs, batch_size=batch_size):
            try:
                mentions = self.extractor.extract(doc, cleaned, article)
            except Exception as error:  # one article's bad luck must not stop a batch: report it, go on
                where = article.path or article.id
                print(f"kg: {where}: extraction failed ({type(error).__name__}: {error}); no statements kept for it",
                      file=sys.stderr)
                mentions = []
            yield article, mentions

    def extract_one(self, article: Article) -> list[Mention]:
        """Mentions of a single article."""
        return next(self.run([article]))[1]


def _cleaned(articles: Iterable[Article]) -> Iterator[tuple[Article, CleanText]]:
    for article in articles:
        yield article, clean(article.text)
