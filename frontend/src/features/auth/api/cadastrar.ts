import { api, exigir, type Corpo, type Resposta } from "@/lib/api-client";

export type NovoPaciente = Corpo<"/paciente", "post">;
export type PacienteCriado = Resposta<"/paciente", "post">;

/** POST /paciente: creates the patient's account (profile and credentials). */
export async function cadastrarPaciente(dados: NovoPaciente): Promise<PacienteCriado> {
  return exigir(api.POST("/paciente", { body: dados }));
}
