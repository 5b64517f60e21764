import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Memoria } from "./testes/memoria";

const tokens = (n: number) => ({
  access_token: `acesso-${n}`,
  refresh_token: `renovacao-${n}`,
  token_type: "Bearer",
  expires_in: 900,
  papel: "paciente",
  usuario_id: "u-1",
});

const json = (status: number, corpo: unknown) =>
  new Response(JSON.stringify(corpo), { status, headers: { "Content-Type": "application/json" } });

/** The server's side of the conversation: which access tokens it accepts, what refresh answers. */
function servidor(validos: Set<string>, renovar: () => Response) {
  const pedidos: { url: string; auth: string | null; csrf: string | null; corpo: boolean }[] = [];
  const fetch = vi.fn(async (entrada: RequestInfo | URL, init?: RequestInit) => {
    const pedido =
      entrada instanceof Request ? entrada : new Request(new URL(String(entrada), "http://x"), init);
    const auth = pedido.headers.get("Authorization");
    pedidos.push({
      url: pedido.url,
      auth,
      csrf: pedido.headers.get("X-HealthMed-CSRF"),
      corpo: pedido.body !== null,
    });
    if (pedido.url.endsWith("/api/auth/refresh")) return renovar();
    const token = auth?.replace("Bearer ", "") ?? "";
    return validos.has(token)
      ? json(200, { ok: true })
      : json(401, { status: 401, detail: "Token expirado" });
  });
  return { fetch, pedidos };
}

async function carregar() {
  vi.resetModules();
  const session = await import("./session");
  const cliente = await import("./api-client");
  return { session, cliente };
}

beforeEach(() => {
  vi.stubGlobal("localStorage", new Memoria());
  vi.stubGlobal("sessionStorage", new Memoria());
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("fetchAutenticado", () => {
  it("envia o token de acesso da sessão", async () => {
    const s = servidor(new Set(["acesso-1"]), () => json(500, {}));
    vi.stubGlobal("fetch", s.fetch);
    const { session, cliente } = await carregar();
    session.iniciarSessao(tokens(1) as never);
    const r = await cliente.fetchAutenticado(new Request("http://x/api/consultas"));
    expect(r.status).toBe(200);
    expect(s.pedidos.map((p) => p.auth)).toEqual(["Bearer acesso-1"]);
  });

  it("num 401 renova pelo cookie (com o cabeçalho, sem corpo), guarda o novo acesso e repete", async () => {
    const s = servidor(new Set(["acesso-2"]), () => json(200, tokens(2)));
    vi.stubGlobal("fetch", s.fetch);
    const { session, cliente } = await carregar();
    session.iniciarSessao(tokens(1) as never);
    const r = await cliente.fetchAutenticado(new Request("http://x/api/consultas"));
    expect(r.status).toBe(200);
    expect(s.pedidos.map((p) => p.auth)).toEqual(["Bearer acesso-1", null, "Bearer acesso-2"]);
    const renovacao = s.pedidos[1];
    expect(renovacao?.csrf).toBe("1");
    expect(renovacao?.corpo).toBe(false); // the refresh token is the cookie's, never the app's
    expect(session.obterSessao()?.accessToken).toBe("acesso-2");
  });

  it("quem nunca entrou neste navegador não pergunta ao servidor ao iniciar", async () => {
    const s = servidor(new Set(), () => json(401, {}));
    vi.stubGlobal("fetch", s.fetch);
    const { session } = await carregar();
    expect(await session.restaurarSessao()).toBeNull();
    expect(s.pedidos).toHaveLength(0);
  });

  it("nada da sessão fica no localStorage; a antiga (com refresh token) é apagada ao iniciar", async () => {
    const s = servidor(new Set(["acesso-2"]), () => json(200, tokens(2)));
    vi.stubGlobal("fetch", s.fetch);
    localStorage.setItem("healthmed.sessao", JSON.stringify({ refreshToken: "antigo" }));
    localStorage.setItem("healthmed.entrou", "1"); // no secret: "this browser was logged in"
    const { session } = await carregar();
    const restaurada = await session.restaurarSessao();
    expect(restaurada?.accessToken).toBe("acesso-2");
    expect(localStorage.getItem("healthmed.sessao")).toBeNull();
    const guardado = Array.from({ length: localStorage.length }, (_, i) =>
      localStorage.getItem(localStorage.key(i) ?? ""),
    ).join(" ");
    expect(guardado).not.toContain("acesso-2");
    expect(guardado).not.toContain("renovacao");
  });

  it("renova antes de pedir quando o token de acesso está para vencer", async () => {
    const s = servidor(new Set(["acesso-2"]), () => json(200, tokens(2)));
    vi.stubGlobal("fetch", s.fetch);
    const { session, cliente } = await carregar();
    session.iniciarSessao({ ...tokens(1), expires_in: 5 } as never);
    await cliente.fetchAutenticado(new Request("http://x/api/consultas"));
    expect(s.pedidos.map((p) => p.auth)).toEqual([null, "Bearer acesso-2"]);
  });

  it("pedidos simultâneos compartilham uma única renovação (o refresh token roda uma vez)", async () => {
    const s = servidor(new Set(["acesso-2"]), () => json(200, tokens(2)));
    vi.stubGlobal("fetch", s.fetch);
    const { session, cliente } = await carregar();
    session.iniciarSessao(tokens(1) as never);
    const respostas = await Promise.all(
      [1, 2, 3].map(() => cliente.fetchAutenticado(new Request("http://x/api/consultas"))),
    );
    expect(respostas.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(s.pedidos.filter((p) => p.url.endsWith("/auth/refresh"))).toHaveLength(1);
  });

  it("se a renovação é recusada, encerra a sessão e avisa o login que ela expirou", async () => {
    const s = servidor(new Set(), () => json(401, { status: 401, detail: "Sessão revogada" }));
    vi.stubGlobal("fetch", s.fetch);
    const { session, cliente } = await carregar();
    session.iniciarSessao(tokens(1) as never);
    const r = await cliente.fetchAutenticado(new Request("http://x/api/consultas"));
    expect(r.status).toBe(401);
    expect(session.obterSessao()).toBeNull();
    expect(session.consumirMotivoSaida()).toBe("expirada");
    expect(session.consumirMotivoSaida()).toBeNull();
  });

  it("sem sessão, um 401 volta como está, sem tentar renovar", async () => {
    const s = servidor(new Set(), () => json(200, tokens(2)));
    vi.stubGlobal("fetch", s.fetch);
    const { cliente } = await carregar();
    const r = await cliente.fetchAutenticado(new Request("http://x/api/auth/login", { method: "POST" }));
    expect(r.status).toBe(401);
    expect(s.pedidos).toHaveLength(1);
  });
});
