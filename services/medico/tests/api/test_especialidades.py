"""The CFM list of specialties."""

from __future__ import annotations

import re


async def test_lista_as_55_especialidades_do_cfm(api):
    r = await api.get("/especialidades")
    assert r.status_code == 200
    itens = r.json()["itens"]
    assert len(itens) == 55
    por_slug = {i["slug"]: i["nome"] for i in itens}
    assert por_slug["clinica-medica"] == "Clínica Médica"
    assert por_slug["ginecologia-e-obstetricia"] == "Ginecologia e Obstetrícia"
    assert por_slug["cardiologia"] == "Cardiologia"
    assert por_slug["patologia-clinica-medicina-laboratorial"] == (
        "Patologia Clínica/Medicina Laboratorial"
    )
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s) for s in por_slug)
    assert [i["nome"] for i in itens] == sorted(i["nome"] for i in itens)


async def test_especialidades_nao_exigem_login(api):
    assert (await api.get("/especialidades")).status_code == 200
