"""``python -m gateway.demo`` (``make demo``): load realistic demo data, once.

Everything is created through the public API of the in-process stack, exactly as people would
(registration, login, agenda, booking), so the demo exercises the real rules. Ratings, which need
finished appointments, are recorded through the medico service's internal contract. Running it
again changes nothing.
"""

from __future__ import annotations

import asyncio
import logging
import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from gateway import database
from gateway.app import Gateway, GatewaySettings
from gateway.services import build_apps
from libs import parada
from libs.observability import configure_logging

_log = logging.getLogger("healthmed.demo")
SENHA_PACIENTE = "Paciente#2026"
SENHA_MEDICO = "Medico#2026"


@dataclass(frozen=True)
class Cidade:
    nome: str
    uf: str
    lat: float
    lon: float
    fuso: str
    cep: str


CIDADES = [
    Cidade("São Paulo", "SP", -23.5505, -46.6333, "America/Sao_Paulo", "01310100"),
    Cidade("Campinas", "SP", -22.9099, -47.0626, "America/Sao_Paulo", "13010000"),
    Cidade("Rio de Janeiro", "RJ", -22.9068, -43.1729, "America/Sao_Paulo", "20040002"),
    Cidade("Belo Horizonte", "MG", -19.9167, -43.9345, "America/Sao_Paulo", "30130000"),
    Cidade("Curitiba", "PR", -25.4284, -49.2733, "America/Sao_Paulo", "80010000"),
    Cidade("Porto Alegre", "RS", -30.0346, -51.2177, "America/Sao_Paulo", "90010000"),
    Cidade("Salvador", "BA", -12.9777, -38.5016, "America/Bahia", "40020000"),
    Cidade("Recife", "PE", -8.0476, -34.8770, "America/Recife", "50010000"),
    Cidade("Brasília", "DF", -15.7939, -47.8828, "America/Sao_Paulo", "70040000"),
    Cidade("Manaus", "AM", -3.1190, -60.0217, "America/Manaus", "69005000"),
]

ESPECIALIDADES = [
    "cardiologia", "dermatologia", "pediatria", "ginecologia-e-obstetricia", "clinica-medica",
    "ortopedia-e-traumatologia", "psiquiatria", "endocrinologia-e-metabologia", "neurologia",
    "oftalmologia", "otorrinolaringologia", "geriatria",
]  # fmt: skip

NOMES = [
    "Carla Mendes", "Rafael Oliveira", "Juliana Costa", "Marcelo Santos", "Patrícia Almeida",
    "Gustavo Ribeiro", "Fernanda Lima", "Eduardo Carvalho", "Camila Rocha", "Thiago Martins",
    "Beatriz Araújo", "Lucas Ferreira", "Mariana Barbosa", "Rodrigo Pereira", "Aline Gomes",
    "Felipe Cardoso", "Larissa Teixeira", "André Moreira", "Renata Dias", "Bruno Nogueira",
    "Vanessa Castro", "Diego Correia", "Tatiana Pinto", "Leonardo Azevedo", "Priscila Freitas",
    "Vinícius Monteiro", "Gabriela Duarte", "Ricardo Vieira", "Daniela Ramos", "Fábio Cunha",
]  # fmt: skip

# Who among NOMES is a woman: her title is "Dra." (guessing by the final "a" made Aline,
# whose name ends in "e", a "Dr.").
MEDICAS = {
    "Carla", "Juliana", "Patrícia", "Fernanda", "Camila", "Beatriz", "Mariana", "Aline",
    "Larissa", "Renata", "Vanessa", "Tatiana", "Priscila", "Gabriela", "Daniela",
}  # fmt: skip

PACIENTES = [
    {"nome": "Ana Souza", "email": "ana.paciente@healthmed.dev", "cpf": "529.982.247-25"},
    {"nome": "Bruno Lima", "email": "bruno.paciente@healthmed.dev", "cpf": "111.444.777-35"},
    {"nome": "Clara Nunes", "email": "clara.paciente@healthmed.dev", "cpf": "935.411.347-80"},
]
TOTAL_MEDICOS = 60


def _medicos() -> list[dict[str, Any]]:
    rng = random.Random(2026)  # noqa: S311 - demo data, not secrets
    medicos = []
    for i in range(TOTAL_MEDICOS):
        cidade = CIDADES[0] if i == 0 else CIDADES[i % len(CIDADES)]
        nome = NOMES[i % len(NOMES)]
        titulo = "Dra." if nome.split()[0] in MEDICAS else "Dr."
        especialidades = [ESPECIALIDADES[i % len(ESPECIALIDADES)]]
        if i % 4 == 0:
            especialidades.append(
                "clinica-medica" if especialidades[0] != "clinica-medica" else "geriatria"
            )
        jitter = (rng.uniform(-0.08, 0.08), rng.uniform(-0.08, 0.08))
        medicos.append(
            {
                "nome": f"{titulo} {nome}"
                + ("" if i < len(NOMES) else " Filho" if titulo == "Dr." else " Neta"),
                "crm": str(100001 + i),
                "uf": cidade.uf,
                "email": f"medico{i + 1:03d}@healthmed.dev",
                "senha": SENHA_MEDICO,
                "especialidades": especialidades,
                "telefone": f"(11) 3{rng.randrange(100, 999)}-{rng.randrange(1000, 9999)}",
                "bio": f"Atende {especialidades[0].replace('-', ' ')} "
                f"há {rng.randrange(3, 30)} anos.",
                "endereco": {
                    "cep": cidade.cep,
                    "logradouro": f"Rua da Saúde, {rng.randrange(10, 2000)}",
                    "cidade": cidade.nome,
                    "uf": cidade.uf,
                },
                "localizacao": {"lat": cidade.lat + jitter[0], "lon": cidade.lon + jitter[1]},
                "valor_consulta": float(rng.choice([150, 200, 250, 300, 350, 400])),
                "fuso_horario": cidade.fuso,
                "antecedencia_minima_minutos": rng.choice([0, 60, 120, 240]),
            }
        )
    return medicos


def _dias_uteis(fuso: str, quantos: int) -> list[date]:
    hoje = datetime.now(ZoneInfo(fuso)).date()
    dias: list[date] = []
    dia = hoje + timedelta(days=1)
    while len(dias) < quantos:
        if dia.weekday() < 5:
            dias.append(dia)
        dia += timedelta(days=1)
    return dias


async def _login(api: httpx.AsyncClient, **body: str) -> dict[str, Any]:
    r = await api.post("/auth/login", json=body)
    r.raise_for_status()
    data: dict[str, Any] = r.json()
    return data


async def _agenda(api: httpx.AsyncClient, medico: dict[str, Any], indice: int) -> None:
    tokens = await _login(api, crm=medico["crm"], uf=medico["uf"], senha=SENHA_MEDICO)
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    fuso = ZoneInfo(medico["fuso_horario"])
    # Each doctor works two of the five weekdays, mornings or afternoons, for three weeks.
    for dia in _dias_uteis(medico["fuso_horario"], 5)[indice % 3 :: 3][:2]:
        manha = indice % 2 == 0
        inicio = datetime.combine(dia, time(8 if manha else 14), fuso)
        fim = inicio + timedelta(hours=4)
        r = await api.post(
            "/medico/horarios",
            json={
                "inicio": inicio.isoformat(),
                "fim": fim.isoformat(),
                "duracao_minutos": 30,
                "repetir_semanas": 3,
            },
            headers=headers,
        )
        if r.status_code not in (201, 409):
            raise RuntimeError(f"agenda de {medico['nome']}: {r.status_code} {r.text}")


async def _avaliacoes(gateway: Gateway, medico_id: str, notas: list[int]) -> None:
    app = gateway.apps["medico"]
    token = app.state.settings.secret("service_token")
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://medico"
    ) as http:
        for nota in notas:
            r = await http.post(
                f"/internal/medicos/{medico_id}/avaliacoes",
                json={"consulta_id": str(uuid.uuid4()), "nota": nota},
                headers={"x-service-token": token},
            )
            r.raise_for_status()


async def carregar(gateway: Gateway) -> bool:
    """Load the demo data through the API; False if it was already there."""
    transport = httpx.ASGITransport(app=gateway, client=("127.0.0.1", 1))
    async with httpx.AsyncClient(
        transport=transport, base_url="http://demo/api", timeout=60
    ) as api:
        ja = await api.post(
            "/auth/login", json={"email": PACIENTES[0]["email"], "senha": SENHA_PACIENTE}
        )
        if ja.status_code == 200:
            return False
        rng = random.Random(7)  # noqa: S311 - demo data
        for paciente in PACIENTES:
            r = await api.post(
                "/paciente",
                json={
                    **paciente,
                    "senha": SENHA_PACIENTE,
                    "telefone": "(11) 98888-7777",
                    "localizacao": {"lat": -23.5614, "lon": -46.6559},
                },
            )
            if r.status_code not in (201, 409):
                raise RuntimeError(f"paciente {paciente['email']}: {r.status_code} {r.text}")
        ids: list[str] = []
        for i, medico in enumerate(_medicos()):
            r = await api.post("/medicos", json=medico)
            if r.status_code != 201:
                raise RuntimeError(f"médico {medico['crm']}: {r.status_code} {r.text}")
            ids.append(r.json()["id"])
            await _agenda(api, medico, i)
            await _avaliacoes(
                gateway,
                ids[-1],
                [rng.choice([3, 4, 4, 5, 5, 5]) for _ in range(rng.randrange(0, 12))],
            )
            if (i + 1) % 10 == 0:
                _log.info("%d médicos carregados", i + 1)
        await _consultas(api, ids[0])
    return True


async def _consultas(api: httpx.AsyncClient, carla_id: str) -> None:
    """Ana has a confirmed appointment with Dra. Carla, Bruno a pending one."""
    agora = datetime.now(ZoneInfo("America/Sao_Paulo"))
    r = await api.get(
        f"/medicos/{carla_id}/agenda",
        params={"de": agora.isoformat(), "ate": (agora + timedelta(days=30)).isoformat()},
    )
    r.raise_for_status()
    livres = r.json()["horarios"]
    if len(livres) < 2:
        return
    ana = await _login(api, email=PACIENTES[0]["email"], senha=SENHA_PACIENTE)
    bruno = await _login(api, email=PACIENTES[1]["email"], senha=SENHA_PACIENTE)
    carla = await _login(api, crm="100001", uf="SP", senha=SENHA_MEDICO)
    r = await api.post(
        "/consultas",
        json={"horario_id": livres[0]["id"]},
        headers={"Authorization": f"Bearer {ana['access_token']}"},
    )
    if r.status_code == 201:
        await api.post(
            f"/medico/consultas/{r.json()['id']}/aceitar",
            headers={"Authorization": f"Bearer {carla['access_token']}"},
        )
    await api.post(
        "/consultas",
        json={"horario_id": livres[-1]["id"]},
        headers={"Authorization": f"Bearer {bruno['access_token']}"},
    )


def main() -> None:
    """Prepare the database, load the demo data, stop (PostgreSQL too, even when stopped by a
    signal half-way: then with status 128 + the signal, so ``make demo`` does not go on)."""
    with parada.parar_por_sinal(tarefa=True):
        _carregar()


def _carregar() -> None:
    settings = GatewaySettings()
    configure_logging(settings.log_format, settings.log_level)
    pg, url = database.prepare(settings)
    try:
        overrides: dict[str, Any] = {
            "database_url": url,
            "gateway_limite_por_segundo": 10_000.0,
            "gateway_rajada": 10_000,
        }
        gateway = Gateway(GatewaySettings(**overrides), build_apps(overrides))

        async def run() -> bool:
            async with gateway.lifespan():
                return await carregar(gateway)

        if asyncio.run(run()):
            _log.info(
                "dados de demonstração carregados: %d médicos, %d pacientes",
                TOTAL_MEDICOS,
                len(PACIENTES),
            )
        else:
            _log.info("dados de demonstração já estavam carregados")
    finally:
        if pg is not None:
            pg.stop()


if __name__ == "__main__":
    main()
