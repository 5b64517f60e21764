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

export type HorariosCriados = Resposta<"/medico/horarios", "post">;

/**
 * POST /medico/horarios: a window, optionally split into slots and repeated weekly (all or
 * nothing, except that a weekly repeat skips the slots inside a blocked period and counts them in
 * `ignorados_por_bloqueio`; a single window inside one is refused with the API's message).
 */
export async function criarHorarios(pedido: NovosHorarios): Promise<HorariosCriados> {
  return exigir(api.POST("/medico/horarios", { body: pedido }));
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

export type PeriodoBloqueado = Resposta<"/medico/bloqueios", "get">["itens"][number];

/** GET /medico/bloqueios: the doctor's blocked periods that are not over yet, soonest first. */
export async function listarBloqueios(): Promise<PeriodoBloqueado[]> {
  const r = await exigir(api.GET("/medico/bloqueios"));
  return r.itens;
}

/** DELETE /medico/bloqueios/{id}: forgets a blocked period (the removed slots do not come back). */
export async function removerBloqueio(id: string): Promise<void> {
  await exigir(api.DELETE("/medico/bloqueios/{bloqueio_id}", { params: { path: { bloqueio_id: id } } }));
}
