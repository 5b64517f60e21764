import { describe, expect, it } from "vitest";
import { nomeDoAnexo } from "./arquivo";

describe("nome do arquivo sugerido pelo servidor", () => {
  it("lê o filename entre aspas ou sem aspas", () => {
    expect(nomeDoAnexo('attachment; filename="consulta-2026-12-01.ics"', "x.ics")).toBe(
      "consulta-2026-12-01.ics",
    );
    expect(nomeDoAnexo("attachment; filename=consulta.ics; size=10", "x.ics")).toBe("consulta.ics");
  });

  it("usa o padrão sem cabeçalho, sem nome ou com um caminho", () => {
    expect(nomeDoAnexo(null, "consulta.ics")).toBe("consulta.ics");
    expect(nomeDoAnexo("attachment", "consulta.ics")).toBe("consulta.ics");
    expect(nomeDoAnexo('attachment; filename="../../etc/x.ics"', "consulta.ics")).toBe("consulta.ics");
  });
});
