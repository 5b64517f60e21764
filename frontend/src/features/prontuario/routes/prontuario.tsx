import { useState } from "react";
import { Alerta } from "@/components/Alerta";
import { Carregando, Vazio } from "@/components/Estados";
import { Pagina } from "@/components/Pagina";
import { formatarDataHoraCurta } from "@/lib/format";
import { useSessao } from "@/lib/session";
import { useRecurso } from "@/lib/use-recurso";
import { listarAcessos, listarCompartilhamentos } from "../api/compartilhamentos";
import { listarDocumentos } from "../api/documentos";
import { listarEvolucoes } from "../api/registro-clinico";
import { listarMeusMedicos } from "../api/meus-medicos";
import { Acessos } from "../components/Acessos";
import { Compartilhamentos } from "../components/Compartilhamentos";
import { EnvioDocumento } from "../components/EnvioDocumento";
import { EvolucaoAssinada } from "../components/Evolucao";
import { ExportarDados } from "../components/ExportarDados";
import { FormCompartilhar } from "../components/FormCompartilhar";
import { ListaDocumentos } from "../components/ListaDocumentos";
import "../prontuario.css";

/** /prontuario: the patient's health record: upload, open, share, revoke, access log. */
export function ProntuarioRota() {
  const sessao = useSessao();
  const pacienteId = sessao?.usuarioId ?? "";
  const [versao, setVersao] = useState(0);
  const [aviso, setAviso] = useState<string | null>(null);
  const documentos = useRecurso(() => listarDocumentos(pacienteId), [pacienteId, versao]);
  const compartilhamentos = useRecurso(() => listarCompartilhamentos(pacienteId), [pacienteId, versao]);
  const acessos = useRecurso(() => listarAcessos(pacienteId), [pacienteId, versao]);
  const medicos = useRecurso(listarMeusMedicos, []);
  const evolucoes = useRecurso(() => listarEvolucoes(pacienteId), [pacienteId]);
  const docs = documentos.estado === "pronto" ? documentos.dados : [];
  const meusMedicos = medicos.estado === "pronto" ? medicos.dados : [];

  function mudou(texto: string) {
    setAviso(texto);
    setVersao((v) => v + 1);
  }

  return (
    <Pagina titulo="Meu prontuário">
      <p className="subtitulo">
        Seus exames e documentos, guardados com criptografia. Só você decide quem vê.
      </p>
      {aviso && <Alerta tipo="sucesso">{aviso}</Alerta>}
      <div className="prontuario">
        <div className="prontuario__coluna">
          <section className="cartao prontuario__enviar" aria-labelledby="titulo-enviar">
            <h2 id="titulo-enviar">Enviar documento</h2>
            <EnvioDocumento pacienteId={pacienteId} aoEnviar={(nome) => mudou(`${nome} enviado.`)} />
          </section>
          <section className="cartao prontuario__compartilhar" aria-labelledby="titulo-compartilhar">
            <h2 id="titulo-compartilhar">Compartilhar com um médico</h2>
            <FormCompartilhar
              pacienteId={pacienteId}
              medicos={meusMedicos}
              documentos={docs}
              aoCompartilhar={(nome) => mudou(`Prontuário compartilhado com ${nome}.`)}
            />
          </section>
          <section className="cartao prontuario__acesso" aria-labelledby="titulo-compartilhamentos">
            <h2 id="titulo-compartilhamentos">Quem tem acesso</h2>
            {compartilhamentos.estado === "pronto" && (
              <Compartilhamentos
                pacienteId={pacienteId}
                compartilhamentos={compartilhamentos.dados}
                medicos={meusMedicos}
                aoMudar={mudou}
              />
            )}
            {compartilhamentos.estado === "erro" && <Alerta tipo="erro">{compartilhamentos.mensagem}</Alerta>}
          </section>
        </div>
        <div className="prontuario__coluna">
          <section className="cartao prontuario__documentos" aria-labelledby="titulo-documentos">
            <h2 id="titulo-documentos">Documentos</h2>
            {documentos.estado === "carregando" && <Carregando />}
            {documentos.estado === "erro" && <Alerta tipo="erro">{documentos.mensagem}</Alerta>}
            {documentos.estado === "pronto" &&
              (docs.length === 0 ? (
                <Vazio titulo="Nenhum documento ainda">
                  <p>Envie exames, laudos, receitas e vacinas para tê-los sempre à mão.</p>
                </Vazio>
              ) : (
                <ListaDocumentos pacienteId={pacienteId} documentos={docs} />
              ))}
          </section>
          <section className="cartao prontuario__evolucoes" aria-labelledby="titulo-evolucoes">
            <h2 id="titulo-evolucoes">Evoluções das consultas</h2>
            {evolucoes.estado === "carregando" && <Carregando />}
            {evolucoes.estado === "erro" && <Alerta tipo="erro">{evolucoes.mensagem}</Alerta>}
            {evolucoes.estado === "pronto" &&
              (evolucoes.dados.length === 0 ? (
                <p className="subtitulo">Nenhuma evolução assinada ainda.</p>
              ) : (
                evolucoes.dados.map((e) => (
                  <EvolucaoAssinada
                    key={e.id}
                    evolucao={e}
                    titulo={`Evolução de ${formatarDataHoraCurta(e.criada_em)}`}
                  />
                ))
              ))}
          </section>
          <section className="cartao prontuario__acessos" aria-labelledby="titulo-acessos">
            <h2 id="titulo-acessos">Histórico de acessos</h2>
            {acessos.estado === "pronto" && <Acessos acessos={acessos.dados} documentos={docs} />}
            {acessos.estado === "erro" && <Alerta tipo="erro">{acessos.mensagem}</Alerta>}
          </section>
          <section id="exportar" className="cartao prontuario__exportar" aria-labelledby="titulo-exportar">
            <h2 id="titulo-exportar">Meus dados</h2>
            <ExportarDados pacienteId={pacienteId} />
          </section>
        </div>
      </div>
    </Pagina>
  );
}
