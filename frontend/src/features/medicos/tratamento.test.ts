import { describe, expect, it } from "vitest";
import { doMedico, nomeDoMedico, saudacao } from "./tratamento";

describe("tratamento escolhido pelo médico", () => {
  it("põe o título escolhido antes do nome", () => {
    expect(nomeDoMedico({ nome: "Aline Gomes", tratamento: "Dra." })).toBe("Dra. Aline Gomes");
    expect(nomeDoMedico({ nome: "Caio Lima", tratamento: "Dr." })).toBe("Dr. Caio Lima");
  });

  it("sem tratamento, ou com o nome já escrito com título, fica como digitado", () => {
    expect(nomeDoMedico({ nome: "Rui Barros", tratamento: null })).toBe("Rui Barros");
    expect(nomeDoMedico({ nome: "Rui Barros" })).toBe("Rui Barros");
    expect(nomeDoMedico({ nome: "Dra. Helena Costa", tratamento: "Dra." })).toBe("Dra. Helena Costa");
    expect(nomeDoMedico({ nome: "dr caio", tratamento: "Dr." })).toBe("dr caio");
  });

  it("a médica, o médico", () => {
    expect(doMedico({ nome: "Aline Gomes", tratamento: "Dra." })).toBe("da médica");
    expect(doMedico({ nome: "Caio Lima", tratamento: "Dr." })).toBe("do médico");
    expect(doMedico({ nome: "Rui Barros", tratamento: null })).toBe("do médico");
  });

  it("saúda pelo título e primeiro nome", () => {
    expect(saudacao({ nome: "Renata Dias", tratamento: "Dra." })).toBe("Olá, Dra. Renata");
    expect(saudacao({ nome: "Dr. Caio Lima" })).toBe("Olá, Dr. Caio");
    expect(saudacao({ nome: "Rui Barros", tratamento: null })).toBe("Olá, Rui");
  });
});
