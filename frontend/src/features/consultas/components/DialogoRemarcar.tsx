import { useEffect, useRef, useState, type FormEvent } from "react";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { AreaTexto } from "@/components/Campo";
import { Dialogo } from "@/components/Dialogo";
import { SemanaDeHorarios, type HorarioDaSemana } from "@/components/SemanaDeHorarios";
import { formatarDataHora } from "@/lib/format";
import { useEnvio } from "@/lib/use-envio";
import { horariosLivres, remarcarConsulta, type Consulta } from "../api/consultas";

const MINIMO = 10;

interface Props {
  /** The appointment being moved (null: the dialog is closed). */
  consulta: Consulta | null;
  aoRemarcar: (nova: Consulta) => void;
  aoFechar: () => void;
}

/** The patient picks a free slot of the same doctor's week and moves the appointment there, at
 * once: the API cancels the old one and asks for the new one in one step, or changes nothing. */
export function DialogoRemarcar({ consulta, aoRemarcar, aoFechar }: Props) {
  return (
    <Dialogo aberto={consulta !== null} titulo="Remarcar consulta" aoFechar={aoFechar} largo>
      {consulta && (
        <FormRemarcar key={consulta.id} consulta={consulta} aoRemarcar={aoRemarcar} aoFechar={aoFechar} />
      )}
    </Dialogo>
  );
}

function FormRemarcar({ consulta: c, aoRemarcar, aoFechar }: Props & { consulta: Consulta }) {
  const [escolhido, setEscolhido] = useState<HorarioDaSemana | null>(null);
  const [motivo, setMotivo] = useState("");
  const [versao, setVersao] = useState(0);
  const envio = useEnvio();
  const formulario = useRef<HTMLFormElement>(null);
  // On a phone the week is long: bring the confirmation into view once a slot is picked.
  useEffect(() => {
    if (escolhido) formulario.current?.scrollIntoView?.({ block: "nearest" });
  }, [escolhido]);

  async function confirmar(evento: FormEvent) {
    evento.preventDefault();
    if (!escolhido) return;
    const texto = motivo.trim();
    if (texto && texto.length < MINIMO) {
      envio.definirErros({ justificativa: `Escreva pelo menos ${MINIMO} caracteres ou deixe em branco` });
      return;
    }
    const feito: { nova?: Consulta } = {};
    const ok = await envio.enviar(async () => {
      feito.nova = await remarcarConsulta(c.id, escolhido.id, texto || undefined);
    });
    if (ok && feito.nova) aoRemarcar(feito.nova);
    // The slot may have just been taken: show the week as it is now.
    else setVersao((v) => v + 1);
  }

  return (
    <div className="remarcar">
      <p>
        Sua consulta com <strong>{c.medico.nome}</strong> em <strong>{formatarDataHora(c.inicio)}</strong>{" "}
        será cancelada e o horário liberado no mesmo instante em que o novo pedido for feito. O novo horário
        aguarda a confirmação do médico.
      </p>
      <section className="remarcar__agenda" aria-labelledby="remarcar-agenda-titulo">
        <SemanaDeHorarios
          titulo="Horários livres"
          tituloId="remarcar-agenda-titulo"
          nivel={3}
          carregar={(de, ate) => horariosLivres(c.medico.id, de, ate)}
          chave={`${c.medico.id}:${versao}`}
          escolhido={escolhido?.id ?? null}
          aoEscolher={(h) => {
            envio.limpar();
            setEscolhido(h);
          }}
          aoMudarSemana={() => setEscolhido(null)}
        />
      </section>
      {envio.erro && !escolhido && <Alerta tipo="erro">{envio.erro}</Alerta>}
      {escolhido && (
        <form
          ref={formulario}
          className="formulario agenda__confirmar"
          aria-label="Confirmar remarcação"
          onSubmit={confirmar}
          noValidate
        >
          <p>
            Novo horário: <strong>{formatarDataHora(escolhido.inicio)}</strong>.
          </p>
          {envio.erro && <Alerta tipo="erro">{envio.erros.horario_id ?? envio.erro}</Alerta>}
          <AreaTexto
            rotulo="Motivo (opcional)"
            dica="O médico verá o motivo. Se escrever, use pelo menos 10 caracteres."
            name="justificativa"
            rows={2}
            maxLength={1000}
            value={motivo}
            onChange={(e) => setMotivo(e.target.value)}
            erro={envio.erros.justificativa}
          />
          <div className="acoes-form">
            <Botao variante="secundario" onClick={aoFechar}>
              Voltar
            </Botao>
            <Botao type="submit" carregando={envio.enviando}>
              Confirmar remarcação
            </Botao>
          </div>
        </form>
      )}
      {!escolhido && (
        <div className="acoes-form">
          <Botao variante="secundario" onClick={aoFechar}>
            Voltar
          </Botao>
        </div>
      )}
    </div>
  );
}
