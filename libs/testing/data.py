"""Factories of valid, unique test data (CPF with check digits, e-mails, CRMs)."""

from __future__ import annotations

import itertools
import os
import random
import uuid

_seq = itertools.count(1)
_rng = random.Random(os.getpid() ^ uuid.uuid4().int)  # noqa: S311 - test data, not secrets


def cpf_digits(base9: str) -> str:
    """The 11-digit CPF for nine base digits (computes both check digits)."""
    digits = [int(d) for d in base9]
    for length in (9, 10):
        total = sum(d * w for d, w in zip(digits, range(length + 1, 1, -1), strict=True))
        rest = (total * 10) % 11
        digits.append(0 if rest == 10 else rest)
    return "".join(map(str, digits))


def novo_cpf(pontuado: bool = False) -> str:
    """A random valid CPF (never all-equal digits)."""
    while True:
        base = f"{_rng.randrange(10**9):09d}"
        if len(set(base)) > 1:
            break
    cpf = cpf_digits(base)
    return f"{cpf[:3]}.{cpf[3:6]}.{cpf[6:9]}-{cpf[9:]}" if pontuado else cpf


def novo_email(prefixo: str = "pessoa") -> str:
    """A unique e-mail address."""
    return f"{prefixo}.{next(_seq)}.{uuid.uuid4().hex[:10]}@exemplo.com.br"


def novo_crm() -> str:
    """A unique-enough CRM number."""
    return str(_rng.randrange(10_000, 9_999_999))


SENHA = "Saude#Forte2026"
