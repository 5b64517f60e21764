import { useState, type FormEvent, type ReactNode } from "react";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { AreaTexto } from "@/components/Campo";
import { Dialogo } from "@/components/Dialogo";
import { useEnvio } from "@/lib/use-envio";

interface Props {
  aberto: boolean;
  titulo: string;
  /** What the dialog is about (the appointment, the review), said before the field. */
  descricao: ReactNode;
  rotulo: string;
  acao: string;
  /** Minimum length of the text (0: optional), and what to say when it is shorter. */
  minimo: number;
  erroDoMinimo: string;
  /** The field's hint as the text is typed (e.g. how many characters are missing). */
  dica?: (texto: string) => string | undefined;
  aoConfirmar: (texto: string) => Promise<void>;
  aoFechar: () => void;
}

/**
 * Asks for a text before doing something (cancel, refuse, reply, report): the minimum is
 * checked here first, the API's message shows here if it fails, and the dialog closes only once
 * it worked.
 */
export function DialogoDeTexto({
  aberto,
  titulo,
  descricao,
  rotulo,
  acao,
  minimo,
  erroDoMinimo,
  dica,
  aoConfirmar,
  aoFechar,
}: Props) {
  const [texto, setTexto] = useState("");
  const envio = useEnvio();

  async function enviar(evento: FormEvent) {
    evento.preventDefault();
    if (texto.trim().length < minimo) {
      envio.definirErros({ texto: erroDoMinimo });
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
          rotulo={rotulo}
          name="texto"
          rows={3}
          maxLength={1000}
          value={texto}
          onChange={(e) => setTexto(e.target.value)}
          erro={envio.erros.texto ?? envio.erros.justificativa ?? envio.erros.motivo}
          dica={dica?.(texto)}
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
