import { api, exigir, type Corpo, type Resposta } from "@/lib/api-client";

export type PedidoEncerramento = Corpo<"/paciente/{paciente_id}/encerramento", "post">;
export type Encerramento = Resposta<"/paciente/{paciente_id}/encerramento", "post">;

/**
 * POST /paciente/{id}/encerramento: closes the patient's own account (irreversible). Needs the
 * current password and the word ENCERRAR; afterwards every session of the account is over.
 */
export async function encerrarConta(id: string, pedido: PedidoEncerramento): Promise<Encerramento> {
  return exigir(
    api.POST("/paciente/{paciente_id}/encerramento", {
      params: { path: { paciente_id: id } },
      body: pedido,
    }),
  );
}
