import { useEffect, useId, useRef, useState } from "react";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { Carregando } from "@/components/Estados";
import { formatarDataHoraCurta } from "@/lib/format";
import { mensagemDoProblema, problemaDe } from "@/lib/problem";
import { useEnvio } from "@/lib/use-envio";
import { gerarAssinatura, revogarAssinatura, verAssinatura } from "../api/assinatura";
import { copiarTexto, paraWebcal } from "../assinatura";
import "../consultas.css";

type Estado =
  | { fase: "carregando" }
  | { fase: "erro"; mensagem: string }
  /** `url` only right after generating it: the server never shows it again. */
  | { fase: "pronta"; ativaDesde: string | null; url: string | null };

/** "Sua agenda no celular": a secret address the person's calendar app subscribes to (their
 * HealthMed appointments, kept up to date), shown once, replaceable and revocable. */
export function AgendaNoCelular() {
  const id = useId();
  const [estado, setEstado] = useState<Estado>({ fase: "carregando" });
  const [aviso, setAviso] = useState<string | null>(null);
  const [copiaManual, setCopiaManual] = useState(false);
  const campo = useRef<HTMLInputElement>(null);
  const envio = useEnvio();

  useEffect(() => {
    let vigente = true;
    verAssinatura().then(
      (a) =>
        vigente &&
        setEstado({ fase: "pronta", ativaDesde: a.ativa ? (a.criada_em ?? null) : null, url: null }),
      (falha: unknown) =>
        vigente && setEstado({ fase: "erro", mensagem: mensagemDoProblema(problemaDe(falha)) }),
    );
    return () => {
      vigente = false;
    };
  }, []);

  async function gerar() {
    setAviso(null);
    setCopiaManual(false);
    await envio.enviar(async () => {
      const criada = await gerarAssinatura();
      setEstado({ fase: "pronta", ativaDesde: criada.criada_em, url: criada.url });
    });
  }

  async function revogar() {
    setAviso(null);
    setCopiaManual(false);
    const ok = await envio.enviar(async () => {
      await revogarAssinatura();
      setEstado({ fase: "pronta", ativaDesde: null, url: null });
    });
    if (ok) setAviso("Endereço revogado: os calendários que o usavam não recebem mais suas consultas.");
  }

  async function copiar(url: string) {
    if (await copiarTexto(url)) {
      setCopiaManual(false);
      setAviso("Endereço copiado.");
      return;
    }
    // No Clipboard API (plain http, older browsers) or permission refused: select it instead.
    setAviso(null);
    setCopiaManual(true);
    campo.current?.focus();
    campo.current?.select();
  }

  return (
    <section className="cartao assinatura" aria-labelledby={`${id}-titulo`}>
      <h2 id={`${id}-titulo`}>Sua agenda no celular</h2>
      <p className="subtitulo">
        Assine suas consultas no Google Agenda, no Calendário da Apple ou no Outlook: elas aparecem lá e se
        atualizam sozinhas.
      </p>
      {estado.fase === "carregando" && <Carregando texto="Verificando sua assinatura…" />}
      {estado.fase === "erro" && <Alerta tipo="erro">{estado.mensagem}</Alerta>}
      {estado.fase === "pronta" && estado.url && (
        <div className="assinatura__endereco">
          <Alerta tipo="sucesso">
            Endereço gerado. Copie-o agora: por segurança, ele só é mostrado esta vez. Quem tiver o endereço
            vê suas consultas, então não o compartilhe.
          </Alerta>
          <div className="campo">
            <label htmlFor={`${id}-url`}>Endereço de assinatura</label>
            <input
              id={`${id}-url`}
              ref={campo}
              readOnly
              value={estado.url}
              onFocus={(e) => e.currentTarget.select()}
              aria-describedby={copiaManual ? `${id}-manual` : undefined}
            />
            {copiaManual && (
              <span id={`${id}-manual`} className="campo__dica">
                Não foi possível copiar automaticamente: o endereço está selecionado, copie-o com Ctrl+C (no
                celular, toque e segure).
              </span>
            )}
          </div>
          <div className="assinatura__acoes">
            <Botao onClick={() => copiar(estado.url ?? "")}>Copiar</Botao>
            <a className="botao botao--secundario" href={paraWebcal(estado.url)}>
              Abrir no calendário
            </a>
            <Botao variante="texto" onClick={revogar} carregando={envio.enviando}>
              Revogar endereço
            </Botao>
          </div>
        </div>
      )}
      {estado.fase === "pronta" && !estado.url && estado.ativaDesde && (
        <>
          <p>Há um endereço ativo desde {formatarDataHoraCurta(estado.ativaDesde)}.</p>
          <p className="subtitulo">
            Gerar um novo revoga o atual: os calendários que usam o endereço atual deixam de receber suas
            consultas.
          </p>
          <div className="assinatura__acoes">
            <Botao onClick={gerar} carregando={envio.enviando}>
              Gerar novo
            </Botao>
            <Botao variante="secundario" onClick={revogar} disabled={envio.enviando}>
              Revogar
            </Botao>
          </div>
        </>
      )}
      {estado.fase === "pronta" && !estado.url && !estado.ativaDesde && (
        <div className="assinatura__acoes">
          <Botao onClick={gerar} carregando={envio.enviando}>
            Gerar endereço de assinatura
          </Botao>
        </div>
      )}
      {aviso && <Alerta tipo="sucesso">{aviso}</Alerta>}
      {envio.erro && <Alerta tipo="erro">{envio.erro}</Alerta>}
    </section>
  );
}
