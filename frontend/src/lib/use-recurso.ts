import { useEffect, useState, type DependencyList } from "react";
import { ErroApi, mensagemDoProblema, problemaDe } from "./problem";

export type Recurso<T> =
  | { estado: "carregando" }
  | { estado: "pronto"; dados: T }
  | { estado: "erro"; mensagem: string; status: number };

/** Loads data when `deps` change, ignoring answers that arrive after a newer request. */
export function useRecurso<T>(carregar: () => Promise<T>, deps: DependencyList): Recurso<T> {
  const [recurso, setRecurso] = useState<Recurso<T>>({ estado: "carregando" });
  useEffect(() => {
    let vigente = true;
    setRecurso({ estado: "carregando" });
    carregar().then(
      (dados) => vigente && setRecurso({ estado: "pronto", dados }),
      (falha: unknown) => {
        if (!vigente) return;
        const problema = problemaDe(falha);
        const retry = falha instanceof ErroApi ? falha.retryAfter : null;
        setRecurso({
          estado: "erro",
          mensagem: mensagemDoProblema(problema, retry),
          status: problema.status,
        });
      },
    );
    return () => {
      vigente = false;
    };
  }, deps);
  return recurso;
}
