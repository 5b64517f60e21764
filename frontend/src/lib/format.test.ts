import { describe, expect, it } from "vitest";
import {
  contagem,
  dataLocal,
  formatarDataHoraCurta,
  formatarDiaEHora,
  formatarDistancia,
  formatarHora,
  formatarMoeda,
  formatarNota,
  horaLocal,
  inicioDaSemana,
  mesmoDia,
  somarDias,
} from "./format";

describe("datas no fuso do usuário", () => {
  const instante = "2026-12-01T17:00:00Z";

  it("dia e hora curtos, como o botão de confirmar diz (07/12 às 11:30)", () => {
    expect(formatarDiaEHora("2026-12-07T14:30:00Z", "America/Sao_Paulo")).toBe("07/12 às 11:30");
    expect(formatarDiaEHora("2026-12-08T02:30:00Z", "America/Sao_Paulo")).toBe("07/12 às 23:30");
  });

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

describe("semanas do calendário local", () => {
  it("começa a semana na segunda-feira à meia-noite", () => {
    const quinta = new Date(2026, 11, 3, 15, 30); // Thu 3 Dec 2026
    const inicio = inicioDaSemana(quinta);
    expect([inicio.getFullYear(), inicio.getMonth(), inicio.getDate(), inicio.getHours()]).toEqual([
      2026, 10, 30, 0,
    ]);
    expect(inicioDaSemana(new Date(2026, 10, 29, 23))).toEqual(new Date(2026, 10, 23)); // Sunday
    expect(inicioDaSemana(inicio)).toEqual(inicio);
  });

  it("soma dias e compara dias do calendário", () => {
    const d = new Date(2026, 11, 31, 10);
    expect(somarDias(d, 1)).toEqual(new Date(2027, 0, 1, 10));
    expect(mesmoDia(d, new Date(2026, 11, 31, 23, 59))).toBe(true);
    expect(mesmoDia(d, somarDias(d, 7))).toBe(false);
  });
});

describe("valores de campos de data e hora", () => {
  it("usa a data e a hora locais, com dois dígitos", () => {
    const d = new Date(2026, 0, 5, 7, 3);
    expect(dataLocal(d)).toBe("2026-01-05");
    expect(horaLocal(d)).toBe("07:03");
  });
});

describe("contagem", () => {
  it("põe o substantivo no singular só para um", () => {
    expect(contagem(1, "documento", "documentos")).toBe("1 documento");
    expect(contagem(2, "documento", "documentos")).toBe("2 documentos");
    expect(contagem(0, "documento", "documentos")).toBe("0 documentos");
    expect(contagem(1200, "pedido", "pedidos")).toBe("1.200 pedidos");
  });
});
