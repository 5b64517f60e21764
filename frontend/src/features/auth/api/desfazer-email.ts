import { api, exigir } from "@/lib/api-client";

/** POST /auth/email/desfazer: the old address undoes a change of the account's e-mail. */
export async function desfazerTrocaDeEmail(token: string): Promise<void> {
  await exigir(api.POST("/auth/email/desfazer", { body: { token } }));
}
