import { describe, expect, it } from "vitest";
import { ErroApi, errosPorCampo, mensagemDoProblema, paraProblema, problemaDe } from "./problem";

const validacao = {
  type: "https://healthmed.dev/problemas/dados-invalidos",
  title: "Dados inválidos",
  status: 422,
  detail: "cpf: CPF inválido; endereco.cep: CEP inválido",
  erros: [
    { campo: "cpf", mensagem: "CPF inválido" },
    { campo: "endereco.cep", mensagem: "CEP inválido" },
    { campo: "corpo", mensagem: "JSON inválido" },
  ],
};

describe("paraProblema", () => {
  it("lê o problem+json do servidor", () => {
    const p = paraProblema(422, validacao);
    expect(p.status).toBe(422);
    expect(p.title).toBe("Dados inválidos");
    expect(p.erros).toHaveLength(3);
  });

  it("descarta erros malformados e corpos que não são problemas", () => {
    expect(paraProblema(422, { detail: "x", erros: [{ campo: 1 }, "y"] }).erros).toEqual([]);
    expect(paraProblema(502, "<html>Bad gateway</html>")).toEqual({ status: 502 });
    expect(paraProblema(500, null)).toEqual({ status: 500 });
  });
});

describe("errosPorCampo", () => {
  it("associa cada mensagem ao seu campo, também pelo último nome do caminho", () => {
    expect(errosPorCampo(paraProblema(422, validacao))).toEqual({
      cpf: "CPF inválido",
      "endereco.cep": "CEP inválido",
      cep: "CEP inválido",
    });
  });

  it("mantém a primeira mensagem quando o mesmo campo se repete", () => {
    const p = paraProblema(422, {
      detail: "x",
      erros: [
        { campo: "senha", mensagem: "Senha muito curta" },
        { campo: "senha", mensagem: "Senha comum" },
      ],
    });
    expect(errosPorCampo(p)).toEqual({ senha: "Senha muito curta" });
  });
});

describe("mensagemDoProblema", () => {
  it("usa o detalhe em português do servidor", () => {
    const p = paraProblema(409, { title: "Conflito", status: 409, detail: "E-mail já cadastrado" });
    expect(mensagemDoProblema(p)).toBe("E-mail já cadastrado");
  });

  it("resume a validação e deixa os detalhes para os campos", () => {
    expect(mensagemDoProblema(paraProblema(422, validacao))).toBe("Confira os dados informados.");
  });

  it("diz quanto esperar quando há limite de tentativas", () => {
    expect(mensagemDoProblema({ status: 429, detail: "Muitas tentativas" }, 30)).toBe(
      "Muitas tentativas. Tente de novo em 30 s.",
    );
  });

  it("explica falhas sem corpo: rede, servidor e status conhecidos", () => {
    expect(mensagemDoProblema({ status: 0 })).toMatch(/Sem conexão/);
    expect(mensagemDoProblema({ status: 503 })).toMatch(/problemas/);
    expect(mensagemDoProblema({ status: 403 })).toBe("Você não tem permissão para isso.");
    expect(mensagemDoProblema({ status: 418 })).toBe("Algo deu errado. Tente de novo.");
  });
});

describe("ErroApi", () => {
  it("carrega o problema e a mensagem pronta", () => {
    const erro = new ErroApi({ status: 401, detail: "Credenciais inválidas" });
    expect(erro.status).toBe(401);
    expect(erro.message).toBe("Credenciais inválidas");
    expect(problemaDe(erro)).toBe(erro.problema);
    expect(problemaDe(new TypeError("Failed to fetch"))).toEqual({ status: 0 });
  });
});
