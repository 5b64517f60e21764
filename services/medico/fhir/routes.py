"""The FHIR R4 routes under ``/fhir`` (public ``/api/fhir``): only HTTP and FHIR search syntax.

Every answer is ``application/fhir+json``; every refusal, the facade's own or the JSON API's,
is an ``OperationOutcome`` with the status and the Portuguese words of the JSON API
(:class:`_RotaFhir`). Practitioners, schedules and free slots are public; ``Appointment`` needs
the bearer token, checked here by the same dependency as every JSON route and passed on, so
the owning service applies its own rules to the same caller.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any, TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute

from libs import errors
from libs.auth import CurrentPaciente, CurrentUser
from libs.problems import is_unavailable
from libs.tokens import Usuario
from services.medico.fhir.domain import pedidos, recursos
from services.medico.fhir.domain.capacidade import capacidade as declaracao_de_capacidade
from services.medico.fhir.ports import ApiJson, BuscaDeHorarios, Recusa

_log = logging.getLogger("healthmed.fhir")
_T = TypeVar("_T")


class _RotaFhir(APIRoute):
    """A route whose every refusal is an ``OperationOutcome``, never problem+json."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        original = super().get_route_handler()

        async def handler(request: Request) -> Response:
            try:
                return await original(request)
            except RequestValidationError as exc:
                falhas = "; ".join(str(e.get("msg")) for e in exc.errors())
                return _resposta(recursos.desfecho(400, f"Requisição inválida: {falhas}"), 400)
            except errors.HealthMedError as exc:
                if exc.status >= 500:
                    # The log says which dependency; the answer names none (libs.errors).
                    _log.warning("fhir: %s", exc.detalhe)
                    exc = (
                        errors.ServicoIndisponivel()
                        if exc.status == 503
                        else errors.HealthMedError()
                    )
                extra = getattr(exc, "retry_after", None)
                headers = {"Retry-After": str(extra)} if extra else None
                return _resposta(recursos.desfecho(exc.status, exc.detalhe), exc.status, headers)
            except Exception as exc:
                if is_unavailable(exc):
                    _log.warning("fhir: dependência indisponível: %s", type(exc).__name__)
                    return _resposta(recursos.desfecho(503, errors.INDISPONIVEL), 503)
                _log.exception("fhir: erro inesperado")
                return _resposta(recursos.desfecho(500, "Erro interno"), 500)

        return handler


router = APIRouter(prefix="/fhir", tags=["fhir"], route_class=_RotaFhir)
_POR_PAGINA = 20
_HORARIOS_POR_BUSCA = 50


def _resposta(
    recurso: Mapping[str, Any], status: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    return JSONResponse(
        dict(recurso), status_code=status, media_type=recursos.FHIR_JSON, headers=headers
    )


def _fachada(request: Request) -> ApiJson:
    fabrica: Callable[[], ApiJson] = request.app.state.api_json  # chosen in app.create_app
    return fabrica()


FachadaDep = Annotated[ApiJson, Depends(_fachada)]


@dataclass(frozen=True)
class Chamador:
    """Who calls (already verified) and the token to pass on to the owning service."""

    usuario: Usuario
    token: str


def _token(request: Request) -> str:
    return request.headers["authorization"].split(" ", 1)[1].strip()


async def _chamador(request: Request, usuario: CurrentUser) -> Chamador:
    return Chamador(usuario, _token(request))


async def _paciente(request: Request, usuario: CurrentPaciente) -> Chamador:
    return Chamador(usuario, _token(request))


ChamadorDep = Annotated[Chamador, Depends(_chamador)]
PacienteDep = Annotated[Chamador, Depends(_paciente)]


def _base(request: Request) -> str:
    """The facade's public base URL (for ``fullUrl``, ``Location`` and page links)."""
    origem: str = request.app.state.settings.origin
    return origem.rstrip("/") + "/api/fhir"


def _id(valor: str) -> uuid.UUID:
    """A resource id: ours are UUIDs, so anything else names nothing (404)."""
    try:
        return uuid.UUID(valor)
    except ValueError:
        raise errors.NaoEncontrado("Recurso não encontrado") from None


def _inteiro(params: Mapping[str, str], nome: str, padrao: int, maximo: int) -> int:
    valor = params.get(nome)
    if valor is None:
        return padrao
    if not valor.isdigit() or not 1 <= int(valor) <= maximo:
        raise errors.RequisicaoInvalida(f"{nome} deve ser um número de 1 a {maximo}")
    return int(valor)


def _referencia(valor: str | None, *tipos: str) -> uuid.UUID | None:
    """The id of a reference search value (``Tipo/<id>`` or just ``<id>``)."""
    if valor is None:
        return None
    tipo, _, ident = valor.rpartition("/")
    if tipo and tipo.rsplit("/", 1)[-1] not in tipos:
        raise errors.RequisicaoInvalida(f"Referência deve ser {' ou '.join(tipos)}/<id>")
    try:
        return uuid.UUID(ident)
    except ValueError:
        raise errors.RequisicaoInvalida(f"Referência inválida: {valor}") from None


def _especialidade(valor: str | None) -> tuple[str | None, bool]:
    """The slug of a ``specialty`` token, and whether it can match (another system cannot)."""
    if valor is None:
        return None, True
    sistema, barra, codigo = valor.rpartition("|")
    if barra and sistema and sistema != recursos.SISTEMA_ESPECIALIDADE:
        return None, False
    if not re.fullmatch(r"[A-Za-z0-9-]{1,80}", codigo):
        raise errors.RequisicaoInvalida(f"Especialidade inválida: {valor}")
    return codigo, True


async def _buscando(busca: Awaitable[_T]) -> _T:
    """A search: a filter the JSON API refuses (422) is a bad search parameter (400)."""
    try:
        return await busca
    except Recusa as exc:
        if exc.status == 422:
            raise errors.RequisicaoInvalida(exc.detalhe) from None
        raise


def _proxima(request: Request, pagina: int, por_pagina: int, total: int) -> str | None:
    if pagina * por_pagina >= total:
        return None
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "_page"]
    params.append(("_page", str(pagina + 1)))
    return f"{_base(request)}{request.url.path.removeprefix('/fhir')}?{urlencode(params)}"


# ---------------------------------------------------------------------------- metadata


@router.get("/metadata")
async def capacidade(request: Request) -> Response:
    """The CapabilityStatement: what this facade reads, searches and does."""
    return _resposta(declaracao_de_capacidade(_base(request), datetime.now(UTC)))


# ---------------------------------------------------------------------------- doctors


async def _buscar_medicos(
    request: Request,
    fachada: ApiJson,
    mapear: Callable[[dict[str, Any], dict[str, str]], dict[str, Any]],
    referencia: str | None = None,
    *tipos: str,
) -> Response:
    """A search of doctors as Practitioner, PractitionerRole or Schedule resources; the
    ``referencia`` parameter (of one of ``tipos``) names a single doctor."""
    params = request.query_params
    um = _referencia(params.get(referencia), *tipos) if referencia else None
    por_pagina = _inteiro(params, "_count", _POR_PAGINA, 100)
    pagina = _inteiro(params, "_page", 1, 100_000)
    especialidade, pode = _especialidade(params.get("specialty"))
    nomes = await fachada.especialidades()
    medicos: list[dict[str, Any]] = []
    total = 0
    if not pode:
        pass
    elif um is not None:
        try:
            medicos = [await fachada.medico(um)]
        except Recusa as exc:
            if exc.status != 404:
                raise
        medicos = [m for m in medicos if especialidade in (None, *m["especialidades"])]
        total = len(medicos)
    else:
        dados = await _buscando(
            fachada.medicos(
                nome=params.get("name"),
                especialidade=especialidade,
                pagina=pagina,
                por_pagina=por_pagina,
            )
        )
        medicos, total = dados["itens"], dados["total"]
    achados = [mapear(m, nomes) for m in medicos]
    return _resposta(
        recursos.pacote(
            achados,
            _base(request),
            total=total,
            proxima=_proxima(request, pagina, por_pagina, total),
        )
    )


async def _ler_medico(
    fachada: ApiJson,
    ident: str,
    mapear: Callable[[dict[str, Any], dict[str, str]], dict[str, Any]],
) -> Response:
    """One doctor as the resource ``mapear`` makes (with the specialties' names)."""
    medico = await fachada.medico(_id(ident))
    return _resposta(mapear(medico, await fachada.especialidades()))


@router.get("/Practitioner")
async def buscar_praticantes(request: Request, fachada: FachadaDep) -> Response:
    """Practitioner search (``name``), over ``GET /medicos``."""
    return await _buscar_medicos(request, fachada, lambda m, _: recursos.praticante(m))


@router.get("/Practitioner/{practitioner_id}")
async def ler_praticante(practitioner_id: str, fachada: FachadaDep) -> Response:
    """A doctor as Practitioner (CRM and UF as the identifier)."""
    return _resposta(recursos.praticante(await fachada.medico(_id(practitioner_id))))


@router.get("/PractitionerRole")
async def buscar_papeis(request: Request, fachada: FachadaDep) -> Response:
    """PractitionerRole search (``specialty``, ``practitioner``)."""
    return await _buscar_medicos(request, fachada, recursos.papel, "practitioner", "Practitioner")


@router.get("/PractitionerRole/{role_id}")
async def ler_papel(role_id: str, fachada: FachadaDep) -> Response:
    """A doctor's role: the specialties, coded."""
    return await _ler_medico(fachada, role_id, recursos.papel)


@router.get("/Schedule")
async def buscar_agendas(request: Request, fachada: FachadaDep) -> Response:
    """Schedule search (``actor``, ``specialty``): one schedule per doctor."""
    tipos = ("Practitioner", "PractitionerRole")
    return await _buscar_medicos(request, fachada, recursos.agenda, "actor", *tipos)


@router.get("/Schedule/{schedule_id}")
async def ler_agenda(schedule_id: str, fachada: FachadaDep) -> Response:
    """A doctor's schedule (same id as the doctor)."""
    return await _ler_medico(fachada, schedule_id, recursos.agenda)


# ---------------------------------------------------------------------------- slots


@router.get("/Slot")
async def buscar_horarios(request: Request, fachada: FachadaDep) -> Response:
    """Free slots by specialty, date range and place (``near``), or of one schedule."""
    params = request.query_params
    quantos = _inteiro(params, "_count", _HORARIOS_POR_BUSCA, 100)
    especialidade, pode = _especialidade(params.get("specialty"))
    medico_id = _referencia(params.get("schedule"), "Schedule")
    de, ate = pedidos.intervalo(params.getlist("start"))
    lat, lon, raio = pedidos.perto(params.get("near"))
    # Only free slots are public (a taken slot says who is seeing a doctor).
    status = params.get("status") or "free"
    pode = pode and "free" in status.split(",") and params.get("_id") is None
    achados: list[tuple[dict[str, Any], dict[str, Any]]] = []
    if pode:
        busca = BuscaDeHorarios(de, ate, especialidade, medico_id, lat, lon, raio)
        try:
            achados = await _buscando(fachada.horarios_livres(busca))
        except Recusa as exc:
            if exc.status != 404:  # an unknown schedule has no slots
                raise
    nomes = await fachada.especialidades() if achados else {}
    slots = [recursos.horario(h, m, nomes) for h, m in achados[:quantos]]
    return _resposta(recursos.pacote(slots, _base(request)))


# ---------------------------------------------------------------------------- appointments

# FHIR Appointment.status -> the JSON API's statuses it stands for.
_STATUS_JSON: dict[str, set[str]] = {
    fhir: {json for json, outro in recursos.STATUS_DA_CONSULTA.items() if outro == fhir}
    for fhir in recursos.STATUS_DA_CONSULTA.values()
}


@router.post("/Appointment", status_code=201)
async def marcar(request: Request, chamador: PacienteDep, fachada: FachadaDep) -> Response:
    """Book a free slot as the logged-in patient (``POST /consultas``): 409 when taken."""
    horario_id = pedidos.pedido_de_consulta(await request.body(), chamador.usuario.id)
    consulta = await fachada.marcar(chamador.token, horario_id)
    local = f"{_base(request)}/Appointment/{consulta['id']}"
    return _resposta(recursos.consulta(consulta), 201, {"Location": local})


@router.get("/Appointment")
async def buscar_consultas(
    request: Request, chamador: ChamadorDep, fachada: FachadaDep
) -> Response:
    """The caller's own appointments (``GET /consultas``), by ``status``."""
    params = request.query_params
    por_pagina = _inteiro(params, "_count", _POR_PAGINA, 100)
    pagina = _inteiro(params, "_page", 1, 100_000)
    pedido = params.get("status")
    aceitos: set[str] | None = None
    if pedido:
        aceitos = set().union(*(_STATUS_JSON.get(s.strip(), set()) for s in pedido.split(",")))
    filtro = next(iter(aceitos)) if aceitos and len(aceitos) == 1 else None
    itens: list[dict[str, Any]] = []
    total: int | None = 0
    if aceitos is None or aceitos:
        dados = await _buscando(
            fachada.consultas(chamador.token, status=filtro, pagina=pagina, por_pagina=por_pagina)
        )
        itens = [c for c in dados["itens"] if aceitos is None or c["status"] in aceitos]
        # The JSON API's total counts what it filtered; a filter done here has no total.
        total = dados["total"] if aceitos is None or filtro else None
    proxima = _proxima(request, pagina, por_pagina, total) if total is not None else None
    return _resposta(
        recursos.pacote(
            [recursos.consulta(c) for c in itens], _base(request), total=total, proxima=proxima
        )
    )


@router.get("/Appointment/{appointment_id}")
async def ler_consulta(appointment_id: str, chamador: ChamadorDep, fachada: FachadaDep) -> Response:
    """One of the caller's appointments; anyone else's is unknown (404)."""
    consulta = await fachada.consulta(chamador.token, _id(appointment_id))
    return _resposta(recursos.consulta(consulta))


@router.put("/Appointment/{appointment_id}")
async def atualizar_consulta(
    appointment_id: str, request: Request, chamador: ChamadorDep, fachada: FachadaDep
) -> Response:
    """The FHIR way to cancel: the appointment sent back with ``status`` ``cancelled`` and
    ``cancelationReason.text`` (``DELETE /consultas/{id}`` with that justification)."""
    consulta_id = _id(appointment_id)
    motivo = pedidos.cancelamento(await request.body(), consulta_id)
    consulta = await fachada.cancelar(chamador.token, consulta_id, motivo)
    return _resposta(recursos.consulta(consulta))
