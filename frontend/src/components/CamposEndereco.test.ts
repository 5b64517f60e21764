import { describe, expect, it } from "vitest";
import { enderecoDe, enderecoParaEnvio } from "./CamposEndereco";

describe("endereço nos formulários", () => {
  it("envia o endereço inteiro, sem espaços sobrando", () => {
    const e = { cep: " 01310-100 ", logradouro: "Av. Paulista, 1000 ", cidade: " São Paulo", uf: "SP" };
    expect(enderecoParaEnvio(e)).toEqual({
      cep: "01310-100",
      logradouro: "Av. Paulista, 1000",
      cidade: "São Paulo",
      uf: "SP",
    });
  });

  it("tudo em branco é nenhum endereço; em parte é incompleto", () => {
    expect(enderecoParaEnvio(enderecoDe(null))).toBeNull();
    expect(enderecoParaEnvio({ ...enderecoDe(null), cidade: "Recife" })).toBe("incompleto");
    expect(enderecoParaEnvio({ cep: "50010000", logradouro: "Rua", cidade: "Recife", uf: "" })).toBe(
      "incompleto",
    );
  });

  it("começa do endereço da API", () => {
    expect(enderecoDe({ cep: "70040000", cidade: "Brasília" })).toEqual({
      cep: "70040-000",
      logradouro: "",
      cidade: "Brasília",
      uf: "",
    });
  });
});
