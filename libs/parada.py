"""How a HealthMed process stops: SIGINT, SIGTERM and SIGHUP all mean "stop gracefully".

Who sends them: Ctrl-C (SIGINT); ``docker stop``, systemd, Kubernetes, a CI runner (SIGTERM); a
closed terminal (SIGHUP). uvicorn shuts down gracefully on SIGINT and SIGTERM and then raises
the caught signal again. SIGINT then becomes Python's ``KeyboardInterrupt`` and every
``finally`` runs; but the default action of SIGTERM and SIGHUP ends the process at once,
skipping them: the embedded PostgreSQL started by ``make dev`` stayed running, orphaned.

Inside :func:`parar_por_sinal`:

- SIGINT and SIGTERM raise :class:`Parada`, a ``BaseException`` like ``KeyboardInterrupt`` (no
  ``except Exception`` swallows it), so ``finally`` blocks and context managers run; while
  uvicorn serves, it catches them first, shuts down gracefully, then raises them again to us;
- SIGHUP is handed to whoever handles SIGTERM at that moment: uvicorn while it serves (which
  knows nothing of SIGHUP), this module otherwise;
- once the stop is under way, further signals change nothing (a second Ctrl-C or SIGTERM must
  not cut the clean-up short);
- a server's block (the default) ends normally when a :class:`Parada` reaches it: the stop was
  asked for and done, so the process exits with status 0, as uvicorn's own supervisor and
  PostgreSQL do; a task's block (``tarefa=True``: the demo loader, an operator command) did not
  finish its work, so the process exits with 128 + the signal, as a shell reports it, and a
  ``make demo`` chain (``loader && server``) stops there.

:func:`adiar` holds a stop back while something must not be cut in half (starting or
stopping the embedded PostgreSQL: a ``pg_ctl`` killed half-way leaves a server nobody stops).
"""

from __future__ import annotations

import contextlib
import logging
import signal
from collections.abc import Iterator
from types import FrameType

_log = logging.getLogger("healthmed")

SINAIS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Parada(BaseException):
    """A stop signal arrived: unwind (running every ``finally``) up to :func:`parar_por_sinal`."""

    def __init__(self, sinal: int) -> None:
        super().__init__(signal.Signals(sinal).name)
        self.sinal = sinal


class _Estado:
    """What the handler needs to know between signals."""

    adiando = 0  # depth of nested adiar() blocks
    recebido: int | None = None  # the first stop signal received
    pendente = False  # a stop came during adiar(): raise it when the block ends
    parando = False  # Parada was raised: the stop is under way, later signals change nothing


_estado = _Estado()


def _ao_sinal(sinal: int, frame: FrameType | None) -> None:
    if _estado.recebido is None:
        _estado.recebido = sinal
    if _estado.parando:
        return
    if _estado.adiando:
        _estado.pendente = True
        return
    if sinal == signal.SIGHUP:
        # Whoever handles SIGTERM now stops: uvicorn gracefully while serving, else us (below).
        signal.raise_signal(signal.SIGTERM)
        return
    _estado.parando = True
    raise Parada(_estado.recebido)


@contextlib.contextmanager
def parar_por_sinal(*, tarefa: bool = False) -> Iterator[None]:
    """Run the block so that SIGINT, SIGTERM and SIGHUP stop it cleanly, ``finally`` included;
    then a server exits with 0, a task (``tarefa``) with 128 + the signal.

    Call it from the main thread (only it may install signal handlers)."""
    anteriores = {sinal: signal.signal(sinal, _ao_sinal) for sinal in SINAIS}
    _estado.recebido, _estado.pendente, _estado.parando = None, False, False
    try:
        yield
    except Parada as parada:
        _log.info("parado por %s", signal.Signals(parada.sinal).name)
        if tarefa:
            raise SystemExit(128 + parada.sinal) from None
    finally:
        for sinal, anterior in anteriores.items():
            signal.signal(sinal, anterior)


@contextlib.contextmanager
def adiar() -> Iterator[None]:
    """Hold a stop signal back until the block ends, then stop (nothing changes outside
    :func:`parar_por_sinal`)."""
    _estado.adiando += 1
    try:
        yield
    finally:
        _estado.adiando -= 1
    if _estado.pendente and not _estado.adiando and _estado.recebido is not None:
        _estado.pendente, _estado.parando = False, True
        raise Parada(_estado.recebido)
