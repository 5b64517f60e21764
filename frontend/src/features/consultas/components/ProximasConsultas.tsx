import { Link } from "react-router";
import { Carregando } from "@/components/Estados";
import { formatarDataHora } from "@/lib/format";
import type { Papel } from "@/lib/session";
import { useRecurso } from "@/lib/use-recurso";
import { listarConsultas } from "../api/consultas";
import { AdicionarAoCalendario } from "./AdicionarAoCalendario";
import { SeloStatus } from "./StatusConsulta";
import "../consultas.css";

/** The next three active appointments, for the signed-in home. */
export function ProximasConsultas({ papel }: { papel: Papel }) {
  const consultas = useRecurso(listarConsultas, []);
  if (consultas.estado === "carregando") return <Carregando texto="Carregando suas consultas…" />;
  if (consultas.estado === "erro") return null;
  const agora = new Date().toISOString();
  const proximas = consultas.dados
    .filter((c) => (c.status === "pendente" || c.status === "confirmada") && c.fim > agora)
    .sort((a, b) => a.inicio.localeCompare(b.inicio))
    .slice(0, 3);
  return (
    <section className="cartao proximas" aria-labelledby="titulo-proximas-inicio">
      <h2 id="titulo-proximas-inicio">Próximas consultas</h2>
      {proximas.length === 0 ? (
        <p className="subtitulo">
          {papel === "paciente" ? (
            <>
              Nenhuma consulta marcada. <Link to="/buscar">Encontre um médico</Link>.
            </>
          ) : (
            <>
              Nenhuma consulta marcada. <Link to="/agenda">Abra horários na sua agenda</Link>.
            </>
          )}
        </p>
      ) : (
        <ul className="proximas__lista">
          {proximas.map((c) => (
            <li key={c.id}>
              <span className="proximas__quando">{formatarDataHora(c.inicio)}</span>
              <span>{papel === "paciente" ? c.medico.nome : c.paciente.nome}</span>
              <SeloStatus status={c.status} />
              <AdicionarAoCalendario
                consultaId={c.id}
                com={papel === "paciente" ? c.medico.nome : c.paciente.nome}
                quando={formatarDataHora(c.inicio)}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
