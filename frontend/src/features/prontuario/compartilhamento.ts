import { dataLocal, somarDias } from "@/lib/format";

/** The longest a share may last (the API refuses more). */
export const DIAS_MAXIMOS = 30;

/** The days a share may end on, as `<input type="date">` bounds: from today to 30 days ahead. */
export function limitesDoCompartilhamento(agora: Date): { min: string; max: string } {
  return { min: dataLocal(agora), max: dataLocal(somarDias(agora, DIAS_MAXIMOS)) };
}

/**
 * When a share chosen to last "until `dia`" ends: at the end of that day (local time), never
 * past 30 days from now (the API's limit; the last day then ends at this same hour). `null` when
 * the day is empty, malformed, past or beyond the limit.
 */
export function fimDoCompartilhamento(dia: string, agora: Date): Date | null {
  const partes = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dia);
  if (!partes) return null;
  const { min, max } = limitesDoCompartilhamento(agora);
  if (dia < min || dia > max) return null;
  const fim = new Date(Number(partes[1]), Number(partes[2]) - 1, Number(partes[3]), 23, 59, 0, 0);
  const limite = new Date(agora.getTime() + DIAS_MAXIMOS * 24 * 3600 * 1000 - 60_000);
  return fim > limite ? limite : fim;
}

interface Entrada {
  quando: string;
  acao: string;
  documento_id?: string | null;
  usuario: { id: string };
}

/** Repeated entries of the access log folded into one, with how many times and since when. */
export interface Grupo<T> {
  acesso: T;
  vezes: number;
  /** The oldest of the folded entries (the log is newest first). */
  desde: string;
}

/**
 * The access log with runs of the same person doing the same thing to the same document (a
 * doctor opening the list again and again) folded into one line: nothing is hidden, the count
 * and the first time are kept.
 */
export function agruparAcessos<T extends Entrada>(acessos: T[]): Grupo<T>[] {
  const grupos: Grupo<T>[] = [];
  for (const a of acessos) {
    const ultimo = grupos[grupos.length - 1];
    const igual =
      ultimo &&
      ultimo.acesso.usuario.id === a.usuario.id &&
      ultimo.acesso.acao === a.acao &&
      (ultimo.acesso.documento_id ?? null) === (a.documento_id ?? null);
    if (igual) {
      ultimo.vezes += 1;
      ultimo.desde = a.quando;
    } else {
      grupos.push({ acesso: a, vezes: 1, desde: a.quando });
    }
  }
  return grupos;
}
