import { useId, useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { Campo } from "@/components/Campo";
import { CampoSenha } from "@/components/CampoSenha";
import { useEnvio } from "@/lib/use-envio";
import { encerrarConta, type Encerramento } from "../api/encerrar-conta";
import { CONFIRMACAO, confirmacaoValida, guardarResumo } from "../encerramento";
import "../encerramento.css";

/**
 * "Encerrar minha conta" (LGPD art. 18): says in plain words what happens, asks for the
 * password and the typed word ENCERRAR, then ends the session here and shows the confirmation.
 */
export function EncerrarConta({ pacienteId }: { pacienteId: string }) {
  const titulo = useId();
  const [senha, setSenha] = useState("");
  const [confirmacao, setConfirmacao] = useState("");
  const envio = useEnvio();
  const navegar = useNavigate();

  async function enviar(evento: FormEvent) {
    evento.preventDefault();
    const erros: Record<string, string> = {};
    if (!senha) erros.senha = "Digite a sua senha atual.";
    if (!confirmacaoValida(confirmacao)) erros.confirmacao = `Digite ${CONFIRMACAO}, em maiúsculas.`;
    if (Object.keys(erros).length) return envio.definirErros(erros);
    const feito: { resumo?: Encerramento } = {};
    const ok = await envio.enviar(async () => {
      feito.resumo = await encerrarConta(pacienteId, { senha, confirmacao });
    });
    if (!ok || !feito.resumo) return;
    guardarResumo({ protocolo: pacienteId, ...feito.resumo });
    // The confirmation page forgets the session once it is shown: forgetting it here, on a
    // page that needs one, would send the patient to the login page instead.
    navegar("/conta-encerrada", { replace: true });
  }

  return (
    <section className="cartao encerrar-conta" aria-labelledby={titulo}>
      <h2 id={titulo}>Encerrar minha conta</h2>
      <p>Encerrar a conta não pode ser desfeito. Ao encerrar:</p>
      <ul>
        <li>
          Suas consultas marcadas (pendentes ou confirmadas) são canceladas, mesmo as que começam em poucas
          horas, e os médicos são avisados.
        </li>
        <li>Todos os compartilhamentos do seu prontuário terminam na hora: nenhum médico vê mais nada.</li>
        <li>
          Seus dados de cadastro (nome, e-mail, CPF, celular, nascimento e endereço) são apagados, e você não
          consegue mais entrar. O mesmo e-mail e CPF podem abrir uma conta nova depois.
        </li>
        <li>
          Seu prontuário (documentos e histórico de acessos) fica guardado, cifrado, por 20 anos, como exige a
          lei (Lei 13.787/2018); ninguém o acessa pelo aplicativo. Consultas já realizadas continuam no
          registro dos médicos.
        </li>
      </ul>
      <p>
        Quer uma cópia de tudo antes? <Link to="/prontuario#exportar">Exporte os seus dados</Link> no
        Prontuário primeiro.
      </p>
      <form className="formulario" onSubmit={enviar} noValidate aria-label="Encerrar minha conta">
        {envio.erro && <Alerta tipo="erro">{envio.erro}</Alerta>}
        <CampoSenha
          rotulo="Senha atual"
          name="senha"
          autoComplete="current-password"
          value={senha}
          onChange={(e) => setSenha(e.target.value)}
          erro={envio.erros.senha}
        />
        <Campo
          rotulo={`Para confirmar, digite ${CONFIRMACAO}`}
          name="confirmacao"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          value={confirmacao}
          onChange={(e) => setConfirmacao(e.target.value)}
          erro={envio.erros.confirmacao}
        />
        <Botao type="submit" className="botao--perigo" carregando={envio.enviando}>
          Encerrar minha conta
        </Botao>
      </form>
    </section>
  );
}
