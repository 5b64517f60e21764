import { describe, expect, it } from "vitest";
import { mensagemDeMidia } from "./hooks/use-midia-local";
import { mensagemDeFechamento, urlNoMesmoHost } from "./hooks/use-sala-webrtc";

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

describe("mensagemDeFechamento", () => {
  it("explica cada código de fechamento da sala", () => {
    expect(mensagemDeFechamento(4401)).toContain("sessão terminou");
    expect(mensagemDeFechamento(4409)).toContain("cancelada");
    expect(mensagemDeFechamento(4403)).toContain("sala está fechada");
    expect(mensagemDeFechamento(4428)).toContain("consentimento");
    expect(mensagemDeFechamento(4400)).toContain("recusada");
  });

  it("prefere a mensagem que o servidor mandou antes de fechar", () => {
    expect(mensagemDeFechamento(4403, "A consulta já terminou; a sala está fechada")).toBe(
      "A consulta já terminou; a sala está fechada",
    );
  });
});
