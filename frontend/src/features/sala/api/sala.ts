import { api, exigir, type Resposta } from "@/lib/api-client";

export type Sala = Resposta<"/consultas/{consulta_id}/sala", "get">;
export type Termo = Resposta<"/consultas/{consulta_id}/consentimento", "get">;
export type ConsultaDaSala = Resposta<"/consultas/{consulta_id}", "get">;

/** GET /consultas/{id}: the appointment (who the other participant is, when). */
export async function verConsulta(id: string): Promise<ConsultaDaSala> {
  return exigir(api.GET("/consultas/{consulta_id}", { params: { path: { consulta_id: id } } }));
}

/** POST /medico/consultas/{id}/encerrar: the doctor ends the consultation (the room closes for
 * both; it counts as ended at once). */
export async function encerrarConsulta(id: string): Promise<ConsultaDaSala> {
  return exigir(
    api.POST("/medico/consultas/{consulta_id}/encerrar", { params: { path: { consulta_id: id } } }),
  );
}

/**
 * GET /consultas/{id}/sala: the caller's credentials to join (403 outside the window from
 * 15 minutes before the start to the end; 428 until the patient accepts the terms).
 */
export async function entrarNaSala(id: string): Promise<Sala> {
  return exigir(api.GET("/consultas/{consulta_id}/sala", { params: { path: { consulta_id: id } } }));
}

/** GET /consultas/{id}/consentimento: the teleconsultation terms and whether they were accepted. */
export async function verTermo(id: string): Promise<Termo> {
  return exigir(api.GET("/consultas/{consulta_id}/consentimento", { params: { path: { consulta_id: id } } }));
}

/** POST /consultas/{id}/consentimento: the patient accepts this version of the terms. */
export async function aceitarTermo(id: string, versao: string): Promise<void> {
  await exigir(
    api.POST("/consultas/{consulta_id}/consentimento", {
      params: { path: { consulta_id: id } },
      body: { versao },
    }),
  );
}

export type Presenca = Resposta<"/consultas/{consulta_id}/presencas", "get">["presencas"][number];
export type Compartilhado = Resposta<"/prontuario/compartilhados", "get">["compartilhados"][number];

/** GET /consultas/{id}/presencas: when each participant joined and left the room. */
export async function verPresencas(id: string): Promise<Presenca[]> {
  return (
    await exigir(api.GET("/consultas/{consulta_id}/presencas", { params: { path: { consulta_id: id } } }))
  ).presencas;
}

/** GET /prontuario/compartilhados: the doctor's active shares, to reach the patient's documents. */
export async function compartilhadosComigo(): Promise<Compartilhado[]> {
  return (await exigir(api.GET("/prontuario/compartilhados"))).compartilhados;
}
