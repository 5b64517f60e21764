import { formatarDataHora } from "@/lib/format";
import type { Consulta } from "./api/consultas";

type Ligacoes = Pick<Consulta, "id" | "inicio" | "remarcada_de" | "remarcada_para">;

/** Whether this appointment was cancelled by being rescheduled (its badge says "Remarcada"). */
export function foiRemarcada(c: Pick<Consulta, "status" | "remarcada_para">): boolean {
  return c.status === "cancelada" && Boolean(c.remarcada_para);
}

/**
 * What a card says about a rescheduling: where the appointment went ("Remarcada para ...") or
 * where it came from ("Remarcada de ..."), with the other one's time when it is in the list.
 */
export function notaDeRemarcacao(
  c: Ligacoes,
  todas: readonly Ligacoes[],
  formatar: (iso: string) => string = formatarDataHora,
): string | null {
  const outra = (id: string) => todas.find((x) => x.id === id);
  if (c.remarcada_para) {
    const nova = outra(c.remarcada_para);
    return nova ? `Remarcada para ${formatar(nova.inicio)}` : "Remarcada para outro horário";
  }
  if (c.remarcada_de) {
    const antiga = outra(c.remarcada_de);
    return antiga ? `Remarcada de ${formatar(antiga.inicio)}` : "Remarcada de outro horário";
  }
  return null;
}
