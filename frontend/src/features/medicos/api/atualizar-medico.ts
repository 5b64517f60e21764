import { api, exigir, type Corpo, type Resposta } from "@/lib/api-client";

export type AlteracaoMedico = Corpo<"/medicos/{medico_id}", "put">;

/** PUT /medicos/{id}: the doctor changes their own profile (absent fields stay). */
export async function atualizarMedico(
  id: string,
  alteracao: AlteracaoMedico,
): Promise<Resposta<"/medicos/{medico_id}", "put">> {
  return exigir(api.PUT("/medicos/{medico_id}", { params: { path: { medico_id: id } }, body: alteracao }));
}
