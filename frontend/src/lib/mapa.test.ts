import { describe, expect, it } from "vitest";
import {
  agrupar,
  caixaDe,
  distanciaKm as km,
  juntarProximos,
  projetar,
  rotuloAlfinete,
  type Ponto,
} from "./mapa";

const SP: Ponto = { lat: -23.5505, lon: -46.6333 };
const CAMPINAS: Ponto = { lat: -22.9056, lon: -47.0608 };

describe("o mapa dos resultados", () => {
  it("contém todos os pontos e o círculo do raio, com margem", () => {
    const caixa = caixaDe([CAMPINAS], { centro: SP, raioKm: 25 })!;
    const proj = projetar(caixa, 600);
    for (const p of [SP, CAMPINAS]) {
      expect(proj.contem(p)).toBe(true);
      const [x, y] = proj.xy(p);
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(proj.largura);
      expect(y).toBeGreaterThan(0);
      expect(y).toBeLessThan(proj.altura);
    }
    // The radius fits: 25 km west of São Paulo is inside the box.
    expect(proj.contem({ lat: SP.lat, lon: SP.lon - 25 / 102 })).toBe(true);
  });

  it("não distorce: a distância desenhada é a distância real, na mesma escala nos dois eixos", () => {
    const proj = projetar(caixaDe([CAMPINAS], { centro: SP })!, 600);
    const [x1, y1] = proj.xy(SP);
    const [x2, y2] = proj.xy(CAMPINAS);
    const desenhada = Math.hypot(x2 - x1, y2 - y1) * proj.kmPorUnidade;
    expect(Math.abs(desenhada - km(SP, CAMPINAS))).toBeLessThan(1);
    // North is up, west is left.
    expect(y2).toBeLessThan(y1);
    expect(x2).toBeLessThan(x1);
  });

  it("tem largura mínima para um ponto só e proporção de tela", () => {
    const proj = projetar(caixaDe([SP])!, 600);
    expect(proj.largura * proj.kmPorUnidade).toBeCloseTo(6, 5);
    expect(proj.altura / proj.largura).toBeGreaterThanOrEqual(0.6 - 1e-9);
    const norteSul = projetar(
      caixaDe([
        { lat: 5, lon: -60 },
        { lat: -33, lon: -53 },
      ])!,
      600,
    );
    expect(norteSul.altura / norteSul.largura).toBeLessThanOrEqual(1 + 1e-9);
    expect(caixaDe([])).toBeNull();
  });

  it("junta no mesmo alfinete quem atende no mesmo lugar, com as posições da lista", () => {
    const itens = [
      { nome: "A", l: SP },
      { nome: "B", l: null },
      { nome: "C", l: { lat: SP.lat + 0.0001, lon: SP.lon } },
      { nome: "D", l: CAMPINAS },
    ];
    const grupos = agrupar(itens, (i) => i.l);
    expect(grupos.map((g) => g.posicoes)).toEqual([[1, 3], [4]]);
    expect(grupos[0]!.itens.map((i) => i.nome)).toEqual(["A", "C"]);
  });
});

describe("alfinetes na tela", () => {
  it("junta os que ficariam um sobre o outro e mantém os distantes", () => {
    const proj = projetar(caixaDe([SP, CAMPINAS])!, 600);
    const grupos = [
      { ponto: SP, posicoes: [1] },
      { ponto: CAMPINAS, posicoes: [2] },
      { ponto: { lat: SP.lat + 0.01, lon: SP.lon }, posicoes: [3, 4] },
    ];
    const juntos = juntarProximos(grupos, proj.xy);
    expect(juntos.map((j) => j.posicoes)).toEqual([[1, 3, 4], [2]]);
    expect(juntos[0]!.ponto).toEqual(SP);
    // At a 100 km-wide scale, 1 km apart is under a pin's width; 90 km is not.
    expect(juntos[0]!.membros).toHaveLength(2);
  });

  it("diz as posições, ou a primeira e a última de uma lista longa", () => {
    expect(rotuloAlfinete([2])).toBe("2");
    expect(rotuloAlfinete([1, 3, 4])).toBe("1,3,4");
    expect(rotuloAlfinete([5, 6, 7, 10])).toBe("5…10");
  });
});
