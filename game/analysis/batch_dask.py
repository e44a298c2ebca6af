"""Batches on a Dask cluster: `summit batch --dask ADDRESS` (a running scheduler) or `--dask local` (a
`distributed.LocalCluster` of a few processes on 127.0.0.1, started and stopped with the batch).

Dask is optional (`pip install 'summit[cluster]'`): it is imported here only when a batch asks for it, never
when this module is imported. The scenario goes to the workers once (scattered); each task plays a chunk of
consecutive runs with the same `_Player.play_run` that `--jobs 1` uses, so the rows are the same by
construction. Game logs (`--logs`) come back with the rows and are written here, where the batch was
started, not on the workers' disks. Chunks are handed out within a window of the oldest one not yet
yielded and rows are yielded in run order, so a stopped batch leaves the file a complete prefix of the runs,
and what waits in memory is bounded however slow one chunk is.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import signal
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

from ..scenario import Scenario
from .batch import BatchRow, WorkerError, _Player, check_batch, interrupts_asked

LOCAL = "local"
CONNECT_SECONDS = 10.0   # to reach the scheduler, and for it to have a worker
LOCAL_WORKERS = 2        # --dask local: worker processes, one thread each (a game holds the GIL)
MAX_CHUNK = 20           # runs per task, however many runs there are
WAIT_SECONDS = 0.05      # the longest a Ctrl-C waits to be noticed while no chunk is ready
INSTALL = "pip install 'summit[cluster]' (or pip install '.[cluster]' in a checkout of Summit)"


class ClusterError(RuntimeError):
    """The cluster cannot be used (Dask missing, the scheduler unreachable, no workers, another Summit on a
    worker): one line for the user, before any game is played."""


# ----- on the workers -----------------------------------------------------------------------------------

_ONE_GAME_AT_A_TIME = threading.Lock()   # a worker with several threads plays its chunks one after another


def _play_chunk(scenario: Scenario, overrides: dict[str, str], seed: int, with_logs: bool, start: int,
                stop: int) -> list[tuple[BatchRow, str | None]]:
    """A task: runs start .. stop-1, each as (row, log text or None)."""
    player = _Player(scenario, overrides, seed, None)
    with _ONE_GAME_AT_A_TIME:
        return [player.play_run(run, with_logs) for run in range(start, stop)]


def _summit_version() -> str:
    from .. import __version__
    return __version__


# ----- here -------------------------------------------------------------------------------------------------

@contextlib.contextmanager
def _quiet_dask():
    """Dask's own log lines (worker start-up and shutdown, a lost connection) would break the one-line
    messages: in this process they are kept to CRITICAL while the batch runs."""
    import distributed  # noqa: F401  (sets up its loggers, each with its own level, and their handler)

    names = [name for name in list(logging.root.manager.loggerDict)
             if name.split(".")[0] in ("distributed", "tornado")]
    handlers = list({handler: handler.level for name in names for handler in logging.getLogger(name).handlers}.items())
    for handler, _ in handlers:
        handler.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for handler, level in handlers:
            handler.setLevel(level)


class DaskRuns:
    """The games of a batch played by a Dask cluster, as an iterator of rows in run order, and a context
    manager that lets go of the cluster (and stops a local one) on the way out."""

    def __init__(self, scenario: Scenario, overrides: dict[str, str], runs: int, seed: int, logs: Path | None,
                 address: str):
        self.runs, self.address = runs, address
        self._scenario, self._overrides, self._seed, self._logs = scenario, overrides, seed, logs
        self._player = _Player(scenario, overrides, seed, logs)   # here, to write the logs
        self._client = self._cluster = None
        self._futures: dict = {}
        self._quiet = contextlib.ExitStack()
        try:
            import distributed
        except ImportError as error:
            raise ClusterError(f"--dask needs Dask ({error.name or 'distributed'} is not installed): "
                               f"{INSTALL}") from None
        self._quiet.enter_context(_quiet_dask())
        try:
            self._connect(distributed)
        except BaseException:
            self.close(wait=False)
            raise

    def _connect(self, distributed) -> None:
        if self.address == LOCAL:
            # Started with Ctrl-C ignored, which the worker processes keep: Ctrl-C reaches the whole
            # foreground group, and it is this process that stops the batch (and the cluster).
            in_main = threading.current_thread() is threading.main_thread()
            previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if in_main else None
            try:
                import dask.config

                # The workers' statistical profiler samples the playing thread every 10 ms: no one reads it.
                with dask.config.set({"distributed.worker.profile.enabled": False}):
                    self._cluster = distributed.LocalCluster(
                        n_workers=min(LOCAL_WORKERS, os.cpu_count() or 1), threads_per_worker=1, processes=True,
                        host="127.0.0.1", dashboard_address=None, silence_logs=logging.CRITICAL)
                self._client = distributed.Client(self._cluster, timeout=CONNECT_SECONDS, set_as_default=False)
            except Exception as error:
                raise ClusterError(f"--dask local: cannot start a local Dask cluster: {_reason(error)}") from None
            finally:
                if in_main:
                    signal.signal(signal.SIGINT, previous)
        else:
            try:
                self._client = distributed.Client(self.address, timeout=CONNECT_SECONDS, set_as_default=False)
            except Exception as error:
                raise ClusterError(f"--dask {self.address}: cannot reach the Dask scheduler within "
                                   f"{CONNECT_SECONDS:g} s: {_reason(error)}") from None
            try:
                self._client.wait_for_workers(1, timeout=CONNECT_SECONDS)
            except Exception:
                raise ClusterError(f"--dask {self.address}: the scheduler has no workers after "
                                   f"{CONNECT_SECONDS:g} s (start some with dask worker {self.address})") from None
        self._check_versions()

    def _check_versions(self) -> None:
        """Every worker must run this Summit: the rows are only the same when the games are."""
        mine = _summit_version()
        try:
            theirs = self._client.run(_summit_version)
        except Exception as error:
            raise ClusterError(f"--dask {self.address}: a worker cannot run Summit ({_reason(error)}): install "
                               f"Summit {mine} on every worker") from None
        other = sorted({version for version in theirs.values() if version != mine})
        if other:
            raise ClusterError(f"--dask {self.address}: a worker runs Summit {other[0]}, this is Summit {mine}: "
                               f"install the same version on every worker")

    def __enter__(self) -> "DaskRuns":
        return self

    def __exit__(self, error_type, error, trace) -> None:
        self.close(wait=error_type is None)

    def close(self, wait: bool = True) -> None:
        """Cancel what is still being played, let go of the scheduler, stop a local cluster."""
        try:
            if self._client is not None:
                with contextlib.suppress(Exception):
                    if self._futures:
                        self._client.cancel(list(self._futures))
                with contextlib.suppress(Exception):
                    self._client.close(timeout=5)
            if self._cluster is not None:
                with contextlib.suppress(Exception):
                    self._cluster.close(timeout=10)
        finally:
            self._futures, self._client, self._cluster = {}, None, None
            self._quiet.close()

    def __iter__(self) -> Iterator[BatchRow]:
        from distributed import as_completed

        client = self._client
        threads = max(1, sum(client.nthreads().values()))
        window = 2 * threads + 1   # chunks handed out or waiting to be yielded, at most
        scenario = client.scatter(self._scenario, broadcast=True, hash=False)
        batch = uuid.uuid4().hex[:8]
        chunks: list[tuple[int, int]] = []   # (start, stop) of each chunk handed out, in run order
        finished: dict[int, list] = {}       # start -> what its task returned, until its turn comes
        queue = as_completed(loop=client.loop)
        yielded = 0                          # chunks whose rows have been yielded

        def hand_out() -> None:
            # Up to MAX_CHUNK runs, and smaller as the end nears, so that the workers finish together.
            while (start := chunks[-1][1] if chunks else 0) < self.runs and len(chunks) - yielded < window:
                stop = start + max(1, min(MAX_CHUNK, math.ceil((self.runs - start) / (4 * threads))))
                future = client.submit(_play_chunk, scenario, self._overrides, self._seed, self._logs is not None,
                                       start, stop, key=f"summit-batch-{batch}-{start}", pure=False)
                self._futures[future] = (start, stop)
                chunks.append((start, stop))
                queue.add(future)

        with interrupts_asked() as asked:
            hand_out()
            while not queue.is_empty():
                if asked:   # Ctrl-C: raised here, in this frame, where nothing can swallow it
                    raise KeyboardInterrupt
                if not queue.has_ready():
                    with queue.thread_condition:
                        queue.thread_condition.wait(timeout=WAIT_SECONDS)
                    continue
                future = next(queue)
                start, stop = self._futures.pop(future)
                finished[start] = self._result(future, start, stop)
                while yielded < len(chunks) and chunks[yielded][0] in finished:
                    for row, text in finished.pop(chunks[yielded][0]):
                        if text is not None:
                            self._player.write_log(row.run, text)
                        yield row
                    yielded += 1
                    hand_out()

    def _result(self, future, start: int, stop: int) -> list:
        from concurrent.futures import CancelledError

        from distributed import KilledWorker
        from distributed.comm import CommClosedError

        try:
            return future.result()
        except KilledWorker:
            raise WorkerError(f"the Dask workers playing runs {start}-{stop - 1} kept stopping") from None
        except (CancelledError, CommClosedError):
            raise WorkerError(f"lost the Dask scheduler at {self._where()}") from None

    def _where(self) -> str:
        return self._cluster.scheduler_address if self._cluster is not None else self.address


def play_batch_on_dask(scenario: Scenario, runs: int, seed: int = 0, overrides: dict[str, str] | None = None,
                       logs: Path | None = None, address: str = LOCAL) -> DaskRuns:
    """play_batch's runs on the Dask scheduler at `address` (or LOCAL: a cluster started here), as
    `with play_batch_on_dask(...) as games: for row in games: ...`, the rows in run order. ClusterError,
    with the reason in one line, if the cluster cannot be used."""
    check_batch(scenario, runs)
    return DaskRuns(scenario, dict(overrides or {}), runs, seed, logs, address)


def _reason(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 200 else text[:197] + "..."
