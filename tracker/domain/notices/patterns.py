"""Regular expressions written in plain Vietnamese and compiled against folded text."""

from __future__ import annotations

import re

from .text import fold_aligned


def vre(pattern: str) -> re.Pattern[str]:
    """Compile a pattern written with Vietnamese diacritics to match folded text.

    Patterns must use only lower-case escapes (\\s, \\d, \\b, \\w): folding lower-cases them.
    """
    folded = fold_aligned(pattern).replace("(?p<", "(?P<").replace("(?p=", "(?P=")
    return re.compile(folded)


def alternation(phrases: list[str] | tuple[str, ...]) -> str:
    """Return a regex alternation of phrases, longest first, written in Vietnamese."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(p).replace("\\ ", r"\s+") for p in ordered) + ")"


#: Phrases that end an unregistered agency name: the verbs of assignments and a few linkers.
#: Matched against lower-cased text with its tones: folded, "từ" would stop "Sở Tư pháp".
STOP_RE = re.compile(
    alternation(
        [
            "chủ trì",
            "phối hợp",
            "thực hiện",
            "tổ chức",
            "triển khai",
            "tham mưu",
            "xây dựng",
            "hướng dẫn",
            "kiểm tra",
            "báo cáo",
            "chỉ đạo",
            "theo dõi",
            "đôn đốc",
            "nghiên cứu",
            "đề xuất",
            "khẩn trương",
            "tiếp tục",
            "chịu trách nhiệm",
            "có trách nhiệm",
            "giúp",
            "lập",
            "hoàn thành",
            "hoàn thiện",
            "tăng cường",
            "đẩy nhanh",
            "nâng cao",
            "thúc đẩy",
            "kiện toàn",
            "khắc phục",
            "hỗ trợ",
            "duy trì",
            "bàn giao",
            "thanh toán",
            "phát động",
            "thống kê",
            "khảo sát",
            "rà soát",
            "đẩy mạnh",
            "tập trung",
            "quản lý",
            "ban hành",
            "trình",
            "tổng hợp",
            "cung cấp",
            "bố trí",
            "cân đối",
            "giải quyết",
            "xử lý",
            "thẩm định",
            "phân công",
            "cử",
            "chuẩn bị",
            "vận động",
            "tuyên truyền",
            "giám sát",
            "cập nhật",
            "đánh giá",
            "thông báo",
            "bảo đảm",
            "đảm bảo",
            "chủ động",
            "nghiêm túc",
            "kịp thời",
            "trong",
            "để",
            "nhằm",
            "về",
            "theo",
            "tại",
            "với",
            "cho",
            "đối với",
            "là",
            "đã",
            "được",
            "đang",
            "sẽ",
            "cần",
            "phải",
            "làm",
            "mở",
            "thường xuyên",
            "định kỳ",
            "hằng",
            "hàng",
            "trước",
            "đến",
            "từ",
            "khi",
            "sau",
            "ngay",
            "lãnh đạo",
            "và các",
            "và",
        ]
    )
    + r"\b"
)


def lower_same_length(text: str) -> str:
    """Lower-case text keeping every character's position."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


#: Words that, right after an agency name, mean it is the subject of a statement of fact
#: rather than of an instruction.
NOT_ASSIGNING = frozenset(
    fold_aligned(w)
    for w in [
        "đã",
        "được",
        "là",
        "cũng",
        "đang",
        "vừa",
        "và",
        "của",
        "với",
        "về",
        "trong",
        "tại",
        "cho",
        "nhận",
    ]
)
