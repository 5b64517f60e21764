/** When an appointment's video room is open: from 15 minutes before the start until the end
 * (the API answers 403 outside that window). */
export const MINUTOS_ANTES_DA_SALA = 15;

/** The instant the room opens. */
export function aberturaDaSala(inicio: string): Date {
  return new Date(new Date(inicio).getTime() - MINUTOS_ANTES_DA_SALA * 60_000);
}

/** Whether the room of this appointment can be entered now. */
export function salaAberta(consulta: { inicio: string; fim: string }, agora: Date): boolean {
  return aberturaDaSala(consulta.inicio) <= agora && agora < new Date(consulta.fim);
}
