import type { StatusConsulta } from "../api/consultas";

const ROTULOS: Record<StatusConsulta, string> = {
  pendente: "Aguardando confirmação",
  confirmada: "Confirmada",
  recusada: "Recusada",
  cancelada: "Cancelada",
  realizada: "Realizada",
  nao_compareceu: "Paciente não compareceu",
  medico_ausente: "Médico não compareceu",
};

/** The appointment's status as a coloured badge (the text carries the meaning, not the colour);
 * one cancelled by being rescheduled says so ("Remarcada"). */
export function SeloStatus({
  status,
  remarcada = false,
  rotulo,
}: {
  status: StatusConsulta;
  remarcada?: boolean;
  /** A label for this appointment in particular ("Médica não compareceu"). */
  rotulo?: string;
}) {
  return (
    <span className={`selo selo--${status}`}>{remarcada ? "Remarcada" : (rotulo ?? ROTULOS[status])}</span>
  );
}
