"""A TCP proxy on loopback that a test can stop and start again on the same port: a database
server going away and coming back, as its clients see it; or black-hole, as a vanished host
looks to the server when something still holds its connections open."""

from __future__ import annotations

import select
import socket
import threading


class TcpProxy:
    """Forwards connections from ``127.0.0.1:port`` to ``target``. ``stop()`` refuses new
    connections and cuts every open one, as a crashed server does; ``start()`` serves again.
    ``blackhole()`` stops forwarding and reading but keeps every socket open: both ends see
    silence, never a reset."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._listener: socket.socket | None = None
        self._silent = threading.Event()
        probe = socket.create_server(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()

    def start(self) -> None:
        self._silent.clear()
        listener = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def blackhole(self) -> None:
        self._silent.set()

    def stop(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            _close(listener)  # shutdown() first: close() alone leaves a blocked accept() serving
        with self._lock:
            sockets, self._open = self._open, set()
        for sock in sockets:
            _close(sock)

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # stopped
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                self._open.update((client, upstream))
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while not self._silent.is_set():
                if not select.select([source], [], [], 0.05)[0]:
                    continue
                if self._silent.is_set() or not (data := source.recv(65536)):
                    break
                sink.sendall(data)
        except (OSError, ValueError):  # ValueError: select() on a socket stop() closed
            pass
        finally:
            if not self._silent.is_set():  # black-holed sockets stay open until stop()
                _close(source)
                _close(sink)


def _close(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()
