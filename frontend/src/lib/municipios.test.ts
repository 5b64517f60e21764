import { beforeAll, describe, expect, it } from "vitest";
import {
  buscarMunicipios,
  carregarMunicipios,
  chaveMunicipio,
  municipioPorChave,
  normalizar,
  rotuloMunicipio,
  type Municipio,
} from "./municipios";
import { distanciaKm as km } from "./mapa";

let lista: Municipio[];

beforeAll(async () => {
  lista = await carregarMunicipios();
});

describe("a lista de municípios do IBGE", () => {
  it("tem os 5.570 municípios, com códigos e chaves únicos, em todas as 27 UFs", () => {
    expect(lista).toHaveLength(5570);
    expect(new Set(lista.map((m) => m.codigo)).size).toBe(5570);
    expect(new Set(lista.map(chaveMunicipio)).size).toBe(5570);
    expect(new Set(lista.map((m) => m.uf)).size).toBe(27);
    for (const m of lista) expect(String(m.codigo).slice(0, 1)).toMatch(/[1-5]/);
  });

  it("tem uma capital por UF, nas coordenadas conhecidas", () => {
    const capitais = lista.filter((m) => m.capital);
    expect(capitais.map((m) => m.uf).sort()).toEqual([...new Set(lista.map((m) => m.uf))].sort());
    const conhecidas: [string, number, number][] = [
      ["sao-paulo-sp", -23.5505, -46.6333],
      ["manaus-am", -3.119, -60.0217],
      ["porto-alegre-rs", -30.0346, -51.2177],
      ["boa-vista-rr", 2.8235, -60.6758],
      ["recife-pe", -8.0476, -34.877],
    ];
    for (const [chave, lat, lon] of conhecidas) {
      const m = municipioPorChave(lista, chave);
      expect(m?.capital).toBe(true);
      expect(km(m!, { lat, lon })).toBeLessThan(10);
    }
  });

  it("põe cada município no Brasil e a menos de 1.500 km da capital do seu estado", () => {
    const capital = new Map(lista.filter((m) => m.capital).map((m) => [m.uf, m]));
    for (const m of lista) {
      expect(m.lat).toBeGreaterThan(-34);
      expect(m.lat).toBeLessThan(5.3);
      expect(m.lon).toBeGreaterThan(-74.1);
      expect(m.lon).toBeLessThan(-28.8);
      expect(km(m, capital.get(m.uf)!)).toBeLessThan(1500);
    }
  });

  it("inclui os municípios de nome novo ou criados depois de 2010", () => {
    expect(municipioPorChave(lista, "pescaria-brava-sc")?.codigo).toBe(4212650);
    expect(municipioPorChave(lista, "tabocao-to")?.codigo).toBe(1708254);
    expect(municipioPorChave(lista, "mogi-mirim-sp")?.codigo).toBe(3530805);
  });
});

describe("buscar município pelo que se digita", () => {
  it("ignora acentos e caixa e põe o nome exato antes dos que começam igual", () => {
    const achados = buscarMunicipios(lista, "CAMPINAS");
    expect(rotuloMunicipio(achados[0]!)).toBe("Campinas – SP");
    expect(achados.slice(1).every((m) => m.nome.startsWith("Campinas"))).toBe(true);
    expect(buscarMunicipios(lista, "goiania")[0]?.nome).toBe("Goiânia");
  });

  it("põe a capital primeiro entre nomes iguais e aceita a UF no fim", () => {
    expect(buscarMunicipios(lista, "São Luís")[0]?.uf).toBe("MA");
    const bomJesus = buscarMunicipios(lista, "bom jesus", 50).filter((m) => m.nome === "Bom Jesus");
    expect(bomJesus.length).toBeGreaterThan(2);
    const noPiaui = buscarMunicipios(lista, "Bom Jesus – PI");
    expect(noPiaui.length).toBeGreaterThan(0);
    expect(noPiaui.every((m) => m.uf === "PI")).toBe(true);
    expect(noPiaui[0]?.nome).toBe("Bom Jesus");
  });

  it("acha pelo começo de uma palavra do meio antes de um trecho qualquer", () => {
    const achados = buscarMunicipios(lista, "livramento", 30);
    const comeca = achados.map((m) => normalizar(m.nome).startsWith("livramento"));
    const primeiroDoMeio = comeca.indexOf(false);
    expect(primeiroDoMeio).toBeGreaterThan(0);
    expect(comeca.slice(primeiroDoMeio).every((c) => !c)).toBe(true);
    expect(achados.some((m) => m.nome === "Sant'Ana do Livramento")).toBe(true);
  });

  it("limita as sugestões e não sugere nada sem texto", () => {
    expect(buscarMunicipios(lista, "sa")).toHaveLength(8);
    expect(buscarMunicipios(lista, "  ")).toEqual([]);
    expect(buscarMunicipios(lista, "xyzw")).toEqual([]);
  });
});
