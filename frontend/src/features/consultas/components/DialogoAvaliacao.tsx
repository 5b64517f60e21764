import { useState, type FormEvent } from "react";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { AreaTexto } from "@/components/Campo";
import { Dialogo } from "@/components/Dialogo";
import { useEnvio } from "@/lib/use-envio";

const NOTAS = [
  { nota: 1, rotulo: "Ruim" },
  { nota: 2, rotulo: "Regular" },
  { nota: 3, rotulo: "Boa" },
  { nota: 4, rotulo: "Muito boa" },
  { nota: 5, rotulo: "Excelente" },
];

interface Props {
  aberto: boolean;
  medicoNome: string;
  aoAvaliar: (nota: number, comentario: string) => Promise<void>;
  aoFechar: () => void;
}

/** Rates a finished appointment: 1 to 5 stars (radio buttons) and an optional comment. */
export function DialogoAvaliacao({ aberto, medicoNome, aoAvaliar, aoFechar }: Props) {
  const [nota, setNota] = useState(0);
  const [comentario, setComentario] = useState("");
  const envio = useEnvio();

  async function enviar(evento: FormEvent) {
    evento.preventDefault();
    if (!nota) return envio.definirErros({ nota: "Escolha de 1 a 5 estrelas" });
    if (await envio.enviar(() => aoAvaliar(nota, comentario.trim()))) aoFechar();
  }

  return (
    <Dialogo aberto={aberto} titulo="Avaliar consulta" aoFechar={aoFechar}>
      <form className="formulario" onSubmit={enviar} noValidate>
        <p>Como foi sua consulta com {medicoNome}?</p>
        {envio.erro && <Alerta tipo="erro">{envio.erro}</Alerta>}
        <fieldset className="campo estrelas-escolha">
          <legend>Nota</legend>
          <div className="estrelas-escolha__opcoes">
            {NOTAS.map((n) => (
              <label key={n.nota} className={n.nota <= nota ? "estrela estrela--acesa" : "estrela"}>
                <input
                  type="radio"
                  name="nota"
                  value={n.nota}
                  checked={nota === n.nota}
                  onChange={() => setNota(n.nota)}
                  className="visualmente-oculto"
                />
                <span aria-hidden="true">★</span>
                <span className="visualmente-oculto">
                  {n.nota} {n.nota === 1 ? "estrela" : "estrelas"}: {n.rotulo}
                </span>
              </label>
            ))}
          </div>
          {envio.erros.nota && <span className="campo__erro">{envio.erros.nota}</span>}
        </fieldset>
        <AreaTexto
          rotulo="Comentário (opcional)"
          name="comentario"
          rows={3}
          maxLength={2000}
          value={comentario}
          onChange={(e) => setComentario(e.target.value)}
          erro={envio.erros.comentario}
          dica="Público no perfil do médico, com seu primeiro nome e a inicial do sobrenome."
        />
        <div className="acoes-form">
          <Botao variante="secundario" onClick={aoFechar}>
            Voltar
          </Botao>
          <Botao type="submit" carregando={envio.enviando}>
            Enviar avaliação
          </Botao>
        </div>
      </form>
    </Dialogo>
  );
}
