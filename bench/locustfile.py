"""The load of the proof at scale: people using HealthMed, with think times.

Patients (most of the traffic) search, read agendas, book and cancel, list their appointments
and read their record; doctors read their agenda and accept requests; a few patients race for
the same popular slots. Run by ``bench/carga.py`` (``make bench-carga``), never by the tests.
"""

from __future__ import annotations

import csv
import os
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from locust import HttpUser, between, task

DADOS = Path(os.environ.get("CARGA_DADOS", ".test-data/carga"))
SENHA = "Carga#Teste2026"
MOTIVO = "Não vou conseguir comparecer, desculpe."
ESPECIALIDADES = [
    "cardiologia", "dermatologia", "pediatria", "clinica-medica", "ginecologia-e-obstetricia",
    "ortopedia-e-traumatologia", "psiquiatria", "oftalmologia", "neurologia", "urologia",
]  # fmt: skip

with (DADOS / "medicos.csv").open() as _handle:
    MEDICOS = [tuple(r) for r in csv.reader(_handle)]
POPULARES = (DADOS / "populares.txt").read_text().split()
TOTAL_PACIENTES = int((DADOS / "pacientes.txt").read_text())


def _agora() -> datetime:
    return datetime.now(UTC)


class _Pessoa(HttpUser):
    abstract = True
    token = ""

    corpo_login: dict[str, str] | None = None

    def _headers(self) -> dict[str, str]:
        if not self.token and self.corpo_login:
            self._login(self.corpo_login)  # a login refused under overload (503) is retried
        return {"Authorization": f"Bearer {self.token}"}

    def _login(self, corpo: dict[str, str]) -> None:
        self.corpo_login = corpo
        with self.client.post(
            "/api/auth/login",
            json={**corpo, "senha": SENHA},
            name="POST /auth/login",
            catch_response=True,
        ) as r:
            if r.status_code == 200:
                self.token = r.json()["access_token"]
            else:
                r.failure(f"login {r.status_code}")


class Paciente(_Pessoa):
    weight = 16
    wait_time = between(3, 10)

    def on_start(self) -> None:
        self.numero = random.randint(1, TOTAL_PACIENTES)
        self._login({"email": f"paciente.{self.numero}@carga.healthmed.dev"})
        self.medico_id = random.choice(MEDICOS)[0]

    @task(10)
    def buscar(self) -> None:
        _, _, _, lat, lon = random.choice(MEDICOS)
        params = {
            "especialidade": random.choice(ESPECIALIDADES),
            "lat": float(lat),
            "lon": float(lon),
            "raio_km": random.choice([10, 30, 50]),
            "ordenar": random.choice(["distancia", "avaliacao", "proximo_horario"]),
        }
        with self.client.get(
            "/api/medicos", params=params, name="GET /medicos", catch_response=True
        ) as r:
            if r.status_code == 200 and r.json()["itens"]:
                self.medico_id = random.choice(r.json()["itens"])["id"]

    @task(5)
    def ver_agenda(self) -> None:
        de = _agora()
        self.client.get(
            f"/api/medicos/{self.medico_id}/agenda",
            params={"de": de.isoformat(), "ate": (de + timedelta(days=14)).isoformat()},
            name="GET /medicos/{id}/agenda",
        )

    @task(2)
    def minhas_consultas(self) -> None:
        self.client.get("/api/consultas", headers=self._headers(), name="GET /consultas")

    @task(1)
    def reservar_e_cancelar(self) -> None:
        de = _agora() + timedelta(days=1)
        r = self.client.get(
            f"/api/medicos/{self.medico_id}/agenda",
            params={"de": de.isoformat(), "ate": (de + timedelta(days=20)).isoformat()},
            name="GET /medicos/{id}/agenda",
        )
        livres = r.json().get("horarios", []) if r.status_code == 200 else []
        if not livres:
            return
        horario = random.choice(livres[:5])
        with self.client.post(
            "/api/consultas",
            json={"horario_id": horario["id"]},
            headers=self._headers(),
            name="POST /consultas",
            catch_response=True,
        ) as resp:
            if resp.status_code == 409:
                resp.success()  # somebody else got it first: an answer, not an error
                return
        if resp.status_code == 201:
            self.client.request(
                "DELETE",
                f"/api/consultas/{resp.json()['id']}",
                json={"justificativa": MOTIVO},
                headers=self._headers(),
                name="DELETE /consultas/{id}",
            )

    @task(1)
    def prontuario(self) -> None:
        claims_id = self._usuario_id()
        if claims_id:
            self.client.get(
                f"/api/prontuario/{claims_id}", headers=self._headers(), name="GET /prontuario/{id}"
            )

    def _usuario_id(self) -> str | None:
        import base64
        import json

        try:
            payload = self.token.split(".")[1]
            data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
            return str(data.get("sub"))
        except (IndexError, ValueError):
            return None


class Medico(_Pessoa):
    weight = 2
    wait_time = between(5, 15)

    def on_start(self) -> None:
        _, crm, uf, _, _ = random.choice(MEDICOS)
        self._login({"crm": crm, "uf": uf})

    @task(3)
    def agenda(self) -> None:
        de = _agora()
        self.client.get(
            "/api/medico/horarios",
            params={"de": de.isoformat(), "ate": (de + timedelta(days=7)).isoformat()},
            headers=self._headers(),
            name="GET /medico/horarios",
        )

    @task(1)
    def aceitar_pendentes(self) -> None:
        r = self.client.get(
            "/api/consultas",
            params={"status": "pendente"},
            headers=self._headers(),
            name="GET /consultas",
        )
        if r.status_code == 200:
            for consulta in r.json().get("itens", [])[:2]:
                with self.client.post(
                    f"/api/medico/consultas/{consulta['id']}/aceitar",
                    headers=self._headers(),
                    name="POST /medico/consultas/{id}/aceitar",
                    catch_response=True,
                ) as resp:
                    if resp.status_code == 409:
                        resp.success()  # cancelled meanwhile


class Corrida(_Pessoa):
    """Patients racing for the same popular slots (the end-of-run check proves the rules held)."""

    weight = 1
    wait_time = between(0.5, 2)

    def on_start(self) -> None:
        self._login({"email": f"paciente.{random.randint(1, TOTAL_PACIENTES)}@carga.healthmed.dev"})

    @task
    def disputar(self) -> None:
        with self.client.post(
            "/api/consultas",
            json={"horario_id": random.choice(POPULARES)},
            headers=self._headers(),
            name="POST /consultas (disputa)",
            catch_response=True,
        ) as resp:
            if resp.status_code in (201, 409, 422):
                resp.success()
