"""Builds each Lambda's zip under ``infra/lambda/build/`` for Terraform (``make lambda``).

Terraform takes the zip as a file (no ``archive`` provider: the estate needs the AWS provider
alone). The zip is reproducible: fixed timestamps, permissions and order, so the same source
gives the same ``source_code_hash`` on every machine and a plan shows no change to the function
unless its code changed."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

LAMBDAS = Path(__file__).resolve().parent
BUILD = LAMBDAS / "build"
_EPOCA = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can hold


def empacotar(nome: str) -> Path:
    """Zips ``infra/lambda/<nome>/*.py`` into ``build/<nome>.zip`` and returns its path."""
    fontes = sorted((LAMBDAS / nome).glob("*.py"))
    if not fontes:
        raise SystemExit(f"infra/lambda/{nome}: nenhum arquivo .py")
    BUILD.mkdir(exist_ok=True)
    destino = BUILD / f"{nome}.zip"
    temporario = destino.with_suffix(".zip.tmp")
    # Stored, not deflated: deflated bytes may differ between zlib versions; the code is small.
    with zipfile.ZipFile(temporario, "w", compression=zipfile.ZIP_STORED) as zf:
        for fonte in fontes:
            entrada = zipfile.ZipInfo(fonte.name, date_time=_EPOCA)
            entrada.external_attr = 0o644 << 16
            zf.writestr(entrada, fonte.read_bytes())
    temporario.replace(destino)
    return destino


def main(argv: list[str]) -> None:
    """Builds every Lambda (each folder of infra/lambda with Python files), or the ones named."""
    nomes = argv or sorted(p.name for p in LAMBDAS.iterdir() if p.is_dir() and any(p.glob("*.py")))
    for nome in nomes:
        print(empacotar(nome).relative_to(LAMBDAS.parents[1]))


if __name__ == "__main__":
    main(sys.argv[1:])
