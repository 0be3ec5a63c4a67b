"""
Text search over listings that works for Chinese as well as English.

Chinese has no spaces and a two-character name (张伟) is below pg_trgm's three-character
floor, so each listing stores the CJK unigrams and bigrams of its text (``search_grams``, GIN
indexed on PostgreSQL); a CJK query asks for all of its bigrams with ``@>``. Latin text uses
PostgreSQL full-text search (English) plus trigram ``LIKE`` for partial names. Every CJK run
is also matched with ``LIKE``, which keeps its characters in order. SQLite falls back to
substring matching over ``search_text``.

``search_text`` is stored normalised (NFKC, lower case) so a query normalised the same way can
use a case-sensitive ``LIKE``, which the trigram index serves (``icontains`` wraps the column
in ``UPPER()`` and would not).
"""

import re
import unicodedata
from dataclasses import dataclass

# CJK Unified Ideographs (+ Extension A), and the compatibility block.
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# pg_trgm extracts nothing useful from a shorter pattern: the index would return every row.
TRIGRAM_MIN = 3


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower()


def cjk_grams(text: str) -> list[str]:
    """Unigrams and bigrams of every run of Chinese characters, deduplicated, in order."""
    seen: dict[str, None] = {}
    for run in _CJK_RUN.findall(normalise(text)):
        for i, char in enumerate(run):
            seen.setdefault(char, None)
            if i + 1 < len(run):
                seen.setdefault(run[i : i + 2], None)
    return list(seen)


def query_grams(query: str) -> list[str]:
    """The grams a listing must contain to match a CJK query: its bigrams, or its one character."""
    grams: dict[str, None] = {}
    for run in _CJK_RUN.findall(normalise(query)):
        if len(run) == 1:
            grams.setdefault(run, None)
        for i in range(len(run) - 1):
            grams.setdefault(run[i : i + 2], None)
    return list(grams)


def latin_part(query: str) -> str:
    return " ".join(_CJK_RUN.sub(" ", normalise(query)).split())


@dataclass(frozen=True)
class ParsedQuery:
    """A visitor's query split into what each index can answer."""

    text: str  # normalised, whitespace collapsed
    cjk_runs: tuple[str, ...]  # each run of Chinese characters
    grams: tuple[str, ...]  # every listing that matches holds all of these
    latin: str  # the rest, for full-text search
    latin_words: tuple[str, ...]

    @property
    def trigram_words(self) -> tuple[str, ...]:
        """Latin words long enough for the trigram index; shorter ones rely on full-text."""
        if all(len(word) >= TRIGRAM_MIN for word in self.latin_words):
            return self.latin_words
        return ()

    def __bool__(self) -> bool:
        return bool(self.cjk_runs or self.latin_words)


def parse_query(query: str) -> ParsedQuery:
    text = " ".join(normalise(query).split())
    latin = latin_part(text)
    return ParsedQuery(
        text=text,
        cjk_runs=tuple(dict.fromkeys(_CJK_RUN.findall(text))),
        grams=tuple(query_grams(text)),
        latin=latin,
        latin_words=tuple(dict.fromkeys(latin.split())),
    )


def listing_search_fields(listing) -> tuple[str, list[str]]:
    parts = [listing.stage_name, listing.headline, listing.bio, listing.skills, listing.credits]
    text = normalise(" \n".join(p for p in parts if p))
    return text, cjk_grams(text)
