/**
 * The login session. The access token lives in this tab's memory only; the refresh token is
 * never seen by any script: the API keeps it in an HttpOnly, SameSite=Strict cookie scoped to
 * POST /api/auth/refresh (issue 15 §5), so an XSS cannot carry a 30-day session away. A reload
 * (or a new tab) gets its access token back from that cookie (`restaurarSessao`). Renewals are
 * serialised across tabs (Web Locks), because presenting an already-rotated refresh token
 * revokes the whole session; a logout in one tab ends the others (BroadcastChannel).
 */
import { useSyncExternalStore } from "react";

export type Papel = "medico" | "paciente";

export interface Sessao {
  accessToken: string;
  /** When the access token expires (epoch ms). */
  expiraEm: number;
  papel: Papel;
  usuarioId: string;
}

/** The token answer of /auth/login and /auth/refresh (the web app's refresh_token is empty). */
export interface Tokens {
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  papel: Papel;
  usuario_id: string;
}

/**
 * The header that marks the web app's calls to login and refresh: "the refresh token in the
 * cookie, not in the body". A cross-site page cannot send it (no CORS), which with SameSite
 * makes it the refresh route's CSRF defence.
 */
export const CABECALHO_WEB = { "X-HealthMed-CSRF": "1" } as const;

/** Where older versions kept the tokens (refresh token included): erased on start. */
const CHAVE_ANTIGA = "healthmed.sessao";
const CHAVE_MOTIVO = "healthmed.motivo-saida";
/** No secret: "this browser was logged in", so a refused cookie at start-up reads "expired". */
const CHAVE_ENTROU = "healthmed.entrou";
const CANAL = "healthmed.sessao";
/** Renew this long before the access token expires, so requests never race its expiry. */
const MARGEM_MS = 30_000;

const ouvintes = new Set<() => void>();
let atual: Sessao | null = null;
/** Whether the start-up restore (from the cookie) has finished. */
let pronta = false;
let renovacao: Promise<Sessao | null> | null = null;

const canal: BroadcastChannel | null =
  typeof BroadcastChannel !== "undefined" ? new BroadcastChannel(CANAL) : null;
// Another tab logged out: this one's in-memory token belongs to the same, ended session.
canal?.addEventListener("message", (evento: MessageEvent) => {
  if (evento.data === "saiu") gravar(null);
});

function avisar(): void {
  for (const ouvinte of ouvintes) ouvinte();
}

function gravar(sessao: Sessao | null): void {
  atual = sessao;
  try {
    if (sessao) localStorage.setItem(CHAVE_ENTROU, "1");
    else localStorage.removeItem(CHAVE_ENTROU);
  } catch {
    // Private mode without storage: only the "session expired" notice is lost.
  }
  avisar();
}

function entrouAntes(): boolean {
  try {
    return localStorage.getItem(CHAVE_ENTROU) === "1";
  } catch {
    return false;
  }
}

/** The current session, or null. */
export function obterSessao(): Sessao | null {
  return atual;
}

/** Starts (or replaces) the session with the tokens the API answered. */
export function iniciarSessao(tokens: Tokens): Sessao {
  const sessao: Sessao = {
    accessToken: tokens.access_token,
    expiraEm: Date.now() + tokens.expires_in * 1000,
    papel: tokens.papel,
    usuarioId: tokens.usuario_id,
  };
  sessionStorage.removeItem(CHAVE_MOTIVO);
  pronta = true;
  gravar(sessao);
  return sessao;
}

/** Ends the session locally (and in the other tabs); `expirada` makes the login page say why. */
export function encerrarSessao(motivo: "saiu" | "expirada" = "saiu"): void {
  if (motivo === "expirada" && (atual || entrouAntes())) sessionStorage.setItem(CHAVE_MOTIVO, motivo);
  if (motivo === "saiu") canal?.postMessage("saiu");
  gravar(null);
}

/** Why the last session ended, read once (the login page shows it). */
export function consumirMotivoSaida(): "expirada" | null {
  const motivo = sessionStorage.getItem(CHAVE_MOTIVO);
  sessionStorage.removeItem(CHAVE_MOTIVO);
  return motivo === "expirada" ? motivo : null;
}

/** Whether the access token is about to expire. */
export function precisaRenovar(sessao: Sessao, agora: number = Date.now()): boolean {
  return sessao.expiraEm - agora < MARGEM_MS;
}

/** POST /auth/refresh with the cookie: new tokens, or null when there is no live session. */
async function trocar(): Promise<Sessao | null> {
  let resposta: Response;
  try {
    resposta = await fetch("/api/auth/refresh", {
      method: "POST",
      headers: CABECALHO_WEB,
      credentials: "same-origin",
    });
  } catch {
    return atual; // offline: keep the session, the request itself will fail and say so
  }
  if (!resposta.ok) {
    // 401: no cookie, or its session expired or was revoked; nothing left but to log in again.
    encerrarSessao("expirada");
    return null;
  }
  return iniciarSessao((await resposta.json()) as Tokens);
}

/**
 * Renews the access token through the refresh cookie (one renewal at a time, in every tab).
 * `usado` is the access token that was refused: if this tab renewed meanwhile, the new one is
 * taken instead of rotating again.
 */
export function renovarSessao(usado?: string): Promise<Sessao | null> {
  renovacao ??= (async () => {
    const executar = async (): Promise<Sessao | null> => {
      if (atual && usado && atual.accessToken !== usado && !precisaRenovar(atual)) return atual;
      return trocar();
    };
    try {
      if (typeof navigator !== "undefined" && navigator.locks) {
        return await navigator.locks.request("healthmed.renovar-sessao", executar);
      }
      return await executar();
    } finally {
      renovacao = null;
    }
  })();
  return renovacao;
}

/**
 * At start-up (a reload, a new tab): the session comes back from the refresh cookie, if this
 * browser was logged in. A refused cookie (the session ended meanwhile) starts logged out,
 * and the login page says the session expired.
 */
export async function restaurarSessao(): Promise<Sessao | null> {
  try {
    localStorage.removeItem(CHAVE_ANTIGA);
  } catch {
    // No storage (private mode): nothing was kept there either.
  }
  try {
    // Never logged in on this browser (or logged out): no cookie to ask about, no request.
    return entrouAntes() ? await renovarSessao() : null;
  } finally {
    pronta = true;
    avisar();
  }
}

function assinar(ouvinte: () => void): () => void {
  ouvintes.add(ouvinte);
  return () => ouvintes.delete(ouvinte);
}

/** The session as React state (re-renders on login, renewal and logout). */
export function useSessao(): Sessao | null {
  return useSyncExternalStore(assinar, obterSessao, () => null);
}

/** Whether the start-up restore has finished (until then, "no session" means "not known yet"). */
export function useSessaoPronta(): boolean {
  return useSyncExternalStore(
    assinar,
    () => pronta,
    () => false,
  );
}
