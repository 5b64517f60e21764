import { useCallback, useEffect, useState, type ReactNode } from "react";
import { Link, useParams } from "react-router";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { Carregando } from "@/components/Estados";
import { Pagina } from "@/components/Pagina";
import { formatarDataHora } from "@/lib/format";
import { mensagemDoProblema, problemaDe } from "@/lib/problem";
import { useSessao } from "@/lib/session";
import {
  aceitarTermo,
  encerrarConsulta,
  entrarNaSala,
  verConsulta,
  verTermo,
  type ConsultaDaSala,
  type Sala,
  type Termo as TermoDados,
} from "../api/sala";
import { DocumentosDoPaciente, EsperaDoPaciente } from "../components/ParaOMedico";
import { Termo } from "../components/Termo";
import { Video } from "../components/Video";
import { useMidiaLocal, type Midia } from "../hooks/use-midia-local";
import { useSalaChime } from "../hooks/use-sala-chime";
import { useSalaWebRTC, type EstadoSala } from "../hooks/use-sala-webrtc";
import "../sala.css";

type Acesso =
  | { estado: "carregando" }
  | { estado: "termo"; termo: TermoDados }
  | { estado: "liberado"; sala: Sala }
  | { estado: "fechada"; mensagem: string };

const SEM_ICE: RTCIceServer[] = [];

function textoDoEstado(estado: EstadoSala, outro: string): string {
  switch (estado.fase) {
    case "conectando":
      return "Conectando à sala…";
    case "aguardando":
      return estado.mensagem;
    case "negociando":
      return `Conectando com ${outro}…`;
    case "conectada":
      return `Você está em consulta com ${outro}.`;
    case "caiu":
    case "recusada":
      return estado.mensagem;
    case "encerrada":
      return "Você saiu da sala.";
  }
}

/** /sala/{id}: the teleconsultation room (camera preview, the other's video, controls). */
export function SalaRota() {
  const { consultaId = "" } = useParams();
  const sessao = useSessao();
  const [acesso, setAcesso] = useState<Acesso>({ estado: "carregando" });
  const [consulta, setConsulta] = useState<ConsultaDaSala | null>(null);
  const [versao, setVersao] = useState(0);

  useEffect(() => {
    let vigente = true;
    setAcesso({ estado: "carregando" });
    verConsulta(consultaId).then(
      (c) => vigente && setConsulta(c),
      () => undefined,
    );
    entrarNaSala(consultaId).then(
      (sala) => vigente && setAcesso({ estado: "liberado", sala }),
      async (falha: unknown) => {
        const problema = problemaDe(falha);
        if (problema.status === 428) {
          try {
            const termo = await verTermo(consultaId);
            if (vigente) setAcesso({ estado: "termo", termo });
            return;
          } catch (outra) {
            if (vigente) setAcesso({ estado: "fechada", mensagem: mensagemDoProblema(problemaDe(outra)) });
            return;
          }
        }
        if (vigente) setAcesso({ estado: "fechada", mensagem: mensagemDoProblema(problema) });
      },
    );
    return () => {
      vigente = false;
    };
  }, [consultaId, versao]);

  const aceitar = useCallback(
    async (v: string) => {
      await aceitarTermo(consultaId, v);
      setVersao((n) => n + 1);
    },
    [consultaId],
  );

  const outro =
    sessao?.papel === "medico"
      ? (consulta?.paciente.nome ?? "o paciente")
      : (consulta?.medico.nome ?? "o médico");
  const subtitulo = consulta ? `Consulta com ${outro} · ${formatarDataHora(consulta.inicio)}` : null;
  // The doctor is told whether the patient already waits, and reaches the shared documents.
  const doMedico = sessao?.papel === "medico" && consulta !== null;
  const preEntrada = doMedico ? <EsperaDoPaciente consultaId={consultaId} paciente={outro} /> : null;
  // The room closed (the doctor ended it, or its time ran out): read the appointment again, so
  // a patient whose consultation took place is asked to rate it.
  const aoFechar = useCallback(() => {
    verConsulta(consultaId).then(setConsulta, () => undefined);
  }, [consultaId]);
  const encerrar = doMedico
    ? async () => {
        setConsulta(await encerrarConsulta(consultaId));
      }
    : undefined;
  const avaliar = sessao?.papel === "paciente" && consulta?.status === "realizada" && !consulta.avaliacao;

  return (
    <Pagina titulo="Sala de teleconsulta" className="sala">
      {subtitulo && <p className="sala__subtitulo">{subtitulo}</p>}
      {sessao?.papel === "medico" && consulta && (
        <p>
          {/* Another tab: the call goes on while the doctor writes the note or a prescription. */}
          <Link to={`/consultas/${consultaId}/registro`} target="_blank" rel="noopener">
            Registro clínico (abre em outra aba)
          </Link>
        </p>
      )}
      {avaliar && (
        <Alerta tipo="sucesso">
          A consulta terminou. Como foi?{" "}
          <Link to={`/consultas?avaliar=${consultaId}`}>Avaliar a consulta</Link>
        </Alerta>
      )}
      {doMedico && consulta.status === "realizada" && (
        <Alerta tipo="sucesso">
          Consulta encerrada: ela já consta como realizada.{" "}
          <Link to={`/consultas/${consultaId}/registro`}>Escrever o registro clínico</Link>
        </Alerta>
      )}
      {acesso.estado === "carregando" && <Carregando texto="Abrindo a sala…" />}
      {acesso.estado === "fechada" && (
        <>
          <Alerta tipo="erro">{acesso.mensagem}</Alerta>
          <p>
            <Link to="/consultas">Voltar às consultas</Link>
          </p>
        </>
      )}
      {acesso.estado === "termo" && <Termo termo={acesso.termo} aceitar={aceitar} />}
      {acesso.estado === "liberado" && acesso.sala.provedor === "webrtc" && (
        <SalaWebRTC
          sala={acesso.sala}
          outro={outro}
          preEntrada={preEntrada}
          aoFechar={aoFechar}
          encerrar={encerrar}
        />
      )}
      {acesso.estado === "liberado" && acesso.sala.provedor === "chime" && (
        <SalaChime
          sala={acesso.sala}
          outro={outro}
          preEntrada={preEntrada}
          aoFechar={aoFechar}
          encerrar={encerrar}
        />
      )}
      {acesso.estado === "liberado" && doMedico && (
        <DocumentosDoPaciente pacienteId={consulta.paciente.id} paciente={outro} />
      )}
    </Pagina>
  );
}

type Conexao = {
  estado: EstadoSala;
  remoto: MediaStream | null;
  reconectar: () => void;
  marcarSaida: () => void;
};

/** What the room shows: the connection, the other participant, and what precedes joining. */
interface PropsSala {
  sala: Sala;
  outro: string;
  /** Shown above the preview until the user joins (the doctor: whether the patient waits). */
  preEntrada?: ReactNode;
  /** Called when the room closes on the caller (refused, ended). */
  aoFechar: () => void;
  /** The doctor ends the consultation (absent for the patient). */
  encerrar?: () => Promise<void>;
}

function SalaWebRTC({ sala, outro, preEntrada, aoFechar, encerrar }: PropsSala) {
  const { midia, tentarDeNovo } = useMidiaLocal();
  const [naSala, setNaSala] = useState(false);
  const local = midia.estado === "pronta" ? midia.stream : null;
  const conexao = useSalaWebRTC({
    sinalizacaoUrl: sala.sinalizacao_url ?? "",
    iceServers: (sala.ice_servers as RTCIceServer[] | null | undefined) ?? SEM_ICE,
    local,
    ativa: naSala,
  });
  return (
    <Chamada
      midia={midia}
      tentarDeNovo={tentarDeNovo}
      naSala={naSala}
      setNaSala={setNaSala}
      conexao={conexao}
      outro={outro}
      preEntrada={preEntrada}
      aoFechar={aoFechar}
      encerrar={encerrar}
    />
  );
}

/** The same room on Amazon Chime SDK (aws profile). */
function SalaChime({ sala, outro, preEntrada, aoFechar, encerrar }: PropsSala) {
  const { midia, tentarDeNovo } = useMidiaLocal();
  const [naSala, setNaSala] = useState(false);
  const local = midia.estado === "pronta" ? midia.stream : null;
  const conexao = useSalaChime({ sala, local, ativa: naSala, outro });
  return (
    <Chamada
      midia={midia}
      tentarDeNovo={tentarDeNovo}
      naSala={naSala}
      setNaSala={setNaSala}
      conexao={conexao}
      outro={outro}
      preEntrada={preEntrada}
      aoFechar={aoFechar}
      encerrar={encerrar}
    />
  );
}

/** Preview, the other's video and the controls, whatever carries the call. */
function Chamada({
  midia,
  tentarDeNovo,
  naSala,
  setNaSala,
  conexao,
  outro,
  preEntrada,
  aoFechar,
  encerrar,
}: {
  midia: Midia;
  tentarDeNovo: () => void;
  naSala: boolean;
  setNaSala: (v: boolean) => void;
  conexao: Conexao;
  outro: string;
  preEntrada?: ReactNode;
  aoFechar: () => void;
  encerrar?: () => Promise<void>;
}) {
  const [microfone, setMicrofone] = useState(true);
  const [encerrando, setEncerrando] = useState(false);
  const [erroAoEncerrar, setErroAoEncerrar] = useState<string | null>(null);
  const [camera, setCamera] = useState(true);
  const local = midia.estado === "pronta" ? midia.stream : null;
  const { estado, remoto, reconectar, marcarSaida } = conexao;
  const recusada = estado.fase === "recusada";
  useEffect(() => {
    if (recusada) aoFechar();
  }, [recusada, aoFechar]);

  useEffect(() => {
    for (const t of local?.getAudioTracks() ?? []) t.enabled = microfone;
  }, [local, microfone]);
  useEffect(() => {
    for (const t of local?.getVideoTracks() ?? []) t.enabled = camera;
  }, [local, camera]);

  // Leaving turns the camera and the microphone off (nobody stays on air by mistake); entering
  // again turns them on.
  function sair() {
    marcarSaida();
    setNaSala(false);
    setCamera(false);
    setMicrofone(false);
  }

  async function encerrarAgora() {
    if (!encerrar) return;
    setEncerrando(true);
    setErroAoEncerrar(null);
    try {
      await encerrar();
      sair();
    } catch (falha) {
      setErroAoEncerrar(mensagemDoProblema(problemaDe(falha)));
    } finally {
      setEncerrando(false);
    }
  }

  function entrar() {
    reconectar();
    setNaSala(true);
    setCamera(true);
    setMicrofone(true);
  }

  if (midia.estado === "negada")
    return (
      <>
        <Alerta tipo="erro">{midia.mensagem}</Alerta>
        <Botao onClick={tentarDeNovo}>Tentar de novo</Botao>
      </>
    );
  if (midia.estado === "pedindo") return <Carregando texto="Pedindo acesso à câmera e ao microfone…" />;

  const tipoAviso = estado.fase === "caiu" || estado.fase === "recusada" ? "erro" : "info";
  return (
    <>
      {naSala || estado.fase === "encerrada" ? (
        <Alerta tipo={tipoAviso}>{textoDoEstado(estado, outro)}</Alerta>
      ) : (
        <>
          {preEntrada}
          <Alerta>Confira sua imagem e seu som. Quando estiver pronto, entre na sala.</Alerta>
        </>
      )}
      <div className={naSala ? "sala__videos sala__videos--chamada" : "sala__videos"}>
        {naSala && (
          <Video
            stream={remoto}
            rotulo={`Vídeo de ${outro}`}
            semVideo={`${outro[0]?.toUpperCase() ?? ""}${outro.slice(1)} ainda não está com o vídeo na sala.`}
          />
        )}
        <Video stream={local} rotulo="Sua câmera" proprio />
      </div>
      {erroAoEncerrar && <Alerta tipo="erro">{erroAoEncerrar}</Alerta>}
      <div className="sala__controles" role="group" aria-label="Controles da chamada">
        <Botao variante="secundario" aria-pressed={!microfone} onClick={() => setMicrofone((m) => !m)}>
          {microfone ? "Desligar microfone" : "Ligar microfone"}
        </Botao>
        <Botao variante="secundario" aria-pressed={!camera} onClick={() => setCamera((c) => !c)}>
          {camera ? "Desligar câmera" : "Ligar câmera"}
        </Botao>
        {naSala && estado.fase === "caiu" && <Botao onClick={reconectar}>Reconectar</Botao>}
        {naSala && encerrar && (
          <Botao variante="secundario" onClick={encerrarAgora} carregando={encerrando}>
            Encerrar consulta
          </Botao>
        )}
        {naSala ? (
          <Botao className="sala__sair" onClick={sair}>
            Sair da sala
          </Botao>
        ) : (
          <Botao onClick={entrar}>{estado.fase === "encerrada" ? "Entrar de novo" : "Entrar na sala"}</Botao>
        )}
      </div>
      <p>
        <Link to="/consultas">Voltar às consultas</Link>
      </p>
    </>
  );
}
