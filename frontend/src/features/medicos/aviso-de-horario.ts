import { dataLocal, somarDias } from "@/lib/format";

/** How far ahead the date of a new "Avise-me" starts: two weeks. */
export const DIAS_PADRAO_DO_AVISO = 14;

/** The date field's default: two weeks from today (local calendar, `2026-12-15`). */
export function dataPadraoDoAviso(hoje: Date): string {
  return dataLocal(somarDias(hoje, DIAS_PADRAO_DO_AVISO));
}

/** The smallest date the field takes: tomorrow ("antes de hoje" would wait for nothing). */
export function dataMinimaDoAviso(hoje: Date): string {
  return dataLocal(somarDias(hoje, 1));
}

/** "Antes de 15/12" means before that day starts: 00:00 of it on the patient's clock, or null
 * when the field does not hold a date. */
export function ateDoAviso(data: string): Date | null {
  const partes = /^(\d{4})-(\d{2})-(\d{2})$/.exec(data);
  if (!partes) return null;
  const [ano, mes, dia] = [Number(partes[1]), Number(partes[2]), Number(partes[3])];
  const ate = new Date(ano, mes - 1, dia);
  // new Date rolls 2026-02-31 over to March: that is no date the patient chose.
  if (ate.getFullYear() !== ano || ate.getMonth() !== mes - 1 || ate.getDate() !== dia) return null;
  return ate;
}

/** The field's message, or null when the date can be sent (the server checks the horizon). */
export function erroDaDataDoAviso(data: string, agora: Date): string | null {
  const ate = ateDoAviso(data);
  if (!ate) return "Escolha uma data";
  if (ate <= agora) return "Escolha uma data a partir de amanhã";
  return null;
}

/** The patient's active request for this doctor, if any, among all of theirs. */
export function avisoDoMedico<T extends { medico_id: string }>(avisos: T[], medicoId: string): T | null {
  return avisos.find((a) => a.medico_id === medicoId) ?? null;
}

/** `15/12/2026`: the day an answer's `ate` (any offset) falls on, on the patient's clock. */
export function formatarDataDoAviso(ate: string | Date): string {
  return new Date(ate).toLocaleDateString("pt-BR", { day: "2-digit", month: "2-digit", year: "numeric" });
}
