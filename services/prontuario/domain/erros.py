"""Errors of the health record (subclasses of ``libs.errors``, so the one handler maps them)."""

from __future__ import annotations

from libs import errors


class NaoEOPaciente(errors.Proibido):
    """Only the patient uploads to and manages their own record."""

    def __init__(self) -> None:
        super().__init__("Apenas o próprio paciente pode fazer isso no prontuário")


class SemCompartilhamento(errors.Proibido):
    """A doctor without an active share covering what was asked."""

    def __init__(self) -> None:
        super().__init__("Não há compartilhamento ativo deste prontuário com você")


class DocumentoNaoEncontrado(errors.NaoEncontrado):
    """No such document in this record."""

    def __init__(self) -> None:
        super().__init__("Documento não encontrado")


class CompartilhamentoNaoEncontrado(errors.NaoEncontrado):
    """No such share in this record."""

    def __init__(self) -> None:
        super().__init__("Compartilhamento não encontrado")


class MedicoNaoEncontrado(errors.NaoEncontrado):
    """The doctor to share with does not exist."""

    def __init__(self) -> None:
        super().__init__("Médico não encontrado")


class ArquivoNaoConfere(errors.Conflito):
    """Confirmation found nothing uploaded, or bytes that are not what was declared."""


class DocumentoPendente(errors.Conflito):
    """The document's bytes were never confirmed."""

    def __init__(self) -> None:
        super().__init__("O documento ainda não foi enviado e confirmado")


class LinkInvalido(errors.Proibido):
    """An upload or download URL that is forged, expired or used for the wrong thing."""

    def __init__(self, detalhe: str = "Link inválido ou expirado") -> None:
        super().__init__(detalhe)


class ProntuarioEncerrado(errors.Conflito):
    """The patient closed the account: the record is kept for the legal retention period,
    read-only (no new documents, no new shares)."""

    def __init__(self) -> None:
        super().__init__(
            "A conta deste paciente foi encerrada: o prontuário está bloqueado para novos "
            "documentos e compartilhamentos"
        )


class ConsultaNaoEncontrada(errors.NaoEncontrado):
    """No such consultation of this doctor and this patient."""

    def __init__(self) -> None:
        super().__init__("Consulta não encontrada")


class ConsultaNaoAtendida(errors.Conflito):
    """Notes and documents belong to a consultation that was accepted or took place."""

    def __init__(self) -> None:
        super().__init__(
            "Só há registro clínico de consulta confirmada ou realizada; esta não está"
        )


class ConsultaNaoComecou(errors.Conflito):
    """The record of a consultation is written during or after it."""

    def __init__(self) -> None:
        super().__init__(
            "A consulta ainda não começou: evolução, receita e atestado são escritos a partir "
            "da abertura da sala (15 minutos antes do início)"
        )


class EvolucaoNaoEncontrada(errors.NaoEncontrado):
    """No such note in this record (or not one the caller may read)."""

    def __init__(self) -> None:
        super().__init__("Evolução não encontrada")


class EvolucaoJaExiste(errors.Conflito):
    """A consultation has one note; corrections after signing are addenda."""

    def __init__(self) -> None:
        super().__init__(
            "Esta consulta já tem uma evolução; edite o rascunho ou registre um adendo"
        )


class EvolucaoAssinada(errors.Conflito):
    """A signed note is never edited again."""

    def __init__(self) -> None:
        super().__init__(
            "A evolução já foi assinada e não pode mais ser alterada; registre um adendo"
        )


class EvolucaoNaoAssinada(errors.Conflito):
    """Addenda follow a signed note; a draft is simply edited."""

    def __init__(self) -> None:
        super().__init__("A evolução ainda é um rascunho: edite-a em vez de registrar um adendo")


class NaoEOMedicoDaConsulta(errors.Proibido):
    """Only the consultation's doctor writes its note and documents."""

    def __init__(self) -> None:
        super().__init__("Apenas o médico da consulta pode fazer isso")


class CodigoNaoEncontrado(errors.NaoEncontrado):
    """No document was issued under this code."""

    def __init__(self) -> None:
        super().__init__("Nenhum documento foi emitido com este código")
