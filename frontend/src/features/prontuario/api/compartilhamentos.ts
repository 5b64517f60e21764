import { api, exigir, type Corpo, type Resposta } from "@/lib/api-client";

export type Compartilhamento = Resposta<
  "/prontuario/{paciente_id}/compartilhamentos",
  "get"
>["compartilhamentos"][number];
export type Acesso = Resposta<"/prontuario/{paciente_id}/acessos", "get">["acessos"][number];
export type Compartilhado = Resposta<"/prontuario/compartilhados", "get">["compartilhados"][number];
export type PedidoCompartilhamento = Corpo<"/prontuario/{paciente_id}/compartilhar", "post">;

const caminho = (pacienteId: string) => ({ params: { path: { paciente_id: pacienteId } } });

/** POST /prontuario/{id}/compartilhar: gives a doctor access for a while. */
export async function compartilhar(pacienteId: string, pedido: PedidoCompartilhamento): Promise<void> {
  await exigir(api.POST("/prontuario/{paciente_id}/compartilhar", { ...caminho(pacienteId), body: pedido }));
}

/** GET /prontuario/{id}/compartilhamentos: every share, active or not. */
export async function listarCompartilhamentos(pacienteId: string): Promise<Compartilhamento[]> {
  return (await exigir(api.GET("/prontuario/{paciente_id}/compartilhamentos", caminho(pacienteId))))
    .compartilhamentos;
}

/** DELETE /prontuario/{id}/compartilhamentos/{share}: access ends at once. */
export async function revogar(pacienteId: string, compartilhamentoId: string): Promise<void> {
  await exigir(
    api.DELETE("/prontuario/{paciente_id}/compartilhamentos/{compartilhamento_id}", {
      params: { path: { paciente_id: pacienteId, compartilhamento_id: compartilhamentoId } },
    }),
  );
}

/** GET /prontuario/{id}/acessos: the access log, newest first. */
export async function listarAcessos(pacienteId: string): Promise<Acesso[]> {
  return (await exigir(api.GET("/prontuario/{paciente_id}/acessos", caminho(pacienteId)))).acessos;
}

/** GET /prontuario/compartilhados: the records shared with the calling doctor. */
export async function listarCompartilhados(): Promise<Compartilhado[]> {
  return (await exigir(api.GET("/prontuario/compartilhados"))).compartilhados;
}
