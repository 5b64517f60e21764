/**
 * The built-in WebRTC room: one RTCPeerConnection to the other participant, negotiated over
 * the consulta service's signaling WebSocket. The token goes in the first message (a browser
 * cannot set headers on a WebSocket, and a URL ends up in logs). The server tells the one who
 * was already waiting to make the offer when the other arrives; ICE candidates that arrive
 * before the remote description are held until it is set.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { obterSessao, precisaRenovar, renovarSessao } from "@/lib/session";

export type EstadoSala =
  | { fase: "conectando" }
  | { fase: "aguardando"; mensagem: string }
  | { fase: "negociando" }
  | { fase: "conectada" }
  | { fase: "caiu"; mensagem: string }
  | { fase: "recusada"; mensagem: string }
  | { fase: "encerrada" };

type Mensagem = {
  tipo: string;
  mensagem?: string;
  status?: number;
  iniciar?: boolean;
  outro_presente?: boolean;
  ice_servers?: RTCIceServer[];
  sdp?: RTCSessionDescriptionInit;
  candidato?: RTCIceCandidateInit;
};

/**
 * Why the server closed the room's connection, for a close code in the 4400 range (they mirror
 * HTTP: 4401 the session ended, 4403 refused or the room closed at the end of the window, 4409
 * the appointment is no longer confirmed, 4428 consent missing). The server's own message (sent
 * just before the close) wins when there is one; these cover a close that came without it.
 */
export function mensagemDeFechamento(codigo: number, doServidor?: string): string {
  if (doServidor) return doServidor;
  switch (codigo) {
    case 4401:
      return "Sua sessão terminou. Entre de novo para voltar à sala.";
    case 4409:
      return "A consulta foi cancelada ou não está mais confirmada; a sala foi fechada.";
    case 4403:
      return "A sala está fechada para você: a consulta terminou ou a entrada não é permitida.";
    case 4428:
      return "Aceite o termo de consentimento da teleconsulta para entrar na sala.";
    default:
      return "Sua entrada na sala foi recusada.";
  }
}

/** The signaling URL on this page's own host (the server's origin may be a proxy's). */
export function urlNoMesmoHost(sinalizacaoUrl: string, local: Location = window.location): string {
  const caminho = new URL(sinalizacaoUrl).pathname;
  const esquema = local.protocol === "https:" ? "wss:" : "ws:";
  return `${esquema}//${local.host}${caminho}`;
}

async function tokenAtual(): Promise<string | null> {
  let sessao = obterSessao();
  if (sessao && precisaRenovar(sessao)) sessao = await renovarSessao(sessao.accessToken);
  return sessao?.accessToken ?? null;
}

interface Opcoes {
  sinalizacaoUrl: string;
  iceServers: RTCIceServer[];
  local: MediaStream | null;
  ativa: boolean;
}

/** Connects while `ativa` and `local` media exist; answers the state and the remote stream. */
export function useSalaWebRTC({ sinalizacaoUrl, iceServers, local, ativa }: Opcoes) {
  const [estado, setEstado] = useState<EstadoSala>({ fase: "conectando" });
  const [remoto, setRemoto] = useState<MediaStream | null>(null);
  const [tentativa, setTentativa] = useState(0);
  const saindo = useRef(false);

  useEffect(() => {
    if (!ativa || !local) return;
    saindo.current = false;
    let ws: WebSocket | null = null;
    let pc: RTCPeerConnection | null = null;
    let pendentes: RTCIceCandidateInit[] = [];
    let servidores = iceServers;
    let vivo = true;

    const enviar = (m: Mensagem) => {
      if (ws?.readyState === WebSocket.OPEN) ws.send(JSON.stringify(m));
    };

    const novaConexao = () => {
      pc?.close();
      pendentes = [];
      setRemoto(null);
      const conexao = new RTCPeerConnection({ iceServers: servidores });
      for (const trilha of local.getTracks()) conexao.addTrack(trilha, local);
      conexao.ontrack = (e) => {
        setRemoto(e.streams[0] ?? new MediaStream([e.track]));
      };
      conexao.onicecandidate = (e) => {
        if (e.candidate) enviar({ tipo: "ice", candidato: e.candidate.toJSON() });
      };
      conexao.onconnectionstatechange = () => {
        if (!vivo || pc !== conexao) return;
        if (conexao.connectionState === "connected") setEstado({ fase: "conectada" });
        if (conexao.connectionState === "failed")
          setEstado({
            fase: "caiu",
            mensagem: "A conexão de vídeo com o outro participante falhou.",
          });
      };
      pc = conexao;
      return conexao;
    };

    const aplicarPendentes = async (conexao: RTCPeerConnection) => {
      for (const c of pendentes) await conexao.addIceCandidate(c);
      pendentes = [];
    };

    // The server's reason, sent just before it closes the connection.
    let motivo: string | undefined;

    const tratar = async (m: Mensagem) => {
      switch (m.tipo) {
        case "bem-vindo":
          if (m.ice_servers) servidores = m.ice_servers;
          novaConexao();
          setEstado(m.outro_presente ? { fase: "negociando" } : { fase: "conectando" });
          break;
        case "aguardando":
          setEstado({ fase: "aguardando", mensagem: m.mensagem ?? "Aguardando o outro participante." });
          break;
        case "participante-entrou": {
          const conexao = novaConexao();
          setEstado({ fase: "negociando" });
          if (m.iniciar) {
            await conexao.setLocalDescription(await conexao.createOffer());
            enviar({ tipo: "oferta", sdp: conexao.localDescription!.toJSON() });
          }
          break;
        }
        case "oferta": {
          const conexao = pc ?? novaConexao();
          await conexao.setRemoteDescription(m.sdp!);
          await aplicarPendentes(conexao);
          await conexao.setLocalDescription(await conexao.createAnswer());
          enviar({ tipo: "resposta", sdp: conexao.localDescription!.toJSON() });
          break;
        }
        case "resposta":
          if (pc) {
            await pc.setRemoteDescription(m.sdp!);
            await aplicarPendentes(pc);
          }
          break;
        case "ice":
          if (!m.candidato) break;
          if (pc?.remoteDescription) await pc.addIceCandidate(m.candidato);
          else pendentes.push(m.candidato);
          break;
        case "participante-saiu":
          novaConexao();
          setEstado({
            fase: "aguardando",
            mensagem: "O outro participante saiu da sala. Aguardando que ele volte…",
          });
          break;
        case "erro":
          if (m.status) {
            motivo = m.mensagem;
            setEstado({ fase: "recusada", mensagem: mensagemDeFechamento(4000 + m.status, m.mensagem) });
          }
          break;
      }
    };

    (async () => {
      const token = await tokenAtual();
      if (!vivo) return;
      if (!token) {
        setEstado({ fase: "recusada", mensagem: "Sua sessão terminou. Entre de novo para acessar a sala." });
        return;
      }
      setEstado({ fase: "conectando" });
      ws = new WebSocket(urlNoMesmoHost(sinalizacaoUrl));
      ws.onopen = () => ws?.send(JSON.stringify({ tipo: "autenticar", token }));
      // Messages are handled one at a time, in order (an answer must not overtake its offer).
      let fila = Promise.resolve();
      ws.onmessage = (e) => {
        const m = JSON.parse(String(e.data)) as Mensagem;
        fila = fila
          .then(() => (vivo ? tratar(m) : undefined))
          .catch(() => {
            setEstado({ fase: "caiu", mensagem: "Não foi possível negociar a conexão de vídeo." });
          });
      };
      ws.onclose = (e) => {
        if (!vivo || saindo.current) return;
        if (e.code >= 4400 && e.code < 4500) {
          // The server ended this participant's place in the room (logout, cancellation, end
          // of the window): the video ends with it, not only the signaling.
          pc?.close();
          pc = null;
          setRemoto(null);
          setEstado({ fase: "recusada", mensagem: mensagemDeFechamento(e.code, motivo) });
          return;
        }
        setEstado({
          fase: "caiu",
          mensagem: "A conexão com a sala caiu. Verifique sua internet e tente reconectar.",
        });
      };
    })();

    return () => {
      vivo = false;
      ws?.close(1000);
      pc?.close();
      setRemoto(null);
    };
  }, [ativa, local, sinalizacaoUrl, iceServers, tentativa]);

  const reconectar = useCallback(() => setTentativa((t) => t + 1), []);
  const marcarSaida = useCallback(() => {
    saindo.current = true;
    setEstado({ fase: "encerrada" });
  }, []);

  return { estado, remoto, reconectar, marcarSaida };
}
