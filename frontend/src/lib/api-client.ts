/**
 * The typed API client: paths, bodies and answers come from the OpenAPI document that the
 * gateway publishes (`make api-client` regenerates `src/api/schema.d.ts`). Every request
 * carries the access token; a 401 renews the session once and retries; if that fails too,
 * the session ends and the protected pages send the user to the login page.
 */
import createClient from "openapi-fetch";
import type { paths } from "@/api/schema";
import { ErroApi, paraProblema } from "./problem";
import { obterSessao, precisaRenovar, renovarSessao } from "./session";

async function comToken(pedido: Request, token: string | undefined): Promise<Response> {
  const copia = pedido.clone();
  if (token) copia.headers.set("Authorization", `Bearer ${token}`);
  return fetch(copia);
}

/** fetch with the session's bearer token, renewing it before expiry and after a 401. */
export async function fetchAutenticado(pedido: Request): Promise<Response> {
  let sessao = obterSessao();
  if (sessao && precisaRenovar(sessao)) sessao = await renovarSessao(sessao.accessToken);
  let resposta: Response;
  try {
    resposta = await comToken(pedido, sessao?.accessToken);
  } catch {
    throw new ErroApi({ status: 0 });
  }
  if (resposta.status === 401 && sessao) {
    const renovada = await renovarSessao(sessao.accessToken);
    if (renovada) resposta = await comToken(pedido, renovada.accessToken);
  }
  return resposta;
}

export const api = createClient<paths>({ baseUrl: "/api", fetch: fetchAutenticado });

interface Resultado<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's body, or an ErroApi with the problem+json the server sent. */
export async function exigir<T>(chamada: Promise<Resultado<T>>): Promise<T> {
  const { data, error, response } = await chamada;
  if (!response.ok) {
    const retry = Number(response.headers.get("Retry-After")) || null;
    throw new ErroApi(paraProblema(response.status, error), retry);
  }
  return data as T;
}

type Operacao<P extends keyof paths, M extends keyof paths[P]> = paths[P][M];

/** The JSON body an operation takes (named by path and method, which never get renamed). */
export type Corpo<P extends keyof paths, M extends keyof paths[P]> =
  Operacao<P, M> extends { requestBody?: { content: { "application/json": infer B } } } ? B : never;

/** The JSON an operation answers on success. */
export type Resposta<P extends keyof paths, M extends keyof paths[P]> =
  Operacao<P, M> extends { responses: { 200: { content: { "application/json": infer R } } } }
    ? R
    : Operacao<P, M> extends { responses: { 201: { content: { "application/json": infer R } } } }
      ? R
      : never;
