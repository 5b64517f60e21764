import { api, exigir, type Resposta } from "@/lib/api-client";

export type Paciente = Resposta<"/paciente/{paciente_id}", "get">;

/** GET /paciente/{id}: the patient's own profile. */
export async function obterPaciente(id: string): Promise<Paciente> {
  return exigir(api.GET("/paciente/{paciente_id}", { params: { path: { paciente_id: id } } }));
}
