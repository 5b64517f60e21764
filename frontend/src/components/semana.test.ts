import { describe, expect, it } from "vitest";
import { diasVisiveis, semanaInicial } from "./semana";

// Wednesday, 2 December 2026, 15:00 local time.
const AGORA = new Date(2026, 11, 2, 15, 0);
const segunda = (dia: number) => new Date(2026, 11, dia);

describe("semanaInicial", () => {
  it("abre na semana do primeiro horário livre, não na semana atual vazia", () => {
    const horarios = [
      { inicio: new Date(2026, 11, 17, 9).toISOString() },
      { inicio: new Date(2026, 11, 16, 11).toISOString() },
    ];
    expect(semanaInicial(AGORA, horarios)).toEqual(segunda(14));
  });

  it("sem horários, abre na semana atual", () => {
    expect(semanaInicial(AGORA, [])).toEqual(new Date(2026, 10, 30));
  });
});

describe("diasVisiveis", () => {
  it("esconde os dias que já passaram nesta semana", () => {
    const dias = diasVisiveis(new Date(2026, 10, 30), AGORA);
    expect(dias[0]).toEqual(new Date(2026, 11, 2));
    expect(dias).toHaveLength(5);
  });

  it("mostra a semana inteira quando ela é futura", () => {
    expect(diasVisiveis(segunda(7), AGORA)).toHaveLength(7);
  });
});
