import { describe, expect, it } from "vitest";
import { formatarDataHoraCurta, formatarDistancia, formatarHora, formatarMoeda, formatarNota } from "./format";

describe("datas no fuso do usuário", () => {
  const instante = "2026-12-01T17:00:00Z";

  it("mostra o mesmo instante na hora local de cada fuso", () => {
    expect(formatarHora(instante, "America/Sao_Paulo")).toBe("14:00");
    expect(formatarHora(instante, "America/Manaus")).toBe("13:00");
    expect(formatarHora(instante, "America/Noronha")).toBe("15:00");
  });

  it("usa o formato brasileiro de data", () => {
    expect(formatarDataHoraCurta(instante, "America/Sao_Paulo")).toBe("01/12/2026, 14:00");
  });
});

describe("números em pt-BR", () => {
  it("formata reais, distâncias e notas com vírgula decimal", () => {
    expect(formatarMoeda(250)).toBe("R$\u00a0250,00");
    expect(formatarDistancia(0.85)).toBe("850 m");
    expect(formatarDistancia(3.42)).toBe("3,4 km");
    expect(formatarNota(4.66)).toBe("4,7");
  });
});
