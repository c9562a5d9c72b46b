"""Fixtures for the notice reader's tests: agency registries, sample paths, file builders."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tracker.domain.notices import AgencyRef

SHARED = Path("/work/shared/notices")
HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
SAMPLE = SHARED / "75-TB-UBND-2010-lang-son.txt"


def load_agencies(path: Path) -> list[AgencyRef]:
    """Read a registry CSV (code,name,level,parent_code,aliases,email) into AgencyRefs."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            AgencyRef(
                code=row["code"],
                name=row["name"],
                level=row["level"],
                aliases=tuple(a.strip() for a in row["aliases"].split(";") if a.strip()),
                parent_code=row["parent_code"] or None,
            )
            for row in csv.DictReader(handle)
        ]


@pytest.fixture(scope="session")
def lang_son_agencies() -> list[AgencyRef]:
    return load_agencies(SHARED / "lang-son-agencies.csv")


@pytest.fixture(scope="session")
def corpus_agencies() -> list[AgencyRef]:
    return load_agencies(CORPUS / "agencies.csv")


@pytest.fixture(scope="session")
def province() -> list[AgencyRef]:
    """A small made-up province registry for rule tests."""
    root = "ubnd"
    rows = [
        (
            "ubnd",
            "UBND tỉnh Hòa Bình",
            "province",
            None,
            ("Ủy ban nhân dân tỉnh Hòa Bình", "UBND tỉnh"),
        ),
        ("vp", "Văn phòng UBND tỉnh", "department", root, ()),
        ("stc", "Sở Tài chính", "department", root, ()),
        ("stnmt", "Sở Tài nguyên và Môi trường", "department", root, ()),
        ("skhdt", "Sở Kế hoạch và Đầu tư", "department", root, ("Sở KH&ĐT",)),
        ("svh", "Sở Văn hóa, Thể thao và Du lịch", "department", root, ()),
        ("syt", "Sở Y tế", "department", root, ()),
        ("ca", "Công an tỉnh", "department", root, ("lực lượng Công an",)),
        ("mttq", "Ủy ban MTTQ Việt Nam tỉnh", "organization", root, ("Mặt trận Tổ quốc tỉnh",)),
        ("doan", "Tỉnh Đoàn", "organization", root, ()),
        ("bql", "Ban Quản lý các khu công nghiệp và khu kinh tế tỉnh", "committee", root, ()),
        ("tp", "UBND thành phố Hòa Bình", "district", root, ()),
        ("lacson", "UBND huyện Lạc Sơn", "district", root, ()),
        ("maichau", "UBND huyện Mai Châu", "district", root, ()),
        ("other-stc", "Sở Tài chính", "department", "other", ()),
        ("other", "UBND tỉnh Sơn La", "province", None, ("UBND tỉnh",)),
        ("other-d", "UBND huyện Mộc Châu", "district", "other", ()),
    ]
    return [AgencyRef(c, n, lv, al, p) for c, n, lv, p, al in rows]


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def notice():
    """Return a builder of formal notices around a body."""
    return formal_notice


@pytest.fixture(scope="session")
def make_docx():
    return docx_bytes


@pytest.fixture(scope="session")
def make_pdf():
    return pdf_bytes


def formal_notice(
    body: str,
    kind: str = "THÔNG BÁO",
    number: str = "12/TB-UBND",
    day: str = "ngày 10 tháng 3 năm 2024",
    subject: str = "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp",
) -> str:
    """Wrap a body in the usual header and footer of a Hòa Bình notice."""
    return (
        "ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH HÒA BÌNH                Độc lập - Tự do - Hạnh phúc\n"
        f"Số: {number}          Hòa Bình, {day}\n\n{kind}\n{subject}\n\n{body}\n\n"
        "Nơi nhận:\n- Các sở, ban, ngành;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n"
    )


def docx_bytes(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    """Build a real .docx with python-docx."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(lines: list[str] | None) -> bytes:
    """Build a PDF with pypdf: one blank page if lines is None, else a Helvetica text layer."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    if lines is not None:
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
        )
        body = "".join(f"({line}) Tj T* " for line in lines)
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 11 Tf 14 TL 50 800 Td {body}ET".encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def hand_made_pdf(kids: list[str], objects: dict[int, str] | None = None) -> bytes:
    """A hand-made PDF whose page tree is given; object 3 is the one real page."""
    body = {
        1: "<< /Type /Catalog /Pages 2 0 R >>",
        2: f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>",
        3: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>",
        5: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        **(objects or {}),
    }
    stream = b"BT /F1 12 Tf 72 720 Td (Giao So Y te kiem tra truoc ngay 30/6/2024.) Tj ET"
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted({*body, 4}):
        offsets[number] = out.tell()
        if number == 4:
            out.write(b"4 0 obj\n<< /Length %d >>\nstream\n" % len(stream))
            out.write(stream + b"\nendstream\nendobj\n")
        else:
            out.write(f"{number} 0 obj\n{body[number]}\nendobj\n".encode())
    xref = out.tell()
    size = max(offsets) + 1
    out.write(f"xref\n0 {size}\n0000000000 65535 f \n".encode())
    for number in range(1, size):
        out.write(f"{offsets.get(number, 0):010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()
