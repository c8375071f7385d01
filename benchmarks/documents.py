"""Documents per second for the standard two-page bilingual lease contract, against fpdf2.

Targets (issue 8): at least 20x as many documents per second as the straightforward
fpdf2 approach, and a batch through a two-process pool at least 1.7x one process.

The alternative is what a user would write first: for every document a new ``FPDF``,
``add_font`` for Amiri regular and bold, ``set_text_shaping(True)``, and one
``multi_cell`` per piece of text (Arabic right-aligned, English left-aligned), table
cells included. Both render the same documents -- the sample Sohar lease contract, each
copy with its own reference, tenant name and rent, so no two documents are identical --
in the same run with the same font, and before anything is timed both PDFs must have
two pages and the same Latin words in their extracted text.

Ours keeps a per-process cache of laid-out paragraphs; the standard clauses of a
contract repeat on every copy, so that is counted, and the figure with the cache cleared
before every document is printed too.

Run: python benchmarks/documents.py [--count N] [--batch B]
"""

from __future__ import annotations

import argparse
import io
import re
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import attrs

from municipal_core.documents import _blocks as blocks
from municipal_core.documents._fonts import _source
from municipal_core.documents._lease_documents import lease_contract
from municipal_core.documents._lines import cache_clear
from municipal_core.documents._render import render, render_many, warm_up
from municipal_core.documents._samples import sample_lease

TARGET_SPEEDUP, TARGET_POOL = 20.0, 1.7


def documents(count: int) -> list[blocks.Document]:
    """``count`` different lease contracts (reference and tenant names vary)."""
    lease = sample_lease()
    out = []
    for index in range(count):
        tenant = attrs.evolve(
            lease.tenant,
            name_ar=f"{lease.tenant.name_ar} {index}",
            name_en=f"{lease.tenant.name_en} {index}",
        )
        copy = attrs.evolve(lease, reference=f"{index + 1}/2026", tenant=tenant)
        out.append(lease_contract(copy))
    return out


def _texts(block: Any) -> list[tuple[str, bool]]:
    """Every piece of text of a block, with whether it is Arabic (right-aligned)."""
    if isinstance(block, (blocks.Heading, blocks.Paragraph)):
        return [(block.text.ar, True), (block.text.en, False)]
    if isinstance(block, blocks.Fields):
        return [pair for row in block.rows for pair in _field(row)]
    if isinstance(block, blocks.Table):
        cells = [c for row in block.rows for c in row] + list(block.total or ())
        heads = [t for c in block.columns for t in (c.header.ar, c.header.en)]
        return [(text, bool(re.search("[\u0600-\u06ff]", text))) for text in heads + cells]
    if isinstance(block, blocks.Signatures):
        return [pair for p in block.parties for pair in ((p.ar, True), (p.en, False))]
    if isinstance(block, blocks.VerificationCode):
        return [(block.caption.ar, True), (block.caption.en, False), (block.code, False)]
    return []


def _field(row: blocks.Field) -> list[tuple[str, bool]]:
    values = [(row.value_ar, True)] if row.value_ar else []
    return [(row.label.ar, True), (row.label.en, False), *values, (row.value, False)]


def naive(document: blocks.Document) -> bytes:
    """The straightforward fpdf2 rendering of the same content."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(15, 15)
    pdf.add_font("amiri", "", str(_source("Amiri-Regular")))
    pdf.add_font("amiri", "B", str(_source("Amiri-Bold")))
    pdf.set_text_shaping(True)
    pdf.add_page()
    pdf.set_font("amiri", "B", 15)
    for text, arabic in (
        (document.municipality.ar, True),
        (document.municipality.en, False),
        (document.title.ar, True),
        (document.title.en, False),
        (f"الرقم المرجعي: {document.reference}", True),
        (f"Reference: {document.reference}", False),
    ):
        pdf.multi_cell(0, 8, text, align="R" if arabic else "L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("amiri", "", 9.5)
    for block in document.blocks:
        for text, arabic in _texts(block):
            pdf.multi_cell(
                0, 5.5, text, align="R" if arabic else "L", new_x="LMARGIN", new_y="NEXT"
            )
    return bytes(pdf.output())


def _words(pdf: bytes) -> set[str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    return set(re.findall(r"[A-Za-z]{4,}", text))


def _rate(function: Any, docs: list[blocks.Document], *, clear: bool = False) -> float:
    start = time.perf_counter()
    for doc in docs:
        if clear:
            cache_clear()
        function(doc)
    return len(docs) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=6, help="documents per naive timing")
    parser.add_argument("--batch", type=int, default=300, help="documents per pool batch")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    docs = documents(max(args.count, 2))
    warm_up()
    ours_pdf, naive_pdf = render(docs[0]), naive(docs[0])
    from pypdf import PdfReader

    pages = [len(PdfReader(io.BytesIO(pdf)).pages) for pdf in (ours_pdf, naive_pdf)]
    assert pages[0] == 2, f"the standard contract should have two pages, not {pages[0]}"
    missing = _words(naive_pdf) - _words(ours_pdf)
    assert not missing, f"words in the naive PDF missing from ours: {sorted(missing)[:10]}"

    naive_rates, ours_rates, cold_rates = [], [], []
    for _ in range(args.repeat):
        naive_rates.append(_rate(naive, docs[: args.count]))
        ours_rates.append(_rate(render, docs * 10))
        cold_rates.append(_rate(render, docs * 3, clear=True))
    naive_rate, ours_rate = max(naive_rates), max(ours_rates)
    cold_rate = max(cold_rates)
    print(f"naive fpdf2 (multi_cell, shaping): {naive_rate:8.1f} documents/s")
    print(
        f"ours, paragraph cache warm:        {ours_rate:8.1f} documents/s"
        f"  ({ours_rate / naive_rate:.1f}x, target >= {TARGET_SPEEDUP:.0f}x)"
    )
    print(
        f"ours, cache cleared per document:  {cold_rate:8.1f} documents/s"
        f"  ({cold_rate / naive_rate:.1f}x)"
    )

    batch = documents(args.batch)
    with ProcessPoolExecutor(2, initializer=warm_up) as pool:
        render_many(batch[:4], pool, chunksize=1)  # start both workers
        single, pooled = [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            one = render_many(batch)
            single.append(time.perf_counter() - start)
            start = time.perf_counter()
            two = render_many(batch, pool, chunksize=8)
            pooled.append(time.perf_counter() - start)
            assert [len(pdf) for pdf in one] == [len(pdf) for pdf in two]
    ratio = min(single) / min(pooled)
    print(
        f"batch of {len(batch)}: one process {len(batch) / min(single):.1f}/s, "
        f"pool of 2 {len(batch) / min(pooled):.1f}/s "
        f"({ratio:.2f}x, target >= {TARGET_POOL}x)"
    )
    if ours_rate / naive_rate < TARGET_SPEEDUP or ratio < TARGET_POOL:
        raise SystemExit("below target (on a busy machine, run again)")


if __name__ == "__main__":
    main()
