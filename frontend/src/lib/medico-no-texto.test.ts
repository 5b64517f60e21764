import { describe, expect, it } from "vitest";
import { inicialMaiuscula, medicoNoTexto } from "./medico-no-texto";

describe("medicoNoTexto", () => {
  it("follows the title the doctor chose", () => {
    expect(medicoNoTexto("Dra. Aline Gomes").o).toBe("a médica");
    expect(medicoNoTexto("dra aline").do).toBe("da médica");
    expect(medicoNoTexto("Dr. Tiago Moreira").substantivo).toBe("médico");
    expect(medicoNoTexto("Aline Gomes").o).toBe("o(a) médico(a)");
    // A name that merely starts with "Dr" is not a title.
    expect(medicoNoTexto("Drummond Silva").substantivo).toBe("médico(a)");
    expect(inicialMaiuscula("a médica")).toBe("A médica");
  });
});
