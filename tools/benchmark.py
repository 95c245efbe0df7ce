"""Every speed and memory target of issue 11 in one run on this machine — the targets live here, not in tests.

    python tools/benchmark.py              # everything (~10 minutes on 2 cores)
    python tools/benchmark.py --quick      # 10 units, no 315-page document: a smoke run
    python tools/benchmark.py --units 40   # the batch lines with 40 units (target scaled: 1.2 s a unit)

Why a script and not a timed test: timings on a shared, noisy machine make flaky tests, and the comparisons
(LibreOffice, docxtpl) need programs the tests don't. Each line prints value, target, ratio and ok/MISSED
(skipped when a program is missing); a JSON record goes to output/benchmark.json; exit status 1 if a target
is missed. docxtpl renders our own DOCX with every text run made a placeholder (same words, tables, styles and
sections), so the DOCX line compares like with like. The speed lines build with the LibreOffice 目录 pass OFF (`Options(lo_toc=False)`); one
informational line times a default build with it. Memory lines are the peak RSS of fresh processes.
Every subprocess has a time limit and is ended with its whole process group; temp folders are removed.
"""

import argparse  # no `from __future__ import annotations`: tests load this file outside sys.modules,
#                  where a dataclass cannot resolve string annotations
import io
import json
import os
import platform
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOLS = Path(__file__).resolve().parent
SAMPLE = ROOT / "data" / "mianzhu-yibao" / "2024.yaml"            # the 004 sample, ~50 pages
SAMPLES = [SAMPLE, ROOT / "data" / "guanghan-yibao" / "2021.yaml", ROOT / "data" / "beiguan-yibao" / "2021.yaml"]
FORMATS = ["docx", "pdf"]
RECORD = ROOT / "output" / "benchmark.json"
REPEATS = 3
LO_TIMEOUT = 120
PDF_STAGES = ("pdf_layout", "pdf_relayout", "pdf_write")
STAGES = ("load", "templates", "charts", "checks", "pdf_layout", "pdf_relayout", "pdf_write", "docx", "lo_toc",
          "write_files")

TARGETS = {                 # issue 11, item 5
    "warm": 2.0,            # s, one unit DOCX+PDF in a warm worker
    "pdf_vs_lo": 0.75,      # our PDF stage ÷ LibreOffice converting our DOCX
    "docx_vs_docxtpl": 2.0, # our DOCX stage ÷ docxtpl on equal content
    "unit_batch": 1.2,      # s per unit: 100 units in ≤ 120 s with 2 workers
    "worker_mb": 300.0,     # MB peak RSS per worker
    "skipped": 0.05,        # s per unchanged unit
    "large_s": 8.0,         # s, 315-page document
    "large_mb": 400.0,      # MB, 315-page document
    "check_cold": 0.5,      # s, `python -m juesuan check` in a new process
}


# ── one line of the table ────────────────────────────────────────────────────────────────────────────────

@dataclass
class Line:
    """One measure: `value` against `target` (both in `unit`); `ratio` is value ÷ target unless the measure is
    itself a paired ratio. No target: informational. `skipped`: why it was not measured."""

    name: str
    value: float | None
    unit: str
    target: float | None = None
    note: str = ""
    skipped: str = ""
    paired: bool = False
    error: str = ""             # the measure itself failed: MISSED, with the reason

    @property
    def ratio(self) -> float | None:
        if self.value is None or self.target in (None, 0):
            return None
        return self.value if self.paired else self.value / self.target

    @property
    def status(self) -> str:
        if self.skipped:
            return "skipped"
        if self.error:
            return "MISSED"
        if self.target is None:
            return "info"
        if self.value is None:            # the measure itself failed
            return "MISSED"
        return "ok" if self.value <= self.target else "MISSED"

    def record(self) -> dict:
        return {**asdict(self), "ratio": self.ratio, "status": self.status,
                "passed": None if self.status in ("skipped", "info") else self.status == "ok"}


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "×":
        return f"{value:.2f}×"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.3f} s" if value < 1 else f"{value:.2f} s"


WIDTHS = (46, 11, 10, 7, 8)


def format_line(line: Line, widths: tuple[int, ...] = WIDTHS) -> str:
    """measure | value | target | ratio | ok/MISSED/skipped/info, aligned; the note on the same line."""
    value = line.skipped and "—" or _number(line.value, line.unit)
    target = "≤ " + _number(line.target, line.unit) if line.target is not None else "—"
    ratio = f"{line.ratio:.2f}" if line.ratio is not None and not line.skipped else "—"
    cells = [_pad(line.name, widths[0]), value.rjust(widths[1]), target.rjust(widths[2]), ratio.rjust(widths[3]),
             line.status.ljust(widths[4])]
    note = line.skipped or line.error or line.note
    return ("  ".join(cells) + (f"  {note}" if note else "")).rstrip()


def format_table(lines: list[Line]) -> str:
    head = "  ".join([_pad("measure", WIDTHS[0]), "value".rjust(WIDTHS[1]), "target".rjust(WIDTHS[2]),
                      "ratio".rjust(WIDTHS[3]), "result".ljust(WIDTHS[4])])
    return "\n".join([head.rstrip(), "-" * len(head.rstrip()), *(format_line(line) for line in lines)])


def _pad(text: str, width: int) -> str:
    """Left-align counting CJK characters as two columns."""
    shown = sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)
    return text + " " * max(0, width - shown)


# ── subprocesses that cannot hang ────────────────────────────────────────────────────────────────────────

def run_bounded(command: list[str], timeout: float, **kwargs) -> subprocess.CompletedProcess:
    """Run `command` in its own process group; on timeout kill the whole group and raise TimeoutExpired."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True, **kwargs)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.communicate()
        raise
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def child(kind: str, *args: str, timeout: float) -> dict:
    """Run this script's `--child kind` in a fresh process; its last stdout line is JSON."""
    env = {**os.environ, "JUESUAN_NO_LO_TOC": "1"}
    done = run_bounded([sys.executable, str(Path(__file__).resolve()), "--child", kind, *args], timeout,
                       cwd=ROOT, env=env)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"child {kind} exited {done.returncode}: {(done.stderr or done.stdout)[-800:]}")
    return json.loads(lines[-1])


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def soffice_version() -> str:
    program = soffice()
    if program is None:
        return "not installed"
    try:
        return run_bounded([program, "--version"], 60).stdout.strip() or "unknown"
    except (subprocess.TimeoutExpired, OSError) as exc:
        return f"unknown ({type(exc).__name__})"


def lo_convert(docx: Path, out_dir: Path, profile: Path) -> float:
    """Seconds for LibreOffice to convert `docx` to PDF (headless, the given user profile)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / (docx.stem + ".pdf")
    target.unlink(missing_ok=True)
    start = time.perf_counter()
    done = run_bounded([soffice(), "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                        "--convert-to", "pdf", "--outdir", str(out_dir), str(docx)], LO_TIMEOUT)
    elapsed = time.perf_counter() - start
    if done.returncode != 0 or not target.is_file():
        raise RuntimeError(f"soffice exited {done.returncode} without a PDF: {done.stderr[-400:]}")
    return elapsed


# ── the measures ─────────────────────────────────────────────────────────────────────────────────────────

def median(values) -> float:
    return statistics.median(values)


def pdf_stage(timings: dict[str, float]) -> float:
    return sum(timings.get(s, 0.0) for s in PDF_STAGES)


def warm_unit(work: Path) -> tuple[list[Line], dict]:
    """A warm worker (this process, after one build): median of 3 builds of the sample, the stage breakdown,
    and LibreOffice converting our DOCX after each build (paired with that build's PDF stage)."""
    from juesuan.build import Options, build
    options = Options(lo_toc=False)
    out = work / "warm"
    first = build(SAMPLE, out, FORMATS, options)                      # the warm-up: imports, fonts, caches
    docx = next(f for f in first.files if f.suffix == ".docx")
    pdf = next(f for f in first.files if f.suffix == ".pdf")
    lo_docx = work / "lo" / "in" / "sample.docx"
    lo_docx.parent.mkdir(parents=True)
    shutil.copyfile(docx, lo_docx)
    profile = work / "lo" / "profile"
    lo_skip = "" if soffice() else "soffice not installed"
    lo_error = ""
    if not lo_skip:
        try:
            lo_convert(lo_docx, work / "lo" / "out", profile)           # the first start makes the profile
        except (RuntimeError, subprocess.TimeoutExpired, OSError) as exc:
            lo_error = f"LibreOffice failed: {str(exc)[:200]}"
    walls, runs, lo_times = [], [], []
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = build(SAMPLE, out, FORMATS, options)
        walls.append(time.perf_counter() - start)
        runs.append(result.timings)
        if not lo_skip and not lo_error:
            try:
                lo_times.append(lo_convert(lo_docx, work / "lo" / "out", profile))
            except (RuntimeError, subprocess.TimeoutExpired, OSError) as exc:
                lo_error = f"LibreOffice failed: {str(exc)[:200]}"
    breakdown = {s: median([r.get(s, 0.0) for r in runs]) for s in STAGES if any(s in r for r in runs)}
    ours_pdf = median([pdf_stage(r) for r in runs])
    pages = _pages(pdf)
    lines = [Line(f"one unit warm, DOCX+PDF ({pages} pages)", median(walls), "s", TARGETS["warm"],
                  note=f"median of {REPEATS}: " + ", ".join(f"{w:.2f}" for w in walls))]
    if lo_skip or lo_error:
        lines.append(Line("PDF stage ÷ LibreOffice (our DOCX → PDF)", None, "×", TARGETS["pdf_vs_lo"],
                          paired=True, skipped=lo_skip, note=lo_error))
        lo = None
    else:
        lo = median(lo_times)
        lines.append(Line("PDF stage ÷ LibreOffice (our DOCX → PDF)", ours_pdf / lo, "×", TARGETS["pdf_vs_lo"],
                          paired=True, note=f"ours {ours_pdf:.2f} s, soffice {lo:.2f} s (medians of {REPEATS}, "
                                            "warm profile, same run)"))
    return lines, {"walls": walls, "breakdown": breakdown, "pdf_stage": ours_pdf, "libreoffice": lo,
                   "libreoffice_runs": lo_times, "pages": pages}


def default_build(work: Path) -> tuple[Line, dict]:
    """Informational: a default build, with the LibreOffice 目录 pass (the second of two, its profile warm)."""
    from juesuan.build import Options, build
    if os.environ.get("JUESUAN_NO_LO_TOC"):
        return Line("default build (with LibreOffice 目录 pass)", None, "s",
                    skipped="JUESUAN_NO_LO_TOC is set in the environment"), {}
    if not soffice():
        return Line("default build (with LibreOffice 目录 pass)", None, "s", skipped="soffice not installed"), {}
    walls, timings = [], {}
    for _ in range(2):
        start = time.perf_counter()
        result = build(SAMPLE, work / "default", FORMATS, Options())
        walls.append(time.perf_counter() - start)
        timings = result.timings
    note = f"second of two builds; lo_toc {timings.get('lo_toc', 0):.2f} s of it; the first took {walls[0]:.2f} s"
    return Line("default build (with LibreOffice 目录 pass)", walls[-1], "s", note=note), \
        {"walls": walls, "timings": timings}


def docx_vs_docxtpl(work: Path) -> tuple[Line, dict]:
    """Our DOCX stage (the writer call alone) against docxtpl rendering the same paragraphs and tables."""
    name = "DOCX stage ÷ docxtpl (equal content)"
    try:
        from docxtpl import DocxTemplate
    except ImportError:
        return Line(name, None, "×", TARGETS["docx_vs_docxtpl"], paired=True,
                    skipped="docxtpl not installed (pip install -e '.[bench]')"), {}
    from juesuan.build import Options, compute, document_date
    from juesuan.render.document import render_document
    from juesuan.render.typography import load_typography
    from juesuan.write.docx_pages import pdf_pagination
    from juesuan.write.formats import WRITERS

    loaded, report = compute(SAMPLE, Options(lo_toc=False))
    folders = loaded.options.template_path()
    typography = load_typography(folders)
    document = render_document(report, folders)
    created = document_date(loaded.data)
    pdf, laid = WRITERS["pdf"].lay_out(document, created, typography)   # as the build does: PDF first
    pages = pdf_pagination(pdf)

    def ours() -> bytes:
        return WRITERS["docx"].render(laid, created, typography, None, author=loaded.data.unit.name,
                                      toc_pages=pages, lay_out=None)

    template, texts = docxtpl_template(ours(), work / "docxtpl" / "template.docx")
    context = {"t": texts}

    def theirs() -> bytes:
        tpl = DocxTemplate(str(template))
        tpl.render(context, autoescape=True)
        out = io.BytesIO()
        tpl.save(out)
        return out.getvalue()

    ours_times, theirs_times = [], []
    mine, other = ours(), theirs()                                     # warm both
    for _ in range(REPEATS):                                           # interleaved: same machine noise
        start = time.perf_counter()
        mine = ours()
        ours_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        other = theirs()
        theirs_times.append(time.perf_counter() - start)
    a, b = docx_counts(mine), docx_counts(other)
    same = (abs(a["paragraphs"] - b["paragraphs"]) <= 0.2 * max(a["paragraphs"], 1)
            and abs(a["cells"] - b["cells"]) <= 0.2 * max(a["cells"], 1))
    ratio = median(ours_times) / median(theirs_times)
    note = (f"ours {median(ours_times):.3f} s, docxtpl {median(theirs_times):.3f} s; content "
            f"{'comparable' if same else 'NOT comparable'}: ours {a['paragraphs']} paragraphs/{a['cells']} cells, "
            f"docxtpl {b['paragraphs']}/{b['cells']}")
    return Line(name, ratio, "×", TARGETS["docx_vs_docxtpl"], paired=True, note=note), \
        {"ours": ours_times, "docxtpl": theirs_times, "ours_counts": a, "docxtpl_counts": b,
         "texts": len(texts), "comparable": same}


def docxtpl_template(docx: bytes, path: Path) -> tuple[Path, list[str]]:
    """Our own DOCX made into a docxtpl template: every text run (w:t) becomes ``{{ t[i] }}``, so docxtpl
    renders the same paragraphs, tables, styles and sections with the same words — equal content, equal form.
    Returns the template and the texts (the context)."""
    import zipfile
    from lxml import etree
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    path.parent.mkdir(parents=True, exist_ok=True)
    texts: list[str] = []
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                root = etree.fromstring(data)
                for run_text in root.iter(w + "t"):
                    texts.append(run_text.text or "")
                    run_text.text = "{{ t[%d] }}" % (len(texts) - 1)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(item, data)
    return path, texts


def docx_counts(data: bytes) -> dict:
    """Paragraphs with text outside tables, and table cells, in a DOCX's main part."""
    import zipfile
    from lxml import etree
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    paragraphs = sum(1 for p in root.iter(w + "p")
                     if not any(a.tag == w + "tbl" for a in p.iterancestors())
                     and "".join(t.text or "" for t in p.iter(w + "t")).strip())
    return {"paragraphs": paragraphs, "cells": sum(1 for _ in root.iter(w + "tc"))}


def make_units(folder: Path, count: int) -> Path:
    """`count` unit folders, copies of the three samples (each with its workbook), each with its own name."""
    units = folder / "units"
    for i in range(count):
        sample = SAMPLES[i % len(SAMPLES)]
        unit = units / f"{sample.parent.name}-{i + 1:03d}"
        unit.mkdir(parents=True)
        text = sample.read_text(encoding="utf-8")
        book = re.search(r"(?m)^决算报表:\s*(\S+)", text)
        if book:
            shutil.copyfile(sample.parent / book.group(1), unit / book.group(1))
        (unit / sample.name).write_text(renamed(text, f"（第{i + 1}号）"), encoding="utf-8")
    return units


def renamed(text: str, suffix: str) -> str:
    """The data file's text with 单位 → 名称 followed by `suffix` (so each copy writes its own files)."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if re.match(r"^单位:\s*(#.*)?$", line))
    for i in range(start + 1, len(lines)):
        found = re.match(r"^(  名称:\s*)([^#\s][^#]*?)(\s*(#.*)?)$", lines[i])
        if found:
            lines[i] = found.group(1) + found.group(2) + suffix + found.group(3)
            return "\n".join(lines)
    raise ValueError("no 单位 → 名称 in the data file")


def batch(work: Path, count: int) -> tuple[list[Line], dict]:
    """`count` units with build_many(jobs=2) in a fresh process: wall time, peak RSS of the largest worker,
    then the same call again without force (every unit skipped by the manifest)."""
    units = make_units(work / "batch", count)
    got = child("many", str(units), str(work / "batch" / "out"), timeout=max(900, 30 * count))
    failed = got["failed"]
    note = f"{got['built']} built, {len(failed)} failed" + (f": {failed[0]}" if failed else "")
    target = TARGETS["unit_batch"] * count
    lines = [
        Line(f"{count} units DOCX+PDF, build_many jobs=2", got["seconds"] if not failed else None, "s", target,
             note=note + f"; {got['seconds']:.1f} s = {got['seconds'] / count:.2f} s a unit"),
        Line("peak RSS per worker", got["worker_mb"], "MB", TARGETS["worker_mb"],
             note="ru_maxrss of the pool's children: the largest worker"),
        Line("unchanged unit rebuilt (manifest skip)", got["skip_seconds"] / count, "s", TARGETS["skipped"],
             note=f"{got['skipped']} of {count} skipped, {got['skip_seconds']:.2f} s in all"),
    ]
    return lines, got


def large(work: Path) -> tuple[list[Line], dict]:
    """The synthetic ~315-page unit (tools/bench_data.py), DOCX+PDF in a fresh process."""
    sys.path.insert(0, str(TOOLS))
    import bench_data
    path = bench_data.write_large_unit(work / "large")
    items = len(bench_data.item_codes(path))
    got = child("large", str(path), str(work / "large" / "out"), timeout=600)
    pages = _pages(Path(got["pdf"]))
    what = f"{pages} pages, {items} 项, {got['annexes']} annexes"
    lines = [Line(f"large document ({what})", got["seconds"], "s", TARGETS["large_s"],
                  note=f"synthetic; built with no 错误; writing took {got['write_seconds']:.1f} s of the "
                       f"{got['write_limit']:.0f} s the library allows a document this size"),
             Line("large document peak RSS", got["peak_mb"], "MB", TARGETS["large_mb"])]
    return lines, {**got, "pages": pages, "items": items}


def check_cold() -> tuple[Line, dict]:
    """`python -m juesuan check <sample>` in a new process, 5 times; exit status 0 or 1 both count."""
    times = []
    for _ in range(5):
        start = time.perf_counter()
        done = run_bounded([sys.executable, "-m", "juesuan", "check", str(SAMPLE.relative_to(ROOT))], 60, cwd=ROOT)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            return Line("juesuan check, cold process", None, "s", TARGETS["check_cold"],
                        note=f"exit {done.returncode}: {done.stderr[-200:]}"), {"runs": times}
    return Line("juesuan check, cold process", median(times), "s", TARGETS["check_cold"],
                note="median of 5: " + ", ".join(f"{t:.2f}" for t in times)), {"runs": times}


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader
    return len(PdfReader(str(pdf)).pages)


# ── children (fresh processes, for memory) ───────────────────────────────────────────────────────────────

def child_many(units: str, out: str) -> dict:
    from juesuan.batch import build_many
    from juesuan.build import Options
    options = Options(lo_toc=False)
    start = time.perf_counter()
    results = build_many([Path(units)], Path(out), FORMATS, options, jobs=2, force=True)
    seconds = time.perf_counter() - start
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    start = time.perf_counter()
    again = build_many([Path(units)], Path(out), FORMATS, options, jobs=2)
    skip_seconds = time.perf_counter() - start
    return {"seconds": seconds, "worker_mb": worker_mb, "built": sum(r.status == "built" for r in results),
            "failed": [f"{r.path.parent.name}: {r.reason}" for r in results if r.status == "failed"],
            "skipped": sum(r.status == "skipped" for r in again), "skip_seconds": skip_seconds}


def child_large(path: str, out: str) -> dict:
    from juesuan.build import Options, build
    from juesuan.render.limits import writing_seconds
    start = time.perf_counter()
    result = build(Path(path), Path(out), FORMATS, Options(lo_toc=False), allow_errors=False)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    from juesuan.inputs import load
    return {"seconds": seconds, "peak_mb": peak, "timings": result.timings,
            "pdf": str(next(f for f in result.files if f.suffix == ".pdf")),
            "write_limit": writing_seconds(len(result.document.html)), "write_seconds": sum(v for k, v in result.timings.items()
                                                                  if k in PDF_STAGES + ("docx",)),
            "annexes": len(load(Path(path)).data.annexes),
            "errors": [f.format() for f in result.findings if f.severity == "错误"]}


# ── main ─────────────────────────────────────────────────────────────────────────────────────────────────

def machine() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    def v(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    try:
        commit = run_bounded(["git", "rev-parse", "--short", "HEAD"], 10, cwd=ROOT).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        commit = ""
    return {"cpu_count": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "weasyprint": v("weasyprint"), "docxtpl": v("docxtpl"), "libreoffice": soffice_version(),
            "commit": commit}


def write_record(record: dict, path: Path = RECORD) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".benchmark-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False, indent=2)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def measure(name: str, step, lines: list[Line], details: dict, *args) -> None:
    """Run one measure; a crash becomes a MISSED line with the reason, and the others still run."""
    print(f"… {name}", file=sys.stderr, flush=True)
    try:
        got, detail = step(*args)
    except Exception as exc:               # noqa: BLE001 — one broken measure must not hide the rest
        got, detail = [Line(name, None, "s", error=f"failed: {type(exc).__name__}: {str(exc)[:300]}")], {}
    lines += got if isinstance(got, list) else [got]
    details[name] = detail


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=None, help="units for the batch lines (default 100)")
    parser.add_argument("--quick", action="store_true", help="10 units, no 315-page document")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        print(json.dumps({"many": child_many, "large": child_large}[kind](*rest), ensure_ascii=False))
        return 0
    units = args.units or (10 if args.quick else 100)
    lines: list[Line] = []
    details: dict = {}
    info = machine()
    print(f"juesuan benchmark · {info['cpu_count']} CPUs · Python {info['python']} · WeasyPrint {info['weasyprint']}"
          f" · {info['libreoffice']} · sample {SAMPLE.relative_to(ROOT)}")
    print("Speed lines: LibreOffice 目录 pass OFF (Options(lo_toc=False)); the 'default build' line has it on.\n")
    with tempfile.TemporaryDirectory(prefix="juesuan-bench-") as temp:
        work = Path(temp)
        measure("warm unit", warm_unit, lines, details, work)
        measure("docxtpl", docx_vs_docxtpl, lines, details, work)
        measure("batch", batch, lines, details, work, units)
        if args.quick:
            lines.append(Line("large document (~315 pages)", None, "s", TARGETS["large_s"], skipped="--quick"))
        else:
            measure("large document", large, lines, details, work)
        measure("check cold", check_cold, lines, details)
        measure("default build", default_build, lines, details, work)
    print(format_table(lines))
    breakdown = details.get("warm unit", {}).get("breakdown", {})
    if breakdown:
        total = sum(breakdown.values())
        print("\nStage breakdown, warm build of the sample (medians of 3; PDF stage = layout + relayout + write):")
        for name, seconds in breakdown.items():
            print(f"  {name:13s} {seconds:6.2f} s  {100 * seconds / total:5.1f} %")
        print(f"  {'sum':13s} {total:6.2f} s")
    record = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": info,
              "sample": str(SAMPLE.relative_to(ROOT)), "units": units, "quick": args.quick,
              "lo_toc": "off for the speed lines (Options(lo_toc=False)); on for the informational default build",
              "lines": [line.record() for line in lines], "breakdown": breakdown, "details": details}
    write_record(record)
    print(f"\nRecord: {RECORD.relative_to(ROOT)}")
    return 1 if any(line.status == "MISSED" for line in lines) else 0


if __name__ == "__main__":
    sys.exit(main())
