import { api, exigir, type Resposta } from "@/lib/api-client";

export type Agenda = Resposta<"/medicos/{medico_id}/agenda", "get">;
export type HorarioLivre = Agenda["horarios"][number];

/** GET /medicos/{id}/agenda: the free, future slots between two instants (at most 31 days). */
export async function obterAgenda(id: string, de: Date, ate: Date): Promise<Agenda> {
  return exigir(
    api.GET("/medicos/{medico_id}/agenda", {
      params: { path: { medico_id: id }, query: { de: de.toISOString(), ate: ate.toISOString() } },
    }),
  );
}
