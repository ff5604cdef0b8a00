"""Spellings of one name in different transliterations: Sergey and Sergei, Mohammed and Muhammad.

Names written in Latin letters from Cyrillic or Arabic come in several common spellings, and
one record may use one while the next uses another. Matching a name treats the words of each
group below as the same word; nothing stored is changed. The groups are folded words (as
`meetings.text.match_key` gives them); a word belongs to at most one group.
"""

from __future__ import annotations

import functools

GROUPS: tuple[tuple[str, ...], ...] = (
    # Russian given names: -ei/-ey/-ej, -i/-y/-iy, ks/x
    ("sergei", "sergey", "sergej", "serguei", "serghei"),
    ("aleksandr", "alexander", "aleksander", "alexandr"),
    ("alexei", "alexey", "aleksei", "aleksey", "alexej"),
    ("andrei", "andrey", "andrej"),
    ("dmitri", "dmitry", "dmitriy", "dmitrij"),
    ("yuri", "yury", "yuriy", "iouri", "jurij"),
    ("nikolai", "nikolay", "nikolaj"),
    ("yevgeny", "yevgeni", "yevgeniy", "evgeny", "evgeni", "evgeniy"),
    ("anatoli", "anatoly", "anatoliy"),
    ("vitali", "vitaly", "vitaliy"),
    ("valeri", "valery", "valeriy"),
    ("georgi", "georgy", "georgiy"),
    ("gennadi", "gennady", "gennadiy"),
    ("grigori", "grigory", "grigoriy"),
    ("vasili", "vasily", "vasiliy"),
    ("arkadi", "arkady", "arkadiy"),
    ("timofei", "timofey"),
    ("matvei", "matvey"),
    ("mikhail", "mikhael"),
    # Russian and Ukrainian surnames met often in diplomatic records
    ("shoigu", "shoygu"),
    ("zelensky", "zelenskyy", "zelenskiy", "zelenskii"),
    # Arabic given names
    ("muhammad", "mohammad", "mohammed", "mohamed", "muhammed", "mohamad", "mohammod"),
    ("ahmad", "ahmed"),
    ("hussein", "husain", "hussain", "husayn", "hossein"),
    ("hassan", "hasan"),
    ("yusuf", "yousef", "youssef", "yousuf", "yousif"),
    ("abdullah", "abdulla"),
    ("mahmoud", "mahmud", "mahmood"),
    ("omar", "umar"),
)


@functools.cache
def _group_of() -> dict[str, tuple[str, ...]]:
    groups: dict[str, tuple[str, ...]] = {}
    for group in GROUPS:
        for word in group:
            if word in groups:
                raise ValueError(f"{word!r} is in two transliteration groups")
            groups[word] = group
    return groups


def spellings(word: str) -> tuple[str, ...]:
    """Every spelling of a folded word that matching treats as the same word (itself first)."""
    group = _group_of().get(word)
    if group is None:
        return (word,)
    return (word, *(w for w in group if w != word))


def fold(key: str) -> str:
    """A folded name with each word replaced by the first spelling of its group:
    "sergey lavrov" and "sergei lavrov" both give "sergei lavrov"."""
    groups = _group_of()
    return " ".join(groups.get(word, (word,))[0] for word in key.split())
