import type { ValoresFiltro } from "./components/Filtros";

/** How many free slots a result card offers as chips (patients choose by the first free one). */
export const CHIPS_POR_CARTAO = 4;

/** How far after the doctor's next free slot a card looks for the others (days). */
export const DIAS_DOS_CHIPS = 7;

/**
 * How many of the search filters are in use, for the phone's "Filtros (n)" button. The distance
 * counts only with a place (without one it filters nothing), and "my location" is a place.
 */
export function filtrosAtivos(valores: ValoresFiltro): number {
  const { raio, perto, ...outros } = valores;
  return Object.values(outros).filter((v) => v !== "").length + (perto ? 1 : 0) + (perto && raio ? 1 : 0);
}

/** The first `n` slots from `agora` on, earliest first (the API's order is not a promise). */
export function primeirosHorarios<T extends { inicio: string }>(
  horarios: T[],
  agora: Date,
  n: number = CHIPS_POR_CARTAO,
): T[] {
  return horarios
    .filter((h) => new Date(h.inicio) > agora)
    .sort((a, b) => new Date(a.inicio).getTime() - new Date(b.inicio).getTime())
    .slice(0, n);
}
