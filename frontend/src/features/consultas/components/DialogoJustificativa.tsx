import { useState, type FormEvent } from "react";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { AreaTexto } from "@/components/Campo";
import { Dialogo } from "@/components/Dialogo";
import { useEnvio } from "@/lib/use-envio";
import { dicaDoMinimo } from "../justificativa";

interface Props {
  aberto: boolean;
  titulo: string;
  descricao: string;
  acao: string;
  /** Minimum length of the justification (0: optional). */
  minimo: number;
  aoConfirmar: (justificativa: string) => Promise<void>;
  aoFechar: () => void;
}

/**
 * Asks why (cancel or refuse) before doing it: the description names the appointment, the hint
 * says the minimum length before any error; the API's message shows here if it fails.
 */
export function DialogoJustificativa({
  aberto,
  titulo,
  descricao,
  acao,
  minimo,
  aoConfirmar,
  aoFechar,
}: Props) {
  const [texto, setTexto] = useState("");
  const envio = useEnvio();

  async function enviar(evento: FormEvent) {
    evento.preventDefault();
    if (texto.trim().length < minimo) {
      envio.definirErros({ justificativa: `Escreva pelo menos ${minimo} caracteres` });
      return;
    }
    if (await envio.enviar(() => aoConfirmar(texto.trim()))) {
      setTexto("");
      aoFechar();
    }
  }

  return (
    <Dialogo aberto={aberto} titulo={titulo} aoFechar={aoFechar}>
      <form className="formulario" onSubmit={enviar} noValidate>
        <p>{descricao}</p>
        {envio.erro && <Alerta tipo="erro">{envio.erro}</Alerta>}
        <AreaTexto
          rotulo={minimo ? "Justificativa" : "Justificativa (opcional)"}
          name="justificativa"
          rows={3}
          maxLength={1000}
          value={texto}
          onChange={(e) => setTexto(e.target.value)}
          erro={envio.erros.justificativa}
          dica={dicaDoMinimo(texto, minimo)}
          autoFocus
        />
        <div className="acoes-form">
          <Botao variante="secundario" onClick={aoFechar}>
            Voltar
          </Botao>
          <Botao type="submit" carregando={envio.enviando}>
            {acao}
          </Botao>
        </div>
      </form>
    </Dialogo>
  );
}
