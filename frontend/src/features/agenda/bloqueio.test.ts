import { describe, expect, it } from "vitest";
import {
  bloqueioNoDia,
  periodoDoBloqueio,
  resumoDaCriacao,
  resumoDoBloqueio,
  situacaoDoMantido,
  textoDoBloqueio,
} from "./bloqueio";

const campos = { primeiroDia: "2026-12-20", ultimoDia: "2026-12-22", horaInicio: "", horaFim: "" };

describe("período do bloqueio", () => {
  it("sem horários, vai da meia-noite do primeiro dia ao fim do último", () => {
    const periodo = periodoDoBloqueio(campos);
    expect(periodo).toEqual({ de: new Date(2026, 11, 20, 0, 0), ate: new Date(2026, 11, 23, 0, 0) });
  });

  it("com horários, o início vale no primeiro dia e o fim no último", () => {
    const periodo = periodoDoBloqueio({ ...campos, horaInicio: "13:30", horaFim: "09:00" });
    expect(periodo).toEqual({ de: new Date(2026, 11, 20, 13, 30), ate: new Date(2026, 11, 22, 9, 0) });
  });

  it("um dia só, inteiro", () => {
    const periodo = periodoDoBloqueio({ ...campos, ultimoDia: "2026-12-20" });
    expect(periodo).toEqual({ de: new Date(2026, 11, 20), ate: new Date(2026, 11, 21) });
  });

  it("fim antes do início ou dias em branco são erros nos campos de e ate", () => {
    expect(periodoDoBloqueio({ ...campos, ultimoDia: "2026-12-19" })).toEqual({
      erros: { ate: "O fim do período deve ser depois do início" },
    });
    expect(
      periodoDoBloqueio({ ...campos, ultimoDia: "2026-12-20", horaInicio: "10:00", horaFim: "10:00" }),
    ).toEqual({
      erros: { ate: "O fim do período deve ser depois do início" },
    });
    expect(periodoDoBloqueio({ ...campos, primeiroDia: "", ultimoDia: "" })).toEqual({
      erros: { de: "Informe o primeiro dia", ate: "Informe o último dia" },
    });
  });
});

describe("resumo do bloqueio", () => {
  it("antes de confirmar diz o que será removido e o que fica, no plural e no singular", () => {
    expect(resumoDoBloqueio(12, 2, true)).toBe(
      "12 horários livres serão removidos; 2 horários com consulta serão mantidos:",
    );
    expect(resumoDoBloqueio(1, 1, true)).toBe(
      "1 horário livre será removido; 1 horário com consulta será mantido:",
    );
    expect(resumoDoBloqueio(3, 0, true)).toBe("3 horários livres serão removidos.");
    expect(resumoDoBloqueio(0, 0, true)).toBe("Nenhum horário livre será removido.");
  });

  it("depois de confirmar diz o que foi feito", () => {
    expect(resumoDoBloqueio(12, 2, false)).toBe(
      "12 horários livres removidos; 2 horários com consulta mantidos.",
    );
    expect(resumoDoBloqueio(1, 0, false)).toBe("1 horário livre removido.");
    expect(resumoDoBloqueio(0, 1, false)).toBe(
      "Nenhum horário livre foi removido; 1 horário com consulta mantido.",
    );
  });

  it("nomeia a situação de cada horário mantido", () => {
    expect(situacaoDoMantido("reservado")).toBe("pedido aguardando sua resposta");
    expect(situacaoDoMantido("confirmado")).toBe("consulta confirmada");
  });
});

describe("períodos bloqueados guardados", () => {
  const ferias = { de: new Date(2026, 11, 20), ate: new Date(2027, 0, 6) };

  it("dias inteiros terminam no dia anterior à meia-noite final", () => {
    expect(textoDoBloqueio(ferias)).toBe("Bloqueado de 20/12 a 05/01");
  });

  it("horas que não são meia-noite aparecem", () => {
    expect(textoDoBloqueio({ de: new Date(2026, 11, 20, 14, 0), ate: new Date(2026, 11, 21, 9, 30) })).toBe(
      "Bloqueado de 20/12 às 14:00 a 21/12 às 09:30",
    );
  });

  it("um dia inteiro só (dos instantes ISO da API) é 'em'", () => {
    const periodo = { de: new Date(2026, 2, 1).toISOString(), ate: new Date(2026, 2, 2).toISOString() };
    expect(textoDoBloqueio(periodo)).toBe("Bloqueado em 01/03");
  });

  it("um dia no meio do período está todo bloqueado", () => {
    expect(bloqueioNoDia(new Date(2026, 11, 24), [ferias])).toBe("Bloqueado");
    expect(bloqueioNoDia(new Date(2026, 11, 20), [ferias])).toBe("Bloqueado");
  });

  it("dias fora do período não têm bloqueio (o fim é excluído)", () => {
    expect(bloqueioNoDia(new Date(2027, 0, 6), [ferias])).toBeNull();
    expect(bloqueioNoDia(new Date(2026, 11, 19), [ferias])).toBeNull();
    expect(bloqueioNoDia(new Date(2026, 11, 24), [])).toBeNull();
  });

  it("partes do dia dizem as horas", () => {
    const tarde = { de: new Date(2026, 11, 20, 14, 0), ate: new Date(2026, 11, 22, 12, 0) };
    expect(bloqueioNoDia(new Date(2026, 11, 20), [tarde])).toBe("Bloqueado a partir de 14:00");
    expect(bloqueioNoDia(new Date(2026, 11, 21), [tarde])).toBe("Bloqueado");
    expect(bloqueioNoDia(new Date(2026, 11, 22), [tarde])).toBe("Bloqueado até 12:00");
    const manha = { de: new Date(2026, 11, 23, 10, 0), ate: new Date(2026, 11, 23, 12, 0) };
    expect(bloqueioNoDia(new Date(2026, 11, 23), [manha])).toBe("Bloqueado das 10:00 às 12:00");
  });
});

describe("resumo da criação", () => {
  it("sem bloqueio, só os abertos", () => {
    expect(resumoDaCriacao(8, 0)).toBe("8 horários abertos.");
    expect(resumoDaCriacao(1, 0)).toBe("1 horário aberto.");
  });

  it("uma repetição que caiu em bloqueio diz quantos pulou", () => {
    expect(resumoDaCriacao(4, 2)).toBe(
      "4 horários abertos. 2 não foram abertos por cair em período bloqueado.",
    );
    expect(resumoDaCriacao(5, 1)).toBe("5 horários abertos. 1 não foi aberto por cair em período bloqueado.");
  });
});
