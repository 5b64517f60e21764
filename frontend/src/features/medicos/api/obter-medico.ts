import { api, exigir, type Resposta } from "@/lib/api-client";

export type Medico = Resposta<"/medicos/{medico_id}", "get">;

/** GET /medicos/{id}: a doctor's public profile. */
export async function obterMedico(id: string): Promise<Medico> {
  return exigir(api.GET("/medicos/{medico_id}", { params: { path: { medico_id: id } } }));
}
