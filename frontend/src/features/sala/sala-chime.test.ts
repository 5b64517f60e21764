import { describe, expect, it } from "vitest";
import { proximoEstado } from "./hooks/use-sala-chime";

const OUTRO = "Dra. Ana";

describe("sala no Chime", () => {
  it("espera o outro participante depois de entrar", () => {
    const estado = proximoEstado({ fase: "conectando" }, { tipo: "iniciou" }, OUTRO);
    expect(estado).toEqual({ fase: "aguardando", mensagem: "Aguardando Dra. Ana entrar na sala…" });
  });

  it("fica conectada quando chega o vídeo do outro e volta a esperar quando ele sai", () => {
    const conectada = proximoEstado(
      { fase: "aguardando", mensagem: "" },
      { tipo: "video_remoto", presente: true },
      OUTRO,
    );
    expect(conectada).toEqual({ fase: "conectada" });
    expect(proximoEstado(conectada, { tipo: "iniciou" }, OUTRO)).toEqual({ fase: "conectada" });
    expect(proximoEstado(conectada, { tipo: "video_remoto", presente: false }, OUTRO).fase).toBe(
      "aguardando",
    );
  });

  it("distingue sair, reunião encerrada e queda de conexão", () => {
    const conectada = { fase: "conectada" } as const;
    expect(proximoEstado(conectada, { tipo: "parou", codigo: 1, terminal: true }, OUTRO)).toEqual({
      fase: "encerrada",
    });
    expect(proximoEstado(conectada, { tipo: "parou", codigo: 5, terminal: true }, OUTRO).fase).toBe(
      "recusada",
    );
    expect(proximoEstado(conectada, { tipo: "parou", codigo: 9, terminal: false }, OUTRO).fase).toBe("caiu");
    expect(proximoEstado(conectada, { tipo: "falhou", mensagem: "x" }, OUTRO)).toEqual({
      fase: "caiu",
      mensagem: "x",
    });
  });
});
