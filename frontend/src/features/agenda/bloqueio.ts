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

/** A stored block as the helpers read it: ISO instants or dates, `[de, ate)`. */
export interface Periodo {
  de: string | Date;
  ate: string | Date;
}

function comoData(valor: string | Date): Date {
  return typeof valor === "string" ? new Date(valor) : valor;
}

function dois(n: number): string {
  return String(n).padStart(2, "0");
}

function meiaNoite(d: Date): boolean {
  return d.getHours() === 0 && d.getMinutes() === 0 && d.getSeconds() === 0 && d.getMilliseconds() === 0;
}

function diaMes(d: Date): string {
  return `${dois(d.getDate())}/${dois(d.getMonth() + 1)}`;
}

function hora(d: Date): string {
  return `${dois(d.getHours())}:${dois(d.getMinutes())}`;
}

/**
 * "Bloqueado de 20/12 a 05/01" on the user's own clock. A period ending at midnight ends on the day
 * before (as the API's refusal says it); an hour that is not midnight is shown ("de 20/12 às 14:00");
 * one whole day is "Bloqueado em 20/12".
 */
export function textoDoBloqueio(periodo: Periodo): string {
  const de = comoData(periodo.de);
  const ate = comoData(periodo.ate);
  const ultimoDia = new Date(ate.getTime() - 1);
  if (
    meiaNoite(de) &&
    meiaNoite(ate) &&
    diaMes(de) === diaMes(ultimoDia) &&
    ate.getTime() - de.getTime() < 2 * 864e5
  ) {
    return `Bloqueado em ${diaMes(de)}`;
  }
  const inicio = meiaNoite(de) ? diaMes(de) : `${diaMes(de)} às ${hora(de)}`;
  const fim = meiaNoite(ate) ? diaMes(ultimoDia) : `${diaMes(ate)} às ${hora(ate)}`;
  return `Bloqueado de ${inicio} a ${fim}`;
}

/**
 * What of a day (`dia` at local midnight) the blocks cover: "Bloqueado" for the whole day, "Bloqueado
 * até 12:00", "Bloqueado a partir de 14:00", "Bloqueado das 10:00 às 12:00", or null when none does.
 */
export function bloqueioNoDia(dia: Date, periodos: Periodo[]): string | null {
  const inicioDoDia = new Date(dia.getFullYear(), dia.getMonth(), dia.getDate());
  const fimDoDia = new Date(dia.getFullYear(), dia.getMonth(), dia.getDate() + 1);
  const partes: string[] = [];
  for (const periodo of periodos) {
    const de = comoData(periodo.de);
    const ate = comoData(periodo.ate);
    if (ate <= inicioDoDia || de >= fimDoDia) continue;
    const desde = de > inicioDoDia ? de : null;
    const ateQuando = ate < fimDoDia ? ate : null;
    if (!desde && !ateQuando) return "Bloqueado";
    if (desde && ateQuando) partes.push(`das ${hora(desde)} às ${hora(ateQuando)}`);
    else if (desde) partes.push(`a partir de ${hora(desde)}`);
    else if (ateQuando) partes.push(`até ${hora(ateQuando)}`);
  }
  return partes.length ? `Bloqueado ${partes.join(" e ")}` : null;
}

/** "8 horários abertos." and, when a weekly repeat skipped some, "2 não foram abertos por cair em período bloqueado." */
export function resumoDaCriacao(abertos: number, ignorados: number): string {
  const texto = `${abertos} ${abertos === 1 ? "horário aberto" : "horários abertos"}.`;
  if (!ignorados) return texto;
  const pulados = ignorados === 1 ? "1 não foi aberto" : `${ignorados} não foram abertos`;
  return `${texto} ${pulados} por cair em período bloqueado.`;
}
