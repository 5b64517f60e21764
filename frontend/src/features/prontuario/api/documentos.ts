import { api, exigir, type Corpo, type Resposta } from "@/lib/api-client";
import { ErroApi, paraProblema } from "@/lib/problem";

export type Documento = Resposta<"/prontuario/{paciente_id}", "get">["documentos"][number];
export type Categoria = Corpo<"/prontuario/{paciente_id}/upload", "post">["categoria"];
export type Envio = Resposta<"/prontuario/{paciente_id}/upload", "post">;

export const TIPOS_ACEITOS = ["application/pdf", "image/jpeg", "image/png", "text/plain"];
export const TAMANHO_MAXIMO = 25 * 1024 * 1024;

const caminho = (pacienteId: string) => ({ params: { path: { paciente_id: pacienteId } } });

/** GET /prontuario/{id}: the documents the caller may see (all, for the patient). */
export async function listarDocumentos(pacienteId: string): Promise<Documento[]> {
  return (await exigir(api.GET("/prontuario/{paciente_id}", caminho(pacienteId)))).documentos;
}

/** POST /prontuario/{id}/upload: declares a document and gets where to send its bytes. */
export async function pedirEnvio(pacienteId: string, arquivo: File, categoria: Categoria): Promise<Envio> {
  return exigir(
    api.POST("/prontuario/{paciente_id}/upload", {
      ...caminho(pacienteId),
      body: { nome: arquivo.name, categoria, tipo_conteudo: arquivo.type, tamanho: arquivo.size },
    }),
  );
}

/**
 * Sends the bytes to the signed URL (local storage or S3), reporting progress (0..1).
 * XMLHttpRequest, because fetch cannot report upload progress.
 */
export function enviarBytes(
  envio: Envio["upload"],
  arquivo: File,
  progresso: (fracao: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(envio.metodo, envio.url);
    xhr.upload.onprogress = (e) => e.lengthComputable && progresso(e.loaded / e.total);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        progresso(1);
        resolve();
        return;
      }
      let corpo: unknown = null;
      try {
        corpo = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: the status alone explains it
      }
      reject(new ErroApi(paraProblema(xhr.status, corpo)));
    };
    xhr.onerror = () => reject(new ErroApi({ status: 0 }));
    if (envio.metodo === "POST") {
      const form = new FormData();
      for (const [k, v] of Object.entries(envio.campos)) form.append(k, String(v));
      form.append("file", arquivo);
      xhr.send(form);
    } else {
      for (const [k, v] of Object.entries(envio.cabecalhos)) xhr.setRequestHeader(k, String(v));
      xhr.send(arquivo);
    }
  });
}

/**
 * The SHA-256 of the file, in lowercase hex, computed here in the browser; `null` where
 * `crypto.subtle` does not exist (a non-secure context), and then confirmation goes without it.
 */
export async function sha256DoArquivo(arquivo: Blob): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const resumo = await subtle.digest("SHA-256", await arquivo.arrayBuffer());
  return Array.from(new Uint8Array(resumo), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * POST /prontuario/{id}/documentos/{doc}/confirmar: the document becomes available. With
 * `sha256` (of the file this browser uploaded) the service accepts only those exact bytes,
 * so a draft swapped by whoever else held the upload URL is refused (409).
 */
export async function confirmarEnvio(
  pacienteId: string,
  docId: string,
  sha256: string | null = null,
): Promise<Documento> {
  return exigir(
    api.POST("/prontuario/{paciente_id}/documentos/{doc_id}/confirmar", {
      params: { path: { paciente_id: pacienteId, doc_id: docId } },
      ...(sha256 ? { body: { sha256 } } : {}),
    }),
  );
}

/** GET /prontuario/{id}/documentos/{doc}: a short-lived download link. */
export async function linkDoDocumento(pacienteId: string, docId: string): Promise<string> {
  const r = await exigir(
    api.GET("/prontuario/{paciente_id}/documentos/{doc_id}", {
      params: { path: { paciente_id: pacienteId, doc_id: docId } },
    }),
  );
  return r.download.url;
}
