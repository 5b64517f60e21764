/** What the patient types to confirm closing the account (the API wants exactly this). */
export const CONFIRMACAO = "ENCERRAR";

/** Whether the typed confirmation is the one the API accepts (capitals, nothing around it). */
export function confirmacaoValida(digitado: string): boolean {
  return digitado === CONFIRMACAO;
}

/** What the confirmation page shows, kept for one read after the session is gone. */
export interface ResumoEncerramento {
  protocolo: string;
  encerrada_em: string;
  consultas_canceladas: number;
  compartilhamentos_revogados: number;
}

const CHAVE = "healthmed.encerramento";

/** Keep the summary for the confirmation page (the session, and its data, are gone). */
export function guardarResumo(resumo: ResumoEncerramento, armazenamento: Storage = sessionStorage): void {
  armazenamento.setItem(CHAVE, JSON.stringify(resumo));
}

/** The summary of the account just closed, if any (read on every render of the page). */
export function lerResumo(armazenamento: Storage = sessionStorage): ResumoEncerramento | null {
  try {
    const bruto = armazenamento.getItem(CHAVE);
    return bruto ? (JSON.parse(bruto) as ResumoEncerramento) : null;
  } catch {
    return null;
  }
}

/** "1 consulta cancelada", "2 consultas canceladas", "nenhuma consulta cancelada". */
export function plural(n: number, um: string, varios: string, nenhum: string): string {
  if (n === 0) return nenhum;
  return `${n} ${n === 1 ? um : varios}`;
}
