import { describe, expect, it } from "vitest";
import {
  ateDoAviso,
  avisoDoMedico,
  dataMinimaDoAviso,
  dataPadraoDoAviso,
  erroDaDataDoAviso,
  formatarDataDoAviso,
} from "./aviso-de-horario";

describe("a data do Avise-me", () => {
  it("começa duas semanas à frente e aceita a partir de amanhã", () => {
    const hoje = new Date(2026, 11, 1, 15, 30);
    expect(dataPadraoDoAviso(hoje)).toBe("2026-12-15");
    expect(dataMinimaDoAviso(hoje)).toBe("2026-12-02");
    expect(dataPadraoDoAviso(new Date(2026, 11, 25))).toBe("2027-01-08");
  });

  it("'antes de' um dia é antes da meia-noite em que ele começa, no relógio do paciente", () => {
    expect(ateDoAviso("2026-12-15")).toEqual(new Date(2026, 11, 15, 0, 0, 0, 0));
    expect(formatarDataDoAviso(ateDoAviso("2026-12-15")!)).toBe("15/12/2026");
  });

  it("campo vazio, texto ou dia que não existe não é data", () => {
    expect(ateDoAviso("")).toBeNull();
    expect(ateDoAviso("15/12/2026")).toBeNull();
    expect(ateDoAviso("2026-02-31")).toBeNull();
    expect(erroDaDataDoAviso("", new Date())).toBe("Escolha uma data");
  });

  it("hoje ou antes é recusado; amanhã serve", () => {
    const agora = new Date(2026, 11, 1, 9, 0);
    expect(erroDaDataDoAviso("2026-12-01", agora)).toBe("Escolha uma data a partir de amanhã");
    expect(erroDaDataDoAviso("2026-11-30", agora)).toBe("Escolha uma data a partir de amanhã");
    expect(erroDaDataDoAviso("2026-12-02", agora)).toBeNull();
  });

  it("acha o aviso ativo deste médico entre os do paciente", () => {
    const avisos = [
      { id: "a", medico_id: "m1" },
      { id: "b", medico_id: "m2" },
    ];
    expect(avisoDoMedico(avisos, "m2")?.id).toBe("b");
    expect(avisoDoMedico(avisos, "m3")).toBeNull();
  });
});
