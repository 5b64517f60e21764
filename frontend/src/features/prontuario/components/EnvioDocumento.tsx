import { useId, useRef, useState, type DragEvent, type FormEvent } from "react";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { Selecao } from "@/components/Campo";
import { formatarTamanho } from "@/lib/format";
import { useEnvio } from "@/lib/use-envio";
import {
  TAMANHO_MAXIMO,
  TIPOS_ACEITOS,
  confirmarEnvio,
  enviarBytes,
  pedirEnvio,
  sha256DoArquivo,
  type Categoria,
} from "../api/documentos";

export const CATEGORIAS: { valor: Categoria; rotulo: string }[] = [
  { valor: "exame", rotulo: "Exame" },
  { valor: "laudo", rotulo: "Laudo" },
  { valor: "receita", rotulo: "Receita" },
  { valor: "vacina", rotulo: "Vacina" },
  { valor: "outro", rotulo: "Outro" },
];

/** Uploads one document: pick or drop a file, choose its category, watch the progress. */
export function EnvioDocumento({
  pacienteId,
  aoEnviar,
}: {
  pacienteId: string;
  aoEnviar: (nome: string) => void;
}) {
  const [arquivo, setArquivo] = useState<File | null>(null);
  const [categoria, setCategoria] = useState<Categoria>("exame");
  const [progresso, setProgresso] = useState<number | null>(null);
  const [arrastando, setArrastando] = useState(false);
  const entrada = useRef<HTMLInputElement>(null);
  const envio = useEnvio();
  const id = useId();

  function escolher(lista: FileList | null) {
    envio.limpar();
    const f = lista?.[0] ?? null;
    if (!f) return;
    if (!TIPOS_ACEITOS.includes(f.type)) {
      envio.definirErros({ arquivo: "Envie PDF, JPEG, PNG ou texto simples" });
      return;
    }
    if (f.size > TAMANHO_MAXIMO) {
      envio.definirErros({ arquivo: `O arquivo tem ${formatarTamanho(f.size)}; o máximo é 25 MB` });
      return;
    }
    setArquivo(f);
  }

  function soltar(evento: DragEvent<HTMLLabelElement>) {
    evento.preventDefault();
    setArrastando(false);
    escolher(evento.dataTransfer.files);
  }

  async function enviar(evento: FormEvent) {
    evento.preventDefault();
    if (!arquivo) return envio.definirErros({ arquivo: "Escolha um arquivo" });
    const nome = arquivo.name;
    setProgresso(0);
    const ok = await envio.enviar(async () => {
      // The hash of the very file chosen, before it leaves: confirmation proves these bytes.
      const sha256 = await sha256DoArquivo(arquivo);
      const pedido = await pedirEnvio(pacienteId, arquivo, categoria);
      await enviarBytes(pedido.upload, arquivo, setProgresso);
      await confirmarEnvio(pacienteId, pedido.documento.id, sha256);
    });
    setProgresso(null);
    if (ok) {
      setArquivo(null);
      if (entrada.current) entrada.current.value = "";
      aoEnviar(nome);
    }
  }

  return (
    <form className="formulario" onSubmit={enviar} noValidate aria-label="Enviar documento">
      {envio.erro && <Alerta tipo="erro">{envio.erro}</Alerta>}
      <label
        htmlFor={`${id}-arquivo`}
        className={`zona-soltar${arrastando ? " zona-soltar--ativa" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setArrastando(true);
        }}
        onDragLeave={() => setArrastando(false)}
        onDrop={soltar}
      >
        <strong>{arquivo ? arquivo.name : "Arraste um arquivo para cá"}</strong>
        <span>
          {arquivo
            ? formatarTamanho(arquivo.size)
            : "ou toque para escolher · PDF, JPEG, PNG ou texto, até 25 MB"}
        </span>
      </label>
      <input
        ref={entrada}
        id={`${id}-arquivo`}
        name="arquivo"
        type="file"
        className="visualmente-oculto"
        accept={TIPOS_ACEITOS.join(",")}
        aria-invalid={envio.erros.arquivo ? true : undefined}
        aria-describedby={envio.erros.arquivo ? `${id}-erro` : undefined}
        onChange={(e) => escolher(e.target.files)}
      />
      {envio.erros.arquivo && (
        <span id={`${id}-erro`} className="campo__erro">
          {envio.erros.arquivo}
        </span>
      )}
      <Selecao
        rotulo="Categoria"
        name="categoria"
        value={categoria}
        onChange={(e) => setCategoria(e.target.value as Categoria)}
      >
        {CATEGORIAS.map((c) => (
          <option key={c.valor} value={c.valor}>
            {c.rotulo}
          </option>
        ))}
      </Selecao>
      {progresso !== null && (
        <div className="progresso">
          <label htmlFor={`${id}-progresso`}>Enviando… {Math.round(progresso * 100)}%</label>
          <progress id={`${id}-progresso`} max={1} value={progresso} />
        </div>
      )}
      <Botao type="submit" carregando={envio.enviando}>
        Enviar documento
      </Botao>
    </form>
  );
}
