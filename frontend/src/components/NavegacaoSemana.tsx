import { formatarDiaCurto, somarDias } from "@/lib/format";
import "./semana.css";

interface Props {
  /** Monday 00:00 of the week shown. */
  semana: Date;
  aoMudar: (delta: number) => void;
  podeVoltar?: boolean;
}

/** "‹ seg., 23 de nov. a dom., 29 de nov. ›": moves a week view back and forth. */
export function NavegacaoSemana({ semana, aoMudar, podeVoltar = true }: Props) {
  return (
    <div className="agenda__navegacao">
      <button
        type="button"
        className="botao botao--secundario"
        onClick={() => aoMudar(-1)}
        disabled={!podeVoltar}
        aria-label="Semana anterior"
      >
        ‹
      </button>
      <span className="agenda__semana" aria-live="polite">
        {formatarDiaCurto(semana)} a {formatarDiaCurto(somarDias(semana, 6))}
      </span>
      <button
        type="button"
        className="botao botao--secundario"
        onClick={() => aoMudar(1)}
        aria-label="Próxima semana"
      >
        ›
      </button>
    </div>
  );
}
