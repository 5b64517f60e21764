import { useEffect, useId, useRef, type ReactNode } from "react";

interface Props {
  aberto: boolean;
  titulo: string;
  aoFechar: () => void;
  children: ReactNode;
  /** Wide enough for a week of slots (still the screen's width on a phone). */
  largo?: boolean;
}

/** A modal dialog on the native <dialog> (focus is trapped and Esc closes it). */
export function Dialogo({ aberto, titulo, aoFechar, children, largo = false }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const tituloId = useId();
  useEffect(() => {
    const dialogo = ref.current;
    if (!dialogo) return;
    if (aberto && !dialogo.open) dialogo.showModal();
    if (!aberto && dialogo.open) dialogo.close();
  }, [aberto]);
  return (
    <dialog
      ref={ref}
      className={largo ? "dialogo dialogo--largo" : "dialogo"}
      aria-labelledby={tituloId}
      onClose={aoFechar}
    >
      <h2 id={tituloId}>{titulo}</h2>
      {aberto && children}
    </dialog>
  );
}
