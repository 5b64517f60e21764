/**
 * Cities a patient can search around when the browser's location is not shared: the state
 * capitals and other large municipalities, with the coordinates of their centre (IBGE).
 */
export interface Cidade {
  nome: string;
  uf: string;
  lat: number;
  lon: number;
}

export const CIDADES: Cidade[] = [
  { nome: "Aracaju", uf: "SE", lat: -10.9472, lon: -37.0731 },
  { nome: "Belém", uf: "PA", lat: -1.4558, lon: -48.4902 },
  { nome: "Belo Horizonte", uf: "MG", lat: -19.9167, lon: -43.9345 },
  { nome: "Boa Vista", uf: "RR", lat: 2.8235, lon: -60.6758 },
  { nome: "Brasília", uf: "DF", lat: -15.7939, lon: -47.8828 },
  { nome: "Campina Grande", uf: "PB", lat: -7.2307, lon: -35.8811 },
  { nome: "Campinas", uf: "SP", lat: -22.9056, lon: -47.0608 },
  { nome: "Campo Grande", uf: "MS", lat: -20.4697, lon: -54.6201 },
  { nome: "Caxias do Sul", uf: "RS", lat: -29.1678, lon: -51.1794 },
  { nome: "Cuiabá", uf: "MT", lat: -15.601, lon: -56.0974 },
  { nome: "Curitiba", uf: "PR", lat: -25.4284, lon: -49.2733 },
  { nome: "Feira de Santana", uf: "BA", lat: -12.2664, lon: -38.9663 },
  { nome: "Florianópolis", uf: "SC", lat: -27.5954, lon: -48.548 },
  { nome: "Fortaleza", uf: "CE", lat: -3.7172, lon: -38.5433 },
  { nome: "Goiânia", uf: "GO", lat: -16.6869, lon: -49.2648 },
  { nome: "Guarulhos", uf: "SP", lat: -23.4543, lon: -46.5337 },
  { nome: "João Pessoa", uf: "PB", lat: -7.1195, lon: -34.845 },
  { nome: "Joinville", uf: "SC", lat: -26.3045, lon: -48.8487 },
  { nome: "Juiz de Fora", uf: "MG", lat: -21.7642, lon: -43.3503 },
  { nome: "Londrina", uf: "PR", lat: -23.3045, lon: -51.1696 },
  { nome: "Macapá", uf: "AP", lat: 0.0349, lon: -51.0694 },
  { nome: "Maceió", uf: "AL", lat: -9.6658, lon: -35.7353 },
  { nome: "Manaus", uf: "AM", lat: -3.119, lon: -60.0217 },
  { nome: "Natal", uf: "RN", lat: -5.7945, lon: -35.211 },
  { nome: "Niterói", uf: "RJ", lat: -22.8832, lon: -43.1034 },
  { nome: "Palmas", uf: "TO", lat: -10.184, lon: -48.3336 },
  { nome: "Porto Alegre", uf: "RS", lat: -30.0346, lon: -51.2177 },
  { nome: "Porto Velho", uf: "RO", lat: -8.7612, lon: -63.9004 },
  { nome: "Recife", uf: "PE", lat: -8.0476, lon: -34.877 },
  { nome: "Ribeirão Preto", uf: "SP", lat: -21.1704, lon: -47.8103 },
  { nome: "Rio Branco", uf: "AC", lat: -9.9754, lon: -67.8249 },
  { nome: "Rio de Janeiro", uf: "RJ", lat: -22.9068, lon: -43.1729 },
  { nome: "Salvador", uf: "BA", lat: -12.9714, lon: -38.5014 },
  { nome: "Santos", uf: "SP", lat: -23.9608, lon: -46.3336 },
  { nome: "São José dos Campos", uf: "SP", lat: -23.1791, lon: -45.8872 },
  { nome: "São Luís", uf: "MA", lat: -2.5307, lon: -44.3068 },
  { nome: "São Paulo", uf: "SP", lat: -23.5505, lon: -46.6333 },
  { nome: "Sorocaba", uf: "SP", lat: -23.5015, lon: -47.4526 },
  { nome: "Teresina", uf: "PI", lat: -5.0892, lon: -42.8019 },
  { nome: "Uberlândia", uf: "MG", lat: -18.9186, lon: -48.2772 },
  { nome: "Vitória", uf: "ES", lat: -20.3155, lon: -40.3128 },
];

/** The key a city is chosen by in a URL (`sao-paulo-sp`). */
export function chaveCidade(c: Cidade): string {
  return `${c.nome}-${c.uf}`
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-");
}

/** The city for a URL key, if any. */
export function cidadePorChave(chave: string | null): Cidade | undefined {
  return chave ? CIDADES.find((c) => chaveCidade(c) === chave) : undefined;
}
