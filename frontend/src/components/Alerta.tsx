import type { ReactNode } from "react";

interface Props {
  tipo?: "erro" | "sucesso" | "info";
  children: ReactNode;
}

/** A message box; errors interrupt screen readers (role=alert), the others wait (status). */
export function Alerta({ tipo = "info", children }: Props) {
  return (
    <div className={`alerta alerta--${tipo}`} role={tipo === "erro" ? "alert" : "status"}>
      {children}
    </div>
  );
}
