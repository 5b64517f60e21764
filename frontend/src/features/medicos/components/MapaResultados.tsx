import { useEffect, useId, useRef, useState } from "react";
import {
  agrupar,
  caixaDe,
  distanciaKm,
  juntarProximos,
  projetar,
  rotuloAlfinete,
  type Ponto,
} from "@/lib/mapa";
import { carregarMunicipios, type Municipio } from "@/lib/municipios";
import type { MedicoEncontrado } from "../api/buscar-medicos";
import { nomeDoMedico } from "../tratamento";

interface Props {
  medicos: MedicoEncontrado[];
  /** Where the search is centred, and what to call it ("Você", "Campinas – SP"). */
  origem?: (Ponto & { rotulo: string }) | undefined;
  raioKm?: number | undefined;
}

const MAX_ROTULOS = 8;
const MARGEM_X = 24;
const MARGEM_TOPO = 44;
const MARGEM_BASE = 28;

/**
 * The page's results on a map drawn by the app: the municipalities' seats as the background,
 * the search point and its radius, and one numbered pin per place (the numbers are the
 * positions in the list). The list stays the accessible way to the doctors; the map is an
 * image with a text summary.
 */
export function MapaResultados({ medicos, origem, raioKm }: Props) {
  const id = useId();
  // Drawn at the width it is shown at, so that pins and labels keep their size on a phone.
  const figura = useRef<HTMLElement>(null);
  const [largura, setLargura] = useState(640);
  useEffect(() => {
    const elemento = figura.current;
    if (!elemento || typeof ResizeObserver === "undefined") return;
    const observador = new ResizeObserver(([entrada]) => {
      const medida = Math.round(entrada?.contentRect.width ?? 0);
      if (medida > 0) setLargura(medida);
    });
    observador.observe(elemento);
    return () => observador.disconnect();
  }, []);
  const [municipios, setMunicipios] = useState<Municipio[]>([]);
  useEffect(() => {
    let vigente = true;
    carregarMunicipios().then(
      (lista) => vigente && setMunicipios(lista),
      () => undefined, // Without the background the pins still make sense.
    );
    return () => {
      vigente = false;
    };
  }, []);

  const grupos = agrupar(medicos, (m) => m.localizacao);
  const caixa = caixaDe(
    grupos.map((g) => g.ponto),
    { centro: origem, raioKm },
  );
  const semLocal = medicos.length - grupos.reduce((n, g) => n + g.itens.length, 0);
  if (!caixa) {
    return (
      <figure className="mapa cartao" ref={figura}>
        <p className="mapa__vazio">Nenhum destes médicos informou onde atende.</p>
      </figure>
    );
  }
  // Room around the box for the pins (they stand above their point) and the labels.
  const proj = projetar(caixa, Math.max(largura - 2 * MARGEM_X, 120));
  const naTela = ([x, y]: [number, number]) =>
    x >= -MARGEM_X && x <= proj.largura + MARGEM_X && y >= -MARGEM_TOPO && y <= proj.altura + MARGEM_BASE;
  const visiveis = municipios.filter((m) => naTela(proj.xy(m)));
  const centro = origem ?? { lat: (caixa.latMin + caixa.latMax) / 2, lon: (caixa.lonMin + caixa.lonMax) / 2 };
  const rotulados = [...visiveis]
    .sort((a, b) => Number(b.capital) - Number(a.capital) || distanciaKm(a, centro) - distanciaKm(b, centro))
    .slice(0, MAX_ROTULOS);
  const pontoMunicipio = visiveis.length > 400 ? 1.2 : 2.5;
  const raioDesenho = raioKm ? raioKm / proj.kmPorUnidade : 0;
  const escala = escalaDe(proj.largura * proj.kmPorUnidade);
  const alfinetes = juntarProximos(grupos, proj.xy);
  const altura = Math.round(proj.altura + MARGEM_TOPO + MARGEM_BASE);

  const resumo =
    `${grupos.length === 1 ? "1 local" : `${grupos.length} locais`} com ` +
    `${medicos.length - semLocal === 1 ? "1 médico" : `${medicos.length - semLocal} médicos`}` +
    (origem ? `, em volta de ${origem.rotulo}` : "") +
    (raioKm ? `, num raio de ${raioKm} km` : "") +
    ". " +
    grupos
      .map((g) => `${g.posicoes.join(", ")}: ${g.itens.map((m) => nomeDoMedico(m)).join(", ")}`)
      .join("; ");

  return (
    <figure className="mapa cartao" ref={figura}>
      <svg
        viewBox={`${-MARGEM_X} ${-MARGEM_TOPO} ${proj.largura + 2 * MARGEM_X} ${altura}`}
        role="img"
        aria-labelledby={`${id}-titulo ${id}-desc`}
        className="mapa__desenho"
      >
        <title id={`${id}-titulo`}>Mapa dos resultados</title>
        <desc id={`${id}-desc`}>{resumo}</desc>
        <rect
          x={-MARGEM_X}
          y={-MARGEM_TOPO}
          width={proj.largura + 2 * MARGEM_X}
          height={altura}
          className="mapa__fundo"
        />
        {visiveis.map((m) => {
          const [x, y] = proj.xy(m);
          return <circle key={m.codigo} cx={x} cy={y} r={pontoMunicipio} className="mapa__municipio" />;
        })}
        {rotulados.map((m) => {
          const [x, y] = proj.xy(m);
          return (
            <text key={m.codigo} x={x + 5} y={y - 5} className="mapa__rotulo">
              {nomeDoMedico(m)}
            </text>
          );
        })}
        {origem && raioDesenho > 0 && (
          <circle cx={proj.xy(origem)[0]} cy={proj.xy(origem)[1]} r={raioDesenho} className="mapa__raio" />
        )}
        {alfinetes.map((g) => {
          const [x, y] = proj.xy(g.ponto);
          const texto = rotuloAlfinete(g.posicoes);
          const largura = Math.max(26, 9 * texto.length + 12);
          return (
            <g key={g.posicoes.join("-")} className="mapa__alfinete" transform={`translate(${x} ${y})`}>
              <path d={`M0 0 L-6 -12 H${-largura / 2} V-36 H${largura / 2} V-12 H6 Z`} />
              <text x={0} y={-19} textAnchor="middle">
                {texto}
              </text>
            </g>
          );
        })}
        {/* The search point last: pins never hide it. */}
        {origem && <circle cx={proj.xy(origem)[0]} cy={proj.xy(origem)[1]} r={7} className="mapa__origem" />}
        <g
          className="mapa__escala"
          transform={`translate(${16 - MARGEM_X} ${proj.altura + MARGEM_BASE - 16})`}
        >
          <line x1={0} x2={escala / proj.kmPorUnidade} y1={0} y2={0} />
          <text x={0} y={-6}>
            {escala} km
          </text>
        </g>
      </svg>
      <figcaption className="mapa__legenda">
        {origem && <span className="mapa__legenda-origem">{origem.rotulo}</span>}
        <span>Os números são as posições na lista.</span>
        {semLocal > 0 && (
          <span>
            {semLocal === 1 ? "1 médico não informou" : `${semLocal} médicos não informaram`} onde atende.
          </span>
        )}
        <span>Desenhado pelo HealthMed: nenhum serviço de mapas fica sabendo onde você procura.</span>
      </figcaption>
    </figure>
  );
}

/** A round scale length, about a fifth of the map's width. */
function escalaDe(larguraKm: number): number {
  const alvo = larguraKm / 5;
  const ordem = 10 ** Math.floor(Math.log10(alvo));
  return (
    [1, 2, 5, 10]
      .map((f) => f * ordem)
      .filter((v) => v <= alvo)
      .pop() ?? ordem
  );
}
