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

Chinese users type the way they write: Traditional or Simplified characters, or pinyin with or
without tones. Normalising folds Traditional into Simplified (OpenCC's ``t2s``) and drops
Latin accents and tone marks, at index time and at query time alike, so 張偉 finds 张伟 and
"zhāng wěi" is "zhang wei". The pinyin of a listing's *name* (not its biography: every Chinese
word would then match its homophones) is stored in ``search_text`` after the text, spaced and
run together ("zhang wei", "zhangwei"), so partial pinyin ("xiaoyu") finds 林晓雨 through the
same trigram index as any Latin word.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import opencc
from pypinyin import Style, lazy_pinyin

# CJK Unified Ideographs (+ Extension A), and the compatibility block.
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# pg_trgm extracts nothing useful from a shorter pattern: the index would return every row.
TRIGRAM_MIN = 3


# Combining diacritics only (pinyin tones, Latin accents); kana voicing marks are left alone.
_LATIN_MARKS = re.compile(r"[\u0300-\u036f]")
# A pinyin syllable typed with its tone as a digit: "zhang1", "lv4".
_TONE_DIGIT = re.compile(r"\b([a-z\u00fc]+)[1-5]\b")


@lru_cache(maxsize=1)
def _traditional_to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """Traditional characters as Simplified (張偉 -> 张伟); text without CJK is returned as is."""
    if not _CJK_RUN.search(text):
        return text
    return _traditional_to_simplified().convert(text)


def normalise(text: str) -> str:
    """NFKC, lower case, Simplified characters, no accents or tone marks on Latin letters."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = _LATIN_MARKS.sub("", unicodedata.normalize("NFD", text))
    return simplified(unicodedata.normalize("NFC", text))


def name_pinyin(name: str) -> list[str]:
    """Each Chinese run of a name in toneless pinyin, spaced and run together, deduplicated."""
    keys: dict[str, None] = {}
    for run in _CJK_RUN.findall(normalise(name)):
        syllables = lazy_pinyin(run, style=Style.NORMAL, v_to_u=True)
        syllables = [normalise(syllable) for syllable in syllables]
        keys.setdefault(" ".join(syllables), None)
        keys.setdefault("".join(syllables), None)
    return list(keys)


def name_matches(name: str, query: str) -> bool:
    """Whether every word of ``query`` is in the name as written, simplified, or in pinyin."""
    haystack = "\n".join([normalise(name), *name_pinyin(name)])
    parsed = parse_query(query)
    parts = (*parsed.cjk_runs, *parsed.latin_words)
    return bool(parts) and all(part in haystack for part in parts)


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
    text = " ".join(_TONE_DIGIT.sub(r"\1", normalise(query)).split())
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
    grams = cjk_grams(text)
    pinyin = name_pinyin(listing.stage_name)
    if pinyin:
        text = f"{text}\n{' / '.join(pinyin)}"
    return text, grams
