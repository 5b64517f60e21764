import { api, exigir } from "@/lib/api-client";

export interface MedicoConhecido {
  id: string;
  nome: string;
  crm: string;
  uf: string;
}

/** The doctors of the patient's appointments (GET /consultas): whom a record can be shared with. */
export async function listarMeusMedicos(): Promise<MedicoConhecido[]> {
  const r = await exigir(api.GET("/consultas", { params: { query: { por_pagina: 100 } } }));
  const porId = new Map<string, MedicoConhecido>();
  for (const c of r.itens) porId.set(c.medico.id, c.medico);
  return [...porId.values()].sort((a, b) => a.nome.localeCompare(b.nome, "pt-BR"));
}
