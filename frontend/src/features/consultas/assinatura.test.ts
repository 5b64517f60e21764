import { describe, expect, it } from "vitest";
import { copiarTexto, paraWebcal } from "./assinatura";

const TOKEN = "Abc_def-123456789012345678901234567890abcde";

describe("endereço webcal da assinatura", () => {
  it("troca https ou http por webcal e mantém o resto", () => {
    expect(paraWebcal(`https://healthmed.example/api/calendario/${TOKEN}.ics`)).toBe(
      `webcal://healthmed.example/api/calendario/${TOKEN}.ics`,
    );
    expect(paraWebcal(`http://127.0.0.1:8000/api/calendario/${TOKEN}.ics`)).toBe(
      `webcal://127.0.0.1:8000/api/calendario/${TOKEN}.ics`,
    );
    expect(paraWebcal(`HTTPS://healthmed.example/api/calendario/${TOKEN}.ics`)).toBe(
      `webcal://healthmed.example/api/calendario/${TOKEN}.ics`,
    );
  });

  it("só troca o esquema do começo", () => {
    const url = `https://healthmed.example/api/calendario/${TOKEN}.ics?x=https://y`;
    expect(paraWebcal(url)).toBe(`webcal://healthmed.example/api/calendario/${TOKEN}.ics?x=https://y`);
  });
});

describe("copiar o endereço", () => {
  it("usa a área de transferência quando ela aceita", async () => {
    const copiados: string[] = [];
    const area = { writeText: async (t: string) => void copiados.push(t) };
    expect(await copiarTexto("abc", area)).toBe(true);
    expect(copiados).toEqual(["abc"]);
  });

  it("responde false sem área de transferência ou quando ela recusa", async () => {
    expect(await copiarTexto("abc", undefined)).toBe(false);
    const recusa = { writeText: () => Promise.reject(new DOMException("negado", "NotAllowedError")) };
    expect(await copiarTexto("abc", recusa)).toBe(false);
  });
});
