/**
 * The login session: tokens kept in localStorage, shared by every tab, renewed with the
 * rotating refresh token (POST /auth/refresh). Renewals are serialised across tabs (Web
 * Locks), because presenting an already-rotated refresh token revokes the whole session.
 */
import { useSyncExternalStore } from "react";

export type Papel = "medico" | "paciente";

export interface Sessao {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires (epoch ms). */
  expiraEm: number;
  papel: Papel;
  usuarioId: string;
}

/** The token answer of /auth/login and /auth/refresh. */
export interface Tokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  papel: Papel;
  usuario_id: string;
}

const CHAVE = "healthmed.sessao";
const CHAVE_MOTIVO = "healthmed.motivo-saida";
/** Renew this long before the access token expires, so requests never race its expiry. */
const MARGEM_MS = 30_000;

const ouvintes = new Set<() => void>();
let atual: Sessao | null = ler();
let renovacao: Promise<Sessao | null> | null = null;

function ler(): Sessao | null {
  try {
    const texto = globalThis.localStorage?.getItem(CHAVE);
    if (!texto) return null;
    const s = JSON.parse(texto) as Partial<Sessao>;
    if (!s.accessToken || !s.refreshToken || !s.papel || !s.usuarioId) return null;
    if (typeof s.expiraEm !== "number") return null;
    return s as Sessao;
  } catch {
    return null;
  }
}

function avisar(): void {
  for (const ouvinte of ouvintes) ouvinte();
}

function gravar(sessao: Sessao | null): void {
  atual = sessao;
  try {
    if (sessao) localStorage.setItem(CHAVE, JSON.stringify(sessao));
    else localStorage.removeItem(CHAVE);
  } catch {
    // Private mode without storage: the session lives in memory for this tab only.
  }
  avisar();
}

if (typeof window !== "undefined") {
  // Another tab logged in, renewed or logged out.
  window.addEventListener("storage", (evento) => {
    if (evento.key === CHAVE || evento.key === null) {
      atual = ler();
      avisar();
    }
  });
}

/** The current session, or null. */
export function obterSessao(): Sessao | null {
  return atual;
}

/** Starts (or replaces) the session with the tokens the API answered. */
export function iniciarSessao(tokens: Tokens): Sessao {
  const sessao: Sessao = {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    expiraEm: Date.now() + tokens.expires_in * 1000,
    papel: tokens.papel,
    usuarioId: tokens.usuario_id,
  };
  sessionStorage.removeItem(CHAVE_MOTIVO);
  gravar(sessao);
  return sessao;
}

/** Ends the session locally; `expirada` makes the login page say why. */
export function encerrarSessao(motivo: "saiu" | "expirada" = "saiu"): void {
  if (motivo === "expirada" && atual) sessionStorage.setItem(CHAVE_MOTIVO, motivo);
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

async function trocar(refreshToken: string): Promise<Sessao | null> {
  let resposta: Response;
  try {
    resposta = await fetch("/api/auth/refresh", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ refresh_token: refreshToken }),
    });
  } catch {
    return atual; // offline: keep the session, the request itself will fail and say so
  }
  if (!resposta.ok) {
    // 401: the refresh token expired or was revoked; nothing left to do but log in again.
    encerrarSessao("expirada");
    return null;
  }
  return iniciarSessao((await resposta.json()) as Tokens);
}

/**
 * Renews the access token with the refresh token (one renewal at a time, in every tab).
 * `usado` is the access token that was refused: if another tab renewed meanwhile, its
 * tokens are taken instead of rotating again.
 */
export function renovarSessao(usado?: string): Promise<Sessao | null> {
  renovacao ??= (async () => {
    const executar = async (): Promise<Sessao | null> => {
      const guardada = ler();
      if (!guardada) {
        gravar(null);
        return null;
      }
      if (guardada.accessToken !== (usado ?? atual?.accessToken) && !precisaRenovar(guardada)) {
        atual = guardada;
        avisar();
        return guardada;
      }
      return trocar(guardada.refreshToken);
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

function assinar(ouvinte: () => void): () => void {
  ouvintes.add(ouvinte);
  return () => ouvintes.delete(ouvinte);
}

/** The session as React state (re-renders on login, renewal and logout, in any tab). */
export function useSessao(): Sessao | null {
  return useSyncExternalStore(assinar, obterSessao, () => null);
}
