import type { ReactNode } from "react";

/** A loading placeholder announced politely. */
export function Carregando({ texto = "Carregando…" }: { texto?: string }) {
  return (
    <div className="estado" role="status">
      <span className="girando" aria-hidden="true" />
      <span>{texto}</span>
    </div>
  );
}

/** What a list shows when it has nothing. */
export function Vazio({ titulo, children }: { titulo: string; children?: ReactNode }) {
  return (
    <div className="estado">
      <strong>{titulo}</strong>
      {children}
    </div>
  );
}
