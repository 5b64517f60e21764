import { describe, expect, it } from "vitest";
import { aberturaDaSala, salaAberta } from "./sala";

const consulta = { inicio: "2026-12-07T14:00:00-03:00", fim: "2026-12-07T14:30:00-03:00" };

describe("sala da consulta", () => {
  it("abre 15 minutos antes do início", () => {
    expect(aberturaDaSala(consulta.inicio)).toEqual(new Date("2026-12-07T13:45:00-03:00"));
  });

  it("só pode ser aberta entre 15 minutos antes e o fim", () => {
    expect(salaAberta(consulta, new Date("2026-12-05T14:00:00-03:00"))).toBe(false);
    expect(salaAberta(consulta, new Date("2026-12-07T13:44:59-03:00"))).toBe(false);
    expect(salaAberta(consulta, new Date("2026-12-07T13:45:00-03:00"))).toBe(true);
    expect(salaAberta(consulta, new Date("2026-12-07T14:29:59-03:00"))).toBe(true);
    expect(salaAberta(consulta, new Date("2026-12-07T14:30:00-03:00"))).toBe(false);
  });
});
