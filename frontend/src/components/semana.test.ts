import { describe, expect, it } from "vitest";
import { diasVisiveis, horarioPedido, horariosDaProcura, semanaInicial } from "./semana";

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

  it("um horário pedido por um link (o chip da busca) abre na semana dele", () => {
    const horarios = [
      { id: "a", inicio: new Date(2026, 11, 3, 9).toISOString() },
      { id: "b", inicio: new Date(2026, 11, 22, 9).toISOString() },
    ];
    expect(semanaInicial(AGORA, horarios, horarioPedido(horarios, "b", AGORA))).toEqual(segunda(21));
  });

  it("sem horários, abre na semana atual", () => {
    expect(semanaInicial(AGORA, [])).toEqual(new Date(2026, 10, 30));
  });
});

describe("horarioPedido", () => {
  const horarios = [
    { id: "passado", inicio: new Date(2026, 11, 2, 9).toISOString() },
    { id: "livre", inicio: new Date(2026, 11, 4, 9).toISOString() },
  ];

  it("acha o horário do link se ainda está livre e à frente", () => {
    expect(horarioPedido(horarios, "livre", AGORA)?.id).toBe("livre");
  });

  it("ignora um horário já passado, já tomado (ausente) ou nenhum pedido", () => {
    expect(horarioPedido(horarios, "passado", AGORA)).toBeUndefined();
    expect(horarioPedido(horarios, "outro", AGORA)).toBeUndefined();
    expect(horarioPedido(horarios, null, AGORA)).toBeUndefined();
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

describe("horariosDaProcura", () => {
  // The opening read: from now (Wednesday 2 December) 30 days ahead, to 1 January.
  const procura = {
    ate: new Date(2026, 11, 32, 15, 0),
    chave: "m:0",
    horarios: [
      { id: "a", inicio: new Date(2026, 11, 3, 9).toISOString() },
      { id: "b", inicio: new Date(2026, 11, 6, 23, 30).toISOString() },
      { id: "c", inicio: new Date(2026, 11, 7, 0, 0).toISOString() },
      { id: "d", inicio: new Date(2026, 11, 30, 9).toISOString() },
    ],
  };

  it("dá os horários da semana que a leitura de abertura cobre (fim exclusivo)", () => {
    const semana = horariosDaProcura(procura, new Date(2026, 10, 30), segunda(7));
    expect(semana?.map((h) => h.id)).toEqual(["a", "b"]);
    expect(horariosDaProcura(procura, segunda(7), segunda(14))?.map((h) => h.id)).toEqual(["c"]);
    expect(horariosDaProcura(procura, segunda(14), segunda(21))).toEqual([]);
  });

  it("não responde por uma semana que termina além da leitura", () => {
    expect(horariosDaProcura(procura, segunda(28), segunda(35))).toBeUndefined();
  });
});
