import { afterEach, describe, expect, it, vi } from "vitest";
import { sha256DoArquivo } from "./documentos";

describe("sha256 do arquivo no navegador", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("é o SHA-256 dos bytes em hexadecimal minúsculo", async () => {
    const arquivo = new Blob(["abc"], { type: "text/plain" });
    expect(await sha256DoArquivo(arquivo)).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  it("sem crypto.subtle (contexto não seguro) confirma sem o hash", async () => {
    vi.stubGlobal("crypto", {});
    expect(await sha256DoArquivo(new Blob(["abc"]))).toBeNull();
  });
});
