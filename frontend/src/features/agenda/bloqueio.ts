/** What the "Bloquear período" dialog reads from its fields and says about the answer. */

import { somarDias } from "@/lib/format";

/** The dialog's fields: `2026-12-20`-style days, `09:30`-style times (times may be empty). */
export interface CamposDoBloqueio {
  primeiroDia: string;
  ultimoDia: string;
  horaInicio: string;
  horaFim: string;
}

export type PeriodoOuErros = { de: Date; ate: Date } | { erros: Record<string, string> };

/**
 * The period the fields mean, on the doctor's own clock: from the first day (at the start time,
 * or midnight) to the last day (until the end time, or the whole day). Field errors are keyed
 * `de`/`ate`, as the API names them, so the server's own refusals land on the same fields.
 */
export function periodoDoBloqueio(campos: CamposDoBloqueio): PeriodoOuErros {
  const erros: Record<string, string> = {};
  if (!campos.primeiroDia) erros.de = "Informe o primeiro dia";
  if (!campos.ultimoDia) erros.ate = "Informe o último dia";
  if (Object.keys(erros).length) return { erros };
  const de = new Date(`${campos.primeiroDia}T${campos.horaInicio || "00:00"}:00`);
  const ate = campos.horaFim
    ? new Date(`${campos.ultimoDia}T${campos.horaFim}:00`)
    : somarDias(new Date(`${campos.ultimoDia}T00:00:00`), 1);
  if (Number.isNaN(de.getTime())) return { erros: { de: "Data ou hora inválida" } };
  if (Number.isNaN(ate.getTime())) return { erros: { ate: "Data ou hora inválida" } };
  if (ate <= de) return { erros: { ate: "O fim do período deve ser depois do início" } };
  return { de, ate };
}

function horarios(n: number, adjetivo: string): string {
  return n === 1 ? `1 horário ${adjetivo}` : `${n} horários ${adjetivo}`;
}

/** `será removido` / `serão removidos` before confirming, `removido` / `removidos` after. */
function verbo(n: number, participio: string, previsto: boolean): string {
  const flexionado = n === 1 ? participio : `${participio}s`;
  if (!previsto) return flexionado;
  return `${n === 1 ? "será" : "serão"} ${flexionado}`;
}

/**
 * The sentence about a block: before confirming (`previsto`), "12 horários livres serão
 * removidos; 2 horários com consulta serão mantidos:" (the list follows); after, what was done.
 */
export function resumoDoBloqueio(removidos: number, mantidos: number, previsto: boolean): string {
  const livres =
    removidos === 0
      ? `Nenhum horário livre ${previsto ? "será removido" : "foi removido"}`
      : `${horarios(removidos, removidos === 1 ? "livre" : "livres")} ${verbo(removidos, "removido", previsto)}`;
  if (mantidos === 0) return `${livres}.`;
  return `${livres}; ${horarios(mantidos, "com consulta")} ${verbo(mantidos, "mantido", previsto)}${previsto ? ":" : "."}`;
}

/** How a kept slot's appointment is named in the list. */
export function situacaoDoMantido(status: string): string {
  if (status === "reservado") return "pedido aguardando sua resposta";
  if (status === "confirmado") return "consulta confirmada";
  return status;
}
