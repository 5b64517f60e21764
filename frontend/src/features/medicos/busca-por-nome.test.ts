import { describe, expect, it } from "vitest";
import { NOME_MAXIMO, nomeParaBusca } from "./busca-por-nome";

describe("nome do médico na busca", () => {
  it("apara e junta espaços, mantendo acentos e maiúsculas (o servidor os ignora)", () => {
    expect(nomeParaBusca("  Helena   Costa ")).toBe("Helena Costa");
    expect(nomeParaBusca("Conceição")).toBe("Conceição");
  });

  it("menos de 2 caracteres não filtra ainda", () => {
    expect(nomeParaBusca("")).toBe("");
    expect(nomeParaBusca(" h ")).toBe("");
    expect(nomeParaBusca("he")).toBe("he");
  });

  it("só títulos não filtram (o servidor os ignora e recusaria um nome vazio)", () => {
    expect(nomeParaBusca("dr")).toBe("");
    expect(nomeParaBusca("Dra.")).toBe("");
    expect(nomeParaBusca("doutora ")).toBe("");
    expect(nomeParaBusca("dra hel")).toBe("dra hel");
  });

  it("nunca passa de 80 caracteres (um endereço editado à mão)", () => {
    const longo = "a".repeat(79) + " bcd";
    expect(nomeParaBusca(longo)).toBe("a".repeat(79));
    expect(nomeParaBusca("x".repeat(200))).toHaveLength(NOME_MAXIMO);
  });
});
