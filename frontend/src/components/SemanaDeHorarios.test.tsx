// @vitest-environment happy-dom
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SemanaDeHorarios, type HorarioDaSemana } from "./SemanaDeHorarios";

// The week view in a DOM: how many times it reads the agenda (one GET each) when it opens.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// Wednesday, 2 December 2026, 15:00: the first read covers up to 1 January 2027, 15:00.
const AGORA = new Date(2026, 11, 2, 15, 0);

let raiz: Root;
let conteiner: HTMLDivElement;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(AGORA);
  conteiner = document.createElement("div");
  document.body.append(conteiner);
  raiz = createRoot(conteiner);
});

afterEach(() => {
  act(() => raiz.unmount());
  conteiner.remove();
  vi.useRealTimers();
});

/** A 30-minute slot on day `dia` of December 2026 (31 < dia: January) at 10:00 local time. */
function horario(id: string, dia: number): HorarioDaSemana {
  const inicio = new Date(2026, 11, dia, 10, 0);
  return { id, inicio: inicio.toISOString(), fim: new Date(inicio.getTime() + 30 * 60_000).toISOString() };
}

/** An agenda holding `horarios`, answering each window as the API does (starts in [de, ate)). */
function agenda(horarios: HorarioDaSemana[]) {
  return vi.fn(async (de: Date, ate: Date) => ({
    horarios: horarios.filter((h) => new Date(h.inicio) >= de && new Date(h.inicio) < ate),
  }));
}

async function abrir(carregar: ReturnType<typeof agenda>, chave = "medico:0") {
  // No StrictMode here: in development it mounts twice (two reads), which production never does.
  await act(async () => {
    raiz.render(
      <SemanaDeHorarios
        titulo="Agenda"
        tituloId="agenda-titulo"
        carregar={carregar}
        chave={chave}
        escolhido={null}
        aoEscolher={() => {}}
      />,
    );
  });
  await vi.waitFor(() => expect(conteiner.querySelector(".agenda__dias")).not.toBeNull());
}

const horas = () =>
  [...conteiner.querySelectorAll<HTMLButtonElement>("button.horario")].map((b) => b.ariaLabel);

describe("SemanaDeHorarios", () => {
  it("abre com uma só leitura da agenda, que acha a primeira semana e a preenche", async () => {
    const carregar = agenda([horario("a", 15), horario("b", 17), horario("c", 22)]);
    await abrir(carregar);
    expect(carregar).toHaveBeenCalledTimes(1);
    expect(carregar).toHaveBeenCalledWith(AGORA, new Date(2027, 0, 1, 15, 0));
    // The week of 14 December, with its two slots (the 22nd is the next week's).
    expect(horas()).toHaveLength(2);
    expect(conteiner.textContent).toContain("14 de dez.");
  });

  it("lê de novo ao mudar de semana e com uma nova chave (um agendamento feito)", async () => {
    const carregar = agenda([horario("a", 3), horario("b", 9)]);
    await abrir(carregar);
    expect(carregar).toHaveBeenCalledTimes(1);
    expect(horas()).toHaveLength(1);

    const proxima = conteiner.querySelector<HTMLButtonElement>('button[aria-label="Próxima semana"]');
    await act(async () => proxima?.click());
    await vi.waitFor(() => expect(carregar).toHaveBeenCalledTimes(2));
    expect(carregar).toHaveBeenLastCalledWith(new Date(2026, 11, 7), new Date(2026, 11, 14));

    await abrir(carregar, "medico:1");
    await vi.waitFor(() => expect(carregar).toHaveBeenCalledTimes(3));
  });

  it("lê a primeira semana à parte só quando ela termina além da primeira leitura", async () => {
    const carregar = agenda([horario("tarde", 30)]);
    await abrir(carregar);
    // The week of 28 December ends on 4 January, past what the first read covered.
    await vi.waitFor(() => expect(carregar).toHaveBeenCalledTimes(2));
    expect(carregar).toHaveBeenLastCalledWith(new Date(2026, 11, 28), new Date(2027, 0, 4));
    await vi.waitFor(() => expect(horas()).toHaveLength(1));
  });
});
