"""The rooms of the teleconsultations in DynamoDB (aws profile): the :class:`Salas` port on the
meetings table of ``infra/terraform/modules/data`` (:data:`DEFINICAO` repeats its key schema
for the tests and ``make dev-aws``)::

    consulta_id = <appointment>  provedor, url, expira_em, expira_em_epoch (the TTL: the item
    goes a day after the appointment's end), geracao, reuniao (the provider's meeting, JSON),
    participantes (a map: user id -> their attendee, JSON), criada_em, atualizada_em

One item per appointment, so every write is a single conditional one and needs no transaction:
the first link is a ``PutItem`` on ``attribute_not_exists`` (of two participants asking at once,
one writes, the other reads the winner's room); a meeting created again is an ``UpdateItem`` on
``geracao < :nova`` and an attendee one on ``geracao = :atual`` (the same rules as the
PostgreSQL table). Reads are strongly consistent. The task's role may get, put and update items
(``infra/terraform/stack/main.tf``), nothing else.

boto3 is synchronous: every call goes through :func:`libs.aws.call` (a worker thread).
"""

from __future__ import annotations

import contextlib
import json
import logging
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from libs import aws, errors
from services.consulta.domain.teleconsulta import Sala
from services.consulta.ports import Ingresso

_log = logging.getLogger("healthmed.consulta.dynamodb")

# The key schema of the table, as infra/terraform/modules/data/main.tf declares it.
DEFINICAO: dict[str, Any] = {
    "AttributeDefinitions": [{"AttributeName": "consulta_id", "AttributeType": "S"}],
    "KeySchema": [{"AttributeName": "consulta_id", "KeyType": "HASH"}],
    "BillingMode": "PAY_PER_REQUEST",
}
ATRIBUTO_TTL = "expira_em_epoch"
# The room is kept a day past the appointment's end (then only the database keeps its trace:
# the appointment and the presences).
RETENCAO = timedelta(days=1)


def criar_tabela(dynamodb: Any, nome: str) -> None:
    """Create the meetings table (tests, a local moto server) with its TTL, once active."""
    dynamodb.create_table(TableName=nome, **DEFINICAO)
    dynamodb.get_waiter("table_exists").wait(TableName=nome)
    dynamodb.update_time_to_live(
        TableName=nome,
        TimeToLiveSpecification={"Enabled": True, "AttributeName": ATRIBUTO_TTL},
    )


class _Condicao(Exception):
    """A conditional write found the item not as required."""


def _s(valor: object) -> dict[str, Any]:
    return {"S": str(valor)}


def _n(valor: int) -> dict[str, Any]:
    return {"N": str(valor)}


def _json(valor: dict[str, Any]) -> dict[str, Any]:
    return {"S": json.dumps(valor, separators=(",", ":"), sort_keys=True)}


def _instante(momento: datetime) -> str:
    return momento.astimezone(UTC).isoformat()


def _chave(consulta_id: uuid.UUID) -> dict[str, Any]:
    return {"consulta_id": _s(consulta_id)}


def _item(sala: Sala, agora: datetime) -> dict[str, Any]:
    item = {
        **_chave(sala.consulta_id),
        "provedor": _s(sala.provedor),
        "url": _s(sala.url),
        "expira_em": _s(_instante(sala.expira_em)),
        ATRIBUTO_TTL: _n(int((sala.expira_em + RETENCAO).timestamp())),
        "geracao": _n(sala.geracao),
        "participantes": {"M": {u: _json(a) for u, a in sala.participantes.items()}},
        "criada_em": _s(_instante(agora)),
        "atualizada_em": _s(_instante(agora)),
    }
    if sala.reuniao is not None:
        item["reuniao"] = _json(sala.reuniao)
    return item


def _sala(item: dict[str, Any]) -> Sala:
    participantes = item.get("participantes", {}).get("M", {})
    return Sala(
        consulta_id=uuid.UUID(item["consulta_id"]["S"]),
        provedor=item["provedor"]["S"],
        url=item["url"]["S"],
        expira_em=datetime.fromisoformat(item["expira_em"]["S"]),
        reuniao=json.loads(item["reuniao"]["S"]) if "reuniao" in item else None,
        participantes={u: json.loads(a["S"]) for u, a in participantes.items()},
        geracao=int(item["geracao"]["N"]),
        criada_em=datetime.fromisoformat(item["criada_em"]["S"]),
    )


class SalasDynamo:
    """The rooms, one item per appointment (see the module docstring)."""

    def __init__(self, dynamodb: Any, tabela: str) -> None:
        self._db = dynamodb
        self._tabela = tabela

    async def _chamar(self, fn: Any, /, **kwargs: Any) -> Any:
        try:
            return await aws.call(fn, TableName=self._tabela, **kwargs)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                raise _Condicao() from exc
            _log.error("DynamoDB falhou (%s): %s", type(exc).__name__, exc)
            raise errors.ServicoIndisponivel(
                "A sala de vídeo não respondeu; tente de novo em instantes"
            ) from exc
        except BotoCoreError as exc:
            _log.error("DynamoDB falhou (%s): %s", type(exc).__name__, exc)
            raise errors.ServicoIndisponivel(
                "A sala de vídeo não respondeu; tente de novo em instantes"
            ) from exc

    async def pronto(self) -> None:
        """Raise unless the table answers (a read of a key no appointment uses: the task's role
        may get items, not describe the table)."""
        await self.sala(uuid.UUID(int=0))

    async def sala(self, consulta_id: uuid.UUID) -> Sala | None:
        """The room of an appointment (a strongly consistent read)."""
        resposta = await self._chamar(
            self._db.get_item, Key=_chave(consulta_id), ConsistentRead=True
        )
        item: dict[str, Any] | None = resposta.get("Item")
        return _sala(item) if item is not None else None

    async def criar(self, sala: Sala) -> tuple[Sala, bool]:
        """Put the room unless the appointment has one; when it has, the one kept."""
        item = _item(sala, datetime.now(UTC))
        try:
            await self._chamar(
                self._db.put_item,
                Item=item,
                ConditionExpression="attribute_not_exists(consulta_id)",
            )
        except _Condicao:
            guardada = await self.sala(sala.consulta_id)
            assert guardada is not None  # items are never deleted before their TTL
            return guardada, False
        return _sala(item), True

    async def guardar_ingresso(self, sala: Sala, usuario_id: uuid.UUID, ingresso: Ingresso) -> None:
        """The meeting created again (``geracao`` grows), then the caller's attendee of the
        current generation; a write whose condition fails lost a race and is dropped."""
        agora = _s(_instante(datetime.now(UTC)))
        if ingresso.reuniao_nova is not None:
            # Dropped when another participant renewed it first: same token, same meeting.
            with contextlib.suppress(_Condicao):
                await self._chamar(
                    self._db.update_item,
                    Key=_chave(sala.consulta_id),
                    UpdateExpression=(
                        "SET reuniao = :r, participantes = :p, geracao = :g, atualizada_em = :a"
                    ),
                    ConditionExpression="geracao < :g",
                    ExpressionAttributeValues={
                        ":r": _json(ingresso.reuniao_nova),
                        ":p": {"M": {}},
                        ":g": _n(ingresso.geracao),
                        ":a": agora,
                    },
                )
        if ingresso.participante_novo is not None:
            # Dropped when a newer meeting replaced this one: its attendees went with it.
            with contextlib.suppress(_Condicao):
                await self._chamar(
                    self._db.update_item,
                    Key=_chave(sala.consulta_id),
                    UpdateExpression="SET participantes.#u = :p, atualizada_em = :a",
                    ConditionExpression="geracao = :g",
                    ExpressionAttributeNames={"#u": str(usuario_id)},
                    ExpressionAttributeValues={
                        ":p": _json(ingresso.participante_novo),
                        ":g": _n(ingresso.geracao),
                        ":a": agora,
                    },
                )
