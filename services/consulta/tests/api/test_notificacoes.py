"""Each event of an appointment e-mails the other party through a transactional outbox."""

from __future__ import annotations

from datetime import timedelta

from services.consulta.tests.api.conftest import (
    aceitar,
    cancelar,
    consulta_pendente,
    daqui,
    drenar,
    instante,
    linhas,
    notificacoes,
    recalcular,
    registrar_medico,
    sql,
    um_horario,
    voltar_no_tempo,
)


class CaixaEmMemoria:
    """A mailer that keeps what it is given, or fails like an outage (a fake of the port)."""

    def __init__(self) -> None:
        self.fora_do_ar = False
        self.recusados: set[str] = set()  # addresses whose presence makes a call fail
        self.enviados: list[tuple[str, str, str]] = []

    async def enviar(self, emails) -> None:
        if self.fora_do_ar:
            raise ConnectionError("servidor de e-mail fora do ar")
        if any(e.para in self.recusados for e in emails):
            raise ValueError("a fila recusou um endereço")
        self.enviados += [(e.para, e.assunto, e.corpo) for e in emails]


async def test_cada_evento_avisa_a_outra_parte_na_mesma_transacao(api, gateway):
    medico, paciente, c = await consulta_pendente(api)
    assert [(n["evento"], n["usuario_id"]) for n in await notificacoes(gateway, c["id"])] == [
        ("solicitada", medico["id"])
    ]
    await aceitar(api, medico, c["id"])
    await cancelar(api, paciente, c["id"])
    avisos = await notificacoes(gateway, c["id"])
    assert [(n["evento"], n["papel"]) for n in avisos] == [
        ("solicitada", "medico"),
        ("confirmada", "paciente"),
        ("cancelada", "medico"),
    ]
    cancelamento = avisos[-1]
    assert cancelamento["assunto"] == "Consulta cancelada - HealthMed"
    assert "pelo(a) paciente" in cancelamento["corpo"]
    assert "Surgiu um imprevisto" in cancelamento["corpo"]

    medico2, _, c2 = await consulta_pendente(api)
    await api.post(
        f"/medico/consultas/{c2['id']}/recusar",
        json={"justificativa": "Estarei de férias"},
        headers=medico2["headers"],
    )
    recusa = (await notificacoes(gateway, c2["id"]))[-1]
    assert (recusa["evento"], recusa["papel"]) == ("recusada", "paciente")
    assert "Estarei de férias" in recusa["corpo"]


async def test_recusa_que_perde_a_corrida_nao_deixa_aviso(api, gateway):
    medico, paciente, c = await consulta_pendente(api)
    await cancelar(api, paciente, c["id"])
    r = await api.post(f"/medico/consultas/{c['id']}/recusar", headers=medico["headers"])
    assert r.status_code == 409
    assert [n["evento"] for n in await notificacoes(gateway, c["id"])] == [
        "solicitada",
        "cancelada",
    ]


async def test_lembretes_de_24h_e_1h_para_os_dois_uma_vez_so(api, gateway):
    medico, _, c = await consulta_pendente(api, daqui(horas=20))
    await aceitar(api, medico, c["id"])
    await recalcular(gateway)
    await recalcular(gateway)
    lembretes = [
        (n["evento"], n["papel"])
        for n in await notificacoes(gateway, c["id"])
        if n["evento"].startswith("lembrete")
    ]
    assert sorted(lembretes) == [("lembrete_24h", "medico"), ("lembrete_24h", "paciente")]
    await voltar_no_tempo(gateway, c["id"], timedelta(hours=19, minutes=30))
    await recalcular(gateway)
    lembretes = sorted(
        (n["evento"], n["papel"])
        for n in await notificacoes(gateway, c["id"])
        if n["evento"].startswith("lembrete")
    )
    assert lembretes == [
        ("lembrete_1h", "medico"),
        ("lembrete_1h", "paciente"),
        ("lembrete_24h", "medico"),
        ("lembrete_24h", "paciente"),
    ]


async def test_queda_do_servidor_de_email_nao_perde_aviso(api, gateway, monkeypatch):
    caixa = CaixaEmMemoria()
    monkeypatch.setattr(gateway.apps["consulta"].state.agenda, "correio", caixa)
    medico, paciente, c = await consulta_pendente(api)
    caixa.fora_do_ar = True
    await aceitar(api, medico, c["id"])
    await drenar(gateway)
    (confirmacao,) = [n for n in await notificacoes(gateway, c["id"]) if n["papel"] == "paciente"]
    assert confirmacao["enviada_em"] is None and confirmacao["tentativas"] >= 1

    caixa.fora_do_ar = False
    await sql(
        gateway,
        "update notificacoes set proxima_tentativa = now() where consulta_id = :id",
        id=c["id"],
    )
    await drenar(gateway)
    (confirmacao,) = [n for n in await notificacoes(gateway, c["id"]) if n["papel"] == "paciente"]
    assert confirmacao["enviada_em"] is not None
    assert confirmacao["para"] == paciente["email"]
    assert (paciente["email"], "Consulta confirmada - HealthMed") in [
        (para, assunto) for para, assunto, _ in caixa.enviados
    ]


class MedicoFora:
    """The medico service as seen during an outage (a fake of the publication port)."""

    async def proximos_horarios(self, proximos):
        raise ConnectionError("serviço medico fora do ar")

    async def avaliacao(self, medico_id, consulta_id, nota):
        raise ConnectionError("serviço medico fora do ar")


async def test_queda_do_servico_medico_nao_perde_o_proximo_horario(api, gateway, monkeypatch):
    agenda = gateway.apps["consulta"].state.agenda
    medico = await registrar_medico(api)
    real = agenda.publicacao
    monkeypatch.setattr(agenda, "publicacao", MedicoFora())
    horario = await um_horario(api, medico)
    await drenar(gateway)
    assert (await api.get(f"/medicos/{medico['id']}")).json()["proximo_horario"] is None
    pendentes = await linhas(
        gateway, "select tentativas from saida where medico_id = :id", id=medico["id"]
    )
    assert pendentes and all(p["tentativas"] >= 1 for p in pendentes)

    monkeypatch.setattr(agenda, "publicacao", real)
    await sql(
        gateway, "update saida set proxima_tentativa = now() where medico_id = :id", id=medico["id"]
    )
    await drenar(gateway)
    publicado = (await api.get(f"/medicos/{medico['id']}")).json()["proximo_horario"]
    assert instante(publicado) == instante(horario["inicio"])
    assert await linhas(gateway, "select 1 from saida where medico_id = :id", id=medico["id"]) == []


async def test_aviso_ao_paciente_chega_a_caixa_de_desenvolvimento(api, gateway):
    medico, paciente, c = await consulta_pendente(api)
    await aceitar(api, medico, c["id"])
    await drenar(gateway)
    r = await api.get("/dev/emails", params={"para": paciente["email"]})
    assert r.status_code == 200, r.text
    assuntos = [e["assunto"] for e in r.json()["itens"]]
    assert assuntos.count("Consulta confirmada - HealthMed") == 1
    (confirmacao,) = [n for n in await notificacoes(gateway, c["id"]) if n["papel"] == "paciente"]
    assert confirmacao["para"] == paciente["email"] and confirmacao["enviada_em"] is not None
    # Delivered once: draining again sends nothing more.
    await drenar(gateway)
    r = await api.get("/dev/emails", params={"para": paciente["email"]})
    assert [e["assunto"] for e in r.json()["itens"]].count("Consulta confirmada - HealthMed") == 1


async def test_medico_recebe_o_pedido_de_consulta_por_email(api, gateway):
    """The doctor's e-mail comes from the medico service's internal contract."""
    medico, _paciente, _consulta = await consulta_pendente(api)
    await drenar(gateway)
    itens = (await api.get("/dev/emails", params={"para": medico["email"]})).json()["itens"]
    assuntos = [i["assunto"] for i in itens]  # the welcome e-mail is there too
    assert assuntos.count("Nova solicitação de consulta - HealthMed") == 1, assuntos


class MedicoQueRegistra:
    """The real publication port, recording each call's doctors; ``recusar``: a doctor whose
    presence in a call makes the whole call fail (as a medico service refusing it would)."""

    def __init__(self, real, recusar=None) -> None:
        self.real, self.recusar = real, recusar
        self.chamadas: list[set[str]] = []

    async def proximos_horarios(self, proximos):
        self.chamadas.append(set(map(str, proximos)))
        if self.recusar is not None and self.recusar in self.chamadas[-1]:
            raise ConnectionError("o serviço medico recusou a chamada")
        await self.real.proximos_horarios(proximos)

    async def avaliacao(self, medico_id, consulta_id, nota):
        await self.real.avaliacao(medico_id, consulta_id, nota)


async def _pendentes_juntos(api, gateway, monkeypatch, quantos):
    """``quantos`` doctors with a new slot each, all due in the outbox at the same moment
    (held back by an outage until then, so no background pass takes one alone)."""
    agenda = gateway.apps["consulta"].state.agenda
    real = agenda.publicacao
    monkeypatch.setattr(agenda, "publicacao", MedicoFora())
    medicos = [await registrar_medico(api) for _ in range(quantos)]
    horarios = [await um_horario(api, m) for m in medicos]
    await drenar(gateway)
    await sql(gateway, "update saida set proxima_tentativa = now()")
    return agenda, real, medicos, horarios


async def test_uma_passada_publica_o_proximo_horario_de_varios_medicos_numa_chamada(
    api, gateway, monkeypatch
):
    agenda, real, medicos, horarios = await _pendentes_juntos(api, gateway, monkeypatch, 3)
    registro = MedicoQueRegistra(real)
    monkeypatch.setattr(agenda, "publicacao", registro)
    await drenar(gateway)
    ids = {m["id"] for m in medicos}
    assert [c & ids for c in registro.chamadas if c & ids] == [ids]
    for medico, horario in zip(medicos, horarios, strict=True):
        publicado = (await api.get(f"/medicos/{medico['id']}")).json()["proximo_horario"]
        assert instante(publicado) == instante(horario["inicio"])


async def test_um_medico_recusado_no_lote_nao_impede_os_outros(api, gateway, monkeypatch):
    agenda, real, medicos, horarios = await _pendentes_juntos(api, gateway, monkeypatch, 3)
    recusado, *outros = medicos
    monkeypatch.setattr(agenda, "publicacao", MedicoQueRegistra(real, recusar=recusado["id"]))
    await drenar(gateway)
    for medico, horario in zip(outros, horarios[1:], strict=True):
        publicado = (await api.get(f"/medicos/{medico['id']}")).json()["proximo_horario"]
        assert instante(publicado) == instante(horario["inicio"])
    assert (await api.get(f"/medicos/{recusado['id']}")).json()["proximo_horario"] is None
    pendentes = await linhas(
        gateway, "select tentativas from saida where medico_id = :id", id=recusado["id"]
    )
    assert pendentes and all(p["tentativas"] >= 2 for p in pendentes)


async def test_emails_de_uma_passada_saem_numa_chamada_a_fila(api, gateway, monkeypatch):
    caixa = CaixaEmMemoria()
    chamadas: list[int] = []
    enviar = caixa.enviar

    async def registrar(emails):
        chamadas.append(len(emails))
        await enviar(emails)

    monkeypatch.setattr(caixa, "enviar", registrar)
    monkeypatch.setattr(gateway.apps["consulta"].state.agenda, "correio", caixa)
    caixa.fora_do_ar = True
    pares = [await consulta_pendente(api) for _ in range(3)]
    await drenar(gateway)
    caixa.fora_do_ar = False
    chamadas.clear()
    await sql(gateway, "update notificacoes set proxima_tentativa = now() where enviada_em is null")
    await drenar(gateway)
    assert chamadas and chamadas[0] >= 3
    for medico, _paciente, _c in pares:
        assert medico["email"] in [para for para, _assunto, _corpo in caixa.enviados]


async def test_um_email_recusado_pela_fila_nao_segura_os_outros(api, gateway, monkeypatch):
    """The batch is refused because of one e-mail: the others go one by one, and only the
    refused one waits for its retry."""
    caixa = CaixaEmMemoria()
    monkeypatch.setattr(gateway.apps["consulta"].state.agenda, "correio", caixa)
    caixa.fora_do_ar = True
    pares = [await consulta_pendente(api) for _ in range(3)]
    await drenar(gateway)
    caixa.fora_do_ar = False
    (recusado, _p, c_recusada), *outros = pares
    caixa.recusados.add(recusado["email"])
    await sql(gateway, "update notificacoes set proxima_tentativa = now() where enviada_em is null")
    await drenar(gateway)
    enviados = [para for para, _assunto, _corpo in caixa.enviados]
    for medico, _paciente, _c in outros:
        assert medico["email"] in enviados
    assert recusado["email"] not in enviados
    (aviso,) = [n for n in await notificacoes(gateway, c_recusada["id"]) if n["papel"] == "medico"]
    assert aviso["enviada_em"] is None and aviso["tentativas"] >= 2


async def test_falha_ao_tomar_a_saida_nao_quebra_a_passada(api, gateway, monkeypatch):
    """The database failing while the pass takes its items: the pass ends, logged, and the
    items go out in the next one."""
    from services.consulta.adapters.repository_saida import SaidaRepository

    medico = await registrar_medico(api)
    horario = await um_horario(api, medico)
    original = SaidaRepository.tomar
    falhas: list[int] = []

    async def tomar(self, *args, **kwargs):
        if not falhas:
            falhas.append(1)
            raise ConnectionError("banco fora do ar")
        return await original(self, *args, **kwargs)

    monkeypatch.setattr(SaidaRepository, "tomar", tomar)
    agenda = gateway.apps["consulta"].state.agenda
    from services.consulta.service import saida

    assert await saida.drenar_saida(agenda) == 0
    await drenar(gateway)
    publicado = (await api.get(f"/medicos/{medico['id']}")).json()["proximo_horario"]
    assert instante(publicado) == instante(horario["inicio"])
