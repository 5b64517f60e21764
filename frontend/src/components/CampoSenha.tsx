import { useId, useState, type InputHTMLAttributes } from "react";

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, "type"> {
  rotulo: string;
  dica?: string;
  erro?: string | undefined;
}

/** A password input with a button that shows or hides what was typed. */
export function CampoSenha({ rotulo, dica, erro, id, ...input }: Props) {
  const gerado = useId();
  const campoId = id ?? gerado;
  const [visivel, setVisivel] = useState(false);
  const descrita = [dica ? `${campoId}-dica` : null, erro ? `${campoId}-erro` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="campo">
      <label htmlFor={campoId}>{rotulo}</label>
      <div className="campo-senha">
        <input
          id={campoId}
          {...input}
          type={visivel ? "text" : "password"}
          aria-invalid={erro ? true : undefined}
          aria-describedby={descrita || undefined}
        />
        <button
          type="button"
          className="campo-senha__alternar"
          aria-pressed={visivel}
          aria-controls={campoId}
          onClick={() => setVisivel((v) => !v)}
        >
          {visivel ? "Ocultar" : "Mostrar"}
          <span className="visualmente-oculto"> senha</span>
        </button>
      </div>
      {dica && (
        <span id={`${campoId}-dica`} className="campo__dica">
          {dica}
        </span>
      )}
      {erro && (
        <span id={`${campoId}-erro`} className="campo__erro">
          {erro}
        </span>
      )}
    </div>
  );
}
