import { useCallback, useState } from "react";
import { ErroApi, errosPorCampo, mensagemDoProblema, problemaDe } from "./problem";

export interface Envio {
  enviando: boolean;
  /** The message for the whole form (shown in an alert). */
  erro: string | null;
  /** Messages per field, from the server's problem+json or the client's own checks. */
  erros: Record<string, string>;
  /** Runs `acao`, capturing its failure as messages; answers whether it succeeded. */
  enviar: (acao: () => Promise<void>) => Promise<boolean>;
  definirErros: (erros: Record<string, string>) => void;
  limpar: () => void;
}

/** The state of a form submission: busy flag, form message and field messages. */
export function useEnvio(): Envio {
  const [enviando, setEnviando] = useState(false);
  const [erro, setErro] = useState<string | null>(null);
  const [erros, setErros] = useState<Record<string, string>>({});

  const enviar = useCallback(async (acao: () => Promise<void>) => {
    setEnviando(true);
    setErro(null);
    setErros({});
    try {
      await acao();
      return true;
    } catch (falha) {
      const problema = problemaDe(falha);
      const porCampo = errosPorCampo(problema);
      setErros(porCampo);
      const retry = falha instanceof ErroApi ? falha.retryAfter : null;
      setErro(mensagemDoProblema(problema, retry));
      if (!(falha instanceof ErroApi)) console.error(falha);
      return false;
    } finally {
      setEnviando(false);
    }
  }, []);

  const definirErros = useCallback((novos: Record<string, string>) => {
    setErros(novos);
    setErro(Object.keys(novos).length ? "Confira os campos destacados." : null);
  }, []);

  const limpar = useCallback(() => {
    setErro(null);
    setErros({});
  }, []);

  return { enviando, erro, erros, enviar, definirErros, limpar };
}
