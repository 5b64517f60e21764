import { inicioDaSemana, somarDias } from "@/lib/format";

/** How far ahead a week view looks for the first free slot (the agenda answers at most 31 days). */
export const DIAS_DA_PROCURA = 30;

/** What the view read when it opened: the free slots from then to `ate`, as `chave` stood. */
export interface Procura<T> {
  ate: Date;
  chave: string;
  horarios: T[];
}

/**
 * The slots of the week [de, ate) out of the opening read, when it covers the week; else
 * undefined (the week must be read). The agenda answers only slots still ahead, so the part of a
 * week before the read's start holds none either way: only the end must fall inside the read.
 */
export function horariosDaProcura<T extends { inicio: string }>(
  procura: Procura<T>,
  de: Date,
  ate: Date,
): T[] | undefined {
  if (ate > procura.ate) return undefined;
  return procura.horarios.filter((h) => {
    const inicio = new Date(h.inicio);
    return inicio >= de && inicio < ate;
  });
}

/** The slot a link asked to choose (`?horario=`), if it is still free and ahead. */
export function horarioPedido<T extends { id: string; inicio: string }>(
  horarios: T[],
  id: string | null | undefined,
  agora: Date,
): T | undefined {
  return id ? horarios.find((h) => h.id === id && new Date(h.inicio) >= agora) : undefined;
}

/**
 * The week a view of free slots opens on: the one of the slot a link asked for (a search result's
 * chip) when it is still free, else the one of the first slot from now on, else this one.
 */
export function semanaInicial(
  agora: Date,
  horarios: { inicio: string }[],
  pedido?: { inicio: string },
): Date {
  if (pedido) return inicioDaSemana(new Date(pedido.inicio));
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
