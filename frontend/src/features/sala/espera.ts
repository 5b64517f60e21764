/** Whether the patient is in the room now: a stay of theirs that has not ended. */
export function pacienteNaSala(presencas: { papel: string; saiu_em: string | null }[]): boolean {
  return presencas.some((p) => p.papel === "paciente" && p.saiu_em === null);
}

/** How often the doctor's pre-join screen asks whether the patient arrived (ms). */
export const INTERVALO_DA_ESPERA_MS = 5_000;
