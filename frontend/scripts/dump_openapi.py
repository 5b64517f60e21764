"""Write the gateway's merged OpenAPI document to ``frontend/src/api/openapi.json``.

The web app's typed client is generated from that file (``make api-client``); a test compares
it with what the gateway produces now, so the app and the API cannot drift apart silently.
Building the service apps needs no database: only their routes are read.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "frontend" / "src" / "api" / "openapi.json"


def current_openapi() -> dict[str, Any]:
    """The merged contract the gateway serves at ``/api/openapi.json``, built in process."""
    from gateway.app import Gateway, GatewaySettings
    from gateway.services import build_apps

    # Local-profile settings keep generated secrets under the data directory: use a throwaway one.
    with tempfile.TemporaryDirectory(prefix="healthmed-openapi-") as data_dir:
        overrides = {"profile": "local", "data_dir": Path(data_dir)}
        return Gateway(GatewaySettings(**overrides), build_apps(overrides)).openapi()


def render(spec: dict[str, Any]) -> str:
    """The stable text of the committed file (sorted keys, so diffs stay small)."""
    return json.dumps(spec, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main() -> None:
    """Dump the contract (``--check`` only compares and exits 1 when it changed)."""
    text = render(current_openapi())
    if "--check" in sys.argv[1:]:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET} está desatualizado: rode `make api-client`", file=sys.stderr)
            raise SystemExit(1)
        return
    TARGET.write_text(text, encoding="utf-8")
    print(f"escrito {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
