import { describe, expect, it } from "vitest";
import { mensagemDeMidia } from "./hooks/use-midia-local";
import { urlNoMesmoHost } from "./hooks/use-sala-webrtc";

describe("urlNoMesmoHost", () => {
  it("usa o host e o esquema da página, com o caminho da sinalização", () => {
    const pagina = { protocol: "https:", host: "healthmed.example" } as Location;
    expect(urlNoMesmoHost("ws://127.0.0.1:8000/api/consultas/abc/sala/sinalizacao", pagina)).toBe(
      "wss://healthmed.example/api/consultas/abc/sala/sinalizacao",
    );
    const local = { protocol: "http:", host: "127.0.0.1:5173" } as Location;
    expect(urlNoMesmoHost("ws://127.0.0.1:8000/api/consultas/abc/sala/sinalizacao", local)).toBe(
      "ws://127.0.0.1:5173/api/consultas/abc/sala/sinalizacao",
    );
  });
});

describe("mensagemDeMidia", () => {
  it("explica a permissão negada e o aparelho sem câmera", () => {
    expect(mensagemDeMidia(new DOMException("x", "NotAllowedError"))).toContain("não permitiu");
    expect(mensagemDeMidia(new DOMException("x", "NotFoundError"))).toContain("Nenhuma câmera");
    expect(mensagemDeMidia(new DOMException("x", "NotReadableError"))).toContain("em uso");
  });
});
