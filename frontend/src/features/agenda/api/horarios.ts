import { api, exigir, type Corpo, type Resposta } from "@/lib/api-client";

export type Horario = Resposta<"/medico/horarios", "get">["horarios"][number];
export type NovosHorarios = Corpo<"/medico/horarios", "post">;

/** GET /medico/horarios: the doctor's own slots in a window, with their status. */
export async function listarHorarios(de: Date, ate: Date): Promise<Horario[]> {
  const r = await exigir(
    api.GET("/medico/horarios", { params: { query: { de: de.toISOString(), ate: ate.toISOString() } } }),
  );
  return r.horarios;
}

/** POST /medico/horarios: a window, optionally split into slots and repeated weekly (all or nothing). */
export async function criarHorarios(pedido: NovosHorarios): Promise<Horario[]> {
  const r = await exigir(api.POST("/medico/horarios", { body: pedido }));
  return r.horarios;
}

/** DELETE /medico/horarios/{id}: removes a slot that holds no active appointment. */
export async function excluirHorario(id: string): Promise<void> {
  await exigir(api.DELETE("/medico/horarios/{horario_id}", { params: { path: { horario_id: id } } }));
}

/** PUT /medico/horarios/{id}: moves a slot (refused if it overlaps or holds an appointment). */
export async function editarHorario(id: string, inicio: Date, fim: Date): Promise<Horario> {
  return exigir(
    api.PUT("/medico/horarios/{horario_id}", {
      params: { path: { horario_id: id } },
      body: { inicio: inicio.toISOString(), fim: fim.toISOString() },
    }),
  );
}

export type Bloqueio = Resposta<"/medico/horarios/bloqueio", "post">;

/**
 * POST /medico/horarios/bloqueio: removes every free slot starting in [de, ate); slots with an
 * appointment stay and come back in `mantidos`. With `simular` nothing changes.
 */
export async function bloquearPeriodo(de: Date, ate: Date, simular: boolean): Promise<Bloqueio> {
  return exigir(
    api.POST("/medico/horarios/bloqueio", {
      body: { de: de.toISOString(), ate: ate.toISOString(), simular },
    }),
  );
}
