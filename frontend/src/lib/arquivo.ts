/**
 * Saving a file the API answered (bytes fetched with the session's token, so a plain link
 * cannot do it): the name the server suggested and the browser's download of a Blob.
 */

/** The file name in a `Content-Disposition` header (`filename="..."`), or `padrao`. */
export function nomeDoAnexo(cabecalho: string | null, padrao: string): string {
  const achado = /filename="([^"]+)"|filename=([^;\s]+)/i.exec(cabecalho ?? "");
  const nome = (achado?.[1] ?? achado?.[2] ?? "").trim();
  // Only a plain file name: never a path the browser would have to clean up.
  return nome && !/[\\/]/.test(nome) ? nome : padrao;
}

/** Saves `arquivo` as `nome` through an object URL and a temporary `<a download>`. */
export function salvarArquivo(arquivo: Blob, nome: string): void {
  const url = URL.createObjectURL(arquivo);
  const link = document.createElement("a");
  link.href = url;
  link.download = nome;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the URL after click() returns: revoke it a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
