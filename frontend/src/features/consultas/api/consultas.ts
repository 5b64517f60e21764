import { api, exigir, type Resposta } from "@/lib/api-client";

export type Consulta = Resposta<"/consultas/{consulta_id}", "get">;
export type StatusConsulta = Consulta["status"];

/** GET /consultas: the caller's appointments (a patient's or a doctor's), up to 100. */
export async function listarConsultas(): Promise<Consulta[]> {
  const r = await exigir(api.GET("/consultas", { params: { query: { por_pagina: 100 } } }));
  return r.itens;
}

/** DELETE /consultas/{id}: cancels with a justification (at least 10 characters). */
export async function cancelarConsulta(id: string, justificativa: string): Promise<Consulta> {
  return exigir(
    api.DELETE("/consultas/{consulta_id}", {
      params: { path: { consulta_id: id } },
      body: { justificativa },
    }),
  );
}

/** POST /medico/consultas/{id}/aceitar: the doctor confirms a pending request. */
export async function aceitarConsulta(id: string): Promise<Consulta> {
  return exigir(
    api.POST("/medico/consultas/{consulta_id}/aceitar", { params: { path: { consulta_id: id } } }),
  );
}

/** POST /medico/consultas/{id}/recusar: the doctor refuses; the slot is free again. */
export async function recusarConsulta(id: string, justificativa?: string): Promise<Consulta> {
  return exigir(
    api.POST("/medico/consultas/{consulta_id}/recusar", {
      params: { path: { consulta_id: id } },
      body: justificativa ? { justificativa } : {},
    }),
  );
}

/** POST /consultas/{id}/avaliacao: the patient rates a finished appointment (once). */
export async function avaliarConsulta(id: string, nota: number, comentario: string): Promise<void> {
  await exigir(
    api.POST("/consultas/{consulta_id}/avaliacao", {
      params: { path: { consulta_id: id } },
      body: { nota, ...(comentario ? { comentario } : {}) },
    }),
  );
}
