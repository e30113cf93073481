"""`--jobs N` on Linux: this process and N - 1 forked children check the files, results in input order.

Each item is what one call of `check` takes: the files of one filing (checker.cli.filings).
Whichever process is free takes the next item: the indices of the items wait in a pipe
(the queue) that every process reads four bytes at a time (a pipe hands each record to
one reader, and records are written whole), so a slow file or a busy core holds no one
up.  A child sends each result back, pickled and framed with its index, through a pipe
of its own.  This process checks files too, between collecting the children's results,
and yields every result in input order; results checked ahead of their turn wait in a
dict, so memory stays flat.  Cheaper than a multiprocessing pool: no pool to import and
start (about 30 ms), and no process waits on another while files remain.
"""
from __future__ import annotations

import os
import pickle
import select
import signal
import struct
from typing import Callable, Iterator, TypeVar

INDEX = struct.Struct("<I")
FRAME = struct.Struct("<II")      # file index, length of the pickled result
CHUNK = 1024                      # indices per write: 4,096 bytes, which a pipe writes whole
LOST = "internal error, please report: the worker process checking it ended"
Item = TypeVar("Item")
Result = TypeVar("Result")


class Queue:
    """The indices of the files not yet taken, in a pipe that every process reads."""

    def __init__(self, count: int):
        self.readable, self.writable = os.pipe()
        os.set_blocking(self.writable, False)  # this process fills it between files, never waiting
        self.count, self.queued = count, 0
        self.chunk = b""  # the indices from `queued` on that the pipe has not taken yet
        self.fill()

    def fill(self) -> None:
        """Queue as many indices as the pipe takes; the writing end closes once all are in."""
        while self.writable is not None:
            if not self.chunk:
                end = min(self.queued + CHUNK, self.count)
                self.chunk = b"".join(INDEX.pack(i) for i in range(self.queued, end))
            try:
                os.write(self.writable, self.chunk)
            except BlockingIOError:  # full: some 16,000 indices wait, no reader can run dry
                return
            self.queued += len(self.chunk) // INDEX.size
            self.chunk = b""
            if self.queued == self.count:
                os.close(self.writable)
                self.writable = None

    def take(self) -> int | None:
        """The next index, or None when every file is taken."""
        record = os.read(self.readable, INDEX.size)
        return INDEX.unpack(record)[0] if record else None

    def close(self) -> None:
        for fd in (self.readable, self.writable):
            if fd is not None:
                os.close(fd)


class Child:
    """A forked process taking files from the queue; its results arrive framed on a pipe."""

    def __init__(self, queue: Queue, check: Callable[[Item], Result], items: list[Item]):
        readable, writable = os.pipe()
        try:
            self.pid = os.fork()
        except OSError:
            os.close(readable)
            os.close(writable)
            raise
        if self.pid == 0:  # the child: never returns
            os.close(readable)
            if queue.writable is not None:
                os.close(queue.writable)  # else the queue would never end for the others
            serve(queue, check, items, writable)
        os.close(writable)
        self.results, self.buffer, self.open = readable, bytearray(), True

    def receive(self, into: dict[int, Result]) -> None:
        """Read what the child has sent (some is there: select said so) into `into`."""
        data = os.read(self.results, 1 << 16)
        if not data:  # the child is done, or died
            self.open = False
            return
        self.buffer += data
        while len(self.buffer) >= FRAME.size:
            index, size = FRAME.unpack_from(self.buffer)
            end = FRAME.size + size
            if len(self.buffer) < end:
                return
            into[index] = pickle.loads(self.buffer[FRAME.size:end])
            del self.buffer[:end]

    def stop(self) -> None:
        os.close(self.results)
        try:
            os.kill(self.pid, signal.SIGTERM)  # a child still running when the run ended early
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)


def serve(queue: Queue, check: Callable[[Item], Result], items: list[Item], writable: int) -> None:
    status = 0
    try:
        while (index := queue.take()) is not None:
            payload = pickle.dumps(check(items[index]), pickle.HIGHEST_PROTOCOL)
            message = memoryview(FRAME.pack(index, len(payload)) + payload)
            while message:
                message = message[os.write(writable, message):]
    except BaseException:  # this process went away, or ^C: it reports what it must
        status = 1
    finally:
        os._exit(status)  # no atexit handlers, no flush of buffers inherited from this process


def forked(items: list[Item], jobs: int, check: Callable[[Item], Result],
           lost: Callable[[Item, str], Result]) -> Iterator[Result]:
    """`check` of every item, in input order, by this process and `jobs - 1` forked children; `lost(item, message)`
    stands for the result of an item a child took and never sent back."""
    queue = Queue(len(items))
    children = start_children(queue, check, items, min(jobs, len(items)) - 1)
    ready: dict[int, Result] = {}  # results that came before their turn
    try:
        for turn in range(len(items)):
            while turn not in ready:
                collect(children, ready, wait=False)
                if turn in ready:
                    break
                queue.fill()
                index = queue.take()
                if index is not None:
                    ready[index] = check(items[index])
                elif any(child.open for child in children):
                    collect(children, ready, wait=True)
                else:  # taken by a child that died before sending it
                    ready[turn] = lost(items[turn], LOST)
            yield ready.pop(turn)
    finally:
        for child in children:
            child.stop()
        queue.close()


def start_children(queue: Queue, check: Callable[[Item], Result], items: list[Item], count: int) -> list[Child]:
    """As many children as asked for, or as the system allows: with none, this process checks every file."""
    children: list[Child] = []
    try:
        while len(children) < count:
            children.append(Child(queue, check, items))
    except OSError:  # no more processes (EAGAIN) or memory for them: go on with fewer
        pass
    return children


def collect(children: list[Child], ready: dict[int, Result], wait: bool) -> None:
    """Results the children have sent; with `wait`, blocks until one of them sends or ends."""
    by_fd = {child.results: child for child in children if child.open}
    if by_fd:
        readable, _, _ = select.select(list(by_fd), [], [], None if wait else 0)
        for fd in readable:
            by_fd[fd].receive(ready)
