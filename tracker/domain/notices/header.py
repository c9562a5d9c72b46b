"""The notice's header: issuer, number, date, title and kind."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .patterns import vre
from .text import collapse, fold_aligned, is_upper_line, sentence_case

_COLUMNS = re.compile(r" {3,}")
_NUMBER = re.compile(r"\b(?:Số|SỐ|số)\s*:?\s*(?P<n>\d+[\w.]*(?:\s*[/-]\s*[\w.Đđ&]+)+)")
_ISSUED = re.compile(
    r"[^\W\d_][^,\n]{0,30},\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
)
_WEB_ISSUED = re.compile(r"Ngày\s+(\d{1,2})/(\d{1,2})/(\d{4}),[^.\n]{0,80}?ban hành")
_KIND_WORDS = {
    "thông báo": "thong_bao",
    "chỉ thị": "chi_thi",
    "kế hoạch": "ke_hoach",
    "quyết định": "quyet_dinh",
    "công văn": "cong_van",
    "công điện": "other",
    "kết luận": "thong_bao_ket_luan",
    "báo cáo": "other",
    "tờ trình": "other",
}
_KIND_BY_FOLD = {fold_aligned(k): v for k, v in _KIND_WORDS.items()}
_KIND_CODES = {
    "TB": "thong_bao",
    "CT": "chi_thi",
    "KH": "ke_hoach",
    "QĐ": "quyet_dinh",
    "QD": "quyet_dinh",
    "CV": "cong_van",
    "KL": "thong_bao_ket_luan",
    "CĐ": "other",
}
_ISSUANCE = re.compile(
    r"(?:(?P<issuer>(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Tỉnh ủy|Tỉnh uỷ|Văn phòng UBND)\s+"
    r"(?:tỉnh|thành phố|huyện)\s+[A-ZĐÀ-Ỹ][^\s,]*(?:\s+[A-ZĐÀ-Ỹ][^\s,]*)*)\s+)?(?:vừa\s+|đã\s+)?"
    r"ban hành\s+(?P<kind>Thông báo|Chỉ thị|Kế hoạch|Công văn|Quyết định|Kết luận)\s+số\s*:?\s*"
    r"(?P<n>\S+)(?:\s+ngày\s+(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4}))?\s+"
    r"(?P<subject>[^;.\n]+)"
)
_MOTTO = vre(r"^(?:cộng hòa|độc lập|đảng cộng sản|\*|-+$)")
_LEVEL_SINGLE = {fold_aligned(w) for w in ("tỉnh", "huyện", "xã", "quận", "phường", "phố", "trấn")}
_NUMBER_LINE = re.compile(r"\s*(?:Số|SỐ|số)\b")
_VV = re.compile(r"^(?:V/v|v/v|Về việc)\s*:?\s*(?P<s>.+)")
#: Patterns under search() never start with a bare ``\s*``: on a run of blanks that is quadratic.
_ACRONYM_PARENS = re.compile(r"(?<!\s)\s*\([A-ZĐ&]{2,}\)")
_REPEAT = re.compile(r"\b(\w+(?:\s+\w+)?)\s+\1\b", re.IGNORECASE)
_PROPER = (
    "Ban Thường vụ Tỉnh ủy",
    "Ban Chấp hành Đảng bộ tỉnh",
    "Tỉnh ủy",
    "UBND tỉnh",
    "HĐND tỉnh",
    "Thủ tướng Chính phủ",
    "Chính phủ",
    "Quốc hội",
    "Bộ Chính trị",
    "Ban Bí thư",
    "Chủ tịch",
    "Phó Chủ tịch",
    "Hội nghị",
    "Chương trình",
    "Đảng bộ",
)


@dataclass(frozen=True)
class Header:
    """What the first lines of a notice say about it."""

    issuer: str | None
    number: str | None
    issued_on: date | None
    year: int | None
    title: str | None
    kind: str
    body_start: int
    #: The "Kính gửi" list, as written: who "các cơ quan, đơn vị" in the body are.
    addressees: str = ""


def _left(line: str) -> str:
    return _COLUMNS.split(line.strip())[0].strip() if line.strip() else ""


def parse_header(lines: list[str], proper_names: tuple[str, ...] = ()) -> Header:
    """Read the header of a notice from its lines (only the first ones are looked at)."""
    top = lines[:30]
    joined = "\n".join(lines)
    number, number_line = _find_number(top)
    issuance = _ISSUANCE.search(joined)
    if number is None and issuance:
        number = issuance.group("n").rstrip(",;.")
    issued_on = _find_issued(top, joined) or _issuance_date(issuance)
    issuer = _find_issuer(top, number_line) or _issuance_issuer(issuance, top)
    kind, title, title_end = _find_title(top, issuance, proper_names)
    if kind == "other" and number:
        kind = _kind_from_number(number)
    if kind == "thong_bao" and title and "kêt luân" in fold_aligned(title):
        kind = "thong_bao_ket_luan"
    year = issued_on.year if issued_on else _year_in(number) or _year_in(title)
    # A number cited inside a sentence ("(Theo Công văn số 6202/UBND-KT ...)", "Tại Nghị quyết số
    # 230/NQ-CP ...") is not the header's "Số:" line: the body does not start after it.
    header_line = number_line if number_line >= 0 and _NUMBER_LINE.match(lines[number_line]) else -1
    after_addressees, addressees = _addressees(lines, max(title_end, header_line + 1))
    body_start = max(title_end, after_addressees)
    return Header(issuer, number, issued_on, year, title, kind, body_start, addressees)


def _find_number(top: list[str]) -> tuple[str | None, int]:
    for i, line in enumerate(top):
        match = _NUMBER.search(line)
        if match and not line.strip().lower().startswith(("căn cứ", "thực hiện")):
            return re.sub(r"\s+", "", match.group("n")).rstrip(".,;"), i
    return None, -1


def _find_issued(top: list[str], joined: str) -> date | None:
    for match in [_ISSUED.search("\n".join(top)), _WEB_ISSUED.search(joined)]:
        if match:
            try:
                return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
            except ValueError:
                continue
    return None


def _issuance_date(issuance: re.Match[str] | None) -> date | None:
    if not issuance or not issuance.group("y"):
        return None
    try:
        return date(int(issuance.group("y")), int(issuance.group("m")), int(issuance.group("d")))
    except ValueError:
        return None


def _find_issuer(top: list[str], number_line: int) -> str | None:
    block: list[str] = []
    for line in top[: number_line if number_line > 0 else 6]:
        left = _left(line)
        if not left or _MOTTO.match(fold_aligned(left)) or not is_upper_line(left):
            if block:
                break
            continue
        block.append(left)
    if not block:
        return None
    level_at = next(
        (i for i, b in enumerate(block) if set(fold_aligned(b).split()) & _LEVEL_SINGLE), None
    )
    if level_at is not None and level_at < len(block) - 1:
        block = block[level_at + 1 :] + block[: level_at + 1]
    return _format_issuer(" ".join(block))


def _format_issuer(text: str) -> str:
    text = re.sub(r"(?i)\b(?:ủy|uỷ) ban nhân dân\b", "UBND", text)
    words = text.split()
    out: list[str] = []
    place = False
    for i, word in enumerate(words):
        folded, nxt = fold_aligned(word), fold_aligned(words[i + 1]) if i + 1 < len(words) else ""
        plain = word.lower() if out else word.capitalize()
        if word in ("UBND", "HĐND", "MTTQ"):
            out.append(word)
        elif place:
            out.append(word.capitalize())
        else:
            out.append(plain)
            is_level = folded in _LEVEL_SINGLE and nxt != "uy"
            place = is_level or (folded == "uy" and len(out) > 1)
    return " ".join(out)


def _issuance_issuer(issuance: re.Match[str] | None, top: list[str]) -> str | None:
    if not issuance:
        return None
    if not issuance.group("issuer"):
        return _portal_issuer(issuance, top)
    return re.sub(r"^(?:Ủy|Uỷ) ban nhân dân", "UBND", issuance.group("issuer"))


_BARE_GOVERNMENT = re.compile(r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(tỉnh|thành phố)\s*$")
_PORTAL_PLACE = re.compile(r"\b(tỉnh|thành phố)\s+([A-ZĐÀ-Ỹ][^\s,.]*(?:\s+[A-ZĐÀ-Ỹ][^\s,.]*)*)")


def _portal_issuer(issuance: re.Match[str], top: list[str]) -> str | None:
    """ "UBND tỉnh ban hành ..." on a portal whose name says which province."""
    before = issuance.string[max(0, issuance.start() - 40) : issuance.start() + 40]
    level = _BARE_GOVERNMENT.search(before.split("ban hành")[0].rstrip())
    if not level:
        return None
    for line in top[:5]:
        place = _PORTAL_PLACE.search(line)
        if place and place.group(1) == level.group(1):
            return f"UBND {place.group(1)} {place.group(2)}"
    return None


def _find_title(
    top: list[str], issuance: re.Match[str] | None, proper: tuple[str, ...]
) -> tuple[str, str | None, int]:
    for i, line in enumerate(top):
        left = _left(line)
        kind = _KIND_BY_FOLD.get(fold_aligned(left).strip(" :"))
        if kind and (is_upper_line(left) or left == left.strip()):
            subject, end = _block_after(top, i + 1)
            if subject:
                return kind, _compose(left, subject, proper), end
    for i, line in enumerate(top):
        match = _VV.match(_left(line))
        if match:
            return "cong_van", "Công văn về việc " + match.group("s").strip(), i + 1
    if issuance:
        return _KIND_WORDS[issuance.group("kind").lower()], _from_issuance(issuance), 0
    return "other", _page_title(top), 0


def _block_after(top: list[str], start: int) -> tuple[list[str], int]:
    parts: list[str] = []
    i = start
    while i < len(top) and top[i].strip() and len(parts) < 4:
        parts.append(_left(top[i]))
        i += 1
    return parts, i


def _compose(kind_word: str, lines: list[str], proper: tuple[str, ...]) -> str:
    kind_text = kind_word.strip(" :").capitalize()
    shouted = any(is_upper_line(line) for line in lines)
    subject = " ".join(sentence_case(x) if is_upper_line(x) else x for x in lines)
    if shouted:
        subject = _restore_case(subject, proper)
    return f"{kind_text} {_lower_first(subject)}"


def _restore_case(text: str, proper: tuple[str, ...]) -> str:
    for phrase in sorted(set(proper) | set(_PROPER), key=len, reverse=True):
        pattern = re.compile(r"\b" + re.escape(fold_aligned(phrase)).replace("\\ ", r"\s+") + r"\b")
        for match in reversed(list(pattern.finditer(fold_aligned(text)))):
            text = text[: match.start()] + phrase + text[match.end() :]
    return text


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    if first.isupper() and len(first) > 1:
        return text
    return text[:1].lower() + text[1:]


def _from_issuance(issuance: re.Match[str]) -> str:
    kind = issuance.group("kind")
    subject = issuance.group("subject").strip()
    subject = re.sub(rf"^(?:{kind}\s+|về\s+(?!việc))", "", subject, flags=re.IGNORECASE)
    subject = _REPEAT.sub(r"\1", subject)
    subject = _ACRONYM_PARENS.sub("", subject)
    return collapse(f"{kind} {subject}")


def _page_title(top: list[str]) -> str | None:
    for line in top:
        left = line.strip()
        if fold_aligned(left).startswith(tuple(_KIND_BY_FOLD)) and len(left.split()) >= 4:
            return collapse(left)
    return None


def _kind_from_number(number: str) -> str:
    parts = re.split(r"[/-]", number)
    for part in parts[1:]:
        if part.upper() in _KIND_CODES:
            return _KIND_CODES[part.upper()]
    return "cong_van" if len(parts) >= 2 and parts[1].upper() in {"UBND", "VP", "SNV"} else "other"


def _year_in(text: str | None) -> int | None:
    years = re.findall(r"\b(19\d{2}|20\d{2})\b", text or "")
    return int(years[-1]) if years else None


def _addressees(lines: list[str], start: int) -> tuple[int, str]:
    """Where the body starts after the "Kính gửi" list, and the list's text."""
    for i in range(start, min(len(lines), start + 12)):
        line = lines[i].strip()
        if fold_aligned(line).startswith("kinh gưi"):
            listed = [line.split(":", 1)[1] if ":" in line else ""]
            j = i + 1
            while j < len(lines) and lines[j].strip()[:1] in "-+•":
                listed.append(lines[j].strip().lstrip("-+• "))
                j += 1
            return j, "; ".join(x.strip() for x in listed if x.strip())
    return start, ""
