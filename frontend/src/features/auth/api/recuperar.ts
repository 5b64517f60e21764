import { api, exigir, type Corpo } from "@/lib/api-client";

export type PedidoRecuperacao = Corpo<"/auth/recover", "post">;

/** POST /auth/recover: always accepted (the API never tells whether the account exists). */
export async function pedirRecuperacao(pedido: PedidoRecuperacao): Promise<void> {
  await exigir(api.POST("/auth/recover", { body: pedido }));
}

/** POST /auth/recover/confirm: sets the new password with the e-mailed token. */
export async function confirmarRecuperacao(token: string, novaSenha: string): Promise<void> {
  await exigir(api.POST("/auth/recover/confirm", { body: { token, nova_senha: novaSenha } }));
}
