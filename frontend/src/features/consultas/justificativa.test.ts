import { describe, expect, it } from "vitest";
import { descricaoDoPedido, dicaDoMinimo } from "./justificativa";

const consulta = {
  inicio: "2026-12-07T14:30:00Z",
  medico: { nome: "Dra. Aline Gomes" },
  paciente: { nome: "Rui Tavares" },
};

describe("o diálogo nomeia a consulta", () => {
  it("o paciente que cancela vê com quem e quando", () => {
    const texto = descricaoDoPedido("cancelar", consulta, "paciente");
    expect(texto).toContain("Teleconsulta com Dra. Aline Gomes em ");
    expect(texto).toContain("7 de dezembro de 2026");
    expect(texto).toContain("o médico verá o motivo");
  });

  it("o médico que cancela vê o nome do paciente", () => {
    expect(descricaoDoPedido("cancelar", consulta, "medico")).toMatch(
      /^Teleconsulta com Rui Tavares em .*o paciente verá o motivo\.$/,
    );
  });

  it("o médico que recusa vê de quem é o pedido", () => {
    expect(descricaoDoPedido("recusar", consulta, "medico")).toMatch(/^Pedido de Rui Tavares para /);
  });
});

describe("dica do mínimo da justificativa", () => {
  it("mostra o mínimo antes de qualquer erro", () => {
    expect(dicaDoMinimo("", 10)).toBe("Pelo menos 10 caracteres.");
  });

  it("conta o que falta enquanto se escreve, sem contar espaços nas pontas", () => {
    expect(dicaDoMinimo("curta", 10)).toBe("Pelo menos 10 caracteres (faltam 5).");
    expect(dicaDoMinimo("  curta  ", 10)).toBe("Pelo menos 10 caracteres (faltam 5).");
    expect(dicaDoMinimo("Precisei viajar.", 10)).toBe("Pelo menos 10 caracteres.");
  });

  it("sem mínimo, sem dica", () => {
    expect(dicaDoMinimo("", 0)).toBeUndefined();
  });
});
