"""Use case of the access log's integrity: walk every HMAC chain (the legacy one over all
patients, then each patient's against its head and the anchors kept outside the database) and
report the first break of each. Run by the operator (``comandos.verify_audit``)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from services.prontuario.domain.auditoria import (
    MAC_INICIAL,
    Acesso,
    Cabeca,
    Quebra,
    conferir_cabeca,
    verificar_cadeia,
)
from services.prontuario.ports import AccessLog
from services.prontuario.service.contexto import UowFactory


@dataclass(frozen=True)
class Integridade:
    """The result of walking every chain of the access log."""

    verificadas: int  # entries found intact, in all chains
    quebras: list[Quebra]  # the first break of each broken chain (legacy first, then patients)
    cabeca: tuple[int, str] | None  # sequence and MAC of the legacy chain's last entry
    cabecas: dict[uuid.UUID, tuple[int, str]] = field(default_factory=dict)  # per patient
    cadeias: int = 0  # patient chains walked

    @property
    def quebra(self) -> Quebra | None:
        """The first break found, ``None`` when the whole log is intact."""
        return self.quebras[0] if self.quebras else None


Ancora = tuple[int, str]  # (seq, mac) of an entry noted earlier, kept outside the database


async def verificar_integridade(
    uow_factory: UowFactory,
    chave: bytes,
    *,
    ancora: Ancora | None = None,
    ancoras: dict[uuid.UUID, Ancora] | None = None,
    pagina: int = 1000,
) -> Integridade:
    """Walk every chain of the log, in pages and in one snapshot, and report the first break
    of each: the legacy chain over all patients, then each patient's chain against its head.

    A chain cut at its end, together with its head, still verifies: ``ancora`` (the legacy
    chain) and ``ancoras`` (per patient), entries noted earlier outside the database, must
    still be there with the same MAC.
    """
    async with uow_factory() as uow:
        await uow.acessos.leitura_consistente()
        verificadas, quebra, cabeca = await _verificar_legado(uow.acessos, chave, ancora, pagina)
        quebras = [quebra] if quebra is not None else []
        cabecas: dict[uuid.UUID, tuple[int, str]] = {}
        vistos: set[uuid.UUID] = set()
        async for pid, entradas, registrada in _cadeias_com_cabecas(uow.acessos, pagina):
            vistos.add(pid)
            quebra = verificar_cadeia(chave, entradas, paciente_id=pid)
            if quebra is None:
                quebra = conferir_cabeca(pid, entradas[-1] if entradas else None, registrada)
            if quebra is None and ancoras and pid in ancoras:
                quebra = _conferir_ancora(pid, entradas, ancoras[pid])
            if quebra is None:
                verificadas += len(entradas)
                if entradas:
                    cabecas[pid] = (entradas[-1].seq, entradas[-1].mac)
            else:
                verificadas += max(0, min(len(entradas), quebra.seq - 1))
                quebras.append(quebra)
    for pid, (seq, _) in sorted((ancoras or {}).items()):
        if pid not in vistos:
            quebras.append(Quebra(1, f"cadeia apagada: a âncora {seq} não existe mais", pid))
    return Integridade(verificadas, quebras, cabeca, cabecas, len(vistos))


def _conferir_ancora(pid: uuid.UUID, entradas: list[Acesso], ancora: Ancora) -> Quebra | None:
    seq, mac = ancora
    if len(entradas) < seq:
        return Quebra(
            len(entradas) + 1, f"entradas finais apagadas: a âncora {seq} não existe mais", pid
        )
    if entradas[seq - 1].mac != mac:
        return Quebra(seq, "a entrada não é a da âncora guardada", pid)
    return None


async def _verificar_legado(
    log: AccessLog, chave: bytes, ancora: Ancora | None, pagina: int
) -> tuple[int, Quebra | None, tuple[int, str] | None]:
    """The legacy chain over all patients (entries written before the per-patient chains)."""
    verificadas, seq, anterior = 0, 1, MAC_INICIAL
    cabeca: tuple[int, str] | None = None
    while lote := await log.em_ordem(seq, pagina):
        quebra = verificar_cadeia(chave, lote, mac_inicial=anterior, seq_inicial=seq)
        if quebra is not None:
            return verificadas, quebra, cabeca
        if ancora is not None:
            for e in lote:
                if e.seq == ancora[0] and e.mac != ancora[1]:
                    return (
                        verificadas,
                        Quebra(e.seq, "a entrada não é a da âncora guardada"),
                        cabeca,
                    )
        verificadas += len(lote)
        seq, anterior = lote[-1].seq + 1, lote[-1].mac
        cabeca = (lote[-1].seq, lote[-1].mac)
    if ancora is not None and (cabeca is None or cabeca[0] < ancora[0]):
        fim = cabeca[0] if cabeca else 0
        quebra = Quebra(fim + 1, f"entradas finais apagadas: a âncora {ancora[0]} não existe mais")
        return verificadas, quebra, cabeca
    return verificadas, None, cabeca


async def _cadeias(log: AccessLog, pagina: int) -> AsyncIterator[list[Acesso]]:
    """Each patient's entries in order, one patient at a time, read in pages."""
    atual: list[Acesso] = []
    depois: tuple[uuid.UUID, int] | None = None
    while lote := await log.por_paciente(depois, pagina):
        for e in lote:
            if atual and e.paciente_id != atual[0].paciente_id:
                yield atual
                atual = []
            atual.append(e)
        depois = (lote[-1].paciente_id, lote[-1].seq)
    if atual:
        yield atual


async def _cabecas(log: AccessLog, pagina: int) -> AsyncIterator[Cabeca]:
    depois: uuid.UUID | None = None
    while lote := await log.cabecas(depois, pagina):
        for c in lote:
            yield c
        depois = lote[-1].paciente_id


async def _cadeias_com_cabecas(
    log: AccessLog, pagina: int
) -> AsyncIterator[tuple[uuid.UUID, list[Acesso], Cabeca | None]]:
    """Every patient that has entries or a head, in patient order (PostgreSQL orders UUIDs as
    Python does, byte by byte), with both: a merge of two ordered walks."""
    cabecas = _cabecas(log, pagina)
    cabeca = await anext(cabecas, None)
    async for entradas in _cadeias(log, pagina):
        pid = entradas[0].paciente_id
        while cabeca is not None and cabeca.paciente_id < pid:
            yield cabeca.paciente_id, [], cabeca
            cabeca = await anext(cabecas, None)
        if cabeca is not None and cabeca.paciente_id == pid:
            yield pid, entradas, cabeca
            cabeca = await anext(cabecas, None)
        else:
            yield pid, entradas, None
    while cabeca is not None:
        yield cabeca.paciente_id, [], cabeca
        cabeca = await anext(cabecas, None)
