import { describe, expect, it } from "vitest";
import { formatarDataHoraCurta } from "@/lib/format";
import { foiRemarcada, notaDeRemarcacao } from "./remarcacao";

const fmt = (iso: string) => formatarDataHoraCurta(iso, "America/Sao_Paulo");
const antiga = {
  id: "a",
  inicio: "2026-12-01T13:00:00Z",
  status: "cancelada" as const,
  remarcada_de: null,
  remarcada_para: "b",
};
const nova = {
  id: "b",
  inicio: "2026-12-03T17:30:00Z",
  status: "pendente" as const,
  remarcada_de: "a",
  remarcada_para: null,
};
const comum = { ...nova, id: "c", remarcada_de: null };

describe("remarcação nos cartões de consulta", () => {
  it("a antiga aponta para quando foi e a nova diz de quando veio", () => {
    expect(notaDeRemarcacao(antiga, [antiga, nova], fmt)).toBe("Remarcada para 03/12/2026, 14:30");
    expect(notaDeRemarcacao(nova, [antiga, nova], fmt)).toBe("Remarcada de 01/12/2026, 10:00");
  });

  it("sem a outra na lista, diz só que foi remarcada; consulta comum não diz nada", () => {
    expect(notaDeRemarcacao(antiga, [antiga], fmt)).toBe("Remarcada para outro horário");
    expect(notaDeRemarcacao(nova, [nova], fmt)).toBe("Remarcada de outro horário");
    expect(notaDeRemarcacao(comum, [comum], fmt)).toBeNull();
  });

  it("só a cancelada por remarcação tem o selo de remarcada", () => {
    expect(foiRemarcada(antiga)).toBe(true);
    expect(foiRemarcada(nova)).toBe(false);
    expect(foiRemarcada({ status: "cancelada", remarcada_para: null })).toBe(false);
  });
});
