"""Settings, problem+json, field encryption and service calls."""

from __future__ import annotations

import base64

import httpx
import pytest
from cryptography.exceptions import InvalidTag
from pydantic import BaseModel, Field, ValidationError

from libs import errors
from libs.crypto import FieldCipher, keyed_hash
from libs.problems import validation_errors
from libs.service_client import Endpoint, ServiceClient
from libs.settings import ConfigurationError, Settings


def test_perfil_aws_sem_segredos_falha_nomeando_a_variavel(tmp_path):
    with pytest.raises((ConfigurationError, ValidationError)) as info:
        Settings(profile="aws", data_dir=tmp_path)
    assert "HEALTHMED_SERVICE_TOKEN" in str(info.value)


def test_perfil_local_gera_segredos_uma_vez_e_os_reutiliza(tmp_path):
    a = Settings(data_dir=tmp_path)
    b = Settings(data_dir=tmp_path)
    assert a.secret("chave_hash") == b.secret("chave_hash")
    assert len(a.data_key()) == 32
    assert oct((tmp_path / "secrets.json").stat().st_mode)[-3:] == "600"


def test_cifra_de_coluna_ida_e_volta_e_presa_a_coluna():
    cipher = FieldCipher(b"k" * 32)
    token = cipher.encrypt("123.456.789-09", campo="cpf")
    assert "123" not in token
    assert cipher.decrypt(token, campo="cpf") == "123.456.789-09"
    assert cipher.encrypt("x", campo="cpf") != cipher.encrypt("x", campo="cpf")
    with pytest.raises(InvalidTag):
        cipher.decrypt(token, campo="telefone")


def test_hash_com_chave_e_estavel_e_depende_da_chave(tmp_path):
    a = Settings(data_dir=tmp_path / "a", chave_hash="um")
    b = Settings(data_dir=tmp_path / "b", chave_hash="outro")
    assert keyed_hash(a, "12345678909") == keyed_hash(a, "12345678909")
    assert keyed_hash(a, "12345678909") != keyed_hash(b, "12345678909")


def test_erros_de_validacao_em_portugues():
    class Corpo(BaseModel):
        nome: str = Field(min_length=3)
        idade: int
        email: str

    with pytest.raises(ValidationError) as info:
        Corpo.model_validate({"nome": "a", "idade": "x"})
    erros = {e.campo: e.mensagem for e in validation_errors(info.value.errors())}
    assert erros == {
        "nome": "Deve ter pelo menos 3 caracteres",
        "idade": "Deve ser um número",
        "email": "Campo obrigatório",
    }


def _client(handler, retries=2):
    transport = httpx.MockTransport(handler)
    return ServiceClient(
        {"medico": Endpoint("http://medico", transport)}, token="t", retries=retries
    )


async def test_chamada_idempotente_e_repetida_apos_falha_de_transporte():
    calls = []

    def handler(request):
        calls.append(request)
        if len(calls) < 3:
            raise httpx.ConnectError("recusado")
        return httpx.Response(200, json={"ok": True})

    client = _client(handler)
    r = await client.get("medico", "/internal/medicos/1")
    assert r.json() == {"ok": True} and len(calls) == 3
    assert calls[0].headers["x-service-token"] == "t"


async def test_post_nao_e_repetido():
    calls = []

    def handler(request):
        calls.append(request)
        return httpx.Response(503)

    client = _client(handler)
    r = await client.post("medico", "/internal/x", json={})
    assert r.status_code == 503 and len(calls) == 1


async def test_servico_fora_do_ar_vira_503():
    def handler(request):
        raise httpx.ConnectError("recusado")

    # What the person reads names no service (issue 19); the log says which.
    with pytest.raises(errors.ServicoIndisponivel) as fora:
        await _client(handler).get("medico", "/x")
    assert fora.value.detalhe == errors.INDISPONIVEL
    with pytest.raises(errors.ServicoIndisponivel) as desconhecido:
        await _client(handler).get("nenhum", "/x")
    assert desconhecido.value.detalhe == errors.INDISPONIVEL


def test_chave_de_dados_com_tamanho_errado_e_recusada(tmp_path):
    s = Settings(data_dir=tmp_path, chave_dados=base64.b64encode(b"curta").decode())
    with pytest.raises(ConfigurationError):
        s.data_key()


async def test_rotas_de_varios_roteadores_viram_um_so_com_os_literais_primeiro() -> None:
    """A service split into a router per noun is matched as one flat router: a literal path of
    a later router wins over a template of an earlier one, with its own tags."""
    import httpx
    from fastapi import APIRouter, FastAPI

    from libs.app import rotas_do_servico

    primeiro, segundo = APIRouter(tags=["a"]), APIRouter(tags=["b"])

    @primeiro.get("/coisas/{coisa_id}")
    async def uma(coisa_id: str) -> dict[str, str]:
        return {"rota": "modelo", "id": coisa_id}

    @segundo.get("/coisas/minhas")
    async def minhas() -> dict[str, str]:
        return {"rota": "literal"}

    unico = rotas_do_servico([primeiro, segundo])
    assert [getattr(r, "path", None) for r in unico.routes] == [
        "/coisas/minhas",
        "/coisas/{coisa_id}",
    ]
    assert [getattr(r, "tags", None) for r in unico.routes] == [["b"], ["a"]]
    app = FastAPI()
    app.include_router(unico)
    transporte = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transporte, base_url="http://teste") as cliente:
        assert (await cliente.get("/coisas/minhas")).json() == {"rota": "literal"}
        assert (await cliente.get("/coisas/7")).json() == {"rota": "modelo", "id": "7"}


async def test_rota_literal_vem_antes_de_um_modelo_que_a_cobriria() -> None:
    import httpx
    from fastapi import APIRouter, FastAPI

    from libs.app import literais_primeiro

    router = APIRouter()

    @router.get("/coisas/{coisa_id}")
    async def uma(coisa_id: str) -> dict[str, str]:
        return {"rota": "modelo", "id": coisa_id}

    @router.get("/coisas/minhas")
    async def minhas() -> dict[str, str]:
        return {"rota": "literal"}

    @router.post("/coisas")
    async def criar() -> dict[str, str]:
        return {"rota": "criar"}

    literais_primeiro(router)
    caminhos = [getattr(r, "path", None) for r in router.routes]
    assert caminhos == ["/coisas/minhas", "/coisas", "/coisas/{coisa_id}"]
    app = FastAPI()
    app.include_router(router)
    transporte = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transporte, base_url="http://teste") as cliente:
        assert (await cliente.get("/coisas/minhas")).json() == {"rota": "literal"}
        assert (await cliente.get("/coisas/42")).json() == {"rota": "modelo", "id": "42"}
        assert (await cliente.post("/coisas")).json() == {"rota": "criar"}
        assert (await cliente.get("/coisas")).status_code == 405


def test_titulo_do_medico_no_inicio_do_nome() -> None:
    from libs.brasil import titulo_medico

    assert titulo_medico("Dra. Aline Gomes") == "Dra."
    assert titulo_medico("dra aline") == "Dra."
    assert titulo_medico("DR. JOÃO") == "Dr."
    assert titulo_medico("Aline Gomes") is None
    assert titulo_medico("Drummond Silva") is None  # a name that starts with "Dr" is no title
