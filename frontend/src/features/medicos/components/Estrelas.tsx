import { formatarNota } from "@/lib/format";

/**
 * The average rating as a star and a number, read out in full by screen readers: an image
 * with its name (an `aria-label` on a plain `span` is ignored and left the rating silent).
 */
export function Estrelas({ media, total }: { media: number | null; total: number }) {
  if (media === null || total === 0) return <span className="nota nota--vazia">Sem avaliações</span>;
  const texto = `${total} ${total === 1 ? "avaliação" : "avaliações"}`;
  return (
    <span className="nota" role="img" aria-label={`Nota ${formatarNota(media)} de 5, ${texto}`}>
      <span aria-hidden="true" className="nota__estrela">
        ★
      </span>
      <strong aria-hidden="true">{formatarNota(media)}</strong>
      <span aria-hidden="true" className="nota__total">
        ({texto})
      </span>
    </span>
  );
}
