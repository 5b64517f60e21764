import { Campo } from "@/components/Campo";

interface Props {
  inicio: string;
  fim: string;
  mudarInicio: (valor: string) => void;
  mudarFim: (valor: string) => void;
  erros: Record<string, string | undefined>;
  required?: boolean;
}

/** Start and end times of a window or a slot, side by side, in steps of 5 minutes. */
export function CamposInicioFim({ inicio, fim, mudarInicio, mudarFim, erros, required }: Props) {
  return (
    <div className="linha linha--2">
      <Campo
        rotulo="Início"
        name="inicio"
        type="time"
        step={300}
        value={inicio}
        onChange={(e) => mudarInicio(e.target.value)}
        erro={erros.inicio}
        required={required}
      />
      <Campo
        rotulo="Fim"
        name="fim"
        type="time"
        step={300}
        value={fim}
        onChange={(e) => mudarFim(e.target.value)}
        erro={erros.fim}
        required={required}
      />
    </div>
  );
}
