"""Written reviews on the doctor's page, through the public API: only verified ratings with a
comment, newest first, signed "João L."; the doctor replies once and reports one for
moderation; nobody else can."""

from __future__ import annotations

from datetime import timedelta

from services.consulta.tests.api.conftest import (
    aceitar,
    consulta_pendente,
    drenar,
    registrar_medico,
    registrar_paciente,
    reservar,
    um_horario,
    voltar_no_tempo,
)


async def _realizada(api, gateway, medico=None, *, nome="João Lima", dias=1):
    """A realizada appointment of ``medico`` (a new one if None) with a new patient."""
    if medico is None:
        medico, paciente, c = await consulta_pendente(api)
    else:
        paciente = await registrar_paciente(api, nome=nome)
        horario = await um_horario(api, medico)
        r = await reservar(api, paciente, horario["id"])
        assert r.status_code == 201, r.text
        c = r.json()
    assert (await aceitar(api, medico, c["id"])).status_code == 200
    await voltar_no_tempo(gateway, c["id"], timedelta(days=2 + dias))
    return medico, paciente, c


async def _avaliar(api, paciente, consulta_id, nota, comentario=None):
    corpo = {"nota": nota} | ({"comentario": comentario} if comentario else {})
    r = await api.post(
        f"/consultas/{consulta_id}/avaliacao", json=corpo, headers=paciente["headers"]
    )
    assert r.status_code == 201, r.text


async def _pagina(api, medico, **params):
    r = await api.get(f"/medicos/{medico['id']}/avaliacoes", params=params)
    assert r.status_code == 200, r.text
    return r.json()


async def test_so_avaliacoes_com_comentario_mais_novas_primeiro_e_sem_o_nome_inteiro(api, gateway):
    medico, paciente, c = await _realizada(api, gateway)
    await _avaliar(api, paciente, c["id"], 4, "Atenciosa e pontual.")
    _, sem_texto, c2 = await _realizada(api, gateway, medico, nome="Ana Souza Lima", dias=2)
    await _avaliar(api, sem_texto, c2["id"], 2)  # a score without a comment: not listed
    _, outra, c3 = await _realizada(api, gateway, medico, nome="Maria Clara Dias", dias=3)
    await _avaliar(api, outra, c3["id"], 5, "Resolveu meu problema.")

    pagina = await _pagina(api, medico)  # public: no login
    assert pagina["total"] == 2
    assert [(a["id"], a["nota"], a["comentario"]) for a in pagina["itens"]] == [
        (c3["id"], 5, "Resolveu meu problema."),
        (c["id"], 4, "Atenciosa e pontual."),
    ]
    assert pagina["itens"][0]["paciente"] == "Maria D."
    assert all(a["resposta"] is None for a in pagina["itens"])
    # Paged.
    segunda = await _pagina(api, medico, pagina=2, por_pagina=1)
    assert [a["id"] for a in segunda["itens"]] == [c["id"]] and segunda["total"] == 2
    assert (await _pagina(api, medico, pagina=9))["itens"] == []
    r = await api.get(f"/medicos/{paciente['id']}/avaliacoes")
    assert r.status_code == 404


async def test_comentario_com_caractere_de_controle_e_recusado_e_nada_fica(api, gateway):
    medico, paciente, c = await _realizada(api, gateway)
    for texto in ("Ótimo\u202e atendimento", "Bom\x07"):
        r = await api.post(
            f"/consultas/{c['id']}/avaliacao",
            json={"nota": 5, "comentario": texto},
            headers=paciente["headers"],
        )
        assert r.status_code == 422, r.text
        assert r.headers["content-type"].startswith("application/problem+json")
    assert (await _pagina(api, medico))["total"] == 0
    await _avaliar(api, paciente, c["id"], 5, "Ótimo atendimento.\nRecomendo.")
    assert (await _pagina(api, medico))["itens"][0][
        "comentario"
    ] == "Ótimo atendimento.\nRecomendo."


async def test_medico_responde_uma_vez_e_ninguem_mais(api, gateway):
    medico, paciente, c = await _realizada(api, gateway)
    await _avaliar(api, paciente, c["id"], 3, "Demorou a entrar na sala.")
    url = f"/medico/avaliacoes/{c['id']}/resposta"
    corpo = {"texto": "Peço desculpas pelo atraso; já ajustei minha agenda."}

    outro = await registrar_medico(api)
    assert (await api.post(url, json=corpo, headers=outro["headers"])).status_code == 404
    assert (await api.post(url, json=corpo, headers=paciente["headers"])).status_code == 403
    assert (await api.post(url, json=corpo)).status_code == 401
    r = await api.post(url, json={"texto": "   "}, headers=medico["headers"])
    assert r.status_code == 422 and "Escreva a resposta" in r.text
    r = await api.post(url, json={"texto": "Obrigado\u2066!"}, headers=medico["headers"])
    assert r.status_code == 422 and "direção" in r.text
    assert (await _pagina(api, medico))["itens"][0]["resposta"] is None  # nothing kept

    r = await api.post(url, json=corpo, headers=medico["headers"])
    assert r.status_code == 204, r.text
    (publica,) = (await _pagina(api, medico))["itens"]
    assert publica["resposta"] == corpo["texto"] and publica["respondida_em"]
    r = await api.post(url, json={"texto": "Outra resposta"}, headers=medico["headers"])
    assert r.status_code == 409 and "já foi respondida" in r.json()["detail"]
    assert (await _pagina(api, medico))["itens"][0]["resposta"] == corpo["texto"]


async def test_denuncia_tira_o_comentario_da_pagina_mas_a_nota_conta(api, gateway):
    medico, paciente, c = await _realizada(api, gateway)
    await _avaliar(api, paciente, c["id"], 1, "Comentário com dados de outra pessoa.")
    url = f"/medico/avaliacoes/{c['id']}/denuncia"

    r = await api.post(url, json={"motivo": "curto"}, headers=medico["headers"])
    assert r.status_code == 422
    assert (await _pagina(api, medico))["total"] == 1
    motivo = {"motivo": "Traz dados pessoais de outra paciente."}
    assert (await api.post(url, json=motivo, headers=paciente["headers"])).status_code == 403
    r = await api.post(url, json=motivo, headers=medico["headers"])
    assert r.status_code == 204, r.text

    assert await _pagina(api, medico) == {"itens": [], "total": 0, "pagina": 1, "por_pagina": 10}
    r = await api.post(url, json=motivo, headers=medico["headers"])
    assert r.status_code == 409 and "moderação" in r.json()["detail"]
    # The score is the patient's: it still counts in the average once published.
    await drenar(gateway)
    perfil = (await api.get(f"/medicos/{medico['id']}")).json()
    assert perfil["total_avaliacoes"] == 1
