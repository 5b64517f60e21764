import { describe, expect, it } from "vitest";
import { mascararCep, mascararTelefone } from "./mascaras";

describe("máscara de CEP", () => {
  it("põe o hífen depois do quinto dígito enquanto se digita", () => {
    expect(mascararCep("0131")).toBe("0131");
    expect(mascararCep("01311")).toBe("01311");
    expect(mascararCep("013110")).toBe("01311-0");
    expect(mascararCep("01311000")).toBe("01311-000");
  });

  it("ignora o que não é dígito e o que passa de 8", () => {
    expect(mascararCep("01.311-000 9")).toBe("01311-000");
    expect(mascararCep("abc")).toBe("");
  });
});

describe("máscara de telefone", () => {
  it("celular com DDD: (11) 91234-5678", () => {
    expect(mascararTelefone("11912345678")).toBe("(11) 91234-5678");
    expect(mascararTelefone("11 91234-5678")).toBe("(11) 91234-5678");
  });

  it("fixo com DDD: (11) 3123-4567", () => {
    expect(mascararTelefone("1131234567")).toBe("(11) 3123-4567");
  });

  it("progressivo enquanto se digita", () => {
    expect(mascararTelefone("1")).toBe("(1");
    expect(mascararTelefone("11")).toBe("(11");
    expect(mascararTelefone("119")).toBe("(11) 9");
    expect(mascararTelefone("119123")).toBe("(11) 9123");
    expect(mascararTelefone("1191234")).toBe("(11) 9123-4");
    expect(mascararTelefone("")).toBe("");
  });

  it("com o código do país: +55 (11) 91234-5678", () => {
    expect(mascararTelefone("+55 11 91234-5678")).toBe("+55 (11) 91234-5678");
  });
});
