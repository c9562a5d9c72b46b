"""Benchmark of the notice reader, run by hand: python bench/bench_notice_reader.py

Reads a ~20-page notice (about 60,000 characters, 160 directives) against a registry of about
900 agencies, and prints the timings. The reader must stay well under one second. The registry's
index is built once per registry and cached, so repeated reads skip it; its cold build time is
printed on its own.
"""

from __future__ import annotations

import csv
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.domain.notices import AgencyRef, read_notice  # noqa: E402
from tracker.domain.notices.registry import Registry  # noqa: E402

CORPUS = ROOT / "tests" / "notices" / "corpus"
SAMPLE = Path("/work/shared/notices/75-TB-UBND-2010-lang-son.txt")
CHARS_PER_PAGE = 3000


def registry() -> list[AgencyRef]:
    """The corpus registry plus 800 made-up communes, as a large province would have."""
    with (CORPUS / "agencies.csv").open(encoding="utf-8", newline="") as handle:
        agencies = [
            AgencyRef(
                r["code"],
                r["name"],
                r["level"],
                tuple(a for a in r["aliases"].split(";") if a),
                r["parent_code"] or None,
            )
            for r in csv.DictReader(handle)
        ]
    agencies += [
        AgencyRef(
            f"xa-{i}", f"UBND xã Thử Nghiệm {i}", "commune", (f"xã Thử Nghiệm {i}",), "qnam-ubnd"
        )
        for i in range(800)
    ]
    return agencies


def long_notice(pages: int = 20) -> str:
    """A formal notice whose directive section repeats the corpus' directives to fill the pages."""
    items = []
    for path in sorted(CORPUS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if len(line) > 120 and any(
                w in line for w in ("chủ trì", "Giao", "phối hợp", "Đề nghị")
            ):
                items.append(line.lstrip("-+abcdđ) 0123456789.|"))
    header = (
        "ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH QUẢNG NAM           Độc lập - Tự do - Hạnh phúc\n"
        "Số: 999/TB-UBND          Quảng Nam, ngày 05 tháng 01 năm 2024\n\nTHÔNG BÁO\n"
        "Kết luận của Chủ tịch UBND tỉnh tại Hội nghị tổng kết năm 2023\n\n"
    )
    background = "\n".join(SAMPLE.read_text(encoding="utf-8").splitlines()[4:10]) + "\n"
    body = [header, background, "II. NHIỆM VỤ VÀ GIẢI PHÁP NĂM 2024\n"]
    number = 0
    while sum(len(part) for part in body) < pages * CHARS_PER_PAGE:
        number += 1
        body.append(f"{number}. {items[number % len(items)]}\n")
    body.append("Nơi nhận:\n- Như trên;\n- Lưu: VT.\n")
    return "".join(body)


def main() -> None:
    """Print how long reading takes."""
    agencies = registry()
    text = long_notice()
    read_notice(text, agencies)  # warm-up: compiled regexes, fold table
    runs, cpu = [], []
    for _ in range(10):
        started, started_cpu = time.perf_counter(), time.process_time()
        reading = read_notice(text, agencies)
        runs.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    sample_runs = []
    sample = SAMPLE.read_text(encoding="utf-8")
    for _ in range(20):
        started = time.perf_counter()
        read_notice(sample, agencies)
        sample_runs.append(time.perf_counter() - started)
    print(
        f"notice: {len(text):,} characters (~{len(text) // CHARS_PER_PAGE} pages), "
        f"{len(reading.directives)} directives, registry of {len(agencies)} agencies"
    )
    print(
        f"read_notice 20 pages: median {statistics.median(runs) * 1000:.0f} ms, "
        f"min {min(runs) * 1000:.0f} ms, max {max(runs) * 1000:.0f} ms over {len(runs)} runs"
    )
    print(
        f"read_notice 20 pages, CPU time: median {statistics.median(cpu) * 1000:.0f} ms "
        "(wall time above includes waiting for a busy machine)"
    )
    print(f"read_notice sample (75/TB-UBND): median {statistics.median(sample_runs) * 1000:.1f} ms")
    started = time.perf_counter()
    Registry(agencies)
    cold = (time.perf_counter() - started) * 1000
    print(f"registry index, cold build (cached after): {cold:.0f} ms")
    status = "OK" if max(runs) < 1.0 else "TOO SLOW"
    print(f"budget 1000 ms: {status}")
    hostile(agencies)


def hostile(agencies: list[AgencyRef]) -> None:
    """Pasted junk at growing lengths, in CPU ms: a linear reader doubles, a quadratic one x4."""
    sample = SAMPLE.read_text(encoding="utf-8")
    pieces = {"notice": sample, "spaces": " ", "tabs+lines": "\t \n", "short lines": "0\n"}
    for name, piece in pieces.items():
        figures = []
        for length in (15_000, 30_000, 60_000):
            text = (piece * (length // len(piece) + 1))[:length]
            started = time.process_time()
            read_notice(text, agencies)
            figures.append(f"{length:,}: {(time.process_time() - started) * 1000:.0f} ms")
        print(f"hostile {name:<12} " + ", ".join(figures))


if __name__ == "__main__":
    main()
