import { useEffect, useRef, type ReactNode } from "react";

// The first page of a visit keeps the browser's own focus; later navigations move it.
let primeiraPagina = true;

interface Props {
  titulo: string;
  /** The visible heading, when it differs from the document title. */
  cabecalho?: ReactNode;
  children: ReactNode;
  className?: string;
}

/**
 * A page: sets the document title and moves focus to the heading on navigation, so screen
 * reader users hear where they arrived (a single-page app does not reload).
 */
export function Pagina({ titulo, cabecalho, children, className }: Props) {
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${titulo} · HealthMed`;
    if (primeiraPagina) {
      primeiraPagina = false;
      return;
    }
    h1.current?.focus();
  }, [titulo]);
  return (
    <div className={className}>
      <h1 ref={h1} tabIndex={-1}>
        {cabecalho ?? titulo}
      </h1>
      {children}
    </div>
  );
}
