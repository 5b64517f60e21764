import { DialogoDeTexto } from "@/components/DialogoDeTexto";
import { dicaDoMinimo } from "../justificativa";

interface Props {
  aberto: boolean;
  titulo: string;
  descricao: string;
  acao: string;
  /** Minimum length of the justification (0: optional). */
  minimo: number;
  aoConfirmar: (justificativa: string) => Promise<void>;
  aoFechar: () => void;
}

/**
 * Asks why (cancel or refuse) before doing it: the description names the appointment, the hint
 * says the minimum length before any error; the API's message shows here if it fails.
 */
export function DialogoJustificativa({
  aberto,
  titulo,
  descricao,
  acao,
  minimo,
  aoConfirmar,
  aoFechar,
}: Props) {
  return (
    <DialogoDeTexto
      aberto={aberto}
      titulo={titulo}
      descricao={descricao}
      rotulo={minimo ? "Justificativa" : "Justificativa (opcional)"}
      acao={acao}
      minimo={minimo}
      erroDoMinimo={`Escreva pelo menos ${minimo} caracteres`}
      dica={(texto) => dicaDoMinimo(texto, minimo)}
      aoConfirmar={aoConfirmar}
      aoFechar={aoFechar}
    />
  );
}
