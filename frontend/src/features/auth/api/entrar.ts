import { api, exigir, type Corpo } from "@/lib/api-client";
import { iniciarSessao, type Sessao } from "@/lib/session";

export type Credenciais = Corpo<"/auth/login", "post">;

/** POST /auth/login: starts the session with the tokens the API answers. */
export async function entrar(credenciais: Credenciais): Promise<Sessao> {
  const tokens = await exigir(api.POST("/auth/login", { body: credenciais }));
  return iniciarSessao(tokens);
}
