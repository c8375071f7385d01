"""render_many(): same PDFs as render(), in order, with or without an executor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any

import attrs
import pytest

from municipal_core.documents._blocks import Document
from municipal_core.documents._lease_documents import lease_contract
from municipal_core.documents._render import RenderOptions, render, render_many, warm_up
from municipal_core.documents._samples import sample_lease
from municipal_core.errors import InvalidFormat

OPTIONS = RenderOptions(creation_date=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))


@pytest.fixture(scope="module")
def batch() -> list[Document]:
    base = lease_contract(sample_lease())
    return [attrs.evolve(base, reference=f"{n}/2026") for n in range(1, 4)]


class PlainExecutor(Executor):
    """An executor whose map() takes no chunksize, as some cluster executors do."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_result(fn(*args, **kwargs))
        return future

    def map(self, fn: Callable[..., Any], *iterables: Iterable[Any], **_: Any) -> Iterator[Any]:
        if _:
            raise TypeError("map() got an unexpected keyword argument")
        return iter([fn(*args) for args in zip(*iterables, strict=True)])


def test_without_executor_it_is_render_in_order(batch: list[Document]) -> None:
    assert render_many(batch, options=OPTIONS) == [render(d, options=OPTIONS) for d in batch]


@pytest.mark.parametrize("make", [lambda: ThreadPoolExecutor(2), PlainExecutor])
def test_any_executor_gives_the_same_pdfs(batch: list[Document], make: Any) -> None:
    with make() as executor:
        assert render_many(batch, executor, options=OPTIONS) == render_many(batch, options=OPTIONS)


def test_a_process_pool_gives_the_same_pdfs(batch: list[Document]) -> None:
    with ProcessPoolExecutor(2, initializer=warm_up) as pool:
        pooled = render_many(batch, pool, options=OPTIONS, chunksize=1)
    assert pooled == render_many(batch, options=OPTIONS)


def test_a_non_document_is_a_typed_error(batch: list[Document]) -> None:
    with pytest.raises(InvalidFormat):
        render_many([batch[0], "not a document"])  # type: ignore[list-item]
    assert render_many(iter(())) == []
