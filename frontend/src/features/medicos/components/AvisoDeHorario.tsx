import { useState, type FormEvent } from "react";
import { Link, useLocation } from "react-router";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { Campo } from "@/components/Campo";
import { useSessao } from "@/lib/session";
import { useEnvio } from "@/lib/use-envio";
import { useRecurso } from "@/lib/use-recurso";
import { cancelarAviso, listarAvisos, pedirAviso } from "../api/avisos";
import {
  ateDoAviso,
  avisoDoMedico,
  dataMinimaDoAviso,
  dataPadraoDoAviso,
  erroDaDataDoAviso,
  formatarDataDoAviso,
} from "../aviso-de-horario";

interface Props {
  medicoId: string;
}

/** "Avise-me": under the week agenda, a patient asks to be e-mailed if a slot of this doctor
 * opens before a date; anonymous visitors are invited to log in; doctors see nothing. */
export function AvisoDeHorario({ medicoId }: Props) {
  const sessao = useSessao();
  const local = useLocation();
  if (!sessao) {
    return (
      <section className="cartao aviso-horario" aria-label="Avise-me">
        <p>
          Nenhum horário bom?{" "}
          <Link to={`/entrar?proximo=${encodeURIComponent(local.pathname)}`}>Entre para ser avisado</Link> por
          e-mail se abrir um horário mais cedo.
        </p>
      </section>
    );
  }
  if (sessao.papel !== "paciente") return null;
  return <AvisoDoPaciente medicoId={medicoId} />;
}

function AvisoDoPaciente({ medicoId }: Props) {
  const [versao, setVersao] = useState(0);
  const avisos = useRecurso(listarAvisos, [versao]);
  const [data, setData] = useState(() => dataPadraoDoAviso(new Date()));
  const envio = useEnvio();

  async function pedir(evento: FormEvent) {
    evento.preventDefault();
    const erro = erroDaDataDoAviso(data, new Date());
    const ate = ateDoAviso(data);
    if (erro || !ate) {
      envio.definirErros({ ate: erro ?? "Escolha uma data" });
      return;
    }
    if (await envio.enviar(async () => void (await pedirAviso(medicoId, ate)))) setVersao((v) => v + 1);
  }

  async function cancelar(id: string) {
    if (await envio.enviar(() => cancelarAviso(id))) setVersao((v) => v + 1);
  }

  if (avisos.estado === "carregando") return null;
  if (avisos.estado === "erro") {
    return (
      <section className="cartao aviso-horario" aria-label="Avise-me">
        <Alerta tipo="erro">{avisos.mensagem}</Alerta>
      </section>
    );
  }
  const ativo = avisoDoMedico(avisos.dados, medicoId);
  return (
    <section className="cartao aviso-horario" aria-label="Avise-me">
      {envio.erro && <Alerta tipo="erro">{envio.erro}</Alerta>}
      {ativo ? (
        <div className="aviso-horario__ativo">
          <p role="status">
            <strong>Você será avisado por e-mail</strong> se abrir um horário antes de{" "}
            {formatarDataDoAviso(ativo.ate)}.
          </p>
          <Botao variante="secundario" onClick={() => cancelar(ativo.id)} carregando={envio.enviando}>
            Cancelar aviso
          </Botao>
        </div>
      ) : (
        <form className="aviso-horario__form" onSubmit={pedir} noValidate aria-label="Pedir aviso de horário">
          <Campo
            rotulo="Avise-me se abrir um horário antes de"
            name="ate"
            type="date"
            value={data}
            min={dataMinimaDoAviso(new Date())}
            onChange={(e) => setData(e.target.value)}
            erro={envio.erros.ate}
            dica="Enviamos um e-mail uma vez; quem reservar primeiro fica com o horário."
            required
          />
          <Botao type="submit" carregando={envio.enviando}>
            Avise-me
          </Botao>
        </form>
      )}
    </section>
  );
}
