import { api, exigir, type Resposta } from "@/lib/api-client";
import type { paths } from "@/api/schema";

export type FiltrosBusca = NonNullable<paths["/medicos"]["get"]["parameters"]["query"]>;
export type ResultadoBusca = Resposta<"/medicos", "get">;
export type MedicoEncontrado = ResultadoBusca["itens"][number];

/** GET /medicos: doctors by specialty, distance, rating and availability. */
export async function buscarMedicos(filtros: FiltrosBusca): Promise<ResultadoBusca> {
  return exigir(api.GET("/medicos", { params: { query: filtros } }));
}
