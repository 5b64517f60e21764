import { api, exigir, type Corpo, type Resposta } from "@/lib/api-client";

export type AlteracaoPaciente = Corpo<"/paciente/{paciente_id}", "put">;

/** PUT /paciente/{id}: changes the patient's own profile (absent fields stay; null clears). */
export async function atualizarPaciente(
  id: string,
  alteracao: AlteracaoPaciente,
): Promise<Resposta<"/paciente/{paciente_id}", "put">> {
  return exigir(
    api.PUT("/paciente/{paciente_id}", { params: { path: { paciente_id: id } }, body: alteracao }),
  );
}
