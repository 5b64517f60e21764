"""Closing a patient's account: the anonymised profile, the typed confirmation, and the order
of the steps across services (the login goes last), with fake ports."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from libs import errors
from libs.campos import Endereco, Localizacao
from libs.credenciais import SenhaIncorreta
from libs.testing.data import SENHA, novo_cpf
from services.paciente import service
from services.paciente.domain.paciente import (
    NOME_ENCERRADA,
    Paciente,
    exigir_confirmacao_de_encerramento,
)

AGORA = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def _paciente() -> Paciente:
    return Paciente(
        id=uuid.uuid4(),
        nome="Ana Souza",
        email="ana@exemplo.com",
        cpf=novo_cpf(),
        telefone="11 91234-5678",
        data_nascimento=date(1990, 5, 1),
        endereco=Endereco("01001000", "Praça da Sé, 1", "São Paulo", "SP"),
        localizacao=Localizacao(-23.55, -46.63),
    )


def test_anonimizar_apaga_tudo_que_identifica_a_pessoa():
    p = _paciente()
    p.anonimizar(AGORA)
    assert p.nome == NOME_ENCERRADA == "Paciente (conta encerrada)"
    assert p.email == "" and p.cpf == ""
    assert p.telefone is None and p.data_nascimento is None
    assert p.endereco is None and p.localizacao is None
    assert p.encerrada and p.encerrada_em == AGORA


def test_anonimizar_de_novo_mantem_a_data_do_encerramento():
    p = _paciente()
    p.anonimizar(AGORA)
    p.anonimizar(AGORA + timedelta(hours=1))
    assert p.encerrada_em == AGORA


def test_encerrada_em_nao_se_altera_pelo_perfil():
    with pytest.raises(ValueError):
        _paciente().alterar(encerrada_em=AGORA)


@pytest.mark.parametrize("texto", ["", "encerrar", "ENCERRAR ", "Encerrar", "SIM"])
def test_confirmacao_precisa_ser_exatamente_encerrar(texto):
    with pytest.raises(errors.DadosInvalidos) as exc:
        exigir_confirmacao_de_encerramento(texto)
    assert exc.value.erros[0].campo == "confirmacao"


class Passos:
    """The other services and auth, recording the order of the calls."""

    def __init__(self, falhar: str | None = None) -> None:
        self.feitos: list[str] = []
        self.falhar = falhar

    def _passo(self, nome: str) -> None:
        if self.falhar == nome:
            raise errors.ServicoIndisponivel(f"{nome} fora do ar")
        self.feitos.append(nome)

    async def verificar_senha(self, usuario_id: uuid.UUID, senha: str) -> None:
        if senha != SENHA:
            raise SenhaIncorreta()
        self._passo("senha")

    async def encerrar_agenda(self, paciente_id: uuid.UUID) -> int:
        self._passo("agenda")
        return 2

    async def encerrar_prontuario(self, paciente_id: uuid.UUID, ip: str) -> int:
        self._passo("prontuario")
        return 1

    async def encerrar(self, usuario_id: uuid.UUID) -> None:
        self._passo("credenciais")


class Perfis:
    def __init__(self, paciente: Paciente) -> None:
        self.p = paciente
        self.gravado: Paciente | None = None

    async def get(self, paciente_id: uuid.UUID, *, for_update: bool = False) -> Paciente | None:
        return self.p if paciente_id == self.p.id else None

    async def encerrar(self, paciente: Paciente) -> None:
        self.gravado = paciente


class Uow:
    def __init__(self, perfis: Perfis) -> None:
        self.pacientes = perfis

    async def __aenter__(self) -> Uow:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None

    async def commit(self) -> None:
        return None


def _ctx(perfis: Perfis, passos: Passos) -> service.Pacientes:
    return service.Pacientes(
        uow=lambda: Uow(perfis),  # type: ignore[arg-type,return-value]
        credenciais=passos,  # type: ignore[arg-type]
        validador_cpf=None,  # type: ignore[arg-type]
        outros=passos,
        relogio=lambda: AGORA,
    )


async def _encerrar(ctx: service.Pacientes, p: Paciente, **over: str) -> service.Encerramento:
    args = {"senha": SENHA, "confirmacao": "ENCERRAR", **over}
    return await service.encerrar(
        ctx, usuario_id=p.id, papel="paciente", paciente_id=p.id, ip="127.0.0.1", **args
    )


async def test_passos_em_ordem_e_as_credenciais_por_ultimo():
    p = _paciente()
    perfis, passos = Perfis(p), Passos()
    feito = await _encerrar(_ctx(perfis, passos), p)
    assert passos.feitos == ["senha", "agenda", "prontuario", "credenciais"]
    assert feito == service.Encerramento(AGORA, 2, 1)
    assert perfis.gravado is not None and perfis.gravado.nome == NOME_ENCERRADA


@pytest.mark.parametrize("falha", ["agenda", "prontuario", "credenciais"])
async def test_falha_no_meio_deixa_as_credenciais(falha):
    p = _paciente()
    passos = Passos(falhar=falha)
    with pytest.raises(errors.ServicoIndisponivel):
        await _encerrar(_ctx(Perfis(p), passos), p)
    assert "credenciais" not in passos.feitos


async def test_senha_errada_ou_confirmacao_errada_nao_fazem_nada():
    p = _paciente()
    perfis, passos = Perfis(p), Passos()
    with pytest.raises(SenhaIncorreta):
        await _encerrar(_ctx(perfis, passos), p, senha="Outra#Senha9")
    with pytest.raises(errors.DadosInvalidos):
        await _encerrar(_ctx(perfis, passos), p, confirmacao="encerrar")
    assert passos.feitos == [] and perfis.gravado is None


async def test_so_o_proprio_paciente_encerra():
    p = _paciente()
    passos = Passos()
    with pytest.raises(errors.Proibido):
        await service.encerrar(
            _ctx(Perfis(p), passos),
            usuario_id=uuid.uuid4(),
            papel="paciente",
            paciente_id=p.id,
            senha=SENHA,
            confirmacao="ENCERRAR",
            ip="127.0.0.1",
        )
    assert passos.feitos == []
