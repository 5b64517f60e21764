import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { Pagina } from "@/components/Pagina";
import { encerrarSessao } from "@/lib/session";
import { useEnvio } from "@/lib/use-envio";
import { desfazerTrocaDeEmail } from "../api/desfazer-email";

/**
 * /desfazer-email?token=: the link e-mailed to the old address after a change of e-mail.
 * A button, not an automatic call: mail scanners open links, and must not undo anything.
 */
export function DesfazerEmailRota() {
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const envio = useEnvio();
  const [feito, setFeito] = useState(false);

  async function desfazer() {
    if (await envio.enviar(() => desfazerTrocaDeEmail(token))) {
      encerrarSessao(); // every session of the account ended, this tab's too
      setFeito(true);
    }
  }

  return (
    <div className="cartao cartao--estreito">
      <Pagina titulo="Desfazer a troca de e-mail">
        {feito ? (
          <>
            <Alerta tipo="sucesso">
              O e-mail da conta voltou a ser este e todas as sessões foram encerradas. Enviamos para ele um
              link para você definir uma senha nova.
            </Alerta>
            <p style={{ marginTop: "1rem" }}>
              <Link to="/entrar">Ir para entrar</Link>
            </p>
          </>
        ) : (
          <>
            <p className="subtitulo">
              Se não foi você que trocou o e-mail da sua conta, desfaça a troca: o e-mail volta a ser o
              antigo, todas as sessões são encerradas e enviamos um link para definir uma senha nova.
            </p>
            {envio.erro && <Alerta tipo="erro">{envio.erro}</Alerta>}
            <Botao type="button" largo carregando={envio.enviando} onClick={desfazer} disabled={!token}>
              Desfazer a troca
            </Botao>
          </>
        )}
      </Pagina>
    </div>
  );
}
