"""Start HTTP servers for tests and benchmarks: ``kg serve`` and an Oxigraph server, on loopback."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A server process on 127.0.0.1, stopped by :meth:`stop`."""

    def __init__(self, args: list[str], port: int, ready_path: str, log: Path) -> None:
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log = log
        self._log_file = log.open("wb")
        self.process = subprocess.Popen(args, stdout=self._log_file, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}: {log.read_text(errors='replace')}")
            try:
                with urllib.request.urlopen(self.url + ready_path, timeout=2) as response:
                    if response.status < 500:
                        return
            except urllib.error.HTTPError as exc:
                if exc.code < 500:
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"server did not answer within 90 s: {log.read_text(errors='replace')}")
            time.sleep(0.1)

    def stop(self) -> None:
        """Terminate the server (and, for kg serve, its workers) and wait for it."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self._log_file.close()


def kg_serve(store: Path, log: Path, *options: str) -> Server:
    """``kg --store STORE serve --port FREE OPTIONS...`` (ready when /queries answers)."""
    port = free_port()
    args = [sys.executable, "-m", "kg", "--store", str(store), "serve", "--port", str(port), "--quiet", *options]
    return Server(args, port, "/queries", log)


def oxigraph_server(location: Path, log: Path) -> Server:
    """An Oxigraph server (PyPI package ``oxigraph``) on a free port; fails when it is not installed."""
    exe = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if exe is None:
        raise RuntimeError("the oxigraph server is missing: pip install oxigraph")
    port = free_port()
    return Server([exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"], port, "/", log)


def copy_store(source: Any, dest: Path) -> Path:
    """Copy an embedded store's quads into a new store folder and close it."""
    import gc

    import pyoxigraph as ox

    target = ox.Store(str(dest))
    target.bulk_load(source.dump(ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
    target.flush()
    del target
    gc.collect()
    return dest
