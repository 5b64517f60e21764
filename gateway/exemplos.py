"""An example body for every JSON request of the public contract, by operation id.

Generators and API explorers show them; ``gateway/tests/test_contrato_para_geradores.py``
validates each one against its operation's schema, so an example cannot drift from the model.
"""

from __future__ import annotations

from typing import Any

_ENDERECO = {
    "cep": "01310-100",
    "logradouro": "Av. Paulista, 1000",
    "cidade": "São Paulo",
    "uf": "SP",
}
_LOCALIZACAO = {"lat": -23.5614, "lon": -46.6559}
_HORARIO = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
_EVOLUCAO = {
    "texto": "Febre há dois dias, sem falta de ar.",
    "queixa_principal": "Febre e dor de garganta",
    "avaliacao": "Faringite viral provável",
    "plano": "Sintomáticos; retorno se piorar",
    "cid10": ["J02.9"],
}

EXEMPLOS: dict[str, dict[str, Any]] = {
    "login": {"email": "ana@example.com", "senha": "uma senha longa"},
    "refresh": {"refresh_token": "o refresh_token que o login devolveu"},
    "recover": {"email": "ana@example.com"},
    "recover_confirm": {"token": "o código do e-mail", "nova_senha": "outra senha longa"},
    "desfazer_troca_de_email": {"token": "o código do link do aviso"},
    "cadastrar_paciente": {
        "nome": "Ana Souza",
        "email": "ana@example.com",
        "cpf": "529.982.247-25",
        "senha": "uma senha longa",
        "telefone": "+55 11 91234-5678",
        "data_nascimento": "1990-04-12",
        "endereco": _ENDERECO,
        "localizacao": _LOCALIZACAO,
    },
    "alterar_paciente": {"telefone": "+55 11 98765-4321", "endereco": _ENDERECO},
    "encerrar_conta": {"senha": "uma senha longa", "confirmacao": "ENCERRAR"},
    "cadastrar_medico": {
        "nome": "Dra. Beatriz Lima",
        "crm": "123456",
        "uf": "SP",
        "email": "beatriz@example.com",
        "senha": "uma senha longa",
        "especialidades": ["cardiologia"],
        "endereco": _ENDERECO,
        "localizacao": _LOCALIZACAO,
        "valor_consulta": 250.0,
        "fuso_horario": "America/Sao_Paulo",
        "antecedencia_minima_minutos": 120,
    },
    "alterar_medico": {"bio": "Cardiologista há 15 anos.", "valor_consulta": 300.0},
    "pedir_aviso": {"ate": "2026-12-20T18:00:00-03:00"},
    "criar_horarios": {
        "inicio": "2026-12-08T08:00:00-03:00",
        "fim": "2026-12-08T12:00:00-03:00",
        "duracao_minutos": 30,
        "repetir_semanas": 4,
    },
    "alterar_horario": {"inicio": "2026-12-08T09:00:00-03:00", "fim": "2026-12-08T09:30:00-03:00"},
    "bloquear_periodo": {
        "de": "2026-12-24T00:00:00-03:00",
        "ate": "2026-12-27T00:00:00-03:00",
        "simular": True,
    },
    "recusar_consulta": {"justificativa": "Estarei em congresso neste dia."},
    "corrigir_comparecimento": {"compareceu": True},
    "responder_avaliacao": {"texto": "Obrigada pela confiança, até a próxima!"},
    "denunciar_avaliacao": {"motivo": "O comentário traz dados de outro paciente."},
    "reservar_consulta": {"horario_id": _HORARIO},
    "cancelar_consulta": {"justificativa": "Surgiu um compromisso de trabalho."},
    "remarcar_consulta": {"horario_id": _HORARIO, "justificativa": "Prefiro mais cedo."},
    "avaliar_consulta": {"nota": 5, "comentario": "Atenciosa e pontual."},
    "consentir": {"versao": "cfm-2314-2022-v1"},
    "pedir_upload": {
        "nome": "hemograma.pdf",
        "categoria": "exame",
        "tipo_conteudo": "application/pdf",
        "tamanho": 48213,
    },
    "confirmar_upload": {
        "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
    },
    "compartilhar": {"medico_id": "8c5e4f7a-2b1d-4c3e-9f6a-1d2e3f4a5b6c", "duracao_horas": 48},
    "redigir_evolucao": {"consulta_id": "5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d", **_EVOLUCAO},
    "editar_evolucao": _EVOLUCAO,
    "adendar_evolucao": {"texto": "Teste rápido para estreptococo: negativo."},
    "emitir_receita": {
        "consulta_id": "5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
        "itens": [
            {
                "medicamento": "Dipirona sódica",
                "dose": "500 mg",
                "posologia": "1 comprimido de 6 em 6 horas se febre ou dor",
                "duracao": "3 dias",
            }
        ],
    },
    "emitir_atestado": {
        "consulta_id": "5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
        "dias_afastamento": 2,
        "cid10": "J02.9",
        "autorizacao_cid": True,
    },
}
