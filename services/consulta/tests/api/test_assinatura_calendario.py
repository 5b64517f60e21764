"""The calendar subscription: a secret address (shown once, stored hashed, revocable) whose
feed a calendar app fetches with no login: the caller's own appointments only."""

from __future__ import annotations

from urllib.parse import urlsplit

from services.consulta.tests.api.conftest import (
    aceitar,
    cancelar,
    consulta_pendente,
    linhas,
    registrar_medico,
    registrar_paciente,
    reservar,
    um_horario,
)


async def _criar(api, quem) -> dict:
    r = await api.post("/calendario/assinatura", headers=quem["headers"])
    assert r.status_code == 201, r.text
    return r.json()


def _caminho(url: str) -> str:
    """The path of a feed address under the API client's base URL (which ends in /api)."""
    caminho = urlsplit(url).path
    assert caminho.startswith("/api/calendario/") and caminho.endswith(".ics"), url
    return caminho.removeprefix("/api")


async def _baixar(api, url: str):
    # No Authorization: calendar apps cannot send one.
    return await api.get(_caminho(url))


def _eventos(conteudo: str) -> dict[str, dict[str, str]]:
    """UID -> the VEVENT's own properties (the alarm's left out), lines unfolded."""
    eventos: dict[str, dict[str, str]] = {}
    atual: dict[str, str] = {}
    no_alarme = False
    for linha in conteudo.replace("\r\n ", "").removesuffix("\r\n").split("\r\n"):
        if linha == "BEGIN:VEVENT":
            atual = {}
        elif linha == "END:VEVENT":
            eventos[atual["UID"]] = atual
        elif linha in ("BEGIN:VALARM", "END:VALARM"):
            no_alarme = linha == "BEGIN:VALARM"
        elif not no_alarme:
            nome, _, valor = linha.partition(":")
            atual[nome] = valor
    return eventos


def _uid(consulta: dict) -> str:
    return f"{consulta['id']}@healthmed"


async def test_medico_assina_e_o_calendario_traz_so_as_suas_consultas(api):
    medico = await registrar_medico(api, nome="Dra. Marta Queiroz")
    paciente = await registrar_paciente(api, nome="Sofia Helena Ramos")
    r = await reservar(api, paciente, (await um_horario(api, medico))["id"])
    assert r.status_code == 201, r.text
    consulta = r.json()
    _outro_medico, _outro_paciente, alheia = await consulta_pendente(api)

    criada = await _criar(api, medico)
    assert set(criada) == {"url", "criada_em"}
    r = await _baixar(api, criada["url"])
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "text/calendar; charset=utf-8"
    assert r.headers["cache-control"] == "no-store"
    assert "X-WR-CALNAME:HealthMed\r\n" in r.text
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT15M\r\n" in r.text
    assert "X-PUBLISHED-TTL:PT15M\r\n" in r.text
    eventos = _eventos(r.text)
    assert set(eventos) == {_uid(consulta)}
    assert _uid(alheia) not in r.text
    evento = eventos[_uid(consulta)]
    assert evento["SUMMARY"] == "Consulta — Sofia"
    assert evento["STATUS"] == "TENTATIVE"
    for dado in ("Helena", "Ramos", paciente["cpf"], paciente["email"]):
        assert dado not in r.text
    # The same event as the single file: importing one and subscribing do not duplicate.
    avulso = await api.get(f"/consultas/{consulta['id']}/calendario.ics", headers=medico["headers"])
    assert _eventos(avulso.text)[_uid(consulta)]["UID"] == evento["UID"]


async def test_paciente_tem_a_sua_propria_visao_com_o_nome_do_medico(api):
    medico, paciente, consulta = await consulta_pendente(api, nome="Dr. Otávio Lins")
    assert (await aceitar(api, medico, consulta["id"])).status_code == 200
    do_paciente = await _criar(api, paciente)
    do_medico = await _criar(api, medico)
    assert do_paciente["url"] != do_medico["url"]
    r = await _baixar(api, do_paciente["url"])
    assert r.status_code == 200, r.text
    evento = _eventos(r.text)[_uid(consulta)]
    assert evento["SUMMARY"] == "Consulta com Dr. Otávio Lins"
    assert evento["STATUS"] == "CONFIRMED"
    assert medico["crm"] not in r.text
    assert "Consulta — " not in r.text  # nothing of the doctor's view


async def test_cancelada_fica_como_cancelled_para_o_calendario_remover(api):
    medico, paciente, consulta = await consulta_pendente(api)
    criada = await _criar(api, medico)
    assert (await cancelar(api, paciente, consulta["id"])).status_code == 200
    r = await _baixar(api, criada["url"])
    assert r.status_code == 200, r.text
    assert _eventos(r.text)[_uid(consulta)]["STATUS"] == "CANCELLED"
    assert "Surgiu um imprevisto" not in r.text  # the justification stays in HealthMed


async def test_gerar_de_novo_revoga_o_endereco_anterior(api):
    paciente = await registrar_paciente(api)
    antiga = await _criar(api, paciente)
    nova = await _criar(api, paciente)
    assert antiga["url"] != nova["url"]
    velha = await _baixar(api, antiga["url"])
    assert velha.status_code == 404
    assert velha.headers["content-type"].startswith("application/problem+json")
    assert (await _baixar(api, nova["url"])).status_code == 200


async def test_revogar_derruba_o_endereco_e_e_idempotente(api):
    medico = await registrar_medico(api)
    criada = await _criar(api, medico)
    for _ in range(2):
        r = await api.delete("/calendario/assinatura", headers=medico["headers"])
        assert r.status_code == 204, r.text
    revogada = await _baixar(api, criada["url"])
    assert revogada.status_code == 404
    # The same answer as an address that never existed: no oracle.
    inventada = await api.get("/calendario/" + "A" * 43 + ".ics")
    assert inventada.status_code == 404
    assert revogada.json() == inventada.json()


async def test_estado_da_assinatura_sem_nunca_mostrar_o_endereco(api):
    paciente = await registrar_paciente(api)
    r = await api.get("/calendario/assinatura", headers=paciente["headers"])
    assert r.status_code == 200, r.text
    assert r.json() == {"ativa": False, "criada_em": None}
    criada = await _criar(api, paciente)
    r = await api.get("/calendario/assinatura", headers=paciente["headers"])
    assert r.json() == {"ativa": True, "criada_em": criada["criada_em"]}
    assert "url" not in r.json()
    await api.delete("/calendario/assinatura", headers=paciente["headers"])
    r = await api.get("/calendario/assinatura", headers=paciente["headers"])
    assert r.json()["ativa"] is False


async def test_gerenciar_a_assinatura_exige_sessao(api):
    for metodo in ("GET", "POST", "DELETE"):
        r = await api.request(metodo, "/calendario/assinatura")
        assert r.status_code == 401, (metodo, r.text)


async def test_token_nao_fica_guardado_em_claro(api, gateway):
    medico = await registrar_medico(api)
    criada = await _criar(api, medico)
    token = _caminho(criada["url"]).removeprefix("/calendario/").removesuffix(".ics")
    (linha,) = await linhas(
        gateway,
        "select token_hash from assinaturas_calendario where usuario_id = :id",
        id=medico["id"],
    )
    assert linha["token_hash"] != token
    assert token not in linha["token_hash"]
    assert len(linha["token_hash"]) == 64  # HMAC-SHA256 in hex
    # Nothing else in the table holds it either.
    copias = await linhas(
        gateway,
        "select 1 from assinaturas_calendario t where t::text like :t",
        t=f"%{token}%",
    )
    assert copias == []
