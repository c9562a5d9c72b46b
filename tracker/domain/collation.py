"""Vietnamese alphabetical order: the key to sort names as a Vietnamese reader expects.

Code-point order puts "Đình Lập" after "Yên Bình" and "Bình Gia" before "Bắc Sơn". The
Vietnamese alphabet is a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y; words
compare letter by letter first, and only words equal but for their tones compare by tone
(ngang, huyền, hỏi, ngã, sắc, nặng), then by case.
"""

from __future__ import annotations

import unicodedata

_LETTERS = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {letter: index for index, letter in enumerate(_LETTERS)}
#: combining marks that make a letter of their own (ă â đ ê ô ơ ư)
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
#: tone marks, in the order of the tones
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _split(char: str) -> tuple[str, int]:
    """A character as (its letter without tone, its tone)."""
    if char in "đĐ":
        return "đ", 0
    parts = unicodedata.normalize("NFD", char.lower())
    tone = next((_TONES[m] for m in parts if m in _TONES), 0)
    letter = unicodedata.normalize("NFC", "".join(m for m in parts if m not in _TONES))
    return letter, tone


def vietnamese_key(text: str) -> tuple:
    """The sort key of `text` in Vietnamese alphabetical order."""
    letters, tones = [], []
    for char in unicodedata.normalize("NFC", text.strip()):
        letter, tone = _split(char)
        if letter in _RANK:
            letters.append((0, _RANK[letter]))
        elif letter.isspace():
            letters.append((-1, 0))  # "An Bình" before "Anh"
        else:
            letters.append((1, ord(letter)))
        tones.append(tone)
    return (tuple(letters), tuple(tones), text)


def sorted_vietnamese(items, key=lambda item: item):
    """`items` sorted by `key(item)` in Vietnamese alphabetical order."""
    return sorted(items, key=lambda item: vietnamese_key(key(item)))
