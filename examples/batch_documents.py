"""Render a batch of documents on every core, then on a cluster (docs/cookbook/batch-documents.md).

    python examples/batch_documents.py --count 200 --workers 4

Prints the time of a serial run and of a process-pool run of the same batch, and checks
both wrote the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from municipal_core.documents._blocks import Document
from municipal_core.documents._printables import printable
from municipal_core.documents._render import RenderOptions, render_many, warm_up
from municipal_core.documents._samples import sample_objects

# Pinned, so a document renders to the same bytes in any process: the check below
# compares the serial and the parallel run byte for byte.
OPTIONS = RenderOptions(
    creation_date=dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc), document_id="batch"
)


# --8<-- [start:build]
def batch(count: int) -> list[Document]:
    # Building a Document is cheap and pure: do it where the data is. Here: every
    # printable kind in turn, from the documents package's sample objects.
    samples = [printable(kind, obj) for kind, obj in sample_objects().values()]
    return [samples[i % len(samples)] for i in range(count)]


# --8<-- [end:build]


# --8<-- [start:save]
def save(documents: list[Document], pdfs: list[bytes], folder: Path) -> None:
    # render_many writes nothing: store each PDF where it belongs, keyed by reference.
    folder.mkdir(parents=True, exist_ok=True)
    for index, (document, pdf) in enumerate(zip(documents, pdfs, strict=True)):
        (folder / f"{index:05}-{document.reference.replace('/', '-')}.pdf").write_bytes(pdf)


# --8<-- [end:save]


# --8<-- [start:pool]
def render_on_every_core(documents: list[Document], workers: int) -> list[bytes]:
    # "spawn" starts clean worker processes on every OS (fork is unsafe in a process
    # with threads); warm_up loads the fonts once per worker instead of per document.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=warm_up) as pool:
        return render_many(documents, pool, options=OPTIONS, chunksize=8)


# --8<-- [end:pool]


# --8<-- [start:cluster]
def render_on_dask(documents: list[Document], scheduler: str) -> list[bytes]:
    from distributed import Client  # pip install distributed

    with Client(scheduler) as client:
        # A Dask ClientExecutor is a concurrent.futures.Executor: it plugs in as is.
        return render_many(documents, client.get_executor(), options=OPTIONS)


class RayExecutor(Executor):
    """The few lines that make Ray a concurrent.futures.Executor for render_many."""

    def __init__(self, **init: Any) -> None:
        import ray  # pip install ray

        ray.init(ignore_reinit_error=True, **init)
        self._ray = ray

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = self._ray.remote(fn).remote(*args, **kwargs).future()
        return future


def render_on_ray(documents: list[Document]) -> list[bytes]:
    return render_many(documents, RayExecutor(), options=OPTIONS)


# --8<-- [end:cluster]


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=120)
    parser.add_argument("--workers", type=int, default=max(2, multiprocessing.cpu_count()))
    parser.add_argument("--out", type=Path, help="write the PDFs into this folder")
    args = parser.parse_args(argv)
    documents = batch(args.count)
    warm_up()
    start = time.perf_counter()
    serial = render_many(documents, options=OPTIONS)
    serial_s = time.perf_counter() - start
    start = time.perf_counter()
    parallel = render_on_every_core(documents, args.workers)
    parallel_s = time.perf_counter() - start
    if parallel != serial:
        raise SystemExit("the process pool wrote different bytes")
    if args.out is not None:
        save(documents, parallel, args.out)
    print(
        f"{args.count} documents: serial {serial_s:.2f} s, "
        f"{args.workers} processes {parallel_s:.2f} s (same bytes)"
    )
    return {"serial": serial_s, "parallel": parallel_s}


if __name__ == "__main__":
    main()
