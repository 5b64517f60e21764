import { api } from "@/lib/api-client";
import { ErroApi, paraProblema } from "@/lib/problem";

/** GET /prontuario/{id}/exportacao: every piece of the patient's data as one zip (LGPD). */
export async function exportarDados(pacienteId: string): Promise<Blob> {
  const { data, error, response } = await api.GET("/prontuario/{paciente_id}/exportacao", {
    params: { path: { paciente_id: pacienteId } },
    parseAs: "blob",
  });
  if (!response.ok || !data) throw new ErroApi(paraProblema(response.status, error));
  return data;
}
