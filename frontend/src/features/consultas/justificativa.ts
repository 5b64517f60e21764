import { formatarDataHora } from "@/lib/format";

type Papel = "medico" | "paciente";

interface ConsultaNomeada {
  inicio: string;
  medico: { nome: string };
  paciente: { nome: string };
}

/**
 * What the cancel or refuse dialog says first: which appointment (with whom, when) and what
 * follows, so nobody cancels the wrong one from a list of similar cards.
 */
export function descricaoDoPedido(
  tipo: "cancelar" | "recusar",
  consulta: ConsultaNomeada,
  papel: Papel,
): string {
  const quando = formatarDataHora(consulta.inicio);
  if (tipo === "recusar")
    return `Pedido de ${consulta.paciente.nome} para ${quando}. O horário volta a ficar livre; se quiser, diga ao paciente o motivo.`;
  const outro = papel === "medico" ? consulta.paciente.nome : consulta.medico.nome;
  const quemVe = papel === "medico" ? "o paciente" : "o médico";
  return `Teleconsulta com ${outro} em ${quando}. O horário volta a ficar livre e ${quemVe} verá o motivo.`;
}

/** The justification's hint: the minimum before any error, and how many characters are missing. */
export function dicaDoMinimo(texto: string, minimo: number): string | undefined {
  if (minimo <= 0) return undefined;
  const faltam = minimo - texto.trim().length;
  const base = `Pelo menos ${minimo} caracteres`;
  return faltam > 0 && faltam < minimo ? `${base} (faltam ${faltam}).` : `${base}.`;
}
