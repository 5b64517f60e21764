import type { StatusConsulta } from "../api/consultas";

const ROTULOS: Record<StatusConsulta, string> = {
  pendente: "Aguardando confirmação",
  confirmada: "Confirmada",
  recusada: "Recusada",
  cancelada: "Cancelada",
  realizada: "Realizada",
};

/** The appointment's status as a coloured badge (the text carries the meaning, not the colour). */
export function SeloStatus({ status }: { status: StatusConsulta }) {
  return <span className={`selo selo--${status}`}>{ROTULOS[status]}</span>;
}
