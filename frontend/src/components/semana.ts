import { inicioDaSemana, somarDias } from "@/lib/format";

/** How far ahead a week view looks for the first free slot (the agenda answers at most 31 days). */
export const DIAS_DA_PROCURA = 30;

/** The week a view of free slots opens on: the one of the first slot from now on, or this one. */
export function semanaInicial(agora: Date, horarios: { inicio: string }[]): Date {
  const futuros = horarios.map((h) => new Date(h.inicio)).filter((d) => d >= agora);
  const primeiro = futuros.sort((a, b) => a.getTime() - b.getTime())[0];
  return inicioDaSemana(primeiro ?? agora);
}

/** The days of `semana` a patient can still book: from today on (past days are hidden). */
export function diasVisiveis(semana: Date, agora: Date): Date[] {
  const hoje = new Date(agora);
  hoje.setHours(0, 0, 0, 0);
  return Array.from({ length: 7 }, (_, i) => somarDias(semana, i)).filter((dia) => dia >= hoje);
}
