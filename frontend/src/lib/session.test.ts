import { describe, expect, it } from "vitest";
import { precisaRenovar, type Sessao } from "./session";

const sessao = (expiraEm: number): Sessao => ({
  accessToken: "a",
  expiraEm,
  papel: "paciente",
  usuarioId: "u",
});

describe("precisaRenovar", () => {
  it("renova pouco antes de o token de acesso expirar, não antes", () => {
    const agora = 1_000_000;
    expect(precisaRenovar(sessao(agora + 10 * 60_000), agora)).toBe(false);
    expect(precisaRenovar(sessao(agora + 10_000), agora)).toBe(true);
    expect(precisaRenovar(sessao(agora - 1), agora)).toBe(true);
  });
});
