"""Analysis in parallel: a local process pool, and partitioned, resumable ingest on a Dask cluster.

Both load the model once per worker process (from a picklable :class:`PipelineSpec`), never
once per task. Dask ingest cuts the input into partitions named by their index and the hash of
their articles; each partition is analysed on a worker, written as Parquet files (one per table,
the store's own columns), then stored in DuckDB by this process, the store's only writer, and
marked done. A rerun skips partitions marked done; one killed half-way is analysed again, and the
store's ingest (keyed by article id and text hash) keeps it from being doubled.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

from eventwire.analysis import Analysis, Article
from eventwire.limits import AnalysisError, Limits
from eventwire.pipeline import PipelineSpec, batched

DONE_DIR = "_done"


class Analyzer(Protocol):
    def analyze_many(
        self, articles: Iterable[Article], on_error: Callable[[AnalysisError], None] | None = None
    ) -> Iterator[Analysis]: ...


#: An article that failed, as it travels back from a worker: (article, message).
Failure = tuple[Article, str]


#: Pipelines built in this worker, by spec: the model is loaded once per worker process (once per
#: thread where a Dask worker runs several, as a spaCy pipeline is not safe to share between threads).
_LOCAL = threading.local()


def worker_pipeline(spec: PipelineSpec | Callable[[], Analyzer]) -> Analyzer:
    """This worker's pipeline for ``spec`` (a PipelineSpec, or a factory function for tests)."""
    built: dict[Any, Analyzer] = _LOCAL.__dict__.setdefault("pipelines", {})
    if spec not in built:
        built[spec] = spec.build() if isinstance(spec, PipelineSpec) else spec()
    return built[spec]


def _init_worker(spec: PipelineSpec) -> None:
    worker_pipeline(spec)


def analyze_in_worker(
    spec: PipelineSpec | Callable[[], Analyzer], articles: Sequence[Article]
) -> tuple[list[Analysis], list[Failure]]:
    """This worker's analyses of ``articles``, and the ones that failed (errors do not pickle well)."""
    failures: list[Failure] = []
    analyses = list(worker_pipeline(spec).analyze_many(
        articles, lambda error: failures.append((error.article, error.message))))
    return analyses, failures


def report_failures(failures: list[Failure], on_error: Callable[[AnalysisError], None] | None) -> None:
    for article, message in failures:
        error = AnalysisError(article, message)
        if on_error is None:
            raise error
        on_error(error)


def _hold(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


class LocalPool:
    """Worker processes on this machine, each with its own copy of the pipeline."""

    def __init__(self, spec: PipelineSpec, processes: int) -> None:
        self.spec = spec
        self.processes = processes
        ctx = multiprocessing.get_context("spawn")  # no fork of a process that holds threads
        self.pool = ctx.Pool(processes, initializer=_init_worker, initargs=(spec,))

    def analyze(
        self, articles: Iterable[Article], chunk_size: int, on_error: Callable[[AnalysisError], None] | None = None
    ) -> Iterator[Analysis]:
        """Results in input order, with a bounded number of chunks in flight (bounded memory).

        Articles that fail go to ``on_error`` (or raise without it), as in Pipeline.analyze_many.
        """
        pending: deque[Any] = deque()

        def collect() -> list[Analysis]:
            analyses, failures = pending.popleft().get()
            report_failures(failures, on_error)
            return analyses

        for chunk in batched(articles, chunk_size):
            pending.append(self.pool.apply_async(analyze_in_worker, (self.spec, chunk)))
            if len(pending) >= 2 * self.processes:
                yield from collect()
        while pending:
            yield from collect()

    def wait_ready(self) -> list[int]:
        """Block until every worker has loaded its pipeline; returns their process ids."""
        seen: set[int] = set()
        while len(seen) < self.processes:  # a busy worker leaves the next task to another one
            seen.update(self.pool.map(_hold, [0.2] * self.processes, chunksize=1))
        return sorted(seen)

    def close(self) -> None:
        self.pool.close()
        self.pool.join()


@dataclass(frozen=True)
class Partition:
    """A slice of the input, named by its position and the hash of its articles (ids and texts)."""

    index: int
    articles: tuple[Article, ...]

    @cached_property
    def name(self) -> str:
        digest = hashlib.sha256()
        for article in self.articles:
            digest.update(f"{article.id}\0{article.text_sha256}\n".encode())
        return f"part-{self.index:05d}-{digest.hexdigest()[:12]}"


def partitions(articles: Iterable[Article], size: int) -> Iterator[Partition]:
    """The input cut into partitions of ``size`` articles, the same ones on every run."""
    for index, chunk in enumerate(batched(articles, size)):
        yield Partition(index, tuple(chunk))


def analyze_partition(
    spec: PipelineSpec | Callable[[], Analyzer], articles: Sequence[Article], out_dir: str, name: str
) -> tuple[list[Analysis], list[Failure]]:
    """Dask task: analyse one partition on a worker and write it as Parquet there."""
    from eventwire.parquet import write_partition

    analyses, failures = analyze_in_worker(spec, articles)
    write_partition(analyses, out_dir, name)
    return analyses, failures


@dataclass
class IngestReport:
    """What a distributed ingest did."""

    partitions: int = 0
    skipped: int = 0  # finished by an earlier run
    stored: int = 0
    unchanged: int = 0
    failed: int = 0


def done_marker(out_dir: Path, name: str) -> Path:
    return out_dir / DONE_DIR / f"{name}.json"


def connect(workers: int | None = None, cluster: str | None = None) -> Any:
    """A Dask client: on an existing scheduler (waiting Dask's ``distributed.comm.timeouts.connect``
    for it), or on a local cluster of ``workers`` processes."""
    from distributed import Client, LocalCluster

    if cluster:
        return Client(cluster)
    local = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                         dashboard_address=":0", silence_logs=40)
    return Client(local)


def ingest_dask(
    articles: Iterable[Article],
    db: str | Path,
    out_dir: str | Path,
    spec: PipelineSpec | Callable[[], Analyzer],
    client: Any,
    partition_size: int = 64,
    on_partition: Callable[[int], None] | None = None,
    on_error: Callable[[AnalysisError], None] | None = None,
) -> IngestReport:
    """Analyse partitions on the cluster, write their Parquet files, store them, mark them done.

    At most two partitions per worker are in flight, so memory stays bounded on any input size.
    ``on_partition`` is told the number of articles of each partition finished (or skipped);
    articles that fail go to ``on_error`` (a partition with failures is still done: rerunning it
    would fail them again).
    """
    from distributed import as_completed

    from eventwire.store import Store

    out = Path(out_dir)
    (out / DONE_DIR).mkdir(parents=True, exist_ok=True)
    report = IngestReport()
    limit = 2 * max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})))
    todo = iter(partitions(articles, partition_size))
    running = as_completed()
    names: dict[Any, Partition] = {}

    def submit_next() -> bool:
        for part in todo:
            report.partitions += 1
            if done_marker(out, part.name).exists():
                report.skipped += 1
                report.unchanged += len(part.articles)
                if on_partition:
                    on_partition(len(part.articles))
                continue
            future = client.submit(analyze_partition, spec, part.articles, str(out), part.name,
                                   key=f"analyze-{part.name}", pure=False)
            names[future] = part
            running.add(future)
            return True
        return False

    with Store(db) as store:
        while len(names) < limit and submit_next():
            pass
        for future in running:
            part = names.pop(future)
            analyses, failures = future.result()
            report_failures(failures, on_error)
            report.failed += len(failures)
            added, same = store.ingest(analyses)
            report.stored, report.unchanged = report.stored + added, report.unchanged + same
            done_marker(out, part.name).write_text(
                json.dumps({"articles": len(part.articles), "stored": added, "unchanged": same}) + "\n",
                encoding="utf-8")
            future.release()
            if on_partition:
                on_partition(len(part.articles))
            while len(names) < limit and submit_next():
                pass
    return report


def ingest_parallel(
    articles: Sequence[Article],
    db: str | Path,
    out_dir: str | Path,
    config: dict[str, Any] | None,
    fast: bool,
    limits: Limits,
    workers: int | None,
    cluster: str | None,
    partition_size: int,
    bar: Any,
    on_error: Callable[[AnalysisError], None] | None = None,
) -> tuple[int, int]:
    """`eventwire ingest --workers/--cluster`: returns (stored, unchanged) like the one-process path."""
    spec = PipelineSpec(json.dumps(config or {}, sort_keys=True), fast, limits=limits)
    try:
        client = connect(workers, cluster)
    except (OSError, TimeoutError) as exc:
        raise OSError(f"cannot reach the Dask scheduler {cluster}: {exc}") from None
    with client, bar:
        task = bar.add_task("ingesting", total=len(articles))
        report = ingest_dask(articles, db, out_dir, spec, client, partition_size,
                             lambda n: bar.advance(task, n), on_error)
        if cluster is None:
            client.cluster.close()
    if report.skipped:
        bar.console.print(f"{report.skipped} of {report.partitions} partition(s) were done by an earlier run")
    return report.stored, report.unchanged
