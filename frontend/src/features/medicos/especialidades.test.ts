import { describe, expect, it } from "vitest";
import { filtrarEspecialidades } from "./especialidades";

const lista = [
  { slug: "cardiologia", nome: "Cardiologia" },
  { slug: "cirurgia-plastica", nome: "Cirurgia Plástica" },
  { slug: "cirurgia-cardiovascular", nome: "Cirurgia Cardiovascular" },
  { slug: "pediatria", nome: "Pediatria" },
];

describe("busca de especialidades no perfil", () => {
  it("sem texto, todas", () => {
    expect(filtrarEspecialidades(lista, "  ")).toHaveLength(4);
  });

  it("começo de palavra, sem acento, em qualquer ordem", () => {
    expect(filtrarEspecialidades(lista, "plas").map((e) => e.slug)).toEqual(["cirurgia-plastica"]);
    expect(filtrarEspecialidades(lista, "CARDIO").map((e) => e.slug)).toEqual([
      "cardiologia",
      "cirurgia-cardiovascular",
    ]);
    expect(filtrarEspecialidades(lista, "cardio cir").map((e) => e.slug)).toEqual([
      "cirurgia-cardiovascular",
    ]);
  });

  it("meio de palavra não conta", () => {
    expect(filtrarEspecialidades(lista, "iatria")).toEqual([]);
  });
});
