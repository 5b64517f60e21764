"""The routing table: public path templates under ``/api`` and the service that answers each."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

TABLE_PATH = Path(__file__).with_name("rotas.json")
_PARAM = re.compile(r"\{([a-zA-Z_][a-zA-Z0-9_]*)\}")


@dataclass(frozen=True)
class Rota:
    """One row: a method and a path template, answered by one service."""

    metodo: str
    caminho: str
    servico: str
    perfis: tuple[str, ...] = ()
    max_corpo: int | None = None
    publica: bool = False  # answered without a bearer token (the edge authorizes the rest)
    pattern: re.Pattern[str] = field(compare=False, repr=False, default=re.compile(""))

    @property
    def literal_segments(self) -> int:
        """How many segments are literal (more literal wins over a parameter)."""
        return sum(1 for s in self.caminho.split("/") if s and not _PARAM.fullmatch(s))


def _compile(template: str) -> re.Pattern[str]:
    parts = []
    pos = 0
    for match in _PARAM.finditer(template):
        parts.append(re.escape(template[pos : match.start()]))
        parts.append(f"(?P<{match.group(1)}>[^/]+)")
        pos = match.end()
    parts.append(re.escape(template[pos:]))
    return re.compile("^" + "".join(parts) + "$")


class RoutingTable:
    """Finds the service for a request; the most literal template wins."""

    def __init__(self, rotas: list[Rota]) -> None:
        self.rotas = sorted(rotas, key=lambda r: -r.literal_segments)
        # A template without parameters is the most literal of any that matches its path: an
        # exact hit answers without the scan of every pattern (issue 14).
        self._literais: dict[tuple[str, str], Rota] = {}
        for rota in self.rotas:
            if not _PARAM.search(rota.caminho):
                self._literais.setdefault((rota.metodo, rota.caminho), rota)

    @classmethod
    def load(cls, profile: str, path: Path = TABLE_PATH) -> RoutingTable:
        """The rows of the table that apply to a profile."""
        data = json.loads(path.read_text())
        rotas = []
        for row in data["rotas"]:
            perfis = tuple(row.get("perfis", ()))
            if perfis and profile not in perfis:
                continue
            rotas.append(
                Rota(
                    metodo=row["metodo"].upper(),
                    caminho=row["caminho"],
                    servico=row["servico"],
                    perfis=perfis,
                    max_corpo=row.get("max_corpo"),
                    publica=bool(row.get("publica", False)),
                    pattern=_compile(row["caminho"]),
                )
            )
        return cls(rotas)

    def match(self, metodo: str, path: str) -> tuple[Rota | None, bool]:
        """The row for this request, and whether the path exists under another method."""
        exata = self._literais.get((metodo, path)) or (
            self._literais.get(("GET", path)) if metodo == "HEAD" else None
        )
        if exata is not None:
            return exata, True
        return self.varrer(metodo, path)

    def varrer(self, metodo: str, path: str) -> tuple[Rota | None, bool]:
        """:meth:`match` by the scan of every pattern alone (what the literal index shortcuts)."""
        path_known = False
        for rota in self.rotas:
            if rota.pattern.match(path):
                if rota.metodo == metodo or (metodo == "HEAD" and rota.metodo == "GET"):
                    return rota, True
                path_known = True
        return None, path_known
