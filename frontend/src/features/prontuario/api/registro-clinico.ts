import { api, exigir, type Corpo, type Resposta } from "@/lib/api-client";

export type Evolucao = Resposta<"/prontuario/{paciente_id}/evolucoes/{evolucao_id}", "get">;
export type ConteudoEvolucao = Corpo<"/prontuario/{paciente_id}/evolucoes/{evolucao_id}", "put">;
export type ItemReceita = Corpo<"/prontuario/{paciente_id}/receitas", "post">["itens"][number];
export type Emitido = Resposta<"/prontuario/{paciente_id}/receitas", "post">;
export type Verificacao = Resposta<"/verificar/{codigo}", "get">;
export type ConsultaDoRegistro = Resposta<"/consultas/{consulta_id}", "get">;

const daNota = (pacienteId: string, evolucaoId: string) => ({
  params: { path: { paciente_id: pacienteId, evolucao_id: evolucaoId } },
});

/** GET /consultas/{id}: the consultation the record is written for (its participants only). */
export async function obterConsulta(consultaId: string): Promise<ConsultaDoRegistro> {
  return exigir(api.GET("/consultas/{consulta_id}", { params: { path: { consulta_id: consultaId } } }));
}

/** GET /prontuario/{id}/evolucoes: the notes the caller may read (of one consultation if given). */
export async function listarEvolucoes(pacienteId: string, consultaId?: string): Promise<Evolucao[]> {
  const r = await exigir(
    api.GET("/prontuario/{paciente_id}/evolucoes", {
      params: { path: { paciente_id: pacienteId }, query: consultaId ? { consulta_id: consultaId } : {} },
    }),
  );
  return r.evolucoes;
}

/** POST /prontuario/{id}/evolucoes: the doctor starts the consultation's note (a draft). */
export async function redigirEvolucao(
  pacienteId: string,
  consultaId: string,
  conteudo: ConteudoEvolucao,
): Promise<Evolucao> {
  return exigir(
    api.POST("/prontuario/{paciente_id}/evolucoes", {
      params: { path: { paciente_id: pacienteId } },
      body: { consulta_id: consultaId, ...conteudo },
    }),
  );
}

/** PUT /prontuario/{id}/evolucoes/{ev}: replaces the draft's content. */
export async function editarEvolucao(
  pacienteId: string,
  evolucaoId: string,
  conteudo: ConteudoEvolucao,
): Promise<Evolucao> {
  return exigir(
    api.PUT("/prontuario/{paciente_id}/evolucoes/{evolucao_id}", {
      ...daNota(pacienteId, evolucaoId),
      body: conteudo,
    }),
  );
}

/** POST .../assinar: signs the note, locked from then on. */
export async function assinarEvolucao(pacienteId: string, evolucaoId: string): Promise<Evolucao> {
  return exigir(
    api.POST("/prontuario/{paciente_id}/evolucoes/{evolucao_id}/assinar", daNota(pacienteId, evolucaoId)),
  );
}

/** POST .../adendos: a signed, timestamped addendum to a signed note. */
export async function adendarEvolucao(
  pacienteId: string,
  evolucaoId: string,
  texto: string,
): Promise<Evolucao> {
  return exigir(
    api.POST("/prontuario/{paciente_id}/evolucoes/{evolucao_id}/adendos", {
      ...daNota(pacienteId, evolucaoId),
      body: { texto },
    }),
  );
}

/** POST /prontuario/{id}/receitas: a signed prescription (PDF) for the consultation. */
export async function emitirReceita(
  pacienteId: string,
  consultaId: string,
  itens: ItemReceita[],
  observacoes: string,
): Promise<Emitido> {
  return exigir(
    api.POST("/prontuario/{paciente_id}/receitas", {
      params: { path: { paciente_id: pacienteId } },
      body: { consulta_id: consultaId, itens, observacoes },
    }),
  );
}

/** GET /verificar/{codigo}: whether a code names a document issued here (public). */
export async function verificarCodigo(codigo: string): Promise<Verificacao> {
  return exigir(api.GET("/verificar/{codigo}", { params: { path: { codigo } } }));
}

export type PedidoAtestado = Omit<Corpo<"/prontuario/{paciente_id}/atestados", "post">, "consulta_id">;

/** POST /prontuario/{id}/atestados: a signed medical certificate (PDF); a CID only with the
 * patient's authorisation. */
export async function emitirAtestado(
  pacienteId: string,
  consultaId: string,
  pedido: PedidoAtestado,
): Promise<Emitido> {
  return exigir(
    api.POST("/prontuario/{paciente_id}/atestados", {
      params: { path: { paciente_id: pacienteId } },
      body: { consulta_id: consultaId, ...pedido },
    }),
  );
}
