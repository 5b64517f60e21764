import { api, exigir } from "@/lib/api-client";

/**
 * The names of the patients holding the given appointments (the booked slots of the week the
 * doctor looks at): the agenda lists only the appointment's id, so they come from the doctor's
 * active appointments (one page of each status), and any missing from those one by one. An
 * appointment that cannot be read is left out (its slot still says its status).
 */
export async function nomesDosPacientes(consultaIds: string[]): Promise<Map<string, string>> {
  const nomes = new Map<string, string>();
  if (consultaIds.length === 0) return nomes;
  const listas = await Promise.all(
    (["pendente", "confirmada"] as const).map((status) =>
      exigir(api.GET("/consultas", { params: { query: { status, por_pagina: 100 } } })),
    ),
  );
  for (const lista of listas) for (const c of lista.itens) nomes.set(c.id, c.paciente.nome);
  const faltam = consultaIds.filter((id) => !nomes.has(id));
  await Promise.all(
    faltam.map(async (id) => {
      try {
        const c = await exigir(
          api.GET("/consultas/{consulta_id}", { params: { path: { consulta_id: id } } }),
        );
        nomes.set(id, c.paciente.nome);
      } catch {
        // Not readable now (cancelled meanwhile, network): the slot keeps its status alone.
      }
    }),
  );
  return nomes;
}
