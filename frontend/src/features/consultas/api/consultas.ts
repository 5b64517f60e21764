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

/** POST /consultas/{id}/remarcar: moves the appointment to another free slot of the same doctor
 * (the old one is cancelled and a new request is made, at once); answers the new appointment. */
export async function remarcarConsulta(
  id: string,
  horarioId: string,
  justificativa?: string,
): Promise<Consulta> {
  return exigir(
    api.POST("/consultas/{consulta_id}/remarcar", {
      params: { path: { consulta_id: id } },
      body: { horario_id: horarioId, ...(justificativa ? { justificativa } : {}) },
    }),
  );
}

/** GET /medicos/{id}/agenda: the doctor's free slots in a window, to pick the new time. (The
 * medicos feature reads the same route for booking; features do not import each other.) */
export async function horariosLivres(medicoId: string, de: Date, ate: Date) {
  return exigir(
    api.GET("/medicos/{medico_id}/agenda", {
      params: { path: { medico_id: medicoId }, query: { de: de.toISOString(), ate: ate.toISOString() } },
    }),
  );
}

/** POST /medico/consultas/{id}/aceitar: the doctor confirms a pending request. */
export async function aceitarConsulta(id: string): Promise<Consulta> {
  return exigir(
    api.POST("/medico/consultas/{consulta_id}/aceitar", { params: { path: { consulta_id: id } } }),
  );
}

/** POST /medico/consultas/{id}/comparecimento: the doctor says whether the patient attended an
 * ended appointment (up to 7 days after it). */
export async function corrigirComparecimento(id: string, compareceu: boolean): Promise<Consulta> {
  return exigir(
    api.POST("/medico/consultas/{consulta_id}/comparecimento", {
      params: { path: { consulta_id: id } },
      body: { compareceu },
    }),
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
