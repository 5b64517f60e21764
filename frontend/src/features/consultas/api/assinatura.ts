import { api, exigir, type Resposta } from "@/lib/api-client";

export type AssinaturaCriada = Resposta<"/calendario/assinatura", "post">;
export type EstadoAssinatura = Resposta<"/calendario/assinatura", "get">;

/** GET /calendario/assinatura: whether the caller has a live subscription address, since when. */
export async function verAssinatura(): Promise<EstadoAssinatura> {
  return exigir(api.GET("/calendario/assinatura"));
}

/** POST /calendario/assinatura: a new secret address (the previous one stops working); the
 * answer is the only time the address is ever shown. */
export async function gerarAssinatura(): Promise<AssinaturaCriada> {
  return exigir(api.POST("/calendario/assinatura"));
}

/** DELETE /calendario/assinatura: the address stops working at once. */
export async function revogarAssinatura(): Promise<void> {
  await exigir(api.DELETE("/calendario/assinatura"));
}
