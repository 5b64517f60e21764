import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";

interface Base {
  rotulo: string;
  dica?: ReactNode;
  erro?: string | undefined;
}

function ids(id: string, dica: unknown, erro: unknown): string | undefined {
  return [dica ? `${id}-dica` : null, erro ? `${id}-erro` : null].filter(Boolean).join(" ") || undefined;
}

function Rodape({ id, dica, erro }: { id: string; dica?: ReactNode; erro?: string | undefined }) {
  return (
    <>
      {dica && (
        <span id={`${id}-dica`} className="campo__dica">
          {dica}
        </span>
      )}
      {erro && (
        <span id={`${id}-erro`} className="campo__erro">
          {erro}
        </span>
      )}
    </>
  );
}

/** A labelled input whose hint and error are announced with it. */
export function Campo({ rotulo, dica, erro, id, ...input }: Base & InputHTMLAttributes<HTMLInputElement>) {
  const gerado = useId();
  const campoId = id ?? gerado;
  return (
    <div className="campo">
      <label htmlFor={campoId}>{rotulo}</label>
      <input
        id={campoId}
        {...input}
        aria-invalid={erro ? true : undefined}
        aria-describedby={ids(campoId, dica, erro)}
      />
      <Rodape id={campoId} dica={dica} erro={erro} />
    </div>
  );
}

/** A labelled select. */
export function Selecao({
  rotulo,
  dica,
  erro,
  id,
  children,
  ...select
}: Base & SelectHTMLAttributes<HTMLSelectElement>) {
  const gerado = useId();
  const campoId = id ?? gerado;
  return (
    <div className="campo">
      <label htmlFor={campoId}>{rotulo}</label>
      <select
        id={campoId}
        {...select}
        aria-invalid={erro ? true : undefined}
        aria-describedby={ids(campoId, dica, erro)}
      >
        {children}
      </select>
      <Rodape id={campoId} dica={dica} erro={erro} />
    </div>
  );
}

/** A labelled multi-line text field. */
export function AreaTexto({
  rotulo,
  dica,
  erro,
  id,
  ...area
}: Base & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const gerado = useId();
  const campoId = id ?? gerado;
  return (
    <div className="campo">
      <label htmlFor={campoId}>{rotulo}</label>
      <textarea
        id={campoId}
        {...area}
        aria-invalid={erro ? true : undefined}
        aria-describedby={ids(campoId, dica, erro)}
      />
      <Rodape id={campoId} dica={dica} erro={erro} />
    </div>
  );
}
