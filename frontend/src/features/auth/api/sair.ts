import { api } from "@/lib/api-client";
import { encerrarSessao } from "@/lib/session";

/** POST /auth/logout: ends the session on the server, then here (even if the call fails). */
export async function sair(): Promise<void> {
  try {
    await api.POST("/auth/logout");
  } catch {
    // Offline or already expired: the local session ends all the same.
  } finally {
    encerrarSessao("saiu");
  }
}
