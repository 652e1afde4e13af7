"""Work done in a second process beside the build: the build is single-threaded Python and the
machines it runs on have two cores or more, so a pure computation over what the run already
read (the source checks) costs the build only the fork and the wait for its answer.

Linux forks: the child starts with the parent's memory (the run's sources are not sent), does
the one computation and sends back its result, which must pickle.
"""

from __future__ import annotations

import multiprocessing
import time


class InChildProcess:
    """`compute()` started at once in a forked child process; `result()` waits for its value.

    If the child cannot give an answer (it failed, was killed, or its result did not pickle),
    `result()` computes it again here, so an error surfaces as it would without the child.
    """

    def __init__(self, compute):
        self._compute = compute
        self.seconds = 0.0  # the child's CPU time, reported as work beside the build
        context = multiprocessing.get_context("fork")
        self._answers, answer = context.Pipe(duplex=False)
        self._child = context.Process(target=_answer, args=(compute, answer), daemon=True)
        self._child.start()
        answer.close()  # the child's end: the parent keeps only its reading end

    def ready(self) -> bool:
        """True once the child has answered (or ended): `result()` will not wait."""
        return self._answers.poll()

    def result(self):
        try:
            done, value, self.seconds = self._answers.recv()
        except (EOFError, OSError):
            done = False
        finally:
            self._answers.close()
            self._child.join()
        return value if done else self._compute()


def _answer(compute, answer) -> None:
    started = time.process_time()
    try:
        value = compute()
        answer.send((True, value, time.process_time() - started))
    except BaseException:  # the parent computes it again and meets the same error there
        answer.send((False, None, 0.0))
    finally:
        answer.close()
