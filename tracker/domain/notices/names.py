"""Agency names the registry does not know, read from their head noun ("Sở Ngoại vụ")."""

from __future__ import annotations

from .agencies import Mention
from .patterns import STOP_RE, alternation, vre
from .text import WORD_RE, fold_aligned

HEADS = vre(
    r"(?:các\s+)?"
    + alternation(
        [
            "sở",
            "ban",
            "ủy ban",
            "ubnd",
            "công an",
            "bộ chỉ huy",
            "hội",
            "cục",
            "chi cục",
            "trung tâm",
            "văn phòng",
            "phòng",
            "đài",
            "báo",
            "trường",
            "bệnh viện",
            "kho bạc",
            "ngân hàng",
            "công ty",
            "tổng công ty",
            "tòa án",
            "viện kiểm sát",
            "thanh tra",
            "liên đoàn",
            "đảng đoàn",
            "ban cán sự",
            "tỉnh đoàn",
            "mặt trận",
            "hđnd",
            "chủ đầu tư",
            "đoàn",
            "huyện ủy",
            "thành ủy",
            "thị ủy",
            "tỉnh ủy",
            "bảo hiểm xã hội",
            "cảng vụ",
        ]
    )
    + r"\b"
)
_NOT_AGENCY = vre(
    r"(?:hội (?:nghị|thảo|thi|diễn|chợ|viên)|ban hành|phòng (?:chống|ngừa|tránh)"
    r"|đoàn (?:kiểm tra|công tác|viên|kết)|báo cáo|báo chí|trường hợp|sở hữu"
    r"|ban đêm|công ty con)\b"
)


#: Words that end a name unless a level word ("tỉnh", "huyện") closes the name further on:
#: "Ban Quản lý dự án đầu tư xây dựng công trình dân dụng và công nghiệp tỉnh".
_SOFT_STOPS = frozenset(
    fold_aligned(w)
    for w in ("quản lý", "xây dựng", "và", "kiểm tra", "giám sát", "thẩm định", "về")
)
#: Nouns whose last word reads like a verb of the stop list ("trình").
_NOUN_COMPOUNDS = frozenset({fold_aligned("công trình")})
_LEVEL_END = vre(r"(?:tỉnh|huyện|thành phố|thị xã|quận|xã|phường|thị trấn)\b")


def unmatched_at(text: str, folded: str, lower: str, pos: int) -> Mention | None:
    """Read an unregistered agency name starting at pos, or None if none starts there."""
    head = HEADS.match(folded, pos)
    if not head or _NOT_AGENCY.match(folded, pos):
        return None
    first = text[pos : pos + 1]
    if not first.isupper() and "chu dâu tư" not in head.group():
        return None
    end, stopped_softly = head.end(), False
    for word in WORD_RE.finditer(folded, head.end()):
        gap = folded[end : word.start()]
        if gap.strip(" -&/"):
            break
        stop = STOP_RE.match(lower, word.start())
        if stop and _joins_name(text, folded, stop.group(), stop.end()):
            end = word.end()
            continue
        if stop and not (end == head.end() and text[word.start()].isupper()):
            stopped_softly = fold_aligned(stop.group()) in _SOFT_STOPS
            break
        end = word.end()
        if len(folded[pos:end].split()) >= 12:
            break
    if stopped_softly:
        end = _closing_level(text, folded, lower, pos, end)
    return Mention(text[pos:end], (), None, True, (pos, end))


_AND = fold_aligned("và")
_NEXT_WORD = vre(r"\s+(?P<w>\w)")


def _joins_name(text: str, folded: str, stop: str, after: int) -> bool:
    """ "và" + a capital that starts no new agency: "Sở Kế hoạch và Đầu tư" is one name."""
    nxt = _NEXT_WORD.match(folded, after)
    return (
        fold_aligned(stop) == _AND
        and nxt is not None
        and text[nxt.start("w")].isupper()
        and not HEADS.match(folded, nxt.start("w"))
    )


def _closing_level(text: str, folded: str, lower: str, pos: int, end: int) -> int:
    """Extend a name over soft stops to a level word that ends it, if one comes soon."""
    last_level = end
    for word in WORD_RE.finditer(folded, end):
        if folded[end : word.start()].strip(" -&/") or len(folded[pos : word.end()].split()) > 18:
            break
        if word.start() > end and HEADS.match(folded, word.start()):
            break
        stop = STOP_RE.match(lower, word.start())
        compound = folded[max(0, word.start() - 5) : word.end()] in _NOUN_COMPOUNDS
        if stop and fold_aligned(stop.group()) not in _SOFT_STOPS and not compound:
            break
        end = word.end()
        if _LEVEL_END.fullmatch(folded, word.start(), word.end()):
            last_level = end
    return last_level
