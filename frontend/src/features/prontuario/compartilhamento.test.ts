import { describe, expect, it } from "vitest";
import { agruparAcessos, fimDoCompartilhamento, limitesDoCompartilhamento } from "./compartilhamento";

// Saturday, 5 December 2026, 10:30 local time.
const AGORA = new Date(2026, 11, 5, 10, 30);

describe("compartilhar até um dia", () => {
  it("de hoje até 30 dias à frente", () => {
    expect(limitesDoCompartilhamento(AGORA)).toEqual({ min: "2026-12-05", max: "2027-01-04" });
  });

  it("vale até o fim do dia escolhido, qualquer número de dias", () => {
    expect(fimDoCompartilhamento("2026-12-05", AGORA)).toEqual(new Date(2026, 11, 5, 23, 59));
    expect(fimDoCompartilhamento("2026-12-16", AGORA)).toEqual(new Date(2026, 11, 16, 23, 59));
  });

  it("o 30º dia termina antes de passar de 30 dias (o limite da API)", () => {
    const fim = fimDoCompartilhamento("2027-01-04", AGORA);
    expect(fim).not.toBeNull();
    expect(fim!.getTime() - AGORA.getTime()).toBeLessThan(30 * 24 * 3600 * 1000);
    expect(fim!.getDate()).toBe(4);
  });

  it("recusa dia vazio, passado, além de 30 dias ou mal escrito", () => {
    expect(fimDoCompartilhamento("", AGORA)).toBeNull();
    expect(fimDoCompartilhamento("2026-12-04", AGORA)).toBeNull();
    expect(fimDoCompartilhamento("2027-01-05", AGORA)).toBeNull();
    expect(fimDoCompartilhamento("05/12/2026", AGORA)).toBeNull();
  });
});

describe("registro de acessos agrupado", () => {
  const medico = { id: "m" };
  const paciente = { id: "p" };
  const acesso = (
    quando: string,
    usuario: { id: string },
    acao: string,
    documento_id: string | null = null,
  ) => ({
    quando,
    usuario,
    acao,
    documento_id,
  });

  it("junta as repetições seguidas da mesma pessoa, ação e documento, com quantas e desde quando", () => {
    const grupos = agruparAcessos([
      acesso("t5", medico, "listagem"),
      acesso("t4", medico, "listagem"),
      acesso("t3", medico, "listagem"),
      acesso("t2", medico, "link_download", "d1"),
      acesso("t1", paciente, "compartilhamento"),
    ]);
    expect(grupos.map((g) => [g.acesso.quando, g.vezes, g.desde])).toEqual([
      ["t5", 3, "t3"],
      ["t2", 1, "t2"],
      ["t1", 1, "t1"],
    ]);
  });

  it("não junta pessoas, ações ou documentos diferentes, nem repetições separadas", () => {
    const grupos = agruparAcessos([
      acesso("t4", medico, "link_download", "d1"),
      acesso("t3", medico, "link_download", "d2"),
      acesso("t2", paciente, "listagem"),
      acesso("t1", medico, "listagem"),
      acesso("t0", paciente, "listagem"),
    ]);
    expect(grupos.map((g) => g.vezes)).toEqual([1, 1, 1, 1, 1]);
  });
});
