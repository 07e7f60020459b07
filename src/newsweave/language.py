"""Language: which language a text is written in, from stop-word counts.

A cheap heuristic, no model: English against a few common European languages by their
stop words; a text written mostly in another script (Cyrillic, Greek, Arabic, Hebrew,
Devanagari, Thai, Chinese, Japanese, Korean) by that script. Latin-script texts shorter
than a dozen words, or with too few stop words, are not guessed (``""``).
Ingest uses it to skip articles outside ``settings.languages``; cleaning uses it to
set aside sentences of another language inside an article (a German helpline notice at
the end of an English report).
"""

from __future__ import annotations

import re

__all__ = ["guess_language", "script_language", "stopword_counts"]


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_STOPWORDS: dict[str, frozenset[str]] = {
    "en": _wordset(
        "the of and to in is that for it was on with as he she by at from his her be have "
        "are were has had this said not but which they their an or will would who been "
        "i you we my me our your did do could can so what there about if just when"
    ),
    "de": _wordset(
        "der die das und ist nicht mit sich des auf für ein eine dem den zu von im auch "
        "wird sind noch nach bei aus wie oder hat wurde über"
    ),
    "fr": _wordset(
        "le la les et des est un une du dans pour que qui sur pas au avec par il elle "
        "sont ont été aux ce cette mais plus ses leur"
    ),
    "es": _wordset(
        "el la los las y de que en un una por con para es del se al su sus como más "
        "pero fue ha han este esta sobre"
    ),
    "it": _wordset(
        "il lo la gli le di che è per un una del della dei con non sono alla nel anche "
        "come più ma ha ai dal sul"
    ),
    "pt": _wordset(
        "o a os as e de que em um uma para com não do da dos das no na por mais foi "
        "são ao pelo pela como mas"
    ),
    "nl": _wordset(
        "de het een en van is dat op te in voor niet met zijn er aan ook als bij door "
        "maar om nog werd wordt heeft"
    ),
    "pl": _wordset(
        "i w na z się nie do to że jest o jak po co od za przez oraz dla jego ale już "
        "tym być może są które został"
    ),
}
# stop word -> the languages it is a stop word of
_STOP_LANGS: dict[str, tuple[str, ...]] = {}
for _lang, _words in _STOPWORDS.items():
    for _w in _words:
        _STOP_LANGS[_w] = (*_STOP_LANGS.get(_w, ()), _lang)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_MIN_WORDS_FOR_GUESS = 12


# Unicode ranges of scripts other than Latin, and the language a news text in that script
# most likely is (refined below for Ukrainian, Persian and Japanese).
_SCRIPTS: tuple[tuple[str, str], ...] = (
    ("\u0400-\u04ff", "ru"),
    ("\u0370-\u03ff", "el"),
    ("\u0600-\u06ff\u0750-\u077f", "ar"),
    ("\u0590-\u05ff", "he"),
    ("\u0900-\u097f", "hi"),
    ("\u0e00-\u0e7f", "th"),
    ("\u3040-\u30ff", "ja"),
    ("\uac00-\ud7af\u1100-\u11ff", "ko"),
    ("\u4e00-\u9fff\u3400-\u4dbf", "zh"),
)
_SCRIPT_RES = tuple((re.compile(f"[{r}]"), code) for r, code in _SCRIPTS)
_ANY_SCRIPT = re.compile("[" + "".join(r for r, _code in _SCRIPTS) + "]")
_LETTER = re.compile(r"[^\W\d_]")
_MIN_SCRIPT_LETTERS = 4


def script_language(sample: str) -> str:
    """The language of a text written mostly in a non-Latin script, else ``""``."""
    # Most texts have no letter of these scripts at all: one scan says so (ingest asks
    # this of every entry of a feed).
    if sample.isascii():
        return ""
    other = len(_ANY_SCRIPT.findall(sample))
    if not other:
        return ""
    letters = len(_LETTER.findall(sample))
    if letters < _MIN_SCRIPT_LETTERS or other < 0.5 * letters:
        return ""
    counts = {code: len(rx.findall(sample)) for rx, code in _SCRIPT_RES}
    if counts["ja"]:  # kana: Japanese, whatever share of its letters are Chinese characters
        counts["ja"] += counts.pop("zh")
    code, n = max(counts.items(), key=lambda kv: kv[1])
    if n < 0.5 * letters:
        return ""
    if code == "ru" and re.search("[іїєґІЇЄҐ]", sample):
        return "uk"
    if code == "ar" and re.search("[پچژگ]", sample):
        return "fa"
    return code


_URL = re.compile(r"\b(?:https?://|www\.)\S+")
# A guess that overrules a document's declared language must be clear: this many stop
# words at least, and this many times those of the runner-up ("a", "as", "no", "do" are
# English words too, and "com" is in every URL).
SURE_HITS = 5
SURE_RATIO = 2.0


def guess_language(text: str, sure: bool = False) -> str:
    """ISO 639-1 code of ``text``'s language, ``""`` if unsure.

    A cheap heuristic: the script, for a text written mostly in one other than Latin;
    else stop-word counts, telling English from a few common European languages (texts
    shorter than a dozen words, or with too few stop words, are not guessed). With
    ``sure``, a Latin-script guess needs ``SURE_HITS`` stop words, ``SURE_RATIO`` times
    the runner-up's, and web addresses are left out: a guess strong enough to overrule
    what a feed declares.
    """
    script = script_language(text[:5000])
    if script:
        return script
    sample = text[:5000]
    if sure and ("://" in sample or "www." in sample):
        sample = _URL.sub(" ", sample)
    words = _WORD.findall(sample.lower())
    if len(words) < _MIN_WORDS_FOR_GUESS:
        return ""
    scores = dict.fromkeys(_STOPWORDS, 0)
    for w in words:
        for lang in _STOP_LANGS.get(w, ()):
            scores[lang] += 1
    lang, best = max(scores.items(), key=lambda kv: kv[1])
    if best < max(SURE_HITS if sure else 3, 0.08 * len(words)):
        return ""
    second = max(v for k, v in scores.items() if k != lang)
    return lang if best >= (SURE_RATIO if sure else 1.3) * second else ""


def stopword_counts(text: str, first: str = "", enough: int = 2) -> dict[str, int]:
    """How many different stop words of each known language ``text`` uses.

    With ``first``, that language is counted first, and if it reaches ``enough`` the
    others are not counted (a sentence plainly in its article's language: the usual case).
    """
    words = set(_WORD.findall(text[:5000].lower()))
    if first in _STOPWORDS:
        own = len(words & _STOPWORDS[first])
        if own >= enough:
            return {first: own}
    return {lang: len(words & sw) for lang, sw in _STOPWORDS.items()}
