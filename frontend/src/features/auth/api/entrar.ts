import { api, exigir, type Corpo } from "@/lib/api-client";
import { CABECALHO_WEB, iniciarSessao, type Sessao } from "@/lib/session";

export type Credenciais = Corpo<"/auth/login", "post">;

/**
 * POST /auth/login: starts the session with the access token the API answers; the refresh
 * token stays in the HttpOnly cookie the API sets (the header asks for it).
 */
export async function entrar(credenciais: Credenciais): Promise<Sessao> {
  const tokens = await exigir(api.POST("/auth/login", { body: credenciais, headers: CABECALHO_WEB }));
  return iniciarSessao(tokens);
}
