import { describe, expect, it } from "vitest";
import { pacienteNaSala } from "./espera";

describe("o paciente está esperando na sala?", () => {
  it("sim, com uma estada dele sem saída", () => {
    expect(
      pacienteNaSala([
        { papel: "paciente", saiu_em: "2026-12-05T10:02:00-03:00" },
        { papel: "paciente", saiu_em: null },
      ]),
    ).toBe(true);
  });

  it("não, se ele saiu, nunca entrou, ou só o médico está lá", () => {
    expect(pacienteNaSala([{ papel: "paciente", saiu_em: "2026-12-05T10:02:00-03:00" }])).toBe(false);
    expect(pacienteNaSala([])).toBe(false);
    expect(pacienteNaSala([{ papel: "medico", saiu_em: null }])).toBe(false);
  });
});
