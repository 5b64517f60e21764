/**
 * The API answers errors as RFC 9457 problem+json in Portuguese:
 * `{"type","title","status","detail","erros":[{"campo","mensagem"}]}`.
 * This module turns any failure (problem, other body, network) into what a form shows:
 * one message and, for validation failures, a message per field.
 */

export interface ErroCampo {
  campo: string;
  mensagem: string;
}

export interface Problema {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  erros?: ErroCampo[];
}

/** A failed API call, carrying the problem the server answered. */
export class ErroApi extends Error {
  readonly problema: Problema;
  readonly retryAfter: number | null;

  constructor(problema: Problema, retryAfter: number | null = null) {
    super(mensagemDoProblema(problema, retryAfter));
    this.name = "ErroApi";
    this.problema = problema;
    this.retryAfter = retryAfter;
  }

  get status(): number {
    return this.problema.status;
  }
}

const PADRAO: Record<number, string> = {
  400: "Não foi possível concluir o pedido.",
  401: "Sua sessão terminou. Entre novamente.",
  403: "Você não tem permissão para isso.",
  404: "Não encontramos o que você procurou.",
  409: "Isso conflita com algo que já existe.",
  413: "O conteúdo é grande demais.",
  415: "Tipo de arquivo não aceito.",
  422: "Confira os dados informados.",
  429: "Muitas tentativas. Aguarde um pouco e tente de novo.",
};

function ehProblema(corpo: unknown): corpo is Partial<Problema> {
  return typeof corpo === "object" && corpo !== null && ("detail" in corpo || "title" in corpo);
}

/** Builds the problem from whatever body a failed response had. */
export function paraProblema(status: number, corpo: unknown): Problema {
  if (ehProblema(corpo)) {
    const erros = Array.isArray(corpo.erros)
      ? corpo.erros.filter(
          (e): e is ErroCampo =>
            typeof e === "object" &&
            e !== null &&
            typeof e.campo === "string" &&
            typeof e.mensagem === "string",
        )
      : undefined;
    return {
      status,
      ...(typeof corpo.type === "string" ? { type: corpo.type } : {}),
      ...(typeof corpo.title === "string" ? { title: corpo.title } : {}),
      ...(typeof corpo.detail === "string" ? { detail: corpo.detail } : {}),
      ...(erros ? { erros } : {}),
    };
  }
  return { status };
}

/** The one sentence to show for a problem. */
export function mensagemDoProblema(problema: Problema, retryAfter: number | null = null): string {
  if (problema.status === 429 && retryAfter) {
    return `Muitas tentativas. Tente de novo em ${retryAfter} s.`;
  }
  if (problema.status === 422 && problema.erros?.length) return PADRAO[422] ?? "";
  if (problema.detail) return problema.detail;
  if (problema.status === 0) return "Sem conexão com o servidor. Verifique sua internet e tente de novo.";
  if (problema.status >= 500) return "O serviço está com problemas. Tente de novo em instantes.";
  return PADRAO[problema.status] ?? problema.title ?? "Algo deu errado. Tente de novo.";
}

/**
 * Field errors keyed by the form's field name. A nested server field (`endereco.cep`) also
 * answers to its last part, and `corpo` (the whole body) stays out: it goes to the summary.
 */
export function errosPorCampo(problema: Problema): Record<string, string> {
  const porCampo: Record<string, string> = {};
  for (const { campo, mensagem } of problema.erros ?? []) {
    if (campo === "corpo") continue;
    porCampo[campo] ??= mensagem;
    const ultimo = campo.split(".").pop();
    if (ultimo && ultimo !== campo) porCampo[ultimo] ??= mensagem;
  }
  return porCampo;
}

/** Any thrown value as a problem (network failures become status 0). */
export function problemaDe(erro: unknown): Problema {
  if (erro instanceof ErroApi) return erro.problema;
  return { status: 0 };
}
