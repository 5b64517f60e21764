import { api, exigir, type Resposta } from "@/lib/api-client";

export type Especialidade = Resposta<"/especialidades", "get">["itens"][number];

let cache: Promise<Especialidade[]> | null = null;

/** GET /especialidades: the CFM list (fetched once per visit; it never changes at runtime). */
export function listarEspecialidades(): Promise<Especialidade[]> {
  cache ??= exigir(api.GET("/especialidades")).then(
    (r) => r.itens,
    (falha: unknown) => {
      cache = null;
      throw falha;
    },
  );
  return cache;
}
