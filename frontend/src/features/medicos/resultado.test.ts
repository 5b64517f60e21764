import { describe, expect, it } from "vitest";
import type { ValoresFiltro } from "./components/Filtros";
import { filtrosAtivos, primeirosHorarios } from "./resultado";

const nenhum: ValoresFiltro = {
  nome: "",
  especialidade: "",
  perto: "",
  raio: "",
  nota: "",
  disponivel: "",
  ordenar: "",
};

describe("filtros em uso (o botão Filtros do celular)", () => {
  it("nenhum filtro: zero", () => {
    expect(filtrosAtivos(nenhum)).toBe(0);
  });

  it("conta cada filtro escolhido", () => {
    expect(filtrosAtivos({ ...nenhum, especialidade: "cardiologia", nota: "4" })).toBe(2);
    expect(
      filtrosAtivos({
        nome: "hel",
        especialidade: "cardiologia",
        perto: "sao-paulo-sp",
        raio: "5",
        nota: "4",
        disponivel: "7",
        ordenar: "avaliacao",
      }),
    ).toBe(7);
  });

  it("a distância sem um local não filtra e não conta; minha localização conta como local", () => {
    expect(filtrosAtivos({ ...nenhum, raio: "5" })).toBe(0);
    expect(filtrosAtivos({ ...nenhum, perto: "minha-localizacao", raio: "5" })).toBe(2);
  });
});

describe("horários do cartão", () => {
  const agora = new Date("2026-12-07T12:00:00Z");
  const h = (id: string, inicio: string) => ({ id, inicio });

  it("os primeiros a partir de agora, em ordem, no máximo quatro", () => {
    const horarios = [
      h("e", "2026-12-09T12:00:00Z"),
      h("a", "2026-12-07T11:00:00Z"),
      h("c", "2026-12-08T12:00:00Z"),
      h("b", "2026-12-07T13:00:00Z"),
      h("d", "2026-12-08T13:00:00Z"),
      h("f", "2026-12-10T12:00:00Z"),
    ];
    expect(primeirosHorarios(horarios, agora).map((x) => x.id)).toEqual(["b", "c", "d", "e"]);
    expect(primeirosHorarios(horarios, agora, 2).map((x) => x.id)).toEqual(["b", "c"]);
  });

  it("sem horários: nenhum chip", () => {
    expect(primeirosHorarios([], agora)).toEqual([]);
  });
});
