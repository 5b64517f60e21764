import { useState, type FormEvent } from "react";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { CampoSenha } from "@/components/CampoSenha";
import { useEnvio } from "@/lib/use-envio";
import { confirmarRecuperacao } from "../api/recuperar";

/** Sets the new password with the token of the e-mailed link. */
export function FormNovaSenha({ token, aoConcluir }: { token: string; aoConcluir: () => void }) {
  const [senha, setSenha] = useState("");
  const [confirmacao, setConfirmacao] = useState("");
  const envio = useEnvio();

  async function enviar(evento: FormEvent) {
    evento.preventDefault();
    if (senha.length < 8)
      return envio.definirErros({ nova_senha: "A senha deve ter pelo menos 8 caracteres" });
    if (senha !== confirmacao) return envio.definirErros({ confirmacao: "As senhas não conferem" });
    if (await envio.enviar(() => confirmarRecuperacao(token, senha))) aoConcluir();
  }

  return (
    <form className="formulario" onSubmit={enviar} noValidate aria-label="Definir nova senha">
      {envio.erro && <Alerta tipo="erro">{envio.erro}</Alerta>}
      <CampoSenha
        rotulo="Nova senha"
        name="nova_senha"
        autoComplete="new-password"
        dica="Pelo menos 8 caracteres; evite senhas comuns."
        value={senha}
        onChange={(e) => setSenha(e.target.value)}
        erro={envio.erros.nova_senha}
        required
      />
      <CampoSenha
        rotulo="Repita a nova senha"
        name="confirmacao"
        autoComplete="new-password"
        value={confirmacao}
        onChange={(e) => setConfirmacao(e.target.value)}
        erro={envio.erros.confirmacao}
        required
      />
      <Botao type="submit" largo carregando={envio.enviando}>
        Salvar nova senha
      </Botao>
    </form>
  );
}
