"""Work done in a forked copy of the build's process while the build goes on.

The build renders on one core; file work (copying a release, removing old ones) and keeping the state
for the next publish (``builder.published``) are done beside it, on a core it leaves idle then. A fork
starts with everything the build has made, without pickling any of it across a pipe.
"""

from __future__ import annotations

import os
from collections.abc import Callable


class Apart:
    """A piece of work done in a forked process while the build goes on (the kernel's time making and
    removing folders, pickling the state to keep: on a core the build leaves idle then); done at once
    where there is no ``fork``. The task is told whether the build's process is still alive (its
    parent unchanged), and should stop if not. ``wait`` returns once it is done."""

    def __init__(self, what: str, task: Callable[[Callable[[], bool]], None] | None) -> None:
        """Start ``task`` (none: nothing to do); ``what`` it is, for the error a failure raises."""
        self._what = what
        self._pid: int | None = None
        if task is None:
            return
        if not hasattr(os, "fork"):
            task(lambda: True)
            return
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the forked process: never returns into the build's code
            code = 1
            try:
                task(lambda: os.getppid() == parent)
                code = 0
            except BaseException as exc:  # reported by the build, which fails; here only why
                # os.write, not print: no lock another thread of the build may have held at the fork.
                os.write(2, f"{what} failed: {exc}\n".encode())
            finally:
                os._exit(code)
        self._pid = pid

    def wait(self, *, check: bool = True) -> None:
        """Wait for the task to be done (once; later calls return at once); ``check``: raise OSError if
        it failed."""
        if self._pid is None:
            return
        pid, self._pid = self._pid, None
        _, status = os.waitpid(pid, 0)
        if check and os.waitstatus_to_exitcode(status) != 0:
            raise OSError(f"{self._what} failed")
