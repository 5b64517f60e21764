import type { ComponentPropsWithRef, ReactNode } from "react";

interface Props extends ComponentPropsWithRef<"button"> {
  variante?: "primario" | "secundario" | "texto";
  largo?: boolean;
  carregando?: boolean;
  children: ReactNode;
}

/** A button; while `carregando` it is disabled and says so to screen readers. */
export function Botao({ variante = "primario", largo, carregando, children, className, ...resto }: Props) {
  const classes = [
    "botao",
    variante !== "primario" && `botao--${variante}`,
    largo && "botao--largo",
    className,
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <button
      type="button"
      {...resto}
      className={classes}
      disabled={carregando || resto.disabled}
      aria-busy={carregando || undefined}
    >
      {carregando && <span className="girando" aria-hidden="true" />}
      {children}
    </button>
  );
}
