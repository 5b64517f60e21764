import { api, exigir, type Resposta } from "@/lib/api-client";

export type ConsultaAgendada = Resposta<"/consultas", "post">;

/** POST /consultas: the patient asks for a slot; the doctor then accepts or refuses. */
export async function agendar(horarioId: string): Promise<ConsultaAgendada> {
  return exigir(api.POST("/consultas", { body: { horario_id: horarioId } }));
}
