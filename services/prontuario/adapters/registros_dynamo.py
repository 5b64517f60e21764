"""Record metadata in DynamoDB (the aws profile): the ``RecordRepository`` port on one table.

The table is the one ``infra/terraform/modules/data`` creates (:data:`DEFINICAO` repeats it for
the tests and for anyone who creates it by hand)::

    document: paciente_id = <patient>, documento_id = "doc#<id>"
    share:    paciente_id = <patient>, documento_id = "share#<id>", medico_id, expira_em
    GSI compartilhamentos_por_medico: medico_id -> expira_em (sparse: only shares carry both)

(how each item is written and read back: ``itens_dynamo``).

Reads that decide access are strongly consistent: a document or a share is read from the base
table (``GetItem``/``Query`` with ``ConsistentRead``), including "the shares of this doctor on
this patient", which every doctor request checks. Only "every record shared with me" (a
listing, across patients) uses the GSI, which is eventually consistent: a share may show up
there a moment late, but a revocation is honoured at once because access is never decided
from the index.

Writes are not sent when the use case makes them: they wait in the repository until the unit
of work commits (:class:`services.prontuario.adapters.uow.DynamoProntuarioUnitOfWork`), so a
use case that fails half-way writes nothing, as it does on PostgreSQL. Reads see what the
table holds, not this unit's pending writes (no use case reads what it has just written).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from libs import aws, errors
from services.prontuario.adapters.itens_dynamo import (
    DOC,
    SHARE,
    chave_do_item,
    compartilhamento_do_item,
    documento_do_item,
    instante,
    item_de_compartilhamento,
    item_de_documento,
    mais_recentes_primeiro,
    valor_s,
)
from services.prontuario.domain.compartilhamento import Compartilhamento
from services.prontuario.domain.documento import Documento

_log = logging.getLogger("healthmed.prontuario.dynamodb")

INDICE_MEDICO = "compartilhamentos_por_medico"

# The key schema and index of the table, as infra/terraform/modules/data/main.tf declares them.
DEFINICAO: dict[str, Any] = {
    "AttributeDefinitions": [
        {"AttributeName": "paciente_id", "AttributeType": "S"},
        {"AttributeName": "documento_id", "AttributeType": "S"},
        {"AttributeName": "medico_id", "AttributeType": "S"},
        {"AttributeName": "expira_em", "AttributeType": "S"},
    ],
    "KeySchema": [
        {"AttributeName": "paciente_id", "KeyType": "HASH"},
        {"AttributeName": "documento_id", "KeyType": "RANGE"},
    ],
    "GlobalSecondaryIndexes": [
        {
            "IndexName": INDICE_MEDICO,
            "KeySchema": [
                {"AttributeName": "medico_id", "KeyType": "HASH"},
                {"AttributeName": "expira_em", "KeyType": "RANGE"},
            ],
            "Projection": {"ProjectionType": "ALL"},
        }
    ],
    "BillingMode": "PAY_PER_REQUEST",
}


def criar_tabela(dynamodb: Any, nome: str) -> None:
    """Create the record table (tests, a local moto server) and wait until it is active."""
    dynamodb.create_table(TableName=nome, **DEFINICAO)
    dynamodb.get_waiter("table_exists").wait(TableName=nome)


# -- pending writes ----------------------------------------------------------------------------
@dataclass
class Escrita:
    """One write waiting for the commit, and how to take it back.

    ``versao`` is a fresh token the write stamps on the item; the compensation only touches an
    item that still carries it (nobody wrote after us). ``anterior`` is the item before an
    update (``None`` for a new item: the compensation deletes it)."""

    chave: dict[str, Any]
    operacao: dict[str, Any]  # one element of TransactWriteItems
    versao: str
    novo: bool
    anterior: dict[str, Any] | None = None


class DynamoRecordRepository:
    """Documents and shares in the record table (see the module docstring)."""

    def __init__(self, dynamodb: Any, tabela: str) -> None:
        self._db = dynamodb
        self._tabela = tabela
        self.pendentes: list[Escrita] = []

    # -- reads ------------------------------------------------------------------------------
    async def _chamar(self, fn: Any, /, **kwargs: Any) -> Any:
        try:
            return await aws.call(fn, **kwargs)
        except (BotoCoreError, ClientError) as exc:
            _log.error("DynamoDB falhou (%s): %s", type(exc).__name__, exc)
            raise errors.ServicoIndisponivel("Os dados do prontuário não responderam") from exc

    async def _get(self, chave: dict[str, Any]) -> dict[str, Any] | None:
        resposta = await self._chamar(
            self._db.get_item, TableName=self._tabela, Key=chave, ConsistentRead=True
        )
        item: dict[str, Any] | None = resposta.get("Item")
        return item

    async def _query(self, **kwargs: Any) -> list[dict[str, Any]]:
        itens: list[dict[str, Any]] = []
        inicio: dict[str, Any] | None = None
        while True:
            pagina = {"ExclusiveStartKey": inicio} if inicio else {}
            resposta = await self._chamar(
                self._db.query, TableName=self._tabela, **kwargs, **pagina
            )
            itens.extend(resposta.get("Items", []))
            inicio = resposta.get("LastEvaluatedKey")
            if not inicio:
                return itens

    async def _do_paciente(self, paciente_id: uuid.UUID, prefixo: str) -> list[dict[str, Any]]:
        return await self._query(
            KeyConditionExpression="paciente_id = :p AND begins_with(documento_id, :prefixo)",
            ExpressionAttributeValues={":p": valor_s(paciente_id), ":prefixo": valor_s(prefixo)},
            ConsistentRead=True,
        )

    async def documento(self, paciente_id: uuid.UUID, documento_id: uuid.UUID) -> Documento | None:
        """One document of a patient's record (strongly consistent)."""
        item = await self._get(chave_do_item(paciente_id, f"{DOC}{documento_id}"))
        return documento_do_item(item) if item else None

    async def documentos(self, paciente_id: uuid.UUID) -> list[Documento]:
        """Every document of a record, oldest first."""
        docs = [documento_do_item(i) for i in await self._do_paciente(paciente_id, DOC)]
        return sorted(docs, key=lambda d: (d.criado_em, d.id))

    async def compartilhamento(
        self, paciente_id: uuid.UUID, compartilhamento_id: uuid.UUID
    ) -> Compartilhamento | None:
        """One share of a patient's record (strongly consistent)."""
        item = await self._get(chave_do_item(paciente_id, f"{SHARE}{compartilhamento_id}"))
        return compartilhamento_do_item(item) if item else None

    async def compartilhamentos(self, paciente_id: uuid.UUID) -> list[Compartilhamento]:
        """Every share of a record, newest first."""
        itens = await self._do_paciente(paciente_id, SHARE)
        return mais_recentes_primeiro([compartilhamento_do_item(i) for i in itens])

    async def compartilhamentos_com(
        self, medico_id: uuid.UUID, paciente_id: uuid.UUID | None = None
    ) -> list[Compartilhamento]:
        """The shares granted to a doctor, newest first: of one patient from the base table
        (consistent: this is the access check), of all patients from the GSI (a listing)."""
        if paciente_id is not None:
            itens = await self._query(
                KeyConditionExpression="paciente_id = :p AND begins_with(documento_id, :prefixo)",
                FilterExpression="medico_id = :m",
                ExpressionAttributeValues={
                    ":p": valor_s(paciente_id),
                    ":prefixo": valor_s(SHARE),
                    ":m": valor_s(medico_id),
                },
                ConsistentRead=True,
            )
        else:
            itens = await self._query(
                IndexName=INDICE_MEDICO,
                KeyConditionExpression="medico_id = :m",
                ExpressionAttributeValues={":m": valor_s(medico_id)},
            )
        return mais_recentes_primeiro([compartilhamento_do_item(i) for i in itens])

    async def pronto(self) -> None:
        """Raise unless the table answers (a read of a key no record uses: the task's role
        may read and write items, not describe the table)."""
        await self._get(chave_do_item(uuid.UUID(int=0), "readyz"))

    # -- writes (kept until the commit) -----------------------------------------------------
    def _novo(self, item: dict[str, Any]) -> None:
        versao = uuid.uuid4().hex
        self.pendentes.append(
            Escrita(
                chave={k: item[k] for k in ("paciente_id", "documento_id")},
                operacao={
                    "Put": {
                        "TableName": self._tabela,
                        "Item": {**item, "versao": valor_s(versao)},
                        # Never over an existing item: an id is written once.
                        "ConditionExpression": "attribute_not_exists(paciente_id)",
                    }
                },
                versao=versao,
                novo=True,
            )
        )

    def _atualizar(self, chave: dict[str, Any], valores: dict[str, dict[str, Any] | None]) -> None:
        versao = uuid.uuid4().hex
        definir = {k: v for k, v in valores.items() if v is not None}
        remover = [k for k, v in valores.items() if v is None]
        nomes = {f"#{k}": k for k in valores} | {"#versao": "versao"}
        expressao = "SET " + ", ".join(f"#{k} = :{k}" for k in [*definir, "versao"])
        if remover:
            expressao += " REMOVE " + ", ".join(f"#{k}" for k in remover)
        self.pendentes.append(
            Escrita(
                chave=chave,
                operacao={
                    "Update": {
                        "TableName": self._tabela,
                        "Key": chave,
                        "UpdateExpression": expressao,
                        "ExpressionAttributeNames": nomes,
                        "ExpressionAttributeValues": {
                            **{f":{k}": v for k, v in definir.items()},
                            ":versao": valor_s(versao),
                        },
                        # An update never creates a half item out of a key that is not there.
                        "ConditionExpression": "attribute_exists(paciente_id)",
                    }
                },
                versao=versao,
                novo=False,
            )
        )

    async def adicionar_documento(self, documento: Documento) -> None:
        """Store a new (pending) document (at commit)."""
        self._novo(item_de_documento(documento))

    async def salvar_documento(self, documento: Documento) -> None:
        """Persist a document's new state: status, SHA-256, version of the object (at
        commit)."""
        d = documento
        self._atualizar(
            chave_do_item(d.paciente_id, f"{DOC}{d.id}"),
            {
                "status": valor_s(d.status),
                "sha256": valor_s(d.sha256) if d.sha256 is not None else None,
                "versao_objeto": valor_s(d.versao_objeto) if d.versao_objeto is not None else None,
            },
        )

    async def adicionar_compartilhamento(self, compartilhamento: Compartilhamento) -> None:
        """Store a new share (at commit)."""
        self._novo(item_de_compartilhamento(compartilhamento))

    async def salvar_compartilhamento(self, compartilhamento: Compartilhamento) -> None:
        """Persist a share's new state: revocation (at commit)."""
        c = compartilhamento
        self._atualizar(
            chave_do_item(c.paciente_id, f"{SHARE}{c.id}"),
            {
                "revogado_em": valor_s(instante(c.revogado_em)) if c.revogado_em else None,
                "expira_em": valor_s(instante(c.expira_em)),
            },
        )

    # -- the commit, and its undoing --------------------------------------------------------
    async def gravar(self) -> None:
        """Apply every pending write in one DynamoDB transaction (all or none), each under its
        condition. A failed condition is a conflict (409); anything else, 503."""
        if not self.pendentes:
            return
        for escrita in self.pendentes:
            if not escrita.novo:
                # What to put back if the PostgreSQL commit fails after this write.
                escrita.anterior = await self._get(escrita.chave)
        try:
            await aws.call(
                self._db.transact_write_items,
                TransactItems=[e.operacao for e in self.pendentes],
            )
        except ClientError as exc:
            motivos = exc.response.get("CancellationReasons") or []
            if any(m.get("Code") == "ConditionalCheckFailed" for m in motivos):
                raise errors.Conflito(
                    "O prontuário mudou durante a operação; tente de novo"
                ) from exc
            _log.error("DynamoDB recusou a gravação: %s", exc)
            raise errors.ServicoIndisponivel("Os dados do prontuário não responderam") from exc
        except BotoCoreError as exc:
            _log.error("DynamoDB falhou na gravação: %s", exc)
            raise errors.ServicoIndisponivel("Os dados do prontuário não responderam") from exc

    def concluir(self) -> None:
        """Forget the applied writes (the whole unit committed)."""
        self.pendentes.clear()

    async def desfazer(self) -> None:
        """Take back the writes of :meth:`gravar` (the other side of the unit failed): delete
        what was created, put back what was updated, each only while it still carries our
        version. What cannot be taken back is logged with its key, for an operator."""
        for escrita in reversed(self.pendentes):
            condicao = {
                "ConditionExpression": "versao = :v",
                "ExpressionAttributeValues": {":v": valor_s(escrita.versao)},
            }
            try:
                if escrita.novo:
                    await aws.call(
                        self._db.delete_item, TableName=self._tabela, Key=escrita.chave, **condicao
                    )
                elif escrita.anterior is not None:
                    await aws.call(
                        self._db.put_item,
                        TableName=self._tabela,
                        Item=escrita.anterior,
                        **condicao,
                    )
            except (BotoCoreError, ClientError) as exc:
                _log.error(
                    "não foi possível desfazer a gravação de %s no DynamoDB: %s",
                    {k: v["S"] for k, v in escrita.chave.items()},
                    exc,
                )
        self.pendentes.clear()
