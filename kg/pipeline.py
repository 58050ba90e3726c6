"""One way through: articles → cleaned text → spaCy docs (parsed once) → mention records."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from kg import nlp as nlp_module
from kg.extract.english import EnglishExtractor
from kg.extract.lexicon import Lexicon
from kg.extract.statements import StatementExtractor
from kg.extract.targets import TargetFinder
from kg.gazetteer import Gazetteer
from kg.io import in_batches, language_of
from kg.records import Article, Mention
from kg.text import CleanText, clean


@dataclass
class Pipeline:
    """The loaded model, lexicons and gazetteer: built once, used for every article."""

    nlp: Language
    lexicon: Lexicon
    gazetteer: Gazetteer
    extractor: StatementExtractor
    english: EnglishExtractor  # English articles are read by rules, without a parse (kg.extract.english)

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
        return cls(nlp=nlp, lexicon=lexicon, gazetteer=gazetteer, extractor=extractor, english=EnglishExtractor(gazetteer))

    def run(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[tuple[Article, list[Mention]]]:
        """Parse each French article once (``nlp.pipe``) and extract its mentions; read each English one by
        rules. Articles come out in input order."""
        for batch in in_batches(_cleaned(articles), batch_size):
            french = [(cleaned.text, (article, cleaned)) for article, cleaned in batch if language_of(article) != "en"]
            docs = {id(item[1][0]): doc for doc, item in zip(
                (doc for doc, _ in nlp_module.parse(self.nlp, french, batch_size=batch_size)), french)}
            for article, cleaned in batch:
                yield article, self._extract(article, cleaned, docs.get(id(article)))

    def _extract(self, article: Article, cleaned: CleanText, doc: Doc | None) -> list[Mention]:
        try:
            return self.english.extract(cleaned, article) if doc is None else self.extractor.extract(doc, cleaned, article)
        except Exception as error:  # one article's bad luck must not stop a batch: report it, go on
            where = article.path or article.id
            print(f"kg: {where}: extraction failed ({type(error).__name__}: {error}); no statements kept for it",
                  file=sys.stderr)
            return []

    def extract_one(self, article: Article) -> list[Mention]:
        """Mentions of a single article."""
        return next(self.run([article]))[1]


def _cleaned(articles: Iterable[Article]) -> Iterator[tuple[Article, CleanText]]:
    for article in articles:
        yield article, clean(article.text)
