import { describe, expect, it } from "vitest";
import { cpfValido, mascararCpf, pareceCpf, soDigitos } from "./cpf";

describe("mascararCpf", () => {
  it("formata progressivamente enquanto se digita", () => {
    expect(mascararCpf("")).toBe("");
    expect(mascararCpf("529")).toBe("529");
    expect(mascararCpf("5299")).toBe("529.9");
    expect(mascararCpf("5299822")).toBe("529.982.2");
    expect(mascararCpf("52998224725")).toBe("529.982.247-25");
  });

  it("ignora o que não é dígito e corta em onze dígitos", () => {
    expect(mascararCpf("529.982.247-25999")).toBe("529.982.247-25");
    expect(mascararCpf("a5b2c9")).toBe("529");
  });
});

describe("cpfValido", () => {
  it("aceita CPF com dígitos verificadores certos, com ou sem pontuação", () => {
    expect(cpfValido("529.982.247-25")).toBe(true);
    expect(cpfValido("52998224725")).toBe(true);
    expect(cpfValido("111.444.777-35")).toBe(true);
  });

  it("recusa dígito verificador errado", () => {
    expect(cpfValido("529.982.247-24")).toBe(false);
    expect(cpfValido("111.444.777-53")).toBe(false);
  });

  it("recusa tamanho errado e dígitos todos iguais", () => {
    expect(cpfValido("5299822472")).toBe(false);
    expect(cpfValido("")).toBe(false);
    expect(cpfValido("000.000.000-00")).toBe(false);
    expect(cpfValido("11111111111")).toBe(false);
  });

  it("aceita o dígito zero quando o resto é dez", () => {
    // 123.456.789-09: the first check digit's remainder is 10, which becomes 0.
    expect(cpfValido("12345678909")).toBe(true);
  });
});

describe("pareceCpf", () => {
  it("distingue CPF de e-mail no campo único de login", () => {
    expect(pareceCpf("529.982.247-25")).toBe(true);
    expect(pareceCpf(" 52998224725 ")).toBe(true);
    expect(pareceCpf("ana@exemplo.com.br")).toBe(false);
    expect(pareceCpf("123abc")).toBe(false);
  });
});

describe("soDigitos", () => {
  it("mantém apenas os dígitos", () => {
    expect(soDigitos("CRM 12.345/SP")).toBe("12345");
  });
});
