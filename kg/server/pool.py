"""A pool of worker processes that run queries with a hard time-out.

Oxigraph cannot cancel a running query from another thread, so each query runs
in a separate process (:mod:`kg.server.worker`).  When a query outlives the
time-out the pool answers 503 at once, kills that process (SIGKILL) and starts
a fresh one in its place, so a runaway query (a cartesian product, a huge
sort) holds one worker for at most ``timeout`` seconds and never the server.
While every worker is busy, a request waits for one; that wait counts against
its time-out too.
"""

from __future__ import annotations

import asyncio
import multiprocessing as mp
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from kg.errors import KgError
from kg.server.worker import Job, Reply, error

_START_TIMEOUT = 120.0  # seconds a new worker may take to import and open the store


class _Worker:
    def __init__(self, ctx: Any, location: str, writable: bool, memory_limit: int) -> None:
        from kg.server import worker

        parent, child = ctx.Pipe()
        self.process = ctx.Process(target=worker.main, args=(child, location, writable, memory_limit),
                                   daemon=True, name="kg-serve-worker")
        self.process.start()
        child.close()
        self.conn = parent

    def wait_ready(self) -> None:
        if not self.conn.poll(_START_TIMEOUT):
            self.kill()
            raise KgError(f"a query worker did not start within {_START_TIMEOUT:.0f} s")
        try:
            message = self.conn.recv()
        except EOFError:
            raise KgError("a query worker exited while starting") from None
        if message[0] != "ready":
            self.kill()
            raise KgError(f"a query worker could not open the store: {message[1]}")

    def call(self, job: Job, timeout: float) -> Reply | None:
        """Send ``job`` and wait for the reply; None when ``timeout`` passed first."""
        self.conn.send(job)
        if not self.conn.poll(timeout):
            return None
        return self.conn.recv()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(2)
        self.kill()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """``size`` worker processes serving one store.

    Args:
        location: the store folder.
        size: number of worker processes (queries running at once).
        writable: open the store for writing (the update pool; use size 1).
        memory_limit: bytes of address space each worker may use (0: no limit).
    """

    def __init__(self, location: str, size: int, writable: bool = False, memory_limit: int = 0) -> None:
        self.location = location
        self.size = size
        self.writable = writable
        self.memory_limit = memory_limit
        self.timeouts = 0
        self._ctx = mp.get_context("spawn")
        self._idle: asyncio.Queue[_Worker] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        # One thread per worker waits for its reply, so every worker can be busy at once.
        self._waiters = ThreadPoolExecutor(max_workers=size, thread_name_prefix="kg-serve-wait")

    async def start(self) -> None:
        """Start the workers and wait until each has opened the store."""
        self._loop = asyncio.get_running_loop()
        self._idle = asyncio.Queue()
        workers = [self._spawn() for _ in range(self.size)]
        await asyncio.gather(*(asyncio.to_thread(w.wait_ready) for w in workers))
        for w in workers:
            self._idle.put_nowait(w)

    def _spawn(self) -> _Worker:
        worker = _Worker(self._ctx, self.location, self.writable, self.memory_limit)
        with self._lock:
            self._all.add(worker)
        return worker

    async def submit(self, job: Job, timeout: float) -> Reply:
        """Run ``job`` on a free worker; a 503 reply when ``timeout`` seconds pass first."""
        assert self._idle is not None, "start() the pool first"
        started = time.monotonic()
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout)
        except TimeoutError:
            return _busy(f"all {self.size} query workers stayed busy for the whole time-out ({timeout:g} s)")
        remaining = max(timeout - (time.monotonic() - started), 0.001)
        reply: Reply | None = None
        healthy = False
        try:
            reply = await asyncio.get_running_loop().run_in_executor(self._waiters, worker.call, job, remaining)
            healthy = reply is not None
        except (EOFError, OSError):
            reply = error(500, "the query worker died while running this request (out of memory? see kg serve --worker-memory)")
        finally:
            if healthy:
                self._idle.put_nowait(worker)
            else:
                self._replace(worker)
        if reply is None:
            self.timeouts += 1
            return _busy(f"the query took longer than this endpoint's time-out ({timeout:g} s, kg serve --timeout)")
        return reply

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and start a new one in the background."""

        def work() -> None:
            worker.kill()
            with self._lock:
                self._all.discard(worker)
                if self._closed:
                    return
            fresh = self._spawn()
            try:
                fresh.wait_ready()
            except KgError:
                with self._lock:
                    self._all.discard(fresh)
                return
            assert self._loop is not None and self._idle is not None
            try:
                self._loop.call_soon_threadsafe(self._idle.put_nowait, fresh)
            except RuntimeError:  # the event loop has closed: the server is stopping
                fresh.stop()

        threading.Thread(target=work, daemon=True, name="kg-serve-respawn").start()

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.stop()
        self._waiters.shutdown(wait=False, cancel_futures=True)


def _busy(message: str) -> Reply:
    reply = error(503, message)
    return Reply(reply.status, reply.media_type, reply.body, {"Retry-After": "5"})
