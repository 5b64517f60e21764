import { api, exigir, type Resposta } from "@/lib/api-client";

export type AvisoDeHorario = Resposta<"/avisos", "get">["itens"][number];

/** GET /avisos: the patient's active "Avise-me" requests. */
export async function listarAvisos(): Promise<AvisoDeHorario[]> {
  return (await exigir(api.GET("/avisos"))).itens;
}

/** POST /medicos/{id}/avisos: be e-mailed once if a slot opens before `ate` (asking again
 * replaces the date). */
export async function pedirAviso(medicoId: string, ate: Date): Promise<AvisoDeHorario> {
  return exigir(
    api.POST("/medicos/{medico_id}/avisos", {
      params: { path: { medico_id: medicoId } },
      body: { ate: ate.toISOString() },
    }),
  );
}

/** DELETE /avisos/{id}: withdraw the request. */
export async function cancelarAviso(id: string): Promise<void> {
  await exigir(api.DELETE("/avisos/{aviso_id}", { params: { path: { aviso_id: id } } }));
}
