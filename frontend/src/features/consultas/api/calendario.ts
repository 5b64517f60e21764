import { api } from "@/lib/api-client";
import { nomeDoAnexo } from "@/lib/arquivo";
import { ErroApi, paraProblema } from "@/lib/problem";

/** GET /consultas/{id}/calendario.ics: the appointment as an iCalendar file, as the caller
 * (patient or doctor) sees it, and the name the server suggests for it. */
export async function baixarCalendario(id: string): Promise<{ arquivo: Blob; nome: string }> {
  const { data, error, response } = await api.GET("/consultas/{consulta_id}/calendario.ics", {
    params: { path: { consulta_id: id } },
    parseAs: "blob",
  });
  if (!response.ok || !data) throw new ErroApi(paraProblema(response.status, error));
  const nome = nomeDoAnexo(response.headers.get("Content-Disposition"), "consulta.ics");
  return { arquivo: data, nome };
}
