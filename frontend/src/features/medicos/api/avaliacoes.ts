import { api, exigir, type Resposta } from "@/lib/api-client";

export type PaginaDeAvaliacoes = Resposta<"/medicos/{medico_id}/avaliacoes", "get">;
export type AvaliacaoPublica = PaginaDeAvaliacoes["itens"][number];

/** GET /medicos/{id}/avaliacoes: the doctor's verified ratings with a comment, newest first. */
export async function listarAvaliacoes(medicoId: string, pagina = 1): Promise<PaginaDeAvaliacoes> {
  return exigir(
    api.GET("/medicos/{medico_id}/avaliacoes", {
      params: { path: { medico_id: medicoId }, query: { pagina, por_pagina: 10 } },
    }),
  );
}

/** POST /medico/avaliacoes/{id}/resposta: the doctor's one public reply. */
export async function responderAvaliacao(id: string, texto: string): Promise<void> {
  await exigir(
    api.POST("/medico/avaliacoes/{avaliacao_id}/resposta", {
      params: { path: { avaliacao_id: id } },
      body: { texto },
    }),
  );
}

/** POST /medico/avaliacoes/{id}/denuncia: the comment leaves the page until moderated. */
export async function denunciarAvaliacao(id: string, motivo: string): Promise<void> {
  await exigir(
    api.POST("/medico/avaliacoes/{avaliacao_id}/denuncia", {
      params: { path: { avaliacao_id: id } },
      body: { motivo },
    }),
  );
}
