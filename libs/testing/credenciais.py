"""An in-memory stand-in for auth's credentials, for use-case tests of registration.

It satisfies the credentials port of the medico and of the paciente service (``criar`` takes
the role's identifier as keywords: ``crm`` and ``uf``, or ``cpf``) and can fail the two ways
that matter to a registration: a refusal (auth created nothing) and a lost answer (auth
created the login, the caller never heard). :class:`SagaDeCadastro` is the one suite of the
registration saga both services run with it.
"""

from __future__ import annotations

import uuid
from typing import Any, Self

import pytest

from libs import errors
from libs.credenciais import CredencialEmUso


class FakeCredenciais:
    """Logins by user id, with their e-mail; ``removidas`` lists every removal asked for."""

    def __init__(
        self, recusa: errors.HealthMedError | None = None, perde_resposta: bool = False
    ) -> None:
        self.contas: dict[uuid.UUID, str] = {}
        self.removidas: list[uuid.UUID] = []
        self.confirmadas: list[uuid.UUID] = []
        self.recusa = recusa
        self.perde_resposta = perde_resposta

    async def criar(
        self, *, usuario_id: uuid.UUID, email: str, senha: str, **identificador: str
    ) -> None:
        """Create the login; or raise ``recusa`` creating nothing; or create it and raise
        :class:`errors.ServicoIndisponivel` as if the answer had been lost."""
        if self.recusa:
            raise self.recusa
        self.contas[usuario_id] = email
        if self.perde_resposta:
            raise errors.ServicoIndisponivel("auth não respondeu")

    async def remover(self, usuario_id: uuid.UUID) -> None:
        """Remove the login, if there is one."""
        self.removidas.append(usuario_id)
        self.contas.pop(usuario_id, None)

    async def confirmar(self, usuario_id: uuid.UUID) -> None:
        """Confirm the login (after the profile committed)."""
        if usuario_id not in self.contas:
            raise errors.NaoEncontrado("Credenciais não encontradas")
        self.confirmadas.append(usuario_id)

    async def alterar_email(self, usuario_id: uuid.UUID, email: str, pedido: object = None) -> None:
        """Change the login's e-mail (of a login that exists); the password is not checked."""
        if usuario_id in self.contas:
            self.contas[usuario_id] = email


class RepositorioEmMemoria:
    """A profile repository inside a :class:`UowEmMemoria`: what was added, not yet committed."""

    def __init__(self) -> None:
        self.pendentes: dict[uuid.UUID, object] = {}

    async def add(self, perfil: Any) -> None:
        """Stage a new profile."""
        self.pendentes[perfil.id] = perfil


class UowEmMemoria:
    """One transaction in memory over the repository named ``repositorio`` (``medicos``,
    ``pacientes``): what was added reaches ``banco`` only if the commit succeeds; ``extras``
    are further repositories the use case reads."""

    def __init__(
        self, banco: dict[uuid.UUID, object], repositorio: str, falhar_commit: bool, **extras: Any
    ) -> None:
        self.banco = banco
        self.falhar_commit = falhar_commit
        self._repositorio = RepositorioEmMemoria()
        setattr(self, repositorio, self._repositorio)
        for nome, valor in extras.items():
            setattr(self, nome, valor)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._repositorio.pendentes.clear()  # rollback

    async def commit(self) -> None:
        """Keep what was added, or fail as a database lost at commit."""
        if self.falhar_commit:
            raise ConnectionError("banco caiu no commit")
        self.banco.update(self._repositorio.pendentes)


class SagaDeCadastro:
    """The registration saga (:func:`libs.credenciais.conta_em_criacao`) as a profile service
    wires it: each service subclasses this as ``TestSagaDeCadastro`` and gives :meth:`cadastrar`
    (its use case over :class:`UowEmMemoria` and the credentials given)."""

    async def cadastrar(
        self,
        banco: dict[uuid.UUID, object],
        credenciais: FakeCredenciais,
        *,
        falhar_commit: bool = False,
    ) -> uuid.UUID:
        """Register one valid profile; its id."""
        raise NotImplementedError

    async def test_cadastro_grava_perfil_e_credenciais(self) -> None:
        banco: dict[uuid.UUID, object] = {}
        cred = FakeCredenciais()
        novo = await self.cadastrar(banco, cred)
        assert novo in banco and novo in cred.contas

    async def test_commit_que_falha_remove_as_credenciais_criadas(self) -> None:
        banco: dict[uuid.UUID, object] = {}
        cred = FakeCredenciais()
        with pytest.raises(ConnectionError):
            await self.cadastrar(banco, cred, falhar_commit=True)
        assert banco == {} and cred.contas == {} and cred.confirmadas == []

    async def test_credenciais_sao_confirmadas_depois_do_commit_do_perfil(self) -> None:
        banco: dict[uuid.UUID, object] = {}
        cred = FakeCredenciais()
        novo = await self.cadastrar(banco, cred)
        assert cred.confirmadas == [novo]

    async def test_confirmacao_perdida_nao_desfaz_o_cadastro(self) -> None:
        class AuthSemConfirmar(FakeCredenciais):
            async def confirmar(self, usuario_id: uuid.UUID) -> None:
                raise errors.ServicoIndisponivel("auth não respondeu")

        banco: dict[uuid.UUID, object] = {}
        cred = AuthSemConfirmar()
        novo = await self.cadastrar(banco, cred)
        # The profile and the (pending) login stay: auth's reconciliation confirms it.
        assert novo in banco and novo in cred.contas and cred.removidas == []

    async def test_recusa_do_auth_nao_grava_o_perfil_nem_pede_remocao(self) -> None:
        banco: dict[uuid.UUID, object] = {}
        cred = FakeCredenciais(recusa=CredencialEmUso("email", "E-mail já cadastrado"))
        with pytest.raises(CredencialEmUso):
            await self.cadastrar(banco, cred)
        assert banco == {} and cred.removidas == []

    async def test_resposta_perdida_do_auth_remove_a_conta_que_ele_possa_ter_criado(self) -> None:
        banco: dict[uuid.UUID, object] = {}
        cred = FakeCredenciais(perde_resposta=True)
        with pytest.raises(errors.ServicoIndisponivel):
            await self.cadastrar(banco, cred)
        assert banco == {} and cred.contas == {}
