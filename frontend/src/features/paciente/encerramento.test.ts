import { describe, expect, it } from "vitest";
import { confirmacaoValida, guardarResumo, lerResumo, plural } from "./encerramento";
import { Memoria } from "@/lib/testes/memoria";

describe("confirmação do encerramento", () => {
  it("aceita só ENCERRAR, em maiúsculas e sem espaços", () => {
    expect(confirmacaoValida("ENCERRAR")).toBe(true);
    for (const errado of ["encerrar", "Encerrar", " ENCERRAR", "ENCERRAR ", "", "SIM"]) {
      expect(confirmacaoValida(errado)).toBe(false);
    }
  });
});

describe("resumo do encerramento", () => {
  it("sobrevive ao fim da sessão para a página de confirmação", () => {
    const memoria = new Memoria();
    expect(lerResumo(memoria)).toBeNull();
    const resumo = {
      protocolo: "abc",
      encerrada_em: "2026-12-01T12:00:00+00:00",
      consultas_canceladas: 2,
      compartilhamentos_revogados: 0,
    };
    guardarResumo(resumo, memoria);
    expect(lerResumo(memoria)).toEqual(resumo);
  });

  it("ignora um valor corrompido", () => {
    const memoria = new Memoria();
    memoria.setItem("healthmed.encerramento", "{");
    expect(lerResumo(memoria)).toBeNull();
  });

  it("escreve as contagens em português", () => {
    expect(plural(0, "consulta cancelada", "consultas canceladas", "nenhuma consulta cancelada")).toBe(
      "nenhuma consulta cancelada",
    );
    expect(plural(1, "consulta cancelada", "consultas canceladas", "nenhuma")).toBe("1 consulta cancelada");
    expect(plural(3, "consulta cancelada", "consultas canceladas", "nenhuma")).toBe("3 consultas canceladas");
  });
});
